import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const preload = fileURLToPath(new URL('./temp-sandbox.mjs', import.meta.url));

test("a process started with the temp sandbox leaves none of its temporary folders behind, nor its children's", () => {
  const script = `
    const { mkdtempSync, writeFileSync } = require('node:fs');
    const { tmpdir } = require('node:os');
    const { join } = require('node:path');
    const { execFileSync } = require('node:child_process');
    const mine = mkdtempSync(join(tmpdir(), 'quiver-probe-'));
    writeFileSync(join(mine, 'f'), 'x');
    const made =
      "require('node:fs').mkdtempSync(require('node:path').join(require('node:os').tmpdir(), 'quiver-child-'))";
    const child = execFileSync(process.execPath, ['-e', \`process.stdout.write(\${made})\`]).toString();
    process.stdout.write(JSON.stringify([mine, child]));`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--import', preload, '-e', script], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const [mine, child] = JSON.parse(r.stdout) as [string, string];
  assert.ok(mine.length > 0 && child.length > 0);
  assert.equal(existsSync(mine), false, `${mine} is left behind`);
  assert.equal(existsSync(child), false, `${child} is left behind`);
});
