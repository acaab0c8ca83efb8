/**
 * @module promptfoo tests as promptfoo 0.115's evaluator prepares them: `defaultTest` merged in (vars under the
 * test's, assertions before the test's, threshold, options, metadata and provider when the test has none), and a var
 * holding a list of strings expanded into one test per value (all combinations). Fields that would run code or read
 * files (`options.transform`, `transformVars`, `file://` vars) are refused with the test and field they are in.
 */
import { readProvider } from './providers.js';
import { testsFromFile, type RawTest } from './test-files.js';
import { isRecord, SuiteConfigError, type ProviderSpec, type SuiteTest } from './types.js';

interface Defaults {
  readonly vars: Record<string, unknown>;
  readonly assert: { spec: unknown; file: string; where: string }[];
  readonly threshold: number | undefined;
  readonly options: Record<string, unknown>;
  readonly metadata: Record<string, unknown>;
  readonly provider: ProviderSpec | undefined;
}

function recordField(t: Record<string, unknown>, key: string, file: string, where: string): Record<string, unknown> {
  const v = t[key];
  if (v === undefined) return {};
  if (!isRecord(v)) throw new SuiteConfigError(file, `${where}.${key}`, `must be an object, got ${JSON.stringify(v)}`);
  return v;
}

function parts(raw: unknown, file: string, where: string): Defaults {
  if (!isRecord(raw)) throw new SuiteConfigError(file, where, 'a test must be an object with vars and assert');
  const assertList = raw.assert ?? [];
  if (!Array.isArray(assertList)) throw new SuiteConfigError(file, `${where}.assert`, 'must be a list of assertions');
  if (raw.threshold !== undefined && typeof raw.threshold !== 'number')
    throw new SuiteConfigError(file, `${where}.threshold`, 'must be a number');
  const options = recordField(raw, 'options', file, where);
  for (const key of ['transform', 'transformVars', 'postprocess']) {
    if (options[key] !== undefined)
      throw new SuiteConfigError(
        file,
        `${where}.options.${key}`,
        'transforms run code and are not supported by Quiver',
      );
  }
  const vars = recordField(raw, 'vars', file, where);
  for (const [name, value] of Object.entries(vars)) {
    if (typeof value === 'string' && /^(file|package):/.test(value))
      throw new SuiteConfigError(
        file,
        `${where}.vars.${name}`,
        `"${value}": promptfoo would load this value from a file or package; Quiver only takes literal vars`,
      );
  }
  return {
    vars,
    assert: assertList.map((spec: unknown, j: number) => ({ spec, file, where: `${where}.assert[${j}]` })),
    threshold: typeof raw.threshold === 'number' ? raw.threshold : undefined,
    options,
    metadata: recordField(raw, 'metadata', file, where),
    provider: raw.provider === undefined ? undefined : readProvider(raw.provider, file, `${where}.provider`),
  };
}

/** promptfoo's generateVarCombinations: a list of strings is one value per test; other lists stay whole. */
function combinations(vars: Record<string, unknown>): Record<string, unknown>[] {
  let out: Record<string, unknown>[] = [{}];
  for (const [key, value] of Object.entries(vars)) {
    const values = Array.isArray(value) && typeof value[0] === 'string' ? value : [value];
    out = out.flatMap((c) => values.map((v: unknown) => ({ ...c, [key]: v })));
  }
  return out;
}

function rawTests(tests: unknown, file: string, baseDir: string): RawTest[] {
  if (tests === undefined) return [];
  if (typeof tests === 'string') {
    if (!tests.startsWith('file://'))
      throw new SuiteConfigError(file, 'tests', 'must be a list of tests or "file://tests.yaml|json|jsonl"');
    return testsFromFile(tests, file, baseDir, 'tests');
  }
  if (!Array.isArray(tests)) throw new SuiteConfigError(file, 'tests', 'must be a list of tests');
  return tests.flatMap((t: unknown, i: number) =>
    typeof t === 'string' && t.startsWith('file://')
      ? testsFromFile(t, file, baseDir, `tests[${i}]`)
      : [{ raw: t, file, where: `tests[${i}]` }],
  );
}

export function readTests(config: Record<string, unknown>, file: string, baseDir: string): SuiteTest[] {
  if (config.scenarios !== undefined)
    throw new SuiteConfigError(file, 'scenarios', 'scenarios are not supported; list the tests');
  if (typeof config.defaultTest === 'string')
    throw new SuiteConfigError(file, 'defaultTest', 'a defaultTest file reference is not supported; write it inline');
  const defaults =
    config.defaultTest === undefined ? parts({}, file, 'defaultTest') : parts(config.defaultTest, file, 'defaultTest');
  const out: SuiteTest[] = [];
  for (const { raw, file: at, where } of rawTests(config.tests, file, baseDir)) {
    const own = parts(raw, at, where);
    const description = isRecord(raw) && typeof raw.description === 'string' ? raw.description : undefined;
    const options = { ...defaults.options, ...own.options };
    const merged = combinations({ ...defaults.vars, ...own.vars });
    for (const vars of merged) {
      out.push({
        index: out.length,
        where: at === file ? where : `${at} ${where}`,
        description,
        vars,
        assert: [...defaults.assert, ...own.assert],
        threshold: own.threshold ?? defaults.threshold,
        provider: own.provider ?? defaults.provider,
        prefix: typeof options.prefix === 'string' ? options.prefix : '',
        suffix: typeof options.suffix === 'string' ? options.suffix : '',
        metadata: { ...defaults.metadata, ...own.metadata },
      });
    }
  }
  if (out.length === 0) throw new SuiteConfigError(file, 'tests', 'no tests: Quiver attacks the tests of a config');
  return out;
}
