import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The compiled CLI, as `npx quiver` runs it (`npm test` builds it first); run from elsewhere, so recipes must
// resolve from the package root.
const cli = fileURLToPath(new URL('../../../dist/bin/quiver.js', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'quiver-recipes-cli-'));

function quiver(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: work, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('quiver recipes: one line per recipe, from any folder', { skip: !existsSync(cli) }, () => {
  const r = quiver('recipes');
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines.length, 11);
  assert.match(lines.find((l) => l.startsWith('pwws-ren-2019'))!, /^pwws-ren-2019\s+PWWS: /);
  const json = JSON.parse(quiver('recipes', '--json').stdout) as { name: string; citation: string }[];
  assert.ok(json.every((x) => x.citation.length > 0));
});

test('quiver run --recipe: runs a recipe; an unknown one exits 2 and lists the valid names', {
  skip: !existsSync(cli),
}, () => {
  const ok = quiver(
    'run',
    '--recipe',
    'stresstest-naik-2018',
    '--target',
    'local:vader',
    '--limit',
    '6',
    '--workers',
    '1',
    '--stability-samples',
    '0',
    '--out',
    join(work, 'run'),
    '--json',
  );
  assert.equal(ok.code, 0, ok.stderr);
  assert.ok(JSON.parse(ok.stdout).examples === 6);
  const bad = quiver('run', '--recipe', 'pwws', '--limit', '1', '--out', join(work, 'bad'));
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /unknown recipe "pwws".*pwws-ren-2019/);
});
