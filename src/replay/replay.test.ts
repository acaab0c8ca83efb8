import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTarget } from '../targets/index.js';
import { classify, countStatuses, replaySuite } from './replay.js';
import { parseSuite } from './suite.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = join(root, 'dist', 'bin', 'quiver.js');
const work = mkdtempSync(join(tmpdir(), 'quiver-replay-'));

const header = {
  type: 'quiver-suite',
  schemaVersion: 1,
  source: {
    campaign: 'c',
    campaignId: 'x',
    model: 'local:wink',
    targetOptions: {},
    seed: 42,
    date: 'd',
    dataset: { path: 'p', sha256: 's' },
    quiverVersion: '0.1.0',
  },
  cases: { adversarial: 2, controls: 2 },
};
const line = (kind: string, id: string, text: string, expected: string) => ({
  type: 'case',
  kind,
  id,
  index: 0,
  text,
  original: text,
  expected,
  recorded: '',
  edits: [],
  flipDistance: null,
  stability: null,
});
// What local:wink answers on each text is the point: a typo it still trips on, the fixed original, a control it
// keeps, and a control whose expected label it does not give (a regression).
const cases = [
  line('adversarial', 'a1', 'Lovfed every minute.', 'positive'),
  line('adversarial', 'a2', 'Loved every minute.', 'positive'),
  line('control', 'c1', 'Great phone, highly recommended.', 'positive'),
  line('control', 'c2', 'Terrible service, never again.', 'positive'),
];
const suiteText = `${[header, ...cases].map((x) => JSON.stringify(x)).join('\n')}\n`;
const suitePath = join(work, 'suite.jsonl');
writeFileSync(suitePath, suiteText);

