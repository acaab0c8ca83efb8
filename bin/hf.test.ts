/**
 * End-to-end tests of `hf:<dir>` and `local:nn` through the compiled CLI (dist/, as `npx quiver` runs it): campaigns
 * in worker threads, replay, and the checks that stop a bad model folder before anything is written.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ResultRecord } from '../src/contracts/record.js';
import { BUNDLED_NN_DIR } from '../src/targets/hf/bundled.js';
import { createTarget } from '../src/targets/index.js';
import { quiverSync } from '../src/testing/cli.js';

const work = mkdtempSync(join(tmpdir(), 'quiver-hf-cli-'));
const quiver = (...args: string[]) => quiverSync(work, ...args);
const results = (dir: string): ResultRecord[] =>
  readFileSync(join(dir, 'results.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as ResultRecord);

function modelCopy(name: string, edit: (dir: string) => void = () => {}): string {
  const dir = join(work, name);
  cpSync(BUNDLED_NN_DIR, dir, { recursive: true });
  edit(dir);
  return dir;
}

test('quiver run --target local:nn finds verified flips in 2 worker threads; they reproduce afresh', async () => {
  const out = join(work, 'nn');
  const r = quiver('run', '--target', 'local:nn', '--limit', '10', '--out', out, '--workers', '2');
  assert.equal(r.code, 0, r.stderr);
  const recs = results(out);
  assert.equal(recs.length, 10);
  const flips = recs.filter((x) => x.status === 'succeeded');
  assert.ok(flips.length >= 2, `only ${flips.length} flips: ${recs.map((x) => x.status).join(', ')}`);
  const nn = await createTarget('local:nn');
  const again = await nn.predict(flips.map((f) => f.adversarial!.text));
  flips.forEach((f, i) => {
    assert.notEqual(f.adversarial!.label, f.groundTruth);
    assert.equal(again[i]!.label, f.adversarial!.label, `flip does not reproduce: ${f.adversarial!.text}`);
  });
  await nn.close?.();
  const campaign = JSON.parse(readFileSync(join(out, 'campaign.json'), 'utf8')) as { packages: Record<string, string> };
  assert.match(campaign.packages['onnxruntime-node']!, /^\d+\.\d+\.\d+$/);
});

test('quiver run --target hf:<dir> with --batch-size, then quiver replay of its suite against hf:<dir>', () => {
  const dir = modelCopy('user-model');
  const out = join(work, 'hf');
  const r = quiver(
    'run',
    '--target',
    `hf:${dir}`,
    '--limit',
    '6',
    '--out',
    out,
    '--workers',
    '1',
    '--batch-size',
    '8',
    '--threads',
    '1',
  );
  assert.equal(r.code, 0, r.stderr);
  assert.ok(
    results(out).some((x) => x.status === 'succeeded'),
    'no flip',
  );
  const suite = join(work, 'suite.jsonl');
  assert.equal(quiver('export', out, '--format', 'jsonl', '--out', suite, '--controls').code, 0);
  const replay = quiver('replay', suite, '--target', `hf:${dir}`, '--json');
  assert.ok(replay.code === 0 || replay.code === 1, replay.stderr);
  const parsed = JSON.parse(replay.stdout) as Record<string, unknown>;
  assert.ok(parsed !== null && typeof parsed === 'object');
  // The same model replays its own flips as still failing: nothing regressed, nothing fixed.
  assert.doesNotMatch(replay.stderr, /error/i);
  assert.equal(quiver('replay', suite, '--target', `hf:${join(work, 'nowhere')}`).code, 2);
});

test('bad model folders and labels: exit 2 naming the file and what is missing, nothing written', () => {
  const cases: [string, (dir: string) => void, RegExp][] = [
    ['no-config', (d) => rmSync(join(d, 'config.json')), /no-config\/config\.json: missing/],
    [
      'no-id2label',
      (d) => writeFileSync(join(d, 'config.json'), '{"model_type": "distilbert"}'),
      /no-id2label\/config\.json: no "id2label"/,
    ],
    ['no-tokenizer', (d) => rmSync(join(d, 'tokenizer.json')), /no-tokenizer\/tokenizer\.json: missing/],
    ['no-onnx', (d) => rmSync(join(d, 'onnx'), { recursive: true }), /no-onnx: no ONNX model/],
    [
      'bad-onnx',
      (d) => writeFileSync(join(d, 'onnx', 'model.onnx'), 'garbage'),
      /bad-onnx\/onnx\/model\.onnx: onnxruntime cannot load it/,
    ],
  ];
  for (const [name, edit, message] of cases) {
    const out = join(work, `out-${name}`);
    const r = quiver('run', '--target', `hf:${modelCopy(name, edit)}`, '--limit', '2', '--out', out);
    assert.equal(r.code, 2, `${name}: ${r.stderr}`);
    assert.match(r.stderr, message);
    assert.equal(existsSync(out), false, `${name}: ${out} was written`);
  }
  // A model whose labels the dataset does not use (a Hugging Face export's upper-case names), then mapped.
  const upper = modelCopy('upper', (d) =>
    writeFileSync(join(d, 'config.json'), JSON.stringify({ id2label: { 0: 'NEGATIVE', 1: 'POSITIVE' } })),
  );
  const out = join(work, 'out-upper');
  const r = quiver('run', '--target', `hf:${upper}`, '--limit', '2', '--out', out);
  assert.equal(r.code, 2, r.stderr);
  assert.match(
    r.stderr,
    new RegExp(
      String.raw`reviews\.jsonl:1: field "label": "(positive|negative)" is not a label of the target \(its ` +
        String.raw`labels: NEGATIVE, POSITIVE\); map it with --label-map (positive=POSITIVE|negative=NEGATIVE)`,
    ),
  );
  assert.equal(existsSync(out), false);
  const mapped = quiver(
    'run',
    '--target',
    `hf:${upper}`,
    '--limit',
    '2',
    '--out',
    out,
    '--label-map',
    'negative=NEGATIVE,positive=POSITIVE',
  );
  assert.equal(mapped.code, 0, mapped.stderr);
  assert.equal(
    quiver('run', '--target', 'local:wink', '--batch-size', '4', '--limit', '1', '--out', join(work, 'x')).code,
    2,
  );
});
