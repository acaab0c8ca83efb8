/**
 * @module Quiver's native test form, for teams without promptfoo: a JSONL file of `{"id", "vars", "assert"}` lines
 * (assertions as in promptfoo) and one prompt template file (`--prompt FILE`, `{{ var }}` references), run against
 * the provider the command line names.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { readPrompts } from './prompts.js';
import { isRecord, SuiteConfigError, type ProviderSpec, type Suite, type SuiteTest } from './types.js';

export function readNativeSuite(file: string, promptFile: string, providers: readonly ProviderSpec[]): Suite {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new SuiteConfigError(file, 'file', `cannot read it: ${(err as Error).message}`);
  }
  const tests: SuiteTest[] = [];
  const ids = new Map<string, number>();
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    const at = `line ${i + 1}`;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (err) {
      throw new SuiteConfigError(file, at, `not valid JSON: ${(err as Error).message}`);
    }
    if (!isRecord(raw)) throw new SuiteConfigError(file, at, 'each line must be an object {"id", "vars", "assert"}');
    if (typeof raw.id !== 'string' || raw.id === '')
      throw new SuiteConfigError(file, `${at}.id`, 'must be a non-empty string');
    const seen = ids.get(raw.id);
    if (seen !== undefined)
      throw new SuiteConfigError(file, `${at}.id`, `"${raw.id}" is already the id of line ${seen}`);
    ids.set(raw.id, i + 1);
    if (!isRecord(raw.vars)) throw new SuiteConfigError(file, `${at}.vars`, 'must be an object of named values');
    if (!Array.isArray(raw.assert) || raw.assert.length === 0)
      throw new SuiteConfigError(file, `${at}.assert`, 'must be a non-empty list of assertions');
    if (raw.threshold !== undefined && typeof raw.threshold !== 'number')
      throw new SuiteConfigError(file, `${at}.threshold`, 'must be a number');
    tests.push({
      index: tests.length,
      where: at,
      description: raw.id,
      vars: raw.vars,
      assert: raw.assert.map((spec: unknown, j: number) => ({ spec, file, where: `${at}.assert[${j}]` })),
      threshold: typeof raw.threshold === 'number' ? raw.threshold : undefined,
      provider: undefined,
      prefix: '',
      suffix: '',
      metadata: isRecord(raw.metadata) ? raw.metadata : {},
    });
  });
  if (tests.length === 0) throw new SuiteConfigError(file, 'file', 'no tests');
  return {
    file,
    baseDir: dirname(resolve(file)),
    description: undefined,
    prompts: readPrompts(`file://${resolve(promptFile)}`, promptFile, dirname(resolve(promptFile))),
    providers,
    tests,
  };
}
