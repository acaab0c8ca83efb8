import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse, parseDocument } from 'yaml';
import { toYaml, type YamlValue } from './yaml.js';

/** Texts that would be YAML structure, another type, an anchor, alias, tag, comment or directive if written plain. */
const HOSTILE = [
  'yes',
  'no',
  'on',
  'null',
  '~',
  '0x1F',
  '1e3',
  '-',
  '- item',
  ': colon',
  'key: value',
  '#hash',
  'a # b',
  '&anchor',
  '*alias',
  '!tag',
  '!!python/object:os.system',
  '%YAML 1.1',
  '--- doc',
  '...',
  '@at',
  '`tick`',
  '"dq"',
  "'sq'",
  '{flow: map}',
  '[flow, seq]',
  '|',
  '>',
  '? key',
  ' leading',
  'trailing ',
  'tab\there',
  'multi\nline\n',
  'crlf\r\n',
  'nul\u0000',
  'bell\u0007',
  'esc\u001b',
  'del\u007f',
  'nel\u0085',
  'c1\u0090',
  'ls\u2028ps\u2029',
  '\uFEFFbom',
  'non\uFFFEchar\uFFFF',
  'é😀',
  '<img src=x onerror=alert(1)>',
  '{{ var }}',
  '',
  '\\',
  'back\\slash\\n',
  'lone \uD800 surrogate',
  'a text longer than a folded line would be, with a break\n  and an indented second line ',
];

test('toYaml: every hostile text parses back as the same string, key or value, with no anchor, alias or tag', () => {
  const doc = { tests: HOSTILE.map((s) => ({ vars: { text: s }, metadata: { [s === '' ? 'empty' : `k ${s}`]: s } })) };
  const text = toYaml(doc);
  assert.deepEqual(parse(text), doc);
  const parsed = parseDocument(text);
  assert.deepEqual(parsed.errors, []);
  assert.doesNotMatch(text, /^\s*[&*!]|: [&*!]|- [&*!]/m, 'no anchor, alias or tag outside a quoted string');
  // Only line breaks between entries: nothing YAML (or js-yaml, promptfoo's reader) cannot take raw.
  assert.doesNotMatch(text, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/);
  assert.equal(text.split('\n').length, 1 + HOSTILE.length * 4 + 1, 'each text stays on its line');
  assert.ok(text.includes('  - vars:\n      text: "del\\u007F"\n'));
  assert.ok(text.includes('text: "yes"'), 'a YAML 1.1 boolean stays a quoted string');
});

test('toYaml: block maps and sequences, scalars, empty collections, quoted odd and reserved keys', () => {
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

test('toYaml: an object used twice is written twice, not as an anchor and an alias', () => {
  const shared = { type: 'equals', value: 'positive' };
  assert.equal(
    toYaml({ a: shared, b: shared }),
    'a:\n  type: "equals"\n  value: "positive"\nb:\n  type: "equals"\n  value: "positive"\n',
  );
});

test('toYaml: comment lines stay comments whatever they hold', () => {
  const text = toYaml({ a: 1 }, ['campaign x\n- injected: true', 'cr\rls\u2028nel\u0085end']);
  assert.deepEqual(parse(text), { a: 1 });
  assert.equal(text, '# campaign x - injected: true\n# cr ls nel end\n\na: 1\n');
});

test('toYaml: a promptfoo suite of 20,000 cases is emitted', () => {
  const tests: YamlValue[] = Array.from({ length: 20_000 }, (_, i) => ({
    vars: { text: `text ${i}`, original: `original ${i}`, expected: 'positive' },
    assert: [{ type: 'equals', value: 'positive', metric: 'adversarial' }],
    metadata: { edits: [{ family: 'typo', position: 1, from: 'good', to: 'goood' }], flipDistance: 1 },
  }));
  const doc = toYaml({ description: 'suite', tests });
  const lines = doc.split('\n');
  assert.equal(lines.length, 2 + 20_000 * 15 + 1);
  assert.equal(lines[2], '  - vars:');
  assert.equal(lines.at(-2), '      flipDistance: 1');
  // Parsing it back takes the yaml library 10 s or more; the round trip is checked on the hostile texts above.
});
