/**
 * @module Runs the real promptfoo CLI (0.115, installed by .ci/run into .ci/promptfoo) in tests, kept offline:
 * telemetry, updates and sharing off, its own config folder, any outbound request sent to a closed local proxy
 * port, and a preloaded probe logging the host of every connection it opens.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './cli.js';

export const promptfooMain = join(repoRoot, '.ci', 'promptfoo', 'node_modules', 'promptfoo', 'dist', 'src', 'main.js');

/** Why a promptfoo test cannot run here, or false. */
export function promptfooMissing(): string | false {
  return (
    !existsSync(promptfooMain) &&
    'promptfoo is not installed (.ci/run installs it: PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --prefix ' +
      '.ci/promptfoo promptfoo@0.115.0)'
  );
}

export interface PromptfooResult {
  readonly success: boolean;
  readonly prompt: { readonly raw: string };
  readonly response?: { readonly output?: unknown };
  readonly testCase: { readonly description?: string; readonly metadata?: Record<string, unknown> };
  readonly gradingResult?: {
    readonly componentResults?: readonly {
      readonly pass: boolean;
      readonly reason?: string;
      readonly assertion?: { readonly type: string };
    }[];
  };
  readonly error?: string;
}

export interface PromptfooRun {
  readonly code: number | null;
  readonly results: PromptfooResult[];
  /** Hosts of every connection promptfoo opened. */
  readonly hosts: string[];
  readonly log: string;
}

/** `promptfoo eval -c config` in `work` (a temp folder), results read from its JSON output. */
export function promptfooEval(config: string, work: string, name: string): PromptfooRun {
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
    HTTPS_PROXY: 'http://127.0.0.1:9',
    HTTP_PROXY: 'http://127.0.0.1:9',
    NO_PROXY: '127.0.0.1,localhost',
    NODE_OPTIONS: `--require ${join(repoRoot, 'src', 'exporters', 'fixtures', 'net-log.cjs')}`,
    QUIVER_NET_LOG: netLog,
  });
  const out = join(work, `${name}.results.json`);
  const r = spawnSync(
    process.execPath,
    [promptfooMain, 'eval', '-c', config, '--no-cache', '--no-table', '--no-progress-bar', '-o', out],
    { cwd: work, encoding: 'utf8', env, timeout: 300_000 },
  );
  const log = `${r.stdout.slice(-3000)}${r.stderr.slice(-3000)}`;
  if (!existsSync(out)) throw new Error(`promptfoo wrote no results (exit ${r.status}): ${log}`);
  const results = (JSON.parse(readFileSync(out, 'utf8')) as { results: { results: PromptfooResult[] } }).results
    .results;
  return { code: r.status, results, hosts: readFileSync(netLog, 'utf8').trim().split('\n').filter(Boolean), log };
}
