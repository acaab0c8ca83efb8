import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../testing/cli.js';

test("every file the README's own commands write lands where git ignores it (nothing to commit by accident)", () => {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const commands = readme.split('\n').filter((l) => /^\s*npx quiver /.test(l));
  const outputs = commands
    .flatMap((l) => [...l.matchAll(/--(?:out|html|junit)\s+(\S+)/g)].map((m) => m[1]!))
    .filter((p) => !p.startsWith('/') && !p.includes('$'));
  assert.ok(outputs.length >= 5, `found ${outputs.join(', ')}`);
  const r = spawnSync('git', ['check-ignore', '--no-index', '--verbose', '--non-matching', ...outputs], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  const notIgnored = r.stdout
    .split('\n')
    .filter((l) => l.startsWith('::'))
    .map((l) => l.split('\t')[1]);
  assert.deepEqual(notIgnored, [], 'README commands write files git would pick up');
});
