/**
 * @module Declarative option tables: each command-line option is declared once, as one entry keyed by its name in
 * camelCase (`maxWords` is `--max-words`). The commander flags (cli/commander-options.ts), the typed options object
 * (`OptionsOf`), its defaults (`withDefaults`) and the flag names in messages (`flagOf`) all derive from the entry.
 */
import { ConfigError } from '../core/errors.js';

/** Turns the text typed after a flag into a value; bad text is a ConfigError naming the flag. */
export interface ValueType<T> {
  /** `previous`: the value so far, for repeatable options (undefined the first time). */
  parse(text: string, flag: string, previous: T | undefined): T;
  /** The values commander offers and checks (`--scope <part>` shows and accepts only these). */
  readonly choices?: readonly string[];
}

export interface OptionSpec<T> {
  readonly description: string;
  /** Placeholder of the value in --help (`n` in `--limit <n>`); absent for a switch (`--force`, `--no-cache`). */
  readonly arg?: string;
  /** For a switch, `parse` gives the value of the switch when given. */
  readonly type: ValueType<T>;
  readonly default?: T;
  /** Commander refuses the command without it. */
  readonly required?: true;
  /** `--no-<name>`: the value is `default` unless the switch is given. */
  readonly negate?: true;
}

/** An option table; entries may carry more fields than OptionSpec (a command's own metadata). */
export type TableOf<Table> = { readonly [K in keyof Table]: OptionSpec<ValueOf<Table[K]>> };

/** The value type of one entry. */
export type ValueOf<S> = S extends { readonly type: ValueType<infer T> } ? T : never;

/** An option has a value when it has a default or is required; the others may be absent. */
type Filled<S> = S extends { readonly default: unknown } | { readonly required: true } ? true : false;

type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** The typed options object of a table: keys with a default (or required) are always there, the others optional. */
export type OptionsOf<Table> = Simplify<
  { -readonly [K in keyof Table as Filled<Table[K]> extends true ? K : never]: ValueOf<Table[K]> } & {
    -readonly [K in keyof Table as Filled<Table[K]> extends true ? never : K]?: ValueOf<Table[K]>;
  }
>;

/** The options a user or caller gave (the CLI: typed on the command line); every one may be absent. */
export type GivenOptions<Table> = { -readonly [K in keyof Table]?: ValueOf<Table[K]> };

/**
 * Checks every entry against its own value type (a default, choice or parser of another type is a type error) and
 * keeps the literal table type, from which `OptionsOf` infers the options object.
 */
export function defineOptions<const Table extends TableOf<Table>>(table: Table): Table {
  return table;
}

/** `maxWords` -> `--max-words`; a negated switch `cache` -> `--no-cache`. */
export function flagOf(key: string, spec?: Pick<OptionSpec<unknown>, 'description' | 'negate'>): string {
  return `--${spec?.negate ? 'no-' : ''}${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/** Keys of the table, in declaration order (the order of --help). */
export function keysOf<Table extends object>(table: Table): (keyof Table & string)[] {
  return Object.keys(table).filter((k): k is keyof Table & string => Object.hasOwn(table, k));
}

/**
 * The given options with every default of the table filled in. A required option that is missing is a ConfigError
 * (commander refuses it first on the command line; a library caller gets this message).
 */
export function withDefaults<Table extends TableOf<Table>>(table: Table, given: GivenOptions<Table>): OptionsOf<Table> {
  const filled: GivenOptions<Table> = { ...given };
  for (const key of keysOf(table)) {
    const spec = table[key];
    if (filled[key] !== undefined) continue;
    if (spec.default !== undefined) filled[key] = spec.default;
    else if (spec.required) throw new ConfigError(`${flagOf(key, spec)} is required`);
  }
  if (!isFilled(table, filled)) throw new Error('withDefaults: an option with a default is still missing');
  return filled;
}

function isFilled<Table extends TableOf<Table>>(
  table: Table,
  options: GivenOptions<Table>,
): options is GivenOptions<Table> & OptionsOf<Table> {
  return keysOf(table).every(
    (key) => options[key] !== undefined || (table[key].default === undefined && !table[key].required),
  );
}
