import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { addTableOptions } from '../cli/commander-options.js';
import { ConfigError } from '../core/errors.js';
import { text } from './parsers.js';
import { defineOptions } from './table.js';
import { targetOptionsOf, targetOptionTable } from './target.js';

const dir = mkdtempSync(join(tmpdir(), 'quiver-flags-'));

const table = defineOptions({ target: { arg: 'spec', type: text, description: '' }, ...targetOptionTable });

/** The target options of a command line, parsed as `quiver run` parses it. */
function options(...args: string[]): Record<string, unknown> {
  const cmd = new Command('run').exitOverride().configureOutput({ writeErr: () => {} });
  const given = addTableOptions(cmd, table);
  cmd.parse(args, { from: 'user' });
  const o = given();
  return targetOptionsOf(o.target ?? 'local:wink', o);
}

test('target flags: files are read into the options, the key stays a variable name, the endpoint is resolved', () => {
  writeFileSync(join(dir, 'prompt.txt'), 'Is this spam? {{labels}}\nText: {{input}}');
  writeFileSync(join(dir, 'system.txt'), 'You are a spam filter.');
  writeFileSync(join(dir, 'prices.json'), JSON.stringify({ 'gpt-x': { in: 0.15, out: 0.6 } }));
  process.env.QUIVER_FLAGS_TEST_KEY = 'sk-flags-test-SECRET-987654321';
  const o = options(
    '--target',
    'openai:gpt-x',
    '--base-url',
    'http://127.0.0.1:1234/v1',
    '--api-key-env',
    'QUIVER_FLAGS_TEST_KEY',
    '--prompt',
    join(dir, 'prompt.txt'),
    '--system',
    `@${join(dir, 'system.txt')}`,
    '--labels',
    'ham,spam',
    '--answer',
    'json',
    '--temperature',
    '0.7',
    '--llm-seed',
    '5',
    '--concurrency',
    '4',
    '--rpm',
    '500',
    '--tpm',
    '90000',
    '--retries',
    '2',
    '--timeout-ms',
    '5000',
    '--breaker-ms',
    '20000',
    '--cache-dir',
    join(dir, 'cache'),
    '--prices',
    join(dir, 'prices.json'),
    '--price-out',
    '1.2',
  );
  assert.equal(o.prompt, 'Is this spam? {{labels}}\nText: {{input}}');
  assert.equal(o.promptFile, join(dir, 'prompt.txt'));
  assert.equal(o.system, 'You are a spam filter.');
  assert.deepEqual(o.labels, ['ham', 'spam']);
  assert.equal(o.apiKeyEnv, 'QUIVER_FLAGS_TEST_KEY');
  assert.equal(o.baseURL, 'http://127.0.0.1:1234/v1');
  assert.deepEqual(o.price, { inputPerMTok: 0.15, outputPerMTok: 1.2 });
  assert.equal(o.cacheDir, join(dir, 'cache'));
  assert.deepEqual(
    [o.answer, o.temperature, o.seed, o.concurrency, o.rpm, o.tpm, o.retries, o.timeoutMs, o.breakerMs],
    ['json', 0.7, 5, 4, 500, 90000, 2, 5000, 20000],
  );
  assert.ok(!JSON.stringify(o).includes('SECRET'), 'the key itself is never in the options');
});

test('target flags: defaults (OPENAI_BASE_URL only without --base-url), --no-cache, openai flags elsewhere', () => {
  const saved = { base: process.env.OPENAI_BASE_URL, xdg: process.env.XDG_CACHE_HOME };
  try {
    process.env.OPENAI_BASE_URL = 'http://127.0.0.1:9999/v1';
    process.env.XDG_CACHE_HOME = join(dir, 'xdg');
    const d = options('--target', 'openai:m');
    assert.equal(d.baseURL, 'http://127.0.0.1:9999/v1');
    assert.equal(d.cacheDir, join(dir, 'xdg', 'quiver', 'llm'));
    assert.equal(d.answer, 'logprobs');
    assert.equal(d.apiKeyEnv, 'OPENAI_API_KEY');
    assert.equal(
      options('--target', 'openai:m', '--base-url', 'http://127.0.0.1:1/v1').baseURL,
      'http://127.0.0.1:1/v1',
    );
    assert.equal(options('--target', 'openai:m', '--no-cache').cacheDir, null);
    delete process.env.OPENAI_BASE_URL;
    assert.equal(options('--target', 'openai:m').baseURL, 'https://api.openai.com/v1');
  } finally {
    for (const [k, v] of [
      ['OPENAI_BASE_URL', saved.base],
      ['XDG_CACHE_HOME', saved.xdg],
    ] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
  assert.deepEqual(options('--target', 'local:wink'), {});
  assert.throws(
    () => options('--target', 'local:wink', '--base-url', 'http://x/v1', '--no-cache'),
    (e: unknown) =>
      e instanceof ConfigError &&
      e.message === '--base-url, --no-cache apply only to openai:<model> targets, not local:wink',
  );
  assert.throws(
    () => options('--target', 'openai:m', '--prompt', join(dir, 'missing.txt')),
    /--prompt .*missing\.txt: cannot read the file/,
  );
  assert.throws(
    () => options('--target', 'openai:m', '--base-url', 'http://127.0.0.1:1/v1', '--answer', 'logits'),
    /Allowed choices are label, aorta, json, logprobs/,
  );
});
