/**
 * Quiver's evaluators against promptfoo 0.115's own code (installed by .ci/run in .ci/promptfoo): the same verdict
 * on a bank of assertion cases (every supported type but `similar`, whose embeddings differ by design), and the
 * same objects found by contains-json's extraction in 20,000 random JSON-like texts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileAssertion } from './compile.js';
import { extractJsonObjects } from './json-extract.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const pfRoot = join(root, '.ci', 'promptfoo', 'node_modules', 'promptfoo');
const skip = !existsSync(pfRoot) && 'promptfoo is not installed (.ci/run installs it into .ci/promptfoo)';
const baseDir = fileURLToPath(new URL('.', import.meta.url));

interface PromptfooAssertions {
  runAssertion(args: {
    prompt: string;
    assertion: object;
    test: { vars: object };
    providerResponse: { output: string };
  }): Promise<{ pass: boolean; score: number }>;
}

function promptfoo<T>(file: string): T {
  Object.assign(process.env, {
    PROMPTFOO_DISABLE_TELEMETRY: '1',
    PROMPTFOO_DISABLE_UPDATE: '1',
    PROMPTFOO_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'pf-')),
  });
  return createRequire(join(pfRoot, 'package.json'))(join(pfRoot, 'dist', 'src', file)) as T;
}

const schema = { type: 'object', required: ['dept'], properties: { dept: { const: 'billing' } } };
const cases: [object, string, Record<string, unknown>?][] = [
  [{ type: 'equals', value: 'billing' }, 'billing'],
  [{ type: 'equals', value: 'billing' }, 'Billing'],
  [{ type: 'equals', value: 42 }, '42'],
  [{ type: 'equals', value: { a: 1 } }, '{"a": 1}'],
  [{ type: 'not-equals', value: { a: 1 } }, 'oops'],
  [{ type: 'not-equals', value: ['x'] }, '["y"]'],
  [{ type: 'equals', value: '{{dept}}' }, 'shipping', { dept: 'shipping' }],
  [{ type: 'contains', value: 'Refund' }, 'refund'],
  [{ type: 'icontains', value: 'Refund' }, 'REFUND'],
  [{ type: 'not-icontains', value: 'x' }, 'X'],
  [{ type: 'contains', value: 30 }, '30 days'],
  [{ type: 'not-contains', value: 'no' }, 'Not now'],
  [{ type: 'contains-any', value: '"a, b", c' }, 'a, b'],
  [{ type: 'contains-any', value: '"a, b", c' }, 'a b'],
  [{ type: 'icontains-any', value: '"a, b", c' }, '"A'],
  [{ type: 'contains-any', value: ['x', 'y'] }, 'zzz'],
  [{ type: 'not-contains-any', value: ['x', 'y'] }, 'zzz'],
  [{ type: 'contains-any', value: [1, 2] }, '2'],
  [{ type: 'contains-all', value: 'yes, days' }, 'yes 30 days'],
  [{ type: 'contains-all', value: 'Yes, days' }, 'yes 30 days'],
  [{ type: 'icontains-all', value: ['Yes', 'DAYS'] }, 'yes 30 days'],
  [{ type: 'not-contains-all', value: ['a', 'z'] }, 'abc'],
  [{ type: 'not-icontains-all', value: ['A', 'B'] }, 'ab'],
  [{ type: 'starts-with', value: 'Yes' }, 'Yes.'],
  [{ type: 'starts-with', value: 'Yes' }, ' Yes'],
  [{ type: 'not-starts-with', value: 'No' }, 'Not sure'],
  [{ type: 'regex', value: '^(Yes|No)\\b' }, 'No.'],
  [{ type: 'regex', value: 'NO' }, 'no'],
  [{ type: 'not-regex', value: '\\d' }, 'abc'],
  [{ type: 'is-json' }, '{"a": 1}'],
  [{ type: 'is-json' }, '[1]'],
  [{ type: 'is-json' }, 'x {"a": 1}'],
  [{ type: 'not-is-json' }, 'x'],
  [{ type: 'not-is-json' }, '{}'],
  [{ type: 'is-json', value: schema }, '{"dept": "billing"}'],
  [{ type: 'is-json', value: schema }, '{"dept": "x"}'],
  [{ type: 'is-json', value: 'type: object\nrequired: [dept]' }, '{"dept": 1}'],
  [{ type: 'not-is-json', value: schema }, 'plain'],
  [{ type: 'not-is-json', value: { not: { type: 'object' } } }, 'plain'],
  [
    {
      type: 'is-json',
      value: {
        type: 'object',
        properties: { n: { type: 'integer', minimum: 1, maximum: 3 }, e: { type: 'string', format: 'email' } },
        additionalProperties: false,
      },
    },
    '{"n": 2, "e": "a@b.co"}',
  ],
  [
    { type: 'is-json', value: { type: 'object', properties: { n: { type: 'integer' } }, additionalProperties: false } },
    '{"n": 2.5}',
  ],
  [
    { type: 'is-json', value: { type: 'object', properties: { n: { type: 'integer' } }, additionalProperties: false } },
    '{"n": 2, "m": 1}',
  ],
  [{ type: 'is-json', value: { type: 'array', items: { enum: ['a', 'b'] }, minItems: 2 } }, '["a", "c"]'],
  [
    {
      type: 'is-json',
      value: {
        anyOf: [
          { type: 'string', pattern: '^x' },
          { type: 'number', exclusiveMinimum: 5 },
        ],
      },
    },
    '5',
  ],
  [{ type: 'contains-json', value: schema }, 'First {"dept": "shipping"} then {"dept": "billing"}'],
  [{ type: 'contains-json', value: schema }, '{"dept": "x"}'],
  [{ type: 'contains-json' }, 'see {name: Bob}'],
  [{ type: 'contains-json', value: schema }, 'cut: {"dept": "billing", "x": {"y": 1'],
  [{ type: 'contains-json', value: schema }, '{"dept": "billing" // note\n}'],
  [{ type: 'contains-json' }, '[1, 2]'],
  [{ type: 'contains-json' }, 'a { b } c'],
  [{ type: 'contains-json' }, 'bad { "a": ] }'],
  [{ type: 'not-contains-json' }, 'none'],
  [{ type: 'not-contains-json' }, '{"a": 1}'],
  [{ type: 'not-contains-json', value: schema }, '{"dept": "billing"}'],
  [{ type: 'not-contains-json', value: schema }, '{"dept": "x"}'],
  [{ type: 'levenshtein', value: 'billing', threshold: 2 }, 'biling'],
  [{ type: 'levenshtein', value: 'billing', threshold: 2 }, 'bill'],
  [{ type: 'levenshtein', value: 'abcdefg' }, 'ab'],
  [{ type: 'levenshtein', value: 'a', threshold: 1 }, '😀'],
  [{ type: 'not-levenshtein', value: 'ab', threshold: 0 }, 'ab'],
  [{ type: 'javascript', value: 'file://fixtures/mentions-refund.mjs' }, 'a refund'],
  [{ type: 'not-javascript', value: 'file://fixtures/mentions-refund.mjs' }, 'a refund'],
  [{ type: 'javascript', value: 'file://fixtures/checks.mjs:lengthScore', threshold: 0.5 }, '0123456789ab'],
  [{ type: 'javascript', value: 'file://fixtures/checks.mjs:lengthScore', threshold: 0.5 }, 'short'],
  [{ type: 'not-javascript', value: 'file://fixtures/checks.mjs:lengthScore' }, 'short'],
  [{ type: 'javascript', value: 'file://fixtures/checks.mjs:graded' }, 'x', { expected: 'x' }],
  [{ type: 'javascript', value: 'file://fixtures/checks.mjs:usesConfig', config: { want: 'ok' } }, 'ok'],
  [{ type: 'javascript', value: 'file://fixtures/checks.mjs:badReturn' }, 'x'],
  [{ type: 'javascript', value: 'JSON.parse(output).total === 42.5' }, '{"total": 42.5}'],
  [{ type: 'javascript', value: 'JSON.parse(output).total === 42.5' }, '{"total": "42.5"}'],
  [{ type: 'javascript', value: 'JSON.parse(output).total === 42.5' }, 'Total 42.5'],
  [{ type: 'not-javascript', value: 'JSON.parse(output).total === 1' }, 'Total 42.5'],
  [{ type: 'javascript', value: "JSON.parse(output).items[0].sku !== 'A-1'" }, '{"items": [{"sku": "B"}]}'],
  [{ type: 'javascript', value: 'JSON.parse(output).a.b !== 1' }, '{"c": 1}'],
  [{ type: 'javascript', value: 'JSON.parse(output).n >= 3' }, '{"n": null}'],
  [{ type: 'javascript', value: 'JSON.parse(output).n < 3' }, '{"n": "2"}'],
  [{ type: 'javascript', value: 'JSON.parse(output).s < "b"' }, '{"s": "a"}'],
  [{ type: 'javascript', value: 'JSON.parse(output).emails[1] === "x@y.org"' }, '{"emails": ["a@b.c", "x@y.org"]}'],
  [{ type: 'contains', value: 'x', weight: 0 }, 'y'],
];

test("every case gets promptfoo's verdict (and score, except where the margin replaces nothing)", {
  skip,
}, async () => {
  const { runAssertion } = promptfoo<PromptfooAssertions>('assertions/index.js');
  const cwd = process.cwd();
  process.chdir(baseDir);
  try {
    for (const [spec, output, vars = {}] of cases) {
      const theirs = await runAssertion({ prompt: 'p', assertion: spec, test: { vars }, providerResponse: { output } });
      const compiled = await compileAssertion(spec, { site: { file: 'parity', path: 'case' }, vars, baseDir });
      const ours = await compiled.evaluate(output, { vars });
      assert.equal(ours.pass, theirs.pass, `${JSON.stringify(spec)} on ${JSON.stringify(output)}`);
      assert.equal(ours.score, theirs.score, `score of ${JSON.stringify(spec)} on ${JSON.stringify(output)}`);
    }
  } finally {
    process.chdir(cwd);
  }
});

test('contains-json finds the same objects as promptfoo in 20,000 random JSON-like texts', { skip }, () => {
  const pf = promptfoo<{ extractJsonObjects(s: string): unknown[] }>('util/json.js');
  const alphabet = [
    '{',
    '}',
    '"a"',
    '"b c"',
    ': ',
    ',',
    ' ',
    '1',
    '2.5',
    '-3',
    '[',
    ']',
    'x',
    'yes',
    ' //',
    '\n ',
    "'q'",
    'true',
    'null',
    '"',
    'text ',
  ];
  let seed = 11;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  let compared = 0;
  for (let i = 0; i < 20_000; i++) {
    let s = '';
    for (let k = 1 + Math.floor(next() * 14); k > 0; k--) s += alphabet[Math.floor(next() * alphabet.length)];
    // Known difference: js-yaml refuses a flow-map key whose ":" starts the next line; the yaml library accepts it.
    if (/\n\s*:/.test(s)) continue;
    assert.deepEqual(extractJsonObjects(s), pf.extractJsonObjects(s), JSON.stringify(s));
    compared++;
  }
  assert.ok(compared > 15_000);
});
