import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { acquireLock, lockOwner } from './lock.js';
import { createHash } from 'node:crypto';
import { currentProcess } from './process-identity.js';

const racer = fileURLToPath(new URL('./fixtures/lock-racer.ts', import.meta.url));

/** Starts `n` racer processes, lets them race for `trials` folders, and returns who won each. */
async function race(root: string, n: number, trials: number): Promise<{ winners: number[][]; losses: string[] }> {
  const children = Array.from({ length: n }, () =>
    spawn(process.execPath, ['--import', 'tsx', racer, root, String(trials), '40'], {
      stdio: ['pipe', 'pipe', 'inherit'],
    }),
  );
  const outputs = children.map(() => '');
  await Promise.all(
    children.map(
      (c, i) =>
        new Promise<void>((resolve) =>
          c.stdout!.on('data', (d: Buffer) => {
            outputs[i] += d.toString();
            if (outputs[i]!.startsWith('ready\n')) resolve();
          }),
        ),
    ),
  );
  const start = Date.now() + 300;
  for (const c of children) c.stdin!.write(`${start}\n`);
  await Promise.all(children.map((c) => new Promise((resolve) => c.once('exit', resolve))));
  const winners: number[][] = Array.from({ length: trials }, () => []);
  const losses: string[] = [];
  outputs.forEach((out, i) => {
    for (const line of out.split('\n').slice(1)) {
      const m = /^(\d+) (won|lost)(.*)$/.exec(line);
      if (m === null) continue;
      if (m[2] === 'won') winners[Number(m[1])]!.push(i);
      else losses.push(m[3]!.trim());
    }
  });
  return { winners, losses };
}

test('processes racing for the same folder at the same moment: exactly one wins, every time', async () => {
  const root = mkdtempSync(join(tmpdir(), 'quiver-lock-race-'));
  const trials = 40;
  for (let k = 0; k < trials; k++) mkdirSync(join(root, String(k)));
  const { winners, losses } = await race(root, 3, trials);
  const wrong = winners.map((w, k) => [k, w.length] as const).filter(([, count]) => count !== 1);
  assert.deepEqual(wrong, [], `trials without exactly one winner: ${JSON.stringify(wrong)}`);
  assert.ok(losses.length > 0);
  for (const l of losses) assert.match(l, /\.lock is held by process \d+/);
});

test('a stale lock whose pid now belongs to another process is taken over by exactly one of the racers', async () => {
  const root = mkdtempSync(join(tmpdir(), 'quiver-lock-stale-'));
  // A double win showed up about once in 100 trials before the takeover guard; LOCK_TRIALS=300 stresses it.
  const trials = Number(process.env.LOCK_TRIALS ?? 60);
  // This test process is alive but is not the one that wrote the lock: its recorded start time differs.
  const reused = { ...currentProcess(), start: 'not-this-process', since: new Date(0).toISOString() };
  for (let k = 0; k < trials; k++) {
    mkdirSync(join(root, String(k)));
    writeFileSync(join(root, String(k), '.lock'), `${JSON.stringify(reused)}\n`);
  }
  const { winners } = await race(root, 3, trials);
  const wrong = winners.map((w, k) => [k, w.length] as const).filter(([, count]) => count !== 1);
  assert.deepEqual(wrong, [], `trials without exactly one winner: ${JSON.stringify(wrong)}`);
});

test('a lock held by a live process names the .lock file; release removes only our own lock', () => {
  const dir = mkdtempSync(join(tmpdir(), 'quiver-lock-'));
  const child = spawnSync(process.execPath, ['-e', 'setTimeout(() => {}, 0)']);
  assert.equal(child.status, 0);
  // A dead pid (the child exited) is taken over at once.
  writeFileSync(join(dir, '.lock'), `${JSON.stringify({ pid: child.pid, since: new Date().toISOString() })}\n`);
  const release = acquireLock(dir);
  assert.equal(lockOwner(dir), process.pid);
  const lock = readFileSync(join(dir, '.lock'), 'utf8');
  assert.equal(JSON.parse(lock).pid, process.pid);
  // Someone replaced it meanwhile (took it over): releasing must not delete their lock.
  const theirs = `${JSON.stringify({ ...currentProcess(), pid: 1 })}\n`;
  writeFileSync(join(dir, '.lock'), theirs);
  release();
  assert.equal(readFileSync(join(dir, '.lock'), 'utf8'), theirs);
  writeFileSync(join(dir, '.lock'), lock);
  acquireLock(dir)();
  assert.equal(existsSync(join(dir, '.lock')), false);
});

test('a takeover guard left by a process killed while holding it is removed, and the stale lock is taken', () => {
  const dir = mkdtempSync(join(tmpdir(), 'quiver-lock-guard-'));
  const dead = spawnSync(process.execPath, ['-e', '0']).pid;
  const stale = `${JSON.stringify({ pid: dead, since: new Date(0).toISOString() })}\n`;
  writeFileSync(join(dir, '.lock'), stale);
  const guard = join(dir, `.lock.takeover-${createHash('sha256').update(stale).digest('hex').slice(0, 16)}`);
  writeFileSync(guard, `${JSON.stringify({ pid: dead, since: new Date(0).toISOString() })}\n`);
  const release = acquireLock(dir);
  assert.equal(lockOwner(dir), process.pid);
  assert.equal(existsSync(guard), false);
  release();
  // A guard whose holder is alive is respected: the stale lock stays until that holder is done or gone.
  writeFileSync(join(dir, '.lock'), stale);
  writeFileSync(guard, `${JSON.stringify({ ...currentProcess(), pid: process.ppid, start: null })}\n`);
  assert.throws(() => acquireLock(dir), /other processes keep taking this lock/);
  assert.equal(readFileSync(join(dir, '.lock'), 'utf8'), stale);
});
