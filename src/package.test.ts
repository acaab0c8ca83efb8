/**
 * The published package, as a user gets it: `npm pack` the project (dist/ as `npm test` just built it), install the
 * tarball into an empty project without dev dependencies, and use it there: the demo through `npx quiver run`, the
 * API from JavaScript and from TypeScript (type-checked against the shipped declarations), and a `module:` target
 * written in TypeScript. Anything the runtime needs that sat in devDependencies, or a file left out of `files`, fails
 * here. The install reads the default npm cache first (`--prefer-offline`): after `npm ci`, CI needs no network
 * beyond the npm registry.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRecords, repoRoot } from './testing/cli.js';

const NAME = 'quiver-robustness';
const work = mkdtempSync(join(tmpdir(), 'quiver-package-'));
const consumer = join(work, 'consumer');

/**
 * The environment of the npm and node children: this process's, without what `npm test` and node:test set for
 * themselves (npm_* variables would point npm at this project; NODE_TEST_CONTEXT would make a child a subtest).
 * onnxruntime-node's postinstall would download CUDA binaries from outside the npm registry: skipped, as the README
 * tells users to.
 */
const env: NodeJS.ProcessEnv = {
  ...Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) && k !== 'NODE_TEST_CONTEXT' && k !== 'NODE_OPTIONS'),
  ),
  ONNXRUNTIME_NODE_INSTALL: 'skip',
  NO_COLOR: '1',
};

function run(cmd: string, args: readonly string[], cwd = consumer): SpawnSyncReturns<string> {
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', timeout: 300_000 });
  if (r.error !== undefined) throw r.error;
  return r;
}

function ok(r: SpawnSyncReturns<string>, what: string): string {
  assert.equal(r.status, 0, `${what} exited with ${r.status}:\n${r.stdout.slice(-3000)}\n${r.stderr.slice(-3000)}`);
  return r.stdout;
}

let packedFiles: string[] = [];
const timings: Record<string, number> = {};
function timed<T>(name: string, f: () => T): T {
  const started = performance.now();
  try {
    return f();
  } finally {
    timings[name] = Math.round(performance.now() - started);
  }
}

before(() => {
  assert.ok(existsSync(join(repoRoot, 'dist', 'src', 'index.d.ts')), 'dist/ is missing: build first (npm test does)');
  // dist/ is already built: the prepare script (a second build) is not needed.
  const packed = timed('pack', () =>
    ok(run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], repoRoot), 'npm pack'),
  );
  const [info] = JSON.parse(packed) as [{ filename: string; files: { path: string }[] }];
  packedFiles = info.files.map((f) => f.path);
  mkdirSync(consumer);
  writeFileSync(
    join(consumer, 'package.json'),
    `${JSON.stringify({ name: 'consumer', private: true, type: 'module' }, null, 2)}\n`,
  );
  timed('install', () =>
    ok(
      run('npm', [
        'install',
        join(work, info.filename),
        '--omit=dev',
        '--prefer-offline',
        '--no-audit',
        '--no-fund',
        '--loglevel=error',
      ]),
      'npm install',
    ),
  );
});

