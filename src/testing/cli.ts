/** @module Runs the compiled `quiver` CLI (dist/, built by `npm test`) in tests, synchronously or as a child. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ResultRecord } from '../contracts/record.js';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const cliPath = join(repoRoot, 'dist', 'bin', 'quiver.js');
export const sharedDatasets = join(repoRoot, '..', 'shared', 'datasets');

/**
 * A public benchmark from `../shared/datasets/`. CI and every project machine have them, so a missing file fails the
 * test that needs it: a test that returned early would pass without testing anything.
 */
export function sharedDataset(file: string): string {
  const path = join(sharedDatasets, file);
  if (!existsSync(path)) throw new Error(`${path} is missing: the tests need ../shared/datasets beside the repository`);
  return path;
}

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function quiverSync(cwd: string, ...args: string[]): CliResult {
  const r = spawnSync(process.execPath, [cliPath, ...args], { cwd, encoding: 'utf8', timeout: 300_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function quiverChild(cwd: string, ...args: string[]): ChildProcess {
  return spawn(process.execPath, [cliPath, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
}

export function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

export function readRecords(dir: string): ResultRecord[] {
  const text = readFileSync(join(dir, 'results.jsonl'), 'utf8').trim();
  return text === '' ? [] : text.split('\n').map((l) => JSON.parse(l) as ResultRecord);
}

/** Records without timing fields, for comparing runs. */
export function comparable(records: readonly ResultRecord[]) {
  return records.map(({ elapsedMs: _elapsed, ...rest }) => rest);
}

export interface Served {
  readonly url: string;
  readonly child: ChildProcess;
  /** Everything the server printed so far. */
  stdout(): string;
  stderr(): string;
  stop(): Promise<number | null>;
}

/** Starts `quiver serve` in a child process and waits for its `listening on` line. */
export async function serveChild(cwd: string, ...args: string[]): Promise<Served> {
  const child = spawn(process.execPath, [cliPath, 'serve', ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /quiver serve: listening on (http:\/\/127\.0\.0\.1:\d+\/v1)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`quiver serve exited with ${code}: ${err}`)));
  });
  return {
    url,
    child,
    stdout: () => out,
    stderr: () => err,
    stop: () => {
      const done = exited(child).then((e) => e.code);
      child.kill('SIGTERM');
      return done;
    },
  };
}

/** A TCP port that was free a moment ago (for restarting a server on the same address). */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}
