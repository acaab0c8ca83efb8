/**
 * @module Test lists promptfoo loads from files: `tests: file://tests.yaml` (or .yml, .json: a list of tests) and
 * `file://tests.jsonl` (one test per line). CSV and other sources (globs, Google Sheets, scripts) are refused, naming
 * the reference. Each test keeps where it is written (`tests.yaml[3]`, `tests.jsonl:4`) for later messages.
 */
import { readFileSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { parsePromptfooYaml } from '../assertions/yaml-compat.js';
import { SuiteConfigError } from './types.js';

export interface RawTest {
  readonly raw: unknown;
  /** The file the test is written in. */
  readonly file: string;
  /** Its position there, e.g. `tests[3]`, `[3]` or `line 4`. */
  readonly where: string;
}

function read(path: string, file: string, where: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new SuiteConfigError(file, where, `cannot read ${path}: ${(err as Error).message}`);
  }
}

export function testsFromFile(ref: string, file: string, baseDir: string, where: string): RawTest[] {
  const rel = ref.slice('file://'.length);
  if (/[*?[]/.test(rel))
    throw new SuiteConfigError(file, where, `glob test files (${ref}) are not supported; list the files`);
  const path = resolve(baseDir, rel);
  const ext = extname(path).toLowerCase();
  const text = read(path, file, where);
  if (ext === '.jsonl') {
    const tests: RawTest[] = [];
    text.split(/\r?\n/).forEach((line, i) => {
      if (line.trim() === '') return;
      let raw: unknown;
      try {
        raw = JSON.parse(line);
      } catch (err) {
        throw new SuiteConfigError(path, `line ${i + 1}`, `not valid JSON: ${(err as Error).message}`);
      }
      tests.push({ raw, file: path, where: `line ${i + 1}` });
    });
    return tests;
  }
  if (ext === '.yaml' || ext === '.yml' || ext === '.json') {
    let list: unknown;
    try {
      list = parsePromptfooYaml(text);
    } catch (err) {
      throw new SuiteConfigError(
        path,
        'tests',
        `not valid ${ext === '.json' ? 'JSON' : 'YAML'}: ${(err as Error).message}`,
      );
    }
    if (!Array.isArray(list)) throw new SuiteConfigError(path, 'tests', 'a test file must hold a list of tests');
    return list.map((raw, i) => ({ raw, file: path, where: `[${i}]` }));
  }
  const hint =
    ext === '.csv'
      ? 'CSV test files are not supported yet; use YAML, JSON or JSONL'
      : `${basename(path)}: test files must be .yaml, .yml, .json or .jsonl`;
  throw new SuiteConfigError(file, where, hint);
}
