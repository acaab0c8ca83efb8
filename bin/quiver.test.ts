/**
 * End-to-end tests of the shipped CLI (compiled JS in dist/, as `npx quiver` runs it) against the real bundled
 * models. Flips are re-checked here with an independent instance of the same model.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ResultRecord } from '../src/contracts/record.js';
import { levenshtein } from '../src/constraints/char-budget.js';
import { perturbBudget } from '../src/constraints/index.js';
import { createTarget } from '../src/targets/index.js';
import { sharedDataset } from '../src/testing/cli.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'dist', 'bin', 'quiver.js');
const work = mkdtempSync(join(tmpdir(), 'quiver-cli-'));

function quiver(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: work, encoding: 'utf8', timeout: 300_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function results(dir: string): ResultRecord[] {
  return readFileSync(join(dir, 'results.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as ResultRecord);
}

function withoutTiming(records: ResultRecord[]) {
  return records.map(({ elapsedMs: _elapsed, ...rest }) => rest);
}

test('quiver run: the demo campaign finds verified, minimal flips and writes the campaign folder', async () => {
  const out = join(work, 'demo');
  const r = quiver('run', '--limit', '20', '--out', out, '--workers', '2');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /Quiver campaign summary/);
  assert.match(r.stdout, /Attack success rate/);
  const recs = results(out);
  assert.equal(recs.length, 20);
  assert.deepEqual(
    recs.map((x) => x.index),
    [...Array(20).keys()],
    'dataset order',
  );
  const flips = recs.filter((x) => x.status === 'succeeded');
  assert.ok(flips.length >= 3, `only ${flips.length} flips`);
  const wink = await createTarget('local:wink');
  const again = await wink.predict(flips.map((f) => f.adversarial!.text));
  flips.forEach((f, i) => {
    assert.equal(f.type, 'result');
    assert.equal(f.schemaVersion, 2);
    assert.match(f.campaignId!, /^[0-9a-f]{16}$/);
    assert.deepEqual(f.validity, {
      checks: [
        'one-edit-per-word',
        'max-perturb-ratio',
        'stopwords',
        'typo-density',
        'article-agreement',
        'pos-consistency',
        'typo-not-a-word',
        'synonym-no-antonyms',
        'synonym-sense-share',
        'synonym-fixed-expressions',
        'synonym-not-by-names',
        'synonym-no-derivations',
        'synonym-word-sense',
        'synonym-word-form',
        'synonym-min-cosine',
        'synonym-context-fit',
        'reorder-grammatical',
        'rare-word-adverb-slots',
        'verified',
      ],
    });
    assert.notEqual(f.adversarial!.label, f.groundTruth);
    assert.equal(again[i]!.label, f.adversarial!.label, `flip does not reproduce: ${f.adversarial!.text}`);
    assert.equal(f.flipDistance, f.edits.length);
    assert.ok(f.flipDistance! >= 1);
    // The budget rounds up (3 edits of an 11-word text is 0.27), as TextAttack's MaxModificationRate does.
    assert.ok(
      f.perturbedWordRatio! > 0 && f.perturbedWordRatio! * f.wordCount <= perturbBudget(0.25, f.wordCount) + 1e-9,
    );
    assert.ok(f.uniqueQueries <= f.queries);
    assert.equal(f.minimal, true);
  });
  for (const x of recs) {
    if (x.status !== 'skipped' && x.status !== 'errored') assert.equal(typeof x.stability, 'number');
  }
  const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
  assert.equal(summary.examples, 20);
  assert.equal(summary.succeeded, flips.length);
  assert.equal(typeof summary.stabilityScore.mean, 'number');
  assert.equal(summary.stabilityScore.ci95.length, 2);
  const campaign = JSON.parse(readFileSync(join(out, 'campaign.json'), 'utf8'));
  assert.equal(campaign.attack.seed, 42);
  assert.equal(campaign.attack.target, 'local:wink');
  assert.match(campaign.dataset.sha256, /^[0-9a-f]{64}$/);
  assert.equal(typeof campaign.packages['wink-nlp'], 'string');
});

test('quiver run: same seed, same results with 1 and 2 workers; another seed differs', () => {
  const args = ['run', '--limit', '12', '--search', 'greedy-wir', '--target', 'local:vader'];
  const a = quiver(...args, '--workers', '1', '--out', join(work, 'w1'));
  const b = quiver(...args, '--workers', '2', '--out', join(work, 'w2'));
  const c = quiver(...args, '--workers', '2', '--seed', '7', '--out', join(work, 'w3'));
  for (const r of [a, b, c]) assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(withoutTiming(results(join(work, 'w1'))), withoutTiming(results(join(work, 'w2'))));
  assert.notDeepEqual(withoutTiming(results(join(work, 'w1'))), withoutTiming(results(join(work, 'w3'))));
});

test('quiver run --json prints summary.json on stdout', () => {
  const out = join(work, 'json');
  const r = quiver(
    'run',
    '--limit',
    '3',
    '--target',
    'local:afinn',
    '--json',
    '--out',
    out,
    '--stability-samples',
    '5',
  );
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')));
});

test('quiver run on a public benchmark with local:vader', () => {
  const sst2 = sharedDataset('sst2-dev.jsonl');
  const out = join(work, 'sst2');
  const r = quiver('run', '--dataset', sst2, '--target', 'local:vader', '--limit', '15', '--out', out);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(results(out).length, 15);
});

test('bad dataset lines: exit 2, the message names file, line and field, nothing is written', () => {
  const data = join(work, 'bad.jsonl');
  writeFileSync(data, '{"text":"fine film","label":"positive"}\n{"text":"awful","label":"neutral"}\n');
  const out = join(work, 'bad-out');
  const r = quiver('run', '--dataset', data, '--out', out);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /bad\.jsonl:2: field "label": "neutral" is not a label of the target/);
  assert.equal(existsSync(out), false);
  writeFileSync(data, '{"text":"fine film","label":"positive"}\n{"txt":"awful","label":"negative"}\n');
  const r2 = quiver('run', '--dataset', data, '--out', out);
  assert.equal(r2.code, 2);
  assert.match(r2.stderr, /bad\.jsonl:2: field "text": missing/);
});

test('numeric labels: a hint at --label-map, which maps them (JSONL, CSV); a missing field names the fields', () => {
  const jsonl = join(work, 'numeric.jsonl');
  writeFileSync(
    jsonl,
    `${['{"sentence":"a fine, lovely film","label":1}', '{"sentence":"a dull, awful mess","label":0}'].join('\n')}\n`,
  );
  const r = quiver('run', '--dataset', jsonl, '--out', join(work, 'numeric-no'));
  assert.equal(r.code, 2);
  assert.match(
    r.stderr,
    /numeric\.jsonl:1: field "text": missing \(the line has "sentence", "label"; name the field with --text-field\)/,
  );
  const r2 = quiver('run', '--dataset', jsonl, '--text-field', 'sentence', '--out', join(work, 'numeric-no'));
  assert.equal(r2.code, 2);
  assert.match(
    r2.stderr,
    new RegExp(
      String.raw`numeric\.jsonl:1: field "label": must be a string; map numbers to labels with --label-map, ` +
        'e.g. 0=negative,1=positive',
    ),
  );
  const out = join(work, 'numeric');
  const ok = quiver(
    'run',
    '--dataset',
    jsonl,
    '--text-field',
    'sentence',
    '--label-map',
    '0=negative,1=positive',
    '--out',
    out,
  );
  assert.equal(ok.code, 0, ok.stderr);
  assert.deepEqual(
    results(out).map((x) => x.groundTruth),
    ['positive', 'negative'],
  );
  assert.deepEqual(JSON.parse(readFileSync(join(out, 'campaign.json'), 'utf8')).dataset.labelMap, {
    0: 'negative',
    1: 'positive',
  });
  const conflict = quiver('run', '--resume', out, '--label-map', '0=positive,1=negative');
  assert.equal(conflict.code, 2);
  assert.match(conflict.stderr, /--label-map conflicts with the campaign/);
  const csv = join(work, 'numeric.csv');
  writeFileSync(csv, 'text,label\n"a fine, lovely film",1\n');
  const c = quiver('run', '--dataset', csv, '--label-map', '0=negative,1=positive', '--out', join(work, 'numeric-csv'));
  assert.equal(c.code, 0, c.stderr);
  assert.equal(results(join(work, 'numeric-csv'))[0]!.groundTruth, 'positive');
  const bad = quiver('run', '--dataset', csv, '--label-map', '0:negative', '--out', join(work, 'never'));
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--label-map takes FROM=TO pairs/);
});

test('unknown names and bad values: exit 2 with the valid choices', () => {
  const cases: [string[], RegExp][] = [
    [['--search', 'nope'], /unknown search "nope"; valid searches: abs, greedy-wir/],
    [['--perturb', 'typo,nope'], /unknown perturbation "nope"; valid perturbations: typo, synonym, reorder, rare-word/],
    [['--target', 'local:nope'], /unknown target "local:nope".*local:wink/],
    [['--target', 'gpt-4o-mini'], /unknown target "gpt-4o-mini"; valid targets: .*openai:<model>/],
    [['--dataset', tmpdir()], /dataset .* is a directory, not a file/],
    [['--workers', 'two'], /--workers must be a whole number/],
    [['--max-perturb-ratio', '2'], /--max-perturb-ratio must be a number in \(0, 1\]/],
    [['--protect', '(unclosed'], /--protect .* is not a valid regular expression/],
    [['--target-label', 'neutral'], /--target-label "neutral" is not a label/],
    [['--bogus'], /unknown option '--bogus'/],
    [['--perturb-options', '{typo'], /--perturb-options must be a JSON object/],
    [['--perturb-options', '{"append":{}}'], /--perturb-options names "append", which is not in --perturb/],
    [['--perturb-options', '{"typo":{"bogus":1}}'], /typo.*bogus/],
    [['--train', 'x.jsonl'], /--train only apply to the local:nb target, not local:wink/],
    [['--target', 'local:nb'], /local:nb needs --train FILE/],
    [
      ['--constraint', 'nope'],
      /unknown constraint "nope"; valid constraints: protect, char-budget, embedding-cosine, pos-consistency/,
    ],
    [['--constraint', 'char-budget={"maxPerEdit":-1}'], /char-budget: maxPerEdit must be a number >= 0/],
  ];
  for (const [args, re] of cases) {
    const r = quiver('run', ...args, '--out', join(work, 'never'));
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, re);
  }
  assert.equal(existsSync(join(work, 'never')), false);
});

test('module:<path> targets run inside the workers; --protect keeps words intact', () => {
  const mod = join(work, 'model.mjs');
  writeFileSync(
    mod,
    `
export const labels = ['negative', 'positive'];
const lex = { good: 1, great: 2, excellent: 2, bad: -1, awful: -2 };
export async function predict(texts) {
  return texts.map((t) => {
    let s = -0.5;
    for (const w of t.toLowerCase().match(/[a-z]+/g) ?? []) s += lex[w] ?? 0;
    const p = 1 / (1 + Math.exp(-2 * s));
    return { label: p >= 0.5 ? 'positive' : 'negative', scores: { negative: 1 - p, positive: p } };
  });
}`,
  );
  const data = join(work, 'mod.jsonl');
  writeFileSync(
    data,
    `${[
      '{"id":"a","text":"A good film with a great cast.","label":"positive"}',
      '{"id":"b","text":"The plot was good.","label":"positive"}',
    ].join('\n')}\n`,
  );
  const out = join(work, 'mod-out');
  const base = ['run', '--target', `module:${mod}`, '--dataset', data, '--max-perturb-ratio', '0.5'];
  const free = quiver(...base, '--out', join(work, 'mod-free'));
  assert.equal(free.code, 0, free.stderr);
  assert.equal(results(join(work, 'mod-free')).find((x) => x.id === 'a')!.status, 'succeeded');
  const r = quiver(...base, '--out', out, '--protect', 'great');
  assert.equal(r.code, 0, r.stderr);
  const recs = results(out);
  assert.equal(recs.length, 2);
  // "b" flips by a typo in "good"; "a" could only flip by touching the protected "great", so it must stay robust.
  assert.equal(recs.find((x) => x.id === 'b')!.status, 'succeeded', JSON.stringify(recs));
  assert.equal(recs.find((x) => x.id === 'a')!.status, 'failed', JSON.stringify(recs));
});

test('per-family options and opt-in constraints reach the workers', () => {
  // The same campaign with and without char-budget maxPerEdit 1: without it some edits are further than one
  // character (synonyms, textbugger's homoglyph-free variants), with it none is, so the constraint really ran.
  const run = (name: string, ...extra: string[]) => {
    const out = join(work, name);
    const r = quiver(
      'run',
      '--limit',
      '12',
      '--perturb',
      'typo,synonym',
      '--perturb-options',
      '{"typo":{"preset":"textbugger"}}',
      ...extra,
      '--out',
      out,
    );
    assert.equal(r.code, 0, r.stderr);
    return out;
  };
  const free = results(run('options-free')).flatMap((x) => x.edits);
  assert.ok(
    free.some((e) => levenshtein(e.from, e.to) > 1),
    'without the constraint some edit is more than one character',
  );
  const out = run('options', '--constraint', 'char-budget={"maxPerEdit":1}', '--no-pos-consistency');
  const edits = results(out).flatMap((x) => x.edits);
  assert.ok(edits.length > 0);
  for (const e of edits) assert.ok(levenshtein(e.from, e.to) <= 1, `${e.family}: ${e.from} -> ${e.to}`);
  const campaign = JSON.parse(readFileSync(join(out, 'campaign.json'), 'utf8'));
  assert.deepEqual(campaign.attack.perturbations, [
    { name: 'typo', options: { preset: 'textbugger' } },
    { name: 'synonym', options: {} },
  ]);
  assert.deepEqual(campaign.attack.constraints, [{ name: 'char-budget', options: { maxPerEdit: 1 } }]);
  // The default pos-consistency constraint is turned off only on request, and that is recorded.
  assert.equal(campaign.attack.posConsistency, false);
  assert.equal(JSON.parse(readFileSync(join(work, 'demo', 'campaign.json'), 'utf8')).attack.posConsistency, undefined);
});

test('local:nb trains from --train and attacks a 3-class dataset', () => {
  const fpb = sharedDataset('financial-phrasebank-allagree.jsonl');
  const out = join(work, 'nb');
  const r = quiver(
    'run',
    '--target',
    'local:nb',
    '--train',
    fpb,
    '--dataset',
    fpb,
    '--limit',
    '12',
    '--out',
    out,
    '--json',
  );
  assert.equal(r.code, 0, r.stderr);
  const recs = results(out);
  assert.equal(recs.length, 12);
  assert.ok(
    recs.some((x) => x.groundTruth === 'neutral'),
    'three labels',
  );
  const campaign = JSON.parse(readFileSync(join(out, 'campaign.json'), 'utf8'));
  assert.equal(campaign.attack.targetOptions.train, fpb);
});

test('a reader that stops early (quiver recipes | head -1) is not an error', () => {
  const r = spawnSync('sh', ['-c', `"${process.execPath}" "${cli}" recipes | head -1`], { encoding: 'utf8' });
  assert.equal(r.status, 0);
  assert.equal(r.stderr, '');
  assert.equal(r.stdout.trim().split('\n').length, 1);
});

test('quiver --version prints the package version', () => {
  const r = quiver('--version');
  assert.equal(r.code, 0);
  assert.equal(r.stdout.trim(), JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version);
});

test('quiver serve on a port already in use: exit 2 naming the port, with a hint', async () => {
  const busy = createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', () => resolve()));
  const port = (busy.address() as AddressInfo).port;
  try {
    const r = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [cli, 'serve', '--port', String(port)], {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('exit', (code) => resolve({ code, stderr }));
    });
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, new RegExp(`port ${port} on 127\\.0\\.0\\.1 is already in use; pick another with --port N`));
  } finally {
    busy.close();
  }
});

test('quiver --help and run --help', () => {
  const r = quiver('--help');
  assert.equal(r.code, 0);
  assert.match(r.stdout, /run \[options\]/);
  const h = quiver('run', '--help');
  assert.equal(h.code, 0);
  assert.match(h.stdout, /--max-perturb-ratio/);
});

test('quiver --help loads only the command definitions: no natural, no bundled tasks, no models', () => {
  // Every module the process loads, recorded by a loader hook: start-up time is mostly per-module loading.
  const hooks = join(work, 'record-loads.mjs');
  writeFileSync(
    hooks,
    'export async function load(url, context, next) {\n' +
      "  process._rawDebug('LOADED ' + url);\n" +
      '  return next(url, context);\n' +
      '}\n',
  );
  const register = join(work, 'register-loads.mjs');
  writeFileSync(register, `import { register } from 'node:module'; register(${JSON.stringify(`file://${hooks}`)});\n`);
  const r = spawnSync(process.execPath, ['--import', register, cli, '--help'], { cwd: work, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const loaded = r.stderr.split('\n').filter((l) => l.startsWith('LOADED '));
  assert.ok(loaded.some((l) => l.includes('/commands/run.js')));
  const heavy = loaded.filter((l) =>
    /node_modules\/(natural|wink|onnxruntime|openai|piscina)|\/(tasks|nlp|search)\//.test(l),
  );
  assert.deepEqual(heavy, []);
});

test('poison pills: over-long texts refused (or skipped); a slow example stops at --example-timeout; resume', () => {
  const mod = join(work, 'slow-model.mjs');
  // 20 ms of CPU per call: any search needs far more than 100 ms.
  writeFileSync(
    mod,
    `
export const labels = ['negative', 'positive'];
export async function predict(texts) {
  const end = Date.now() + 20;
  while (Date.now() < end);
  return texts.map((t) =>
    /good/.test(t)
      ? { label: 'positive', scores: { negative: 0.2, positive: 0.8 } }
      : { label: 'negative', scores: { negative: 0.8, positive: 0.2 } },
  );
}`,
  );
  const data = join(work, 'pills.jsonl');
  const lines = [
    { text: 'A good film with a good cast and a good plot.', label: 'positive' },
    { text: 'x'.repeat(5_000_000), label: 'positive' },
    { text: 'word '.repeat(1_001), label: 'positive' },
  ];
  writeFileSync(data, `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
  const out = join(work, 'pills-out');
  const base = [
    'run',
    '--target',
    `module:${mod}`,
    '--dataset',
    data,
    '--out',
    out,
    '--workers',
    '1',
    '--stability-samples',
    '0',
  ];
  const refused = quiver(...base);
  assert.equal(refused.code, 2, refused.stderr);
  assert.match(refused.stderr, /pills\.jsonl:2: field "text": has 5000000 characters, more than --max-chars 20000/);
  assert.equal(existsSync(out), false);
  const r = quiver(...base, '--skip-invalid', '--example-timeout', '0.1');
  assert.equal(r.code, 0, r.stderr);
  const [rec] = results(out);
  assert.equal(rec!.status, 'failed');
  assert.equal(rec!.reason, 'time-limit');
  const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
  assert.equal(summary.invalidLines, 2);
  assert.equal(summary.timeLimited, 1);
  const campaign = JSON.parse(readFileSync(join(out, 'campaign.json'), 'utf8'));
  assert.equal(campaign.attack.exampleTimeoutMs, 100);
  assert.deepEqual([campaign.dataset.maxWords, campaign.dataset.maxChars], [1000, 20000]);
  const resumed = quiver('run', '--resume', out);
  assert.equal(resumed.code, 0, resumed.stderr);
  assert.equal(results(out).length, 1);
  const conflict = quiver('run', '--resume', out, '--example-timeout', '10');
  assert.equal(conflict.code, 2);
  assert.match(conflict.stderr, /--example-timeout conflicts with the campaign/);
});

test('an edited campaign.json is checked on --resume: exit 2 naming the file and the field', () => {
  const out = join(work, 'edited');
  const r = quiver('run', '--limit', '1', '--stability-samples', '0', '--out', out);
  assert.equal(r.code, 0, r.stderr);
  const file = join(out, 'campaign.json');
  const campaign = JSON.parse(readFileSync(file, 'utf8'));
  const cases: [unknown, RegExp][] = [
    [
      { ...campaign, limit: 'abc' },
      /campaign\.json: field "limit" must be a whole number >= 1 or null \(as --limit\), got "abc"/,
    ],
    [
      { ...campaign, attack: { ...campaign.attack, seed: 'abc' } },
      /campaign\.json: field "attack\.seed" must be a whole number >= 0/,
    ],
    [{}, /campaign\.json: field "type" must be "campaign"/],
    [{ ...campaign, attack: null }, /campaign\.json: field "attack" must be a JSON object, got null/],
    [
      { ...campaign, attack: { ...campaign.attack, search: { name: 'nope', options: {} } } },
      /campaign\.json: unknown search "nope"/,
    ],
  ];
  for (const [content, re] of cases) {
    writeFileSync(file, JSON.stringify(content));
    const e = quiver('run', '--resume', out);
    assert.equal(e.code, 2, e.stderr);
    assert.match(e.stderr, re);
    assert.doesNotMatch(e.stderr, /unexpected error/);
  }
});
