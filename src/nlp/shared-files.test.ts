import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { fileBytes, fillSharedFiles, shareFiles, useSharedFiles, type SharedFile } from './shared-files.js';

function files(contents: Record<string, string>): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'quiver-shared-files-'));
  return Object.entries(contents).map(([name, text]) => {
    const path = join(dir, name);
    writeFileSync(path, text, 'latin1');
    return path;
  });
}

/** What a worker thread gets for `paths` through `table`. */
function readInWorker(
  table: readonly SharedFile[],
  paths: readonly string[],
): Promise<{ text: string; shared: boolean }[]> {
  const worker = new Worker(new URL('./fixtures/shared-file-reader.mjs', import.meta.url), {
    workerData: { files: table, paths },
  });
  return new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  }).finally(() => worker.terminate()) as Promise<{ text: string; shared: boolean }[]>;
}

test('the first thread that needs a shared file reads it for every thread: others get the same memory', async () => {
  const [a, b] = files({ 'a.txt': 'alpha\nbeta\n', 'b.txt': 'caf\u00e9\n' });
  const table = shareFiles([a!, b!, join(tmpdir(), 'quiver-no-such-file')]);
  assert.deepEqual(
    table.map((f) => f.path),
    [a, b],
    'a missing file gets no slot',
  );
  const [fromWorker] = await readInWorker(table, [a!]);
  assert.deepEqual(fromWorker, { text: 'alpha\nbeta\n', shared: true });
  // This thread never read a.txt: the worker's read filled the memory both threads see.
  assert.equal(Buffer.from(table[0]!.bytes).toString('latin1'), 'alpha\nbeta\n');
  assert.equal(new Int32Array(table[1]!.state)[0], 0, 'b.txt, which nobody asked for, is still unread');
  useSharedFiles(table);
  assert.equal(fileBytes(b!).toString('latin1'), 'caf\u00e9\n');
  assert.equal(fileBytes(b!).buffer, table[1]!.bytes);
});

test('the main thread can fill the table in the background; a file that changed length is read privately', async () => {
  const [a, grows] = files({ 'a.txt': 'one\ntwo\n', 'grows.txt': 'short\n' });
  const table = shareFiles([a!, grows!]);
  writeFileSync(grows!, 'longer than before\n');
  await fillSharedFiles(table);
  assert.deepEqual(await readInWorker(table, [a!, grows!]), [
    { text: 'one\ntwo\n', shared: true },
    { text: 'longer than before\n', shared: false },
  ]);
});

test('a file outside the table is read by the thread that asks, and errors name the file', () => {
  const [a] = files({ 'private.txt': 'mine\n' });
  const bytes = fileBytes(a!);
  assert.equal(bytes.toString('latin1'), 'mine\n');
  assert.ok(!(bytes.buffer instanceof SharedArrayBuffer));
  assert.throws(() => fileBytes(join(tmpdir(), 'quiver-no-such-file')), /ENOENT.*quiver-no-such-file/);
});
