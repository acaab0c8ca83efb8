/**
 * @module One process per campaign folder: two runs appending to the same results.jsonl would interleave records.
 * The lock file appears atomically and whole (a hard link to a fully written temporary file, which fails when the
 * lock exists), so of two processes starting at the same moment exactly one gets it; reading then writing let both
 * in. It names its owner (pid, host, boot id, process start time): a lock whose process died, or whose pid now
 * belongs to an unrelated process, is taken over.
 */
import { linkSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { ConfigError } from '../core/errors.js';
import { setupWriteError } from './errors.js';
import { currentProcess, isRunning, type ProcessIdentity } from './process-identity.js';

type LockOwner = Partial<ProcessIdentity> & { readonly pid: number; readonly since?: string };

/** Takes the lock of `dir` or throws a ConfigError naming the .lock file and its owner; returns the release. */
export function acquireLock(dir: string): () => void {
  const path = join(dir, '.lock');
  const mine = `${JSON.stringify({ ...currentProcess(), since: new Date().toISOString() })}\n`;
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    writeFileSync(tmp, mine);
  } catch (err) {
    // The first file a campaign writes: a read-only folder shows up here.
    throw setupWriteError(dir, path, err);
  }
  try {
    // Each pass either takes the lock, fails on a live owner, or removes a stale lock; a few passes cover the
    // processes that take it between our attempts.
    for (let attempt = 0; attempt < 8; attempt++) {
      try {
        linkSync(tmp, path);
        return () => release(path, mine);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw setupWriteError(dir, path, err);
      }
      const raw = readOrNull(path);
      if (raw === null) continue; // released meanwhile
      const owner = parseOwner(raw);
      // Our own pid: a lock this process took earlier (a previous campaign in the same process), as before.
      if (owner !== null && owner.pid !== process.pid && isRunning(owner)) {
        const host = owner.host === undefined ? '' : ` on ${owner.host}`;
        throw new ConfigError(
          `${path} is held by process ${owner.pid}${host}: ${dir} is being run; wait for it or stop it first (if no ` +
            `quiver runs there, delete ${path})`,
        );
      }
      removeStale(path, raw);
    }
    throw new ConfigError(`${path}: other processes keep taking this lock; try again`);
  } finally {
    rmSync(tmp, { force: true });
  }
}

/** The pid of the process running `dir`, or null when none does (no lock, or a stale one). */
export function lockOwner(dir: string): number | null {
  const raw = readOrNull(join(dir, '.lock'));
  const owner = raw === null ? null : parseOwner(raw);
  return owner !== null && isRunning(owner) ? owner.pid : null;
}

/**
 * Moves the stale lock aside under a name of our own, then checks that what moved is the stale lock that was read:
 * another process may have replaced it with a live lock in between, which is then put back.
 */
function removeStale(path: string, staleRaw: string): void {
  const aside = `${path}.stale.${process.pid}.${randomBytes(4).toString('hex')}`;
  try {
    renameSync(path, aside);
  } catch {
    return; // another process removed it first
  }
  try {
    if (readOrNull(aside) !== staleRaw) linkSync(aside, path);
  } catch {
    // The live lock could not be put back because yet another lock exists: that one stands.
  } finally {
    rmSync(aside, { force: true });
  }
}

/** Removes the lock only if it is still ours: a process that took it over (we looked stale) keeps it. */
function release(path: string, mine: string): void {
  if (readOrNull(path) === mine) rmSync(path, { force: true });
}

function parseOwner(raw: string): LockOwner | null {
  try {
    const o = JSON.parse(raw) as LockOwner;
    return Number.isInteger(o.pid) ? o : null;
  } catch {
    return null; // a torn lock written by an older Quiver: nobody can hold it
  }
}

function readOrNull(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}
