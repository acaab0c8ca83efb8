/**
 * @module One process per campaign folder: two runs appending to the same results.jsonl would interleave records.
 * The lock file appears atomically and whole (a hard link to a fully written temporary file, which fails when the
 * lock exists), so of two processes starting at the same moment exactly one gets it; reading then writing let both
 * in. It names its owner (pid, host, boot id, process start time): a lock whose process died, or whose pid now
 * belongs to an unrelated process, is taken over.
 */
import { linkSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { ConfigError } from '../core/errors.js';
import { setupWriteError } from './errors.js';
import { currentProcess, isRunning, type ProcessIdentity } from './process-identity.js';

const pause = new Int32Array(new SharedArrayBuffer(4));

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
      removeStale(path, raw, tmp);
      // Another remover may be between its check and its removal (descheduled on a busy machine): give it a moment.
      if (attempt >= 2) Atomics.wait(pause, 0, 0, attempt);
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
 * Removes the lock at `path` only if it still holds `staleRaw`. Moving it aside and putting back what turned out to
 * be live left the path empty for a moment, and a third racer could take it then: two winners. Instead the remover
 * first takes a guard named after the stale content, by the same atomic link: only one process may remove that
 * content, and a live lock never has the same content (it names its own pid, start time and moment), so what the
 * guard holder reads before removing cannot change under it. A guard left by a process killed while holding it is
 * itself stale and is removed the same way, one level deeper.
 */
function removeStale(path: string, staleRaw: string, tmp: string, depth = 0): void {
  const guard = `${path}.takeover-${createHash('sha256').update(staleRaw).digest('hex').slice(0, 16)}`;
  try {
    linkSync(tmp, guard);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || depth >= 3) return;
    const holder = readOrNull(guard);
    const owner = holder === null ? null : parseOwner(holder);
    // A live remover is at work: the caller looks again. A dead one's guard goes, and the caller retries.
    if (holder !== null && (owner === null || owner.pid === process.pid || !isRunning(owner))) {
      removeStale(guard, holder, tmp, depth + 1);
    }
    return;
  }
  try {
    if (readOrNull(path) === staleRaw) rmSync(path, { force: true });
  } finally {
    rmSync(guard, { force: true });
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