test('the tarball ships the compiled code, its declarations and the bundled data, and no tests or sources', () => {
  for (const file of [
    'package.json',
    'README.md',
    'dist/bin/quiver.js',
    'dist/src/index.js',
    'dist/src/index.d.ts',
    'dist/src/api/testing.d.ts',
    'dist/src/worker/entry.js',
    'dist/perturbations/index.js',
    'experiments/data/demo-reviews.jsonl',
    'experiments/recipes/pwws-ren-2019.json',
    'src/targets/data/local-nn/onnx/model.onnx',
    'src/targets/data/local-nn/tokenizer.json',
    'src/nlp/data/vectors-wink-sg-100d-50k.bin',
  ]) {
    assert.ok(packedFiles.includes(file), `${file} is not in the tarball`);
  }
  const stray = packedFiles.filter(
    (f) => /\.test\.|\/fixtures\/|\/testing\/|\.map$/.test(f) || (f.endsWith('.ts') && !f.endsWith('.d.ts')),
  );
  assert.deepEqual(stray, []);
  const pkg = JSON.parse(readFileSync(join(consumer, 'node_modules', NAME, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  assert.ok('tsx' in pkg.dependencies, 'tsx loads module: targets written in TypeScript at run time');
  assert.ok(
    !existsSync(join(consumer, 'node_modules', 'typescript')) && !existsSync(join(consumer, 'node_modules', 'vitest')),
    'dev dependencies were installed',
  );
});

test('npx quiver run: the demo campaign runs from the installed package, recording the installed versions', () => {
  const out = timed('demo', () =>
    ok(
      run('npx', [
        '--no-install',
        'quiver',
        'run',
        '--limit',
        '3',
        '--workers',
        '1',
        '--stability-samples',
        '2',
        '--out',
        'runs/demo',
      ]),
      'npx quiver run',
    ),
  );
  assert.match(out, /runs\/demo/);
  assert.equal(readRecords(join(consumer, 'runs', 'demo')).length, 3);
  const config = JSON.parse(readFileSync(join(consumer, 'runs', 'demo', 'campaign.json'), 'utf8')) as {
    packages: Record<string, string>;
  };
  const unknown = Object.entries(config.packages).filter(([, v]) => v === 'unknown');
  assert.deepEqual(unknown, [], 'every result-shaping package version is found beside the installed package');
});

/** A keyword model as a user writes one: "positive" exactly when the text says great or good. */
const keywordModel = `{
  id: 'keyword',
  labels: ['negative', 'positive'],
  async predict(texts) {
    return texts.map((t) =>
      predictionFrom(
        ['negative', 'positive'],
        /\\b(great|good)\\b/.test(t) ? { negative: 0.1, positive: 0.9 } : { negative: 0.7, positive: 0.3 },
      ),
    );
  },
}`;

test('import { runCampaign } from the package in an .mjs file: a campaign, an attack, an assertion, an export', () => {
  writeFileSync(
    join(consumer, 'api.mjs'),
    `import { AssertionError } from 'node:assert';
import { attackExample, exportCampaign, loadCampaign, predictionFrom, runCampaign } from '${NAME}';
import { assertRobust } from '${NAME}/testing';
const model = ${keywordModel};
const dataset = [{ text: 'A great film.', label: 'positive' }, { text: 'A dull film.', label: 'negative' }];
const outcome = await runCampaign({
  target: model, dataset, perturbations: ['typo'], stabilitySamples: 2, out: 'runs/api',
});
const one = await attackExample('local:afinn', 'A good film with a fine cast.', {
  perturbations: ['typo', 'synonym'], stabilitySamples: 2,
});
let failure = null;
try {
  await assertRobust(model, 'A great film.', { perturbations: ['typo'], stabilitySamples: 2 });
} catch (e) {
  failure = e instanceof AssertionError ? e.message : String(e);
}
console.log(JSON.stringify({
  examples: outcome.summary.examples,
  records: loadCampaign('runs/api').records.length,
  suite: exportCampaign('runs/api', 'jsonl').trim().split('\\n').length,
  one: one.status,
  failure,
}));
`,
  );
  const out = JSON.parse(timed('mjs', () => ok(run(process.execPath, ['api.mjs']), 'node api.mjs'))) as Record<
    string,
    unknown
  >;
  assert.equal(out.examples, 2);
  assert.equal(out.records, 2);
  assert.ok(typeof out.suite === 'number' && out.suite >= 2, 'a header line and at least one adversarial case');
  assert.equal(out.one, 'succeeded');
  assert.match(
    String(out.failure),
    /keyword is not robust: 1 edit flips "positive" to "negative"[\s\S]*A \[-great-\]\{\+\w+\+\} film\./,
  );
});

test('from TypeScript: the shipped declarations type-check a user program (and catch a bad option); it runs', () => {
  writeFileSync(
    join(consumer, 'program.ts'),
    `import {
  predictionFrom, runCampaign, attackExample, type CampaignOptions, type ResultRecord, type Target,
} from '${NAME}';
import { assertRobust, type RobustnessOptions } from '${NAME}/testing';
const model: Target = ${keywordModel};
const options: CampaignOptions = {
  target: model,
  dataset: [{ id: 'a', text: 'A great film.', label: 'positive' }],
  perturbations: ['typo'],
  stabilitySamples: 2,
  out: 'runs/ts',
};
const outcome = await runCampaign(options);
const record: ResultRecord = await attackExample(model, 'A good film.', {
  perturbations: ['typo'], stabilitySamples: 2,
});
const robust: RobustnessOptions = { perturbations: ['typo'], minStability: 0 };
const passed = await assertRobust(model, 'A fine film.', robust);
console.log(JSON.stringify({ examples: outcome.summary.examples, status: record.status, robust: passed.status }));
`,
  );
  writeFileSync(
    join(consumer, 'wrong.ts'),
    `import { runCampaign } from '${NAME}';\nawait runCampaign({ seed: 'forty-two' });\n`,
  );
  writeFileSync(
    join(consumer, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        noEmit: true,
        skipLibCheck: false,
        types: ['node'],
        typeRoots: [join(repoRoot, 'node_modules', '@types')],
      },
      files: ['program.ts', 'wrong.ts', 'model.ts'],
    }),
  );
  writeFileSync(join(consumer, 'model.ts'), typedModule);
  const tsc = timed('tsc', () =>
    run(process.execPath, [join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json']),
  );
  const errors = tsc.stdout.split('\n').filter((l) => /error TS/.test(l));
  assert.equal(errors.length, 1, tsc.stdout);
  assert.match(errors[0]!, /^wrong\.ts\(2,\d+\): error TS2322: Type 'string' is not assignable to type 'number'/);
  // tsx, a dependency of the package, runs the program as a user would.
  const out = JSON.parse(
    timed('ts', () => ok(run(process.execPath, ['--import', 'tsx', 'program.ts']), 'node --import tsx program.ts')),
  ) as Record<string, unknown>;
  assert.deepEqual(out, { examples: 1, status: 'succeeded', robust: 'failed' });
});

/** A `module:` target in TypeScript, typed with the package's own Prediction. */
const typedModule = `import type { Prediction } from '${NAME}';
export const labels: string[] = ['negative', 'positive'];
export function predict(texts: string[]): Prediction[] {
  return texts.map((t): Prediction => {
    const p = /\\b(great|good|loved)\\b/i.test(t) ? 0.9 : 0.2;
    return { label: p > 0.5 ? 'positive' : 'negative', scores: { negative: 1 - p, positive: p } };
  });
}
`;

test('npx quiver run --target module:./model.ts: a TS target loads in worker threads without a loader flag', () => {
  writeFileSync(join(consumer, 'model.ts'), typedModule);
  const lines = ['A great film.', 'I loved it.', 'Dull and slow.', 'A good cast, a good plot.'].map((text, i) =>
    JSON.stringify({ id: `r${i}`, text, label: /great|good|loved/i.test(text) ? 'positive' : 'negative' }),
  );
  writeFileSync(join(consumer, 'reviews.jsonl'), `${lines.join('\n')}\n`);
  timed('module', () =>
    ok(
      run('npx', [
        '--no-install',
        'quiver',
        'run',
        '--target',
        'module:./model.ts',
        '--dataset',
        'reviews.jsonl',
        '--workers',
        '2',
        '--stability-samples',
        '2',
        '--out',
        'runs/module',
      ]),
      'quiver run module:',
    ),
  );
  const records = readRecords(join(consumer, 'runs', 'module'));
  assert.equal(records.length, 4);
  assert.deepEqual(
    records.filter((r) => r.status === 'errored'),
    [],
  );
  assert.ok(
    records.some((r) => r.status === 'succeeded'),
    JSON.stringify(records),
  );
});

test('timings', () => {
  // Reported, not asserted: what the steps of this test cost on this machine (see the README).
  process.stdout.write(`# package test timings (ms): ${JSON.stringify(timings)}\n`);
});