function quiver(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: work, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('classify: adversarial cases are still-failing or fixed, controls passed or regressed', () => {
  assert.equal(classify({ kind: 'adversarial', expected: 'positive' }, 'negative'), 'still-failing');
  assert.equal(classify({ kind: 'adversarial', expected: 'positive' }, 'positive'), 'fixed');
  assert.equal(classify({ kind: 'control', expected: 'positive' }, 'positive'), 'passed');
  assert.equal(classify({ kind: 'control', expected: 'positive' }, 'negative'), 'regressed');
  assert.deepEqual(countStatuses([{ status: 'fixed' }, { status: 'fixed' }, { status: 'regressed' }]), {
    'still-failing': 0,
    fixed: 2,
    passed: 0,
    regressed: 1,
  });
});

test('replaySuite: real local:wink, batched, in suite order', async () => {
  const suite = parseSuite('suite.jsonl', suiteText);
  const wink = await createTarget('local:wink');
  let calls = 0;
  const counting = {
    ...wink,
    id: wink.id,
    labels: wink.labels,
    predict: (t: readonly string[]) => {
      calls++;
      return wink.predict(t);
    },
  };
  const r = await replaySuite(suite.cases, counting, 3);
  assert.deepEqual(
    r.cases.map((x) => [x.case.id, x.status, x.label]),
    [
      ['a1', 'still-failing', 'negative'],
      ['a2', 'fixed', 'positive'],
      ['c1', 'passed', 'positive'],
      ['c2', 'regressed', 'negative'],
    ],
  );
  assert.equal(calls, 2, 'batches of 3 for 4 cases');
  assert.deepEqual(r.counts, { 'still-failing': 1, fixed: 1, passed: 1, regressed: 1 });
  await assert.rejects(
    replaySuite([{ ...suite.cases[0]!, expected: 'neutral' }], wink),
    /expects label\(s\) "neutral" that local:wink never returns/,
  );
});

test('parseSuite: refuses a missing header, a newer schema, bad fields and duplicates, naming the line', () => {
  assert.throws(
    () => parseSuite('s', `${JSON.stringify(cases[0])}\n`),
    /s:1: field "type": the first line must be a Quiver suite header/,
  );
  assert.throws(
    () => parseSuite('s', JSON.stringify({ ...header, schemaVersion: 2 })),
    /s:1: field "schemaVersion": suite schema 2 is newer/,
  );
  assert.throws(
    () => parseSuite('s', `${JSON.stringify(header)}\n${JSON.stringify({ ...cases[0], kind: 'other' })}`),
    /s:2: field "kind"/,
  );
  assert.throws(
    () => parseSuite('s', `${JSON.stringify(header)}\n${JSON.stringify({ ...cases[0], expected: 3 })}`),
    /s:2: field "expected"/,
  );
  assert.throws(
    () => parseSuite('s', `${JSON.stringify(header)}\n${JSON.stringify(cases[0])}\n\n${JSON.stringify(cases[0])}`),
    /s:4: field "id": duplicate adversarial case "a1"/,
  );
  assert.throws(() => parseSuite('s', `${JSON.stringify(header)}\n{oops`), /s:2: field "\(line\)": not JSON/);
  assert.throws(() => parseSuite('s', ''), /empty suite/);
});

test('quiver replay: the gate exits 1 over --max-regressions, 0 within it, and writes JUnit', {
  skip: !existsSync(cli) && 'run npm run build first',
}, () => {
  const fail = quiver('replay', suitePath, '--target', 'local:wink', '--junit', join(work, 'out', 'replay.xml'));
  assert.equal(fail.code, 1, fail.stderr);
  assert.match(fail.stdout, /still-failing\s+1\n\s+fixed\s+1\n\s+control\s+passed\s+1\n\s+regressed\s+1/);
  assert.match(fail.stdout, /c2\s+regressed\s+positive -> negative\s+Terrible service, never again\./);
  assert.match(fail.stdout, /Regressions: 1 \(allowed 0\) -> FAIL/);
  const xml = readFileSync(join(work, 'out', 'replay.xml'), 'utf8');
  assert.match(xml, /<testsuites name="quiver replay [^"]*" tests="4" failures="1" errors="0" skipped="1"/);
  assert.match(xml, /<failure message="expected positive, got negative" type="regressed">/);
  const pass = quiver('replay', suitePath, '--target', 'local:wink', '--max-regressions', '1', '--json');
  assert.equal(pass.code, 0, pass.stderr);
  const json = JSON.parse(pass.stdout);
  assert.equal(json.passed, true);
  assert.deepEqual(json.counts, { 'still-failing': 1, fixed: 1, passed: 1, regressed: 1 });
  assert.deepEqual(
    json.cases.map((x: { status: string }) => x.status),
    ['still-failing', 'fixed', 'passed', 'regressed'],
  );
});

test('quiver replay: usage, suite and label errors exit 2', {
  skip: !existsSync(cli) && 'run npm run build first',
}, () => {
  const missing = quiver('replay', join(work, 'none.jsonl'), '--target', 'local:wink');
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /cannot read suite/);
  assert.equal(quiver('replay', suitePath).code, 2, '--target is required');
  assert.equal(quiver('replay', suitePath, '--target', 'local:nope').code, 2);
  assert.equal(quiver('replay', suitePath, '--target', 'local:wink', '--max-regressions', '-1').code, 2);
  const newer = join(work, 'newer.jsonl');
  writeFileSync(newer, `${JSON.stringify({ ...header, schemaVersion: 99 })}\n`);
  const r = quiver('replay', newer, '--target', 'local:wink');
  assert.equal(r.code, 2);
  assert.match(
    r.stderr,
    /newer\.jsonl:1: field "schemaVersion": suite schema 99 is newer than this Quiver reads \(1\)/,
  );
  const labels = join(work, 'labels.jsonl');
  writeFileSync(labels, [header, { ...cases[0], expected: 'neutral' }].map((x) => JSON.stringify(x)).join('\n'));
  const l = quiver('replay', labels, '--target', 'local:vader');
  assert.equal(l.code, 2);
  assert.match(l.stderr, /"neutral" that local:vader never returns/);
});
