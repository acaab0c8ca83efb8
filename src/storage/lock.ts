/**
 * @module One process per campaign folder: two runs appending to the same results.jsonl would interleave records.
 * The lock file holds the owner's pid; a lock left by a process that died (SIGKILL, power loss) is taken over.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../core/errors.js';
import { setupWriteError } from './errors.js';

export function acquireLock(dir: string): () => void {
  const path = join(dir, '.lock');
  let owner: number | undefined;
  try {
    owner = Number(JSON.parse(readFileSync(path, 'utf8')).pid);
  } catch {
    owner = undefined;
  }
  if (owner !== undefined && owner !== process.pid && isAlive(owner)) {
    throw new ConfigError(`${dir} is being run by process ${owner}; wait for it or stop it first`);
  }
  try {
    writeFileSync(path, JSON.stringify({ pid: process.pid, since: new Date().toISOString() }) + '\n');
  } catch (err) {
    // The first file a campaign writes: a read-only folder shows up here.
    throw setupWriteError(dir, path, err);
  }
  return () => rmSync(path, { force: true });
}

export function lockOwner(dir: string): number | null {
  try {
    const pid = Number(JSON.parse(readFileSync(join(dir, '.lock'), 'utf8')).pid);
    return isAlive(pid) ? pid : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
