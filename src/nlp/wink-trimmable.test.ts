import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { trimmableWink, withTrimMethods } from './wink-trimmable.js';

test('a wink-nlp whose cache is not the file Quiver extends is refused, naming the file', () => {
  const source = 'var cache = function () {\n  var methods = {};\n  methods.lookup = lookup;\n  return methods;\n};\n';
  assert.throws(() => withTrimMethods(source, '/x/wink-nlp/src/cache.js'), /\/x\/wink-nlp\/src\/cache\.js is not/);
});

test("the installed wink-nlp's cache gets the methods; require('wink-nlp') elsewhere is the unchanged library", () => {
  const require = createRequire(import.meta.url);
  const source = require('node:fs').readFileSync(require.resolve('wink-nlp/src/cache.js'), 'utf8') as string;
  assert.match(withTrimMethods(source, 'cache.js'), /methods\.trimTo = function/);
  const { winkNLP, cacheOf } = trimmableWink();
  assert.notEqual(winkNLP, require('wink-nlp'));
  const model = require('wink-eng-lite-web-model') as Parameters<typeof winkNLP>[0] & { core(): object };
  let core: object | undefined;
  winkNLP({ ...model, core: () => (core = model.core()) }, ['sbd']);
  assert.equal(typeof cacheOf(core!)?.trimTo, 'function');
});
