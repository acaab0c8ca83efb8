/**
 * @module Read-only data files (WordNet's dict files, the word-vector asset) held once in shared memory for every
 * thread of a campaign, instead of once per worker. Reading WordNet as strings cost each worker ~0.2 s and ~45 MB
 * (commit 0e364ec); a shared file is read once, by the main thread in the background while the workers
 * start (`fillSharedFiles`), or by the first thread that needs it, and every other thread uses the same bytes.
 *
 * A file outside the campaign's table (tests, one-off runs, a file the main thread did not list) is read by the
 * thread that asks for it, as before.
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { resolve } from 'node:path';

/** A file's slot: its bytes, and its state (EMPTY, LOADING, READY or FAILED) in a shared Int32. */
export interface SharedFile {
  readonly path: string;
  readonly bytes: SharedArrayBuffer;
  readonly state: SharedArrayBuffer;
}

const EMPTY = 0;
const LOADING = 1;
const READY = 2;
const FAILED = 3;

/**
 * Slots for the files among `paths` that exist, sized from their current length. Nothing is read, and untouched
 * shared memory costs no resident memory, so listing a file a campaign never opens is free.
 */
export function shareFiles(paths: readonly string[]): SharedFile[] {
  const out: SharedFile[] = [];
  for (const p of new Set(paths.map((x) => resolve(x)))) {
    let size: number;
    try {
      size = statSync(p).size;
    } catch {
      continue; // Whoever needs a missing file reads it privately and reports the error in its own words.
    }
    out.push({ path: p, bytes: new SharedArrayBuffer(size), state: new SharedArrayBuffer(4) });
  }
  return out;
}

/**
 * Main thread: reads every slot nobody has claimed yet, asynchronously (the copying happens on libuv's thread
 * pool, not on the main thread), while the workers start. A slot that cannot be filled is marked FAILED, and the
 * threads that need it read the file themselves.
 */
export async function fillSharedFiles(files: readonly SharedFile[]): Promise<void> {
  await Promise.all(
    files.map(async (f) => {
      const state = new Int32Array(f.state);
      if (Atomics.compareExchange(state, 0, EMPTY, LOADING) !== EMPTY) return;
      let ok = false;
      try {
        const handle = await open(f.path, 'r');
        try {
          const view = new Uint8Array(f.bytes);
          let at = 0;
          while (at < view.length) {
            const { bytesRead } = await handle.read(view, at, view.length - at, at);
            if (bytesRead === 0) break;
            at += bytesRead;
          }
          ok = at === view.length && (await handle.stat()).size === view.length;
        } finally {
          await handle.close();
        }
      } catch {
        ok = false;
      }
      settle(state, ok);
    }),
  );
}

/** The table this thread uses (a worker installs the one its pool was given); empty: every file is read privately. */
const table = new Map<string, SharedFile>();

export function useSharedFiles(files: readonly SharedFile[]): void {
  for (const f of files) table.set(f.path, f);
}

/**
 * The bytes of the file at `path`: the shared copy when the campaign shares it (waiting while another thread reads
 * it, or reading it for everyone when nobody has), else a private read. Never modify them.
 */
export function fileBytes(path: string): Buffer {
  const abs = resolve(path);
  const slot = table.get(abs);
  if (slot === undefined) return readFileSync(abs);
  const state = new Int32Array(slot.state);
  if (Atomics.compareExchange(state, 0, EMPTY, LOADING) === EMPTY) {
    let ok = false;
    try {
      ok = readInto(abs, new Uint8Array(slot.bytes));
    } finally {
      settle(state, ok);
    }
  }
  while (Atomics.load(state, 0) === LOADING) Atomics.wait(state, 0, LOADING);
  // A file that failed to load, or that changed length since the slot was made, is read privately: the caller gets
  // the file as it is now, or the error of reading it.
  if (Atomics.load(state, 0) === FAILED) return readFileSync(abs);
  return Buffer.from(slot.bytes);
}

function settle(state: Int32Array, ok: boolean): void {
  Atomics.store(state, 0, ok ? READY : FAILED);
  Atomics.notify(state, 0);
}

/** Fills `view` from the file; false when the file is no longer exactly that long. */
function readInto(path: string, view: Uint8Array): boolean {
  const fd = openSync(path, 'r');
  try {
    let at = 0;
    while (at < view.length) {
      const n = readSync(fd, view, at, view.length - at, at);
      if (n === 0) break;
      at += n;
    }
    return at === view.length && fstatSync(fd).size === view.length;
  } finally {
    closeSync(fd);
  }
}
