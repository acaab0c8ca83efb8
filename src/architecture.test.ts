/**
 * The folder dependency graph has no cycle: imports run one way between layers (issue #16). Nodes are the folders
 * under src/ (plus each file directly in src/, such as registry.ts), perturbations/ and bin/; an edge is any static,
 * re-export or dynamic import of a relative path, type-only imports included. Test files (`*.test.ts` and `fixtures/`
 * folders) are left out: a test may import from any layer.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { repoRoot } from './testing/cli.js';

const SCANNED = ['src', 'perturbations', 'bin'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'fixtures' || e.name === 'node_modules' ? [] : sourceFiles(path);
    return /\.(ts|mts|mjs|js)$/.test(e.name) && !/\.test\.ts$/.test(e.name) && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

/**
 * Relative specifiers of every import in `source`: `import ... from`, `export ... from`, `import '...'`, `import(...)`.
 */
function importSpecifiers(source: string): string[] {
  const specs: string[] = [];
  // Statements start a line (so JSDoc examples, whose lines start with `*`, are not read as imports).
  for (const m of source.matchAll(/^\s*(?:import|export)\b[^;'"]*?(?:\bfrom\s*)?['"](\.{1,2}\/[^'"]+)['"]/gm))
    specs.push(m[1]!);
  for (const line of source.split('\n')) {
    if (/^\s*(\*|\/\/|\/\*)/.test(line)) continue;
    for (const m of line.matchAll(/\bimport\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g)) specs.push(m[1]!);
  }
  return specs;
}

/** The graph node of a file: its top-level folder (src/<folder>, perturbations, bin) or, directly in src/, the file. */
function nodeOf(file: string): string {
  const parts = relative(repoRoot, file).split(sep);
  if (parts[0] === 'src')
    return parts.length > 2 ? `src/${parts[1]}` : `src/${parts[1]!.replace(/\.(js|mjs)$/, '.ts')}`;
  return parts[0]!;
}

interface Edge {
  readonly from: string;
  readonly to: string;
  /** One import that makes the edge, as `file: specifier`. */
  readonly example: string;
}

function folderEdges(): Edge[] {
  const edges = new Map<string, Edge>();
  for (const file of SCANNED.flatMap((d) => sourceFiles(join(repoRoot, d)))) {
    for (const spec of importSpecifiers(readFileSync(file, 'utf8'))) {
      const from = nodeOf(file);
      const to = nodeOf(resolve(dirname(file), spec));
      const key = `${from} -> ${to}`;
      if (from !== to && !edges.has(key)) edges.set(key, { from, to, example: `${relative(repoRoot, file)}: ${spec}` });
    }
  }
  return [...edges.values()];
}

/** A shortest cycle through the graph, as its edges, or null when there is none. */
function findCycle(edges: readonly Edge[]): Edge[] | null {
  const out = new Map<string, Edge[]>();
  for (const e of edges) out.set(e.from, [...(out.get(e.from) ?? []), e]);
  let best: Edge[] | null = null;
  for (const start of [...out.keys()].sort()) {
    // Breadth-first from `start` back to itself: the first path found is the shortest cycle through it.
    const cameBy = new Map<string, Edge>();
    const queue = [start];
    for (let i = 0; i < queue.length; i++) {
      for (const e of out.get(queue[i]!) ?? []) {
        if (e.to === start) {
          const cycle = [e];
          for (let at = e.from; at !== start; at = cameBy.get(at)!.from) cycle.unshift(cameBy.get(at)!);
          if (best === null || cycle.length < best.length) best = cycle;
          queue.length = 0;
          break;
        }
        if (!cameBy.has(e.to) && e.to !== start) {
          cameBy.set(e.to, e);
          queue.push(e.to);
        }
      }
    }
  }
  return best;
}

test('importSpecifiers reads static, re-export, side-effect and dynamic imports, not comments', () => {
  const source = [
    "import { a } from './a.js';",
    "import type {\n  B,\n} from '../b/b.js';",
    "export { c } from './c.js';",
    "import './side.js';",
    "const d = await import('../d/d.js');",
    " * @example import { e } from './e.js'",
    "// const f = await import('./f.js');",
    "import { g } from 'node:fs';",
  ].join('\n');
  assert.deepEqual(importSpecifiers(source).sort(), ['../b/b.js', '../d/d.js', './a.js', './c.js', './side.js']);
});

test('findCycle finds a cycle and names the imports along it', () => {
  const e = (from: string, to: string): Edge => ({ from, to, example: `${from}/x.ts: ../${to}/y.js` });
  assert.equal(findCycle([e('cli', 'campaign'), e('campaign', 'core')]), null);
  assert.deepEqual(
    findCycle([e('cli', 'campaign'), e('campaign', 'core'), e('core', 'cli')])?.map((x) => x.from),
    ['campaign', 'core', 'cli'],
  );
});

test('the folder dependency graph of src/, perturbations/ and bin/ has no cycle', () => {
  const edges = folderEdges();
  assert.ok(
    edges.some((e) => e.from === 'bin' && e.to === 'src/cli'),
    'the scan sees imports (bin -> src/cli)',
  );
  const cycle = findCycle(edges);
  assert.equal(
    cycle,
    null,
    cycle === null
      ? ''
      : `folder cycle ${[...cycle.map((e) => e.from), cycle[0]!.from].join(' -> ')}, ` +
          `through:\n${cycle.map((e) => `  ${e.from} -> ${e.to}  (${e.example})`).join('\n')}`,
  );
});
