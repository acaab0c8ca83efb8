/**
 * @module Preloaded by `npm test` (`--import`): every test process gets its own folder for temporary files, removed
 * when it exits, so the suite leaves nothing in the system's temp folder. TMPDIR is inherited by the CLIs and
 * servers the tests start, so their temporary folders land inside it too. Plain JavaScript: worker threads inherit
 * the `--import` flags but not tsx's loader.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const sandbox = mkdtempSync(join(tmpdir(), 'quiver-test-'));
process.env.TMPDIR = sandbox;
process.on('exit', () => rmSync(sandbox, { recursive: true, force: true }));
