import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Command } from 'commander';
import { addTableOptions } from '../cli/commander-options.js';
import { ConfigError } from '../core/errors.js';
import { integer, off, on, oneOf, repeated, text } from './parsers.js';
import { defineOptions, flagOf, withDefaults, type OptionsOf } from './table.js';

const table = defineOptions({
  target: { arg: 'spec', type: text, required: true, description: 'what to test' },
  maxWords: { arg: 'n', type: integer(1), default: 1000, description: 'longest text' },
  scope: { arg: 'part', type: oneOf(['example', 'prompt']), description: 'what to perturb' },
  protect: { arg: 'regex', type: repeated, default: [], description: 'repeatable' },
  force: { type: on, description: 'a switch' },
  cache: { negate: true, type: off, default: true, description: 'a negated switch' },
});

function parse(...args: string[]): OptionsOf<typeof table> {
  const cmd = new Command('t').exitOverride().configureOutput({ writeErr: () => {} });
  const given = addTableOptions(cmd, table);
  cmd.parse(args, { from: 'user' });
  return withDefaults(table, given());
}

test('flags derive from the keys; parsed values are typed by the entries; defaults fill what was not given', () => {
  assert.deepEqual([flagOf('maxWords'), flagOf('cache', table.cache)], ['--max-words', '--no-cache']);
  assert.deepEqual(parse('--target', 'x'), { target: 'x', maxWords: 1000, protect: [], cache: true });
  assert.deepEqual(
    parse(
      '--target',
      'x',
      '--max-words',
      '5',
      '--protect',
      'a',
      '--protect',
      'b',
      '--force',
      '--no-cache',
      '--scope',
      'prompt',
    ),
    {
      target: 'x',
      maxWords: 5,
      protect: ['a', 'b'],
      force: true,
      cache: false,
      scope: 'prompt',
    },
  );
  assert.throws(
    () => parse('--target', 'x', '--max-words', '0'),
    (e: unknown) => e instanceof ConfigError && e.message === '--max-words must be a whole number >= 1, got "0"',
  );
  assert.throws(() => parse('--target', 'x', '--scope', 'both'), /Allowed choices are example, prompt/);
  assert.throws(() => parse(), /required option '--target <spec>' not specified/);
  assert.throws(
    () => withDefaults(table, {}),
    (e: unknown) => e instanceof ConfigError && e.message === '--target is required',
  );
});

// A default, parser or choice of another type than the entry's is a type error.
// biome-ignore lint/suspicious/noExportsInTest: kept (exported) for noUnusedLocals; type-checked, never run.
export function typeChecks(): void {
  // @ts-expect-error the default is not a number
  defineOptions({ n: { arg: 'n', type: integer(1), default: 'ten', description: '' } });
  // @ts-expect-error the default is not one of the choices
  defineOptions({ s: { arg: 's', type: oneOf(['a', 'b']), default: 'c', description: '' } });
}
