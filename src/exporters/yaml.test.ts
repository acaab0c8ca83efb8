import { test } from 'node:test';
import assert from 'node:assert/strict';
import { quote, toYaml } from './yaml.js';

test('quote: every string is double-quoted with YAML escapes for quotes, backslashes, controls and line breaks', () => {
  assert.equal(quote('plain'), '"plain"');
  assert.equal(quote('yes'), '"yes"', 'a YAML 1.1 boolean stays a string');
  assert.equal(quote('say "hi" \\ bye'), '"say \\"hi\\" \\\\ bye"');
  assert.equal(quote('a\nb\tc\r'), '"a\\nb\\tc\\r"');
  assert.equal(quote('\u0000\u0007\u001b\u007f\u0085\u0090'), '"\\0\\a\\e\\x7F\\N\\x90"');
  assert.equal(quote('x\u2028y\u2029z'), '"x\\Ly\\Pz"', 'Unicode line/paragraph separators are YAML line breaks');
  assert.equal(quote('\uFEFFbom'), '"\\uFEFFbom"');
  assert.equal(quote('emoji 😀 ok, é'), '"emoji 😀 ok, é"', 'printable Unicode (and surrogate pairs) pass through');
  assert.equal(quote('lone \uD800 surrogate'), '"lone \\uFFFD surrogate"');
  assert.equal(quote('- [a]: {b} # c & *d !e %f @g `h'), '"- [a]: {b} # c & *d !e %f @g `h"', 'YAML indicators are inert inside quotes');
});

test('toYaml: block maps and sequences, scalars, empty collections, quoted odd keys', () => {
  const doc = toYaml({
    name: 'suite',
    count: 3,
    ratio: 0.5,
    ok: true,
    none: null,
    skipped: undefined,
    empty: [],
    nothing: {},
    'odd key: x': 'v',
    on: 'reserved key',
    list: ['a', 1, { k: 'v', n: [1, 2] }, [true, false]],
    nested: { deep: { deeper: 'x' } },
  });
  assert.equal(
    doc,
    [
      'name: "suite"',
      'count: 3',
      'ratio: 0.5',
      'ok: true',
      'none: null',
      'empty: []',
      'nothing: {}',
      '"odd key: x": "v"',
      '"on": "reserved key"',
      'list:',
      '  - "a"',
      '  - 1',
      '  - k: "v"',
      '    "n":',
      '      - 1',
      '      - 2',
      '  - - true',
      '    - false',
      'nested:',
      '  deep:',
      '    deeper: "x"',
      '',
    ].join('\n'),
  );
});

test('toYaml: non-finite numbers use YAML spellings', () => {
  assert.equal(toYaml({ a: Number.NaN, b: Infinity, c: -Infinity }), 'a: .nan\nb: .inf\nc: -.inf\n');
});

test('toYaml: a promptfoo suite of 20,000 cases is emitted without overflowing the stack', () => {
  const tests = Array.from({ length: 20_000 }, (_, i) => ({
    vars: { text: `text ${i}`, original: `original ${i}`, expected: 'positive' },
    assert: [{ type: 'equals', value: 'positive', metric: 'adversarial' }],
    metadata: { edits: [{ family: 'typo', position: 1, from: 'good', to: 'goood' }], flipDistance: 1 },
  }));
  const doc = toYaml({ description: 'suite', tests });
  const lines = doc.split('\n');
  assert.equal(lines.length, 2 + 20_000 * 15 + 1);
  assert.equal(lines[2], '  - vars:');
  assert.equal(lines.at(-2), '      flipDistance: 1');
});
