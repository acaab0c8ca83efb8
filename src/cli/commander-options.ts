/**
 * @module Commander options derived from an option table (options/table.ts): flags, help, defaults and choices come
 * from the entries, and the values typed on the command line are collected by the entries' own parsers into a
 * typed object, so no command reads commander's untyped option values.
 */
import { Option, type Command } from 'commander';
import { flagOf, keysOf, type GivenOptions, type OptionSpec, type TableOf } from '../options/table.js';

/** Reads, once the command line is parsed, the options the user typed (defaults are not included). */
export type GivenReader<Table> = () => GivenOptions<Table>;

/** Adds every option of the table to `cmd`, in table order (the order of --help). */
export function addTableOptions<Table extends TableOf<Table>>(cmd: Command, table: Table): GivenReader<Table> {
  const given: GivenOptions<Table> = {};
  for (const key of keysOf(table)) {
    const spec = table[key];
    const flag = flagOf(key, spec);
    const option = new Option(spec.arg === undefined ? flag : `${flag} <${spec.arg}>`, spec.description);
    if (spec.arg !== undefined) {
      const choices = spec.type.choices;
      // Commander's choice check keeps its message and help; the entry's parser then gives the typed value.
      const check = choices === undefined ? undefined : option.choices(choices).parseArg;
      option.argParser((text: string, previous: unknown) => {
        check?.(text, previous);
        const value = spec.type.parse(text, flag, given[key]);
        given[key] = value;
        return value;
      });
    }
    // A negated switch defaults to true in commander already (and its help does not show the default).
    if (spec.default !== undefined && !spec.negate) option.default(spec.default);
    if (spec.required) option.makeOptionMandatory();
    cmd.addOption(option);
  }
  return () => {
    // A switch takes no text, so its parser runs here, for the switches typed on the command line.
    for (const key of keysOf(table)) {
      const spec: OptionSpec<unknown> = table[key];
      if (spec.arg === undefined && cmd.getOptionValueSource(key) === 'cli')
        given[key] = table[key].type.parse('', flagOf(key, spec), undefined);
    }
    return given;
  };
}
