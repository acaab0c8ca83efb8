/** Assertions against hand-computed cases, including the subtle ones of promptfoo 0.115's semantics. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { compileAssertion } from './compile.js';
import {
  AssertionConfigError,
  UnsupportedAssertionError,
  type AssertionOutcome,
  type EvaluationContext,
} from './types.js';

const baseDir = fileURLToPath(new URL('.', import.meta.url));
const site = { file: 'demo.yaml', path: 'tests[2].assert[0]' };

async function run(spec: unknown, output: string, context: Partial<EvaluationContext> = {}): Promise<AssertionOutcome> {
  const vars = context.vars ?? {};
  const compiled = await compileAssertion(spec, { site, vars, baseDir });
  return compiled.evaluate(output, { vars, ...context });
}

async function passes(spec: unknown, output: string, context: Partial<EvaluationContext> = {}): Promise<boolean> {
  return (await run(spec, output, context)).pass;
}

test('equals: strings exactly; objects and arrays vs the parsed output; a parse failure fails negated', async () => {
  assert.equal(await passes({ type: 'equals', value: 'billing' }, 'billing'), true);
  assert.equal(await passes({ type: 'equals', value: 'billing' }, 'Billing'), false, 'case counts');
  assert.equal(await passes({ type: 'equals', value: 'billing' }, 'billing\n'), false, 'no trimming');
  assert.equal(await passes({ type: 'equals', value: 42 }, '42'), true, 'a number compares as its string');
  assert.equal(
    await passes({ type: 'equals', value: { a: 1, b: [2] } }, '{"b":[2],"a":1}'),
    true,
    'key order does not count',
  );
  assert.equal(await passes({ type: 'equals', value: { a: 1 } }, '{"a":"1"}'), false);
  assert.equal(await passes({ type: 'not-equals', value: { a: 1 } }, '{"a":2}'), true);
  assert.equal(
    await passes({ type: 'not-equals', value: { a: 1 } }, 'not json'),
    false,
    'promptfoo: parse failure fails not-equals too',
  );
  assert.equal(await passes({ type: 'not-equals', value: 'x' }, 'y'), true);
});

test('contains family: case, number values, lists split at commas (contains-any keeps quoted items)', async () => {
  assert.equal(await passes({ type: 'contains', value: 'Refund' }, 'a refund'), false);
  assert.equal(await passes({ type: 'icontains', value: 'Refund' }, 'a REFUND'), true);
  assert.equal(await passes({ type: 'contains', value: 30 }, 'within 30 days'), true);
  assert.equal(
    await passes({ type: 'not-contains', value: 'sorry' }, 'Sorry!'),
    true,
    'not-contains is case-sensitive',
  );
  assert.equal(await passes({ type: 'not-icontains', value: 'sorry' }, 'Sorry!'), false);
  assert.equal(await passes({ type: 'contains-any', value: 'billing, shipping' }, 'shipping'), true);
  assert.equal(
    await passes({ type: 'contains-any', value: '"a, b", c' }, 'x a, b y'),
    true,
    'a quoted item keeps its comma',
  );
  assert.equal(await passes({ type: 'contains-any', value: '"a, b", c' }, 'a b'), false);
  assert.equal(
    await passes({ type: 'icontains-any', value: '"a, b", c' }, '"A'),
    true,
    'icontains-any splits at every comma: items "\\"a" and "b\\""',
  );
  assert.equal(await passes({ type: 'contains-all', value: ['yes', 'days'] }, 'yes, 30 days'), true);
  assert.equal(await passes({ type: 'contains-all', value: 'Yes, days' }, 'yes, 30 days'), false);
  assert.equal(await passes({ type: 'icontains-all', value: 'Yes, DAYS' }, 'yes, 30 days'), true);
  assert.equal(
    await passes({ type: 'not-contains-all', value: ['a', 'z'] }, 'abc'),
    true,
    'passes unless all are present',
  );
  assert.equal(await passes({ type: 'not-contains-any', value: ['a', 'z'] }, 'abc'), false);
  assert.equal(await passes({ type: 'contains-any', value: [1, 2] }, 'room 2'), true, 'list items are stringified');
});

test('starts-with and regex: case-sensitive, no trimming, no implicit anchors', async () => {
  assert.equal(await passes({ type: 'starts-with', value: 'Yes' }, 'Yes. Unworn items...'), true);
  assert.equal(await passes({ type: 'starts-with', value: 'Yes' }, ' Yes'), false);
  assert.equal(await passes({ type: 'not-starts-with', value: 'No' }, 'Not sure'), false, '"Not" starts with "No"');
  assert.equal(await passes({ type: 'regex', value: '^(Yes|No)\\b' }, 'No.'), true);
  assert.equal(await passes({ type: 'regex', value: 'no' }, 'Not now'), true, 'unanchored, matches inside a word');
  assert.equal(await passes({ type: 'regex', value: 'NO' }, 'no'), false, 'no flags');
  assert.equal(await passes({ type: 'not-regex', value: '\\d' }, 'no digits'), true);
});

test('is-json: whole output only; a schema; not-is-json validates the never-parsed value', async () => {
  const schema = { type: 'object', required: ['total'], properties: { total: { type: 'number' } } };
  assert.equal(await passes({ type: 'is-json' }, '{"total": 3}'), true);
  assert.equal(await passes({ type: 'is-json' }, '[1, 2]'), true, 'any JSON, arrays too');
  assert.equal(await passes({ type: 'is-json' }, 'Here: {"total": 3}'), false, 'no extraction');
  assert.equal(await passes({ type: 'is-json', value: schema }, '{"total": "3"}'), false);
  assert.equal(
    await passes({ type: 'is-json', value: 'type: object\nrequired: [total]' }, '{"total": 3}'),
    true,
    'a YAML schema string',
  );
  assert.equal(await passes({ type: 'not-is-json' }, 'plain'), true);
  assert.equal(await passes({ type: 'not-is-json' }, '{}'), false);
  assert.equal(
    await passes({ type: 'not-is-json', value: schema }, 'plain'),
    false,
    'promptfoo checks undefined against the schema, which fails',
  );
  assert.equal(await passes({ type: 'not-is-json', value: { not: { type: 'object' } } }, 'plain'), true);
});

test('contains-json: several fragments, YAML-style objects, truncated JSON, comments, not- with a schema', async () => {
  const schema = { type: 'object', required: ['dept'], properties: { dept: { const: 'billing' } } };
  const text = 'First {"dept": "shipping"} then {"dept": "billing"} end';
  assert.equal(await passes({ type: 'contains-json', value: schema }, text), true, 'the second fragment conforms');
  assert.equal(await passes({ type: 'contains-json', value: schema }, 'only {"dept": "shipping"}'), false);
  assert.equal(await passes({ type: 'contains-json' }, 'see {name: Bob}'), true, 'YAML flow maps count');
  assert.equal(
    await passes({ type: 'contains-json', value: schema }, 'cut off: {"dept": "billing", "x": {"y": 1'),
    true,
    'missing braces are appended',
  );
  assert.equal(
    await passes({ type: 'contains-json', value: schema }, '{"dept": "billing" // the answer\n}'),
    true,
    '// comments are dropped',
  );
  assert.equal(
    await passes({ type: 'contains-json' }, 'a list [1, 2] only'),
    false,
    'top-level arrays are never found',
  );
  assert.equal(
    await passes({ type: 'contains-json' }, 'braces { but } no json'),
    true,
    '"{ but }" is a YAML flow map {but: null}',
  );
  assert.equal(await passes({ type: 'contains-json' }, 'unbalanced { "a": ] }'), false);
  assert.equal(await passes({ type: 'not-contains-json' }, 'no objects'), true);
  assert.equal(await passes({ type: 'not-contains-json' }, '{"a": 1}'), false);
  assert.equal(
    await passes({ type: 'not-contains-json', value: schema }, '{"dept": "billing"}'),
    true,
    'promptfoo: with a schema the schema verdict is not inverted',
  );
  assert.equal(await passes({ type: 'not-contains-json', value: schema }, '{"dept": "other"}'), false);
});

test('json-path: hits, misses, orderings with a margin, the inline JavaScript form read without running', async () => {
  const out = '{"total": 42.5, "items": [{"sku": "A-1"}], "due date": "2025-03-01", "none": null}';
  assert.equal(await passes({ type: 'json-path', value: '$.total == 42.5' }, out), true);
  assert.equal(await passes({ type: 'json-path', value: '$.items[0].sku == "A-1"' }, out), true);
  assert.equal(await passes({ type: 'json-path', value: '$["due date"] == "2025-03-01"' }, out), true);
  assert.equal(
    await passes({ type: 'json-path', value: '$.items[1].sku == "A-1"' }, out),
    false,
    'a miss never equals',
  );
  assert.equal(await passes({ type: 'json-path', value: '$.missing != 3' }, out), true, 'a miss is unequal');
  assert.equal(await passes({ type: 'json-path', value: '$.missing < 3' }, out), false, 'a miss never orders');
  assert.equal(
    await passes({ type: 'json-path', value: '$.none < 3' }, out),
    true,
    'null orders as 0, as in JavaScript',
  );
  assert.equal(
    await passes({ type: 'json-path', value: '$.total == 42.5' }, 'Total: 42.5'),
    false,
    'the whole output must be JSON',
  );
  assert.equal(
    await passes({ type: 'not-json-path', value: '$.total == 1' }, 'Total: 42.5'),
    false,
    'not even inverted',
  );
  assert.equal(await passes({ type: 'json-path', value: '$.items == [{"sku": "A-1"}]' }, out), true, 'deep equality');

  const bound = await run({ type: 'json-path', value: '$.total >= 40' }, '{"total": 41}', {
    originalOutput: '{"total": 44}',
  });
  assert.equal(bound.pass, true);
  assert.equal(bound.signal, 'numeric-field');
  assert.ok(Math.abs(bound.margin - 0.75) < 1e-12, `3 of the 4 units toward the bound: ${bound.margin}`);
  assert.equal(
    (await run({ type: 'json-path', value: '$.total >= 40' }, '{"total": 39}', { originalOutput: '{"total": 44}' }))
      .margin,
    1,
  );

  assert.equal(await passes({ type: 'javascript', value: 'JSON.parse(output).total === 42.5' }, out), true);
  assert.equal(await passes({ type: 'javascript', value: "JSON.parse(output).items[0].sku !== 'A-1'" }, out), false);
  assert.equal(
    await passes({ type: 'javascript', value: 'JSON.parse(output).a.b !== 1' }, '{"c": 1}'),
    false,
    'JavaScript would throw reading b of undefined',
  );
  assert.equal(
    await passes({ type: 'json-path', value: '$.a.b != 1' }, '{"c": 1}'),
    true,
    'the native form is lenient',
  );
  assert.equal(await passes({ type: 'not-javascript', value: 'JSON.parse(output).total === 1' }, out), true);
});

test('levenshtein: UTF-16 distance against the threshold (default 5), not- ignored as promptfoo does', async () => {
  const near = await run({ type: 'levenshtein', value: 'billing', threshold: 2 }, 'biling');
  assert.equal(near.pass, true);
  assert.equal(near.signal, 'edit-distance');
  assert.ok(Math.abs(near.margin - 1 / 3) < 1e-12);
  assert.equal(await passes({ type: 'levenshtein', value: 'billing', threshold: 2 }, 'bill'), false, 'distance 3');
  assert.equal(await passes({ type: 'levenshtein', value: 'abcdefg' }, 'ab'), true, 'distance 5 = default threshold');
  assert.equal(
    await passes({ type: 'levenshtein', value: 'a', threshold: 1 }, '😀'),
    false,
    'an emoji is two code units',
  );
  assert.equal(
    await passes({ type: 'not-levenshtein', value: 'billing', threshold: 2 }, 'billing'),
    true,
    'promptfoo ignores not- here',
  );
});

test('similar: word-vector cosine, threshold 0.75 by default, lists pass on any item, not-, margin', async () => {
  const same = await run({ type: 'similar', value: 'Your refund is on its way' }, 'Your refund is on its way');
  assert.equal(same.pass, true);
  assert.ok(Math.abs(same.score - 1) < 1e-6 && same.margin < 1e-6);
  const related = await run(
    { type: 'similar', value: 'the parcel was delivered late', threshold: 0.5 },
    'the package arrived late',
  );
  assert.equal(related.pass, true, `score ${related.score}`);
  assert.equal(related.signal, 'similarity');
  assert.ok(related.margin > 0 && related.margin < 1);
  assert.equal(
    await passes(
      { type: 'similar', value: 'the parcel was delivered late', threshold: 0.99 },
      'quantum chromodynamics lecture',
    ),
    false,
  );
  assert.equal(
    await passes(
      { type: 'similar', value: ['quantum physics', 'the package arrived late'], threshold: 0.9 },
      'the package arrived late',
    ),
    true,
  );
  assert.equal(
    await passes(
      { type: 'not-similar', value: 'the package arrived late', threshold: 0.9 },
      'the package arrived late',
    ),
    false,
  );
  assert.equal(
    await passes({ type: 'not-similar', value: 'the package arrived late', threshold: 0.9 }, 'quantum chromodynamics'),
    true,
  );
});

test('javascript modules: boolean, number with threshold, grading result, config, throws, bad returns', async () => {
  const file = 'file://fixtures/checks.mjs';
  assert.equal(await passes({ type: 'javascript', value: 'file://fixtures/mentions-refund.mjs' }, 'a refund'), true);
  assert.equal(
    await passes({ type: 'not-javascript', value: 'file://fixtures/mentions-refund.mjs' }, 'a refund'),
    false,
    'booleans are inverted',
  );
  const score = await run({ type: 'javascript', value: `${file}:lengthScore`, threshold: 0.5 }, '0123456789ab');
  assert.deepEqual([score.pass, score.score, score.signal], [true, 0.6, 'script-score']);
  assert.ok(Math.abs(score.margin - 0.8) < 1e-12);
  assert.equal(await passes({ type: 'javascript', value: `${file}:lengthScore`, threshold: 0.5 }, 'short'), false);
  assert.equal(
    await passes({ type: 'not-javascript', value: `${file}:lengthScore` }, 'short'),
    true,
    'numbers are never inverted: 0.25 > 0',
  );
  const graded = await run({ type: 'javascript', value: `${file}:graded` }, 'x', { vars: { expected: 'x' } });
  assert.deepEqual([graded.pass, graded.score, graded.reason], [true, 0.25, 'graded by fixture']);
  assert.equal(await passes({ type: 'javascript', value: `${file}:usesConfig`, config: { want: 'ok' } }, 'ok'), true);
  const thrown = await run({ type: 'javascript', value: `${file}:throws` }, 'x');
  assert.deepEqual([thrown.pass, thrown.error], [false, 'fixture failure']);
  assert.equal(await passes({ type: 'javascript', value: `${file}:badReturn` }, 'x'), false);
});

test('changed: holds while the normalized output is the original; JSON compares by value; no margin', async () => {
  const original = 'Billing';
  assert.equal(await passes({ type: 'changed' }, '  billing ', { originalOutput: original }), true);
  assert.equal(await passes({ type: 'changed' }, 'shipping', { originalOutput: original }), false);
  assert.equal(await passes({ type: 'changed' }, '{"b": 2, "a": 1}', { originalOutput: '{"a":1,"b":2}' }), true);
  const r = await run({ type: 'changed' }, 'billing', { originalOutput: original });
  assert.deepEqual([r.margin, r.signal], [0, 'none']);
});

test('fallback signal: token edit distance to the original output; failing is margin 1; weight 0 passes', async () => {
  const r = await run({ type: 'contains', value: 'billing' }, 'billing team', { originalOutput: 'billing' });
  assert.deepEqual([r.pass, r.signal, r.margin], [true, 'output-distance', 0.5]);
  const failed = await run({ type: 'contains', value: 'billing' }, 'shipping', { originalOutput: 'billing' });
  assert.deepEqual([failed.pass, failed.margin], [false, 1]);
  assert.deepEqual(
    (await run({ type: 'contains', value: 'billing' }, 'billing')).signal,
    'none',
    'no original: no signal',
  );
  assert.equal(await passes({ type: 'contains', value: 'billing', weight: 0 }, 'shipping'), true);
});

test('values are rendered with the test vars, literally, and read from files', async () => {
  assert.equal(await passes({ type: 'equals', value: '{{ dept }}' }, 'billing', { vars: { dept: 'billing' } }), true);
  assert.equal(
    await passes({ type: 'contains', value: '{{ x }}' }, 'a {{ y }} b', { vars: { x: '{{ y }}', y: 'no' } }),
    true,
    'a var value is text',
  );
  assert.equal(await passes({ type: 'contains-any', value: ['{{a}}', 'zzz'] }, 'alpha', { vars: { a: 'alp' } }), true);
  assert.equal(await passes({ type: 'is-json', value: 'file://fixtures/schema.json' }, '{"total": 1}'), true);
  assert.equal(await passes({ type: 'is-json', value: 'file://fixtures/schema.json' }, '{"total": "1"}'), false);
});

test('bad assertions are typed errors naming the file, test, assertion and field', async () => {
  const compile = (spec: unknown) => compileAssertion(spec, { site, vars: {}, baseDir });
  await assert.rejects(
    compile({ type: 'llm-rubric', value: 'is polite' }),
    (e: unknown) =>
      e instanceof UnsupportedAssertionError &&
      e.assertionType === 'llm-rubric' &&
      /demo\.yaml: tests\[2\]\.assert\[0\]\.type: .*model-graded/.test(e.message),
  );
  await assert.rejects(compile({ type: 'not-factuality', value: 'x' }), UnsupportedAssertionError);
  await assert.rejects(compile({ type: 'latency', threshold: 10 }), /"latency" is not supported: it checks timing/);
  await assert.rejects(compile({ type: 'containz', value: 'x' }), /unknown assertion type; Quiver supports equals/);
  await assert.rejects(
    compile({ type: 'javascript', value: 'output.length > 3' }),
    (e: unknown) =>
      e instanceof AssertionConfigError && e.field === 'value' && /inline JavaScript is not run/.test(e.message),
  );
  await assert.rejects(
    compile({ type: 'javascript', value: 'file://fixtures/missing.mjs' }),
    /tests\[2\]\.assert\[0\]\.value: cannot load/,
  );
  await assert.rejects(compile({ type: 'javascript', value: 'file://fixtures/checks.mjs:nope' }), /no function "nope"/);
  await assert.rejects(compile({ type: 'regex', value: '(' }), /\.value: invalid regular expression/);
  await assert.rejects(compile({ type: 'contains' }), /"contains" needs a non-empty string or number value/);
  await assert.rejects(compile({ type: 'contains', value: { a: 1 } }), AssertionConfigError);
  await assert.rejects(compile({ type: 'json-path', value: 'total == 3' }), /starts with "\$"/);
  await assert.rejects(compile({ type: 'json-path', value: '$.total == three' }), /JSON literal/);
  await assert.rejects(
    compile({ type: 'is-json', value: { type: 'object', propertyNames: { pattern: 'x' } } }),
    /unknown keyword "propertyNames"/,
  );
  await assert.rejects(
    compile({ type: 'equals', value: 'x', transform: 'output.trim()' }),
    /\.transform: output transforms run code/,
  );
  await assert.rejects(compile({ type: 'not-changed' }), /"not-changed" fails on every original output/);
  await assert.rejects(
    compile({ type: 'contains', value: 'file://fixtures/checks.mjs' }),
    /a script computing the expected value is not run/,
  );
  await assert.rejects(compile({ type: 'equals', value: '{% if x %}y{% endif %}' }), /unsupported template syntax/);
  await assert.rejects(compile({ value: 'x' }), /\.type: an assertion needs a string "type"/);
  await assert.rejects(compile({ type: 'similar', value: 'x', threshold: 'high' }), /\.threshold: must be a number/);
});
