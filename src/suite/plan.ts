/**
 * @module An assertion campaign's plan, from a promptfoo config or native JSONL tests: every assertion compiled once
 * (an unusable one stops here, before anything is written), the perturbed var checked in every test and prompt,
 * each provider resolved to a Quiver target, and one example per (test, prompt, provider) run, in promptfoo's order.
 */
import { createHash } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import type { SuiteAttack, SuiteInfo } from '../contracts/campaign.js';
import type { Example } from '../contracts/record.js';
import {
  compileSuiteAssertions,
  evalCells,
  readNativeSuite,
  readPromptfooConfig,
  SuiteConfigError,
  type EvalCell,
  type Suite,
  type SuiteTest,
} from '../promptfoo-config/index.js';
import { templateVariables } from '../templates/render.js';
import { PASS } from '../goals/assertions.js';
import { isLoopback } from '../targets/openai/options.js';
import { targetForProvider, type TargetRef } from './targets.js';

export type SuiteSource =
  | { readonly kind: 'promptfoo'; readonly file: string }
  /** Native tests: the prompt file and the one target every test runs on (from the command line). */
  | { readonly kind: 'quiver-tests'; readonly file: string; readonly promptFile: string; readonly target: TargetRef };

export interface SuitePlan {
  readonly info: SuiteInfo;
  readonly attack: SuiteAttack;
  /** One per run, `index` its position. */
  readonly examples: readonly Example[];
}

/** The suite a source names, read (not yet compiled). */
export function readSuiteSource(source: SuiteSource): Suite {
  return source.kind === 'promptfoo'
    ? readPromptfooConfig(source.file)
    : readNativeSuite(source.file, source.promptFile, [
        { kind: 'quiver', id: source.target.spec, label: source.target.spec, prompts: null },
      ]);
}

/** `perturbVar`: absent, the one var every prompt uses (an error names them when there is not exactly one). */
export async function planSuite(
  source: SuiteSource,
  given: string | undefined,
  vectorsPath?: string,
): Promise<SuitePlan> {
  const suite = readSuiteSource(source);
  await compileSuiteAssertions(suite, vectorsPath === undefined ? {} : { vectorsPath });
  const perturbVar = given ?? promptVar(suite);
  checkPerturbVar(suite, perturbVar);
  const { examples, targets } = suiteRuns(suite, source, perturbVar);
  checkKeys(targets, suite, evalCells(suite), examples);
  return {
    info: {
      kind: source.kind,
      file: source.file,
      promptFile: source.kind === 'quiver-tests' ? source.promptFile : null,
      perturbVar,
      testsSha256: testsDigest(suite),
      tests: suite.tests.length,
      prompts: suite.prompts.map((p) => ({ label: p.label, template: p.template })),
      providers: suite.providers.map((p) => p.id),
    },
    attack: { perturbVar, targets },
    examples,
  };
}

/** One example per (test, prompt, provider) run, in promptfoo's order, and the distinct targets they run on. */
export function suiteRuns(
  suite: Suite,
  source: SuiteSource,
  perturbVar: string,
): { examples: Example[]; targets: TargetRef[] } {
  const cells = evalCells(suite);
  const refs: TargetRef[] = [];
  const refIndex = (ref: TargetRef): number => {
    const key = JSON.stringify(ref);
    const at = refs.findIndex((r) => JSON.stringify(r) === key);
    if (at >= 0) return at;
    refs.push(ref);
    return refs.length - 1;
  };
  const ids = runIds(suite, cells);
  const examples: Example[] = cells.map((cell, k) => {
    const ref =
      source.kind === 'quiver-tests'
        ? source.target
        : targetForProvider(cell.provider, suite.file, providerWhere(suite, cell), suite.baseDir);
    const test = cell.test;
    return {
      id: ids[k]!,
      index: k,
      text: test.vars[perturbVar] as string,
      label: PASS,
      test: {
        where: test.where,
        vars: test.vars,
        template: test.prefix + cell.prompt.template + test.suffix,
        target: refIndex(ref),
        assert: test.assert.map((a) => ({
          ...a,
          baseDir: a.file === suite.file ? suite.baseDir : dirname(resolve(a.file)),
        })),
        threshold: test.threshold ?? null,
      },
    };
  });
  checkOneEndpoint(refs, suite, cells, examples);
  return { examples, targets: refs };
}

/** The var to perturb when none is named: the only one every prompt renders. */
function promptVar(suite: Suite): string {
  const shared = suite.prompts
    .map((p) => templateVariables(p.template))
    .reduce((a, b) => a.filter((v) => b.includes(v)));
  if (shared.length === 1) return shared[0]!;
  const used = [...new Set(suite.prompts.flatMap((p) => templateVariables(p.template)))];
  throw new SuiteConfigError(
    suite.file,
    'prompts',
    'name the var to perturb with --perturb-var: ' +
      `${shared.length === 0 ? 'no var is used by every prompt' : 'the prompts use several vars'} ` +
      `(${used.join(', ') || 'none'})`,
  );
}

function checkPerturbVar(suite: Suite, name: string): void {
  if (!suite.tests.some((t) => Object.hasOwn(t.vars, name))) {
    const names = [...new Set(suite.tests.flatMap((t) => Object.keys(t.vars)))];
    throw new SuiteConfigError(
      suite.file,
      'tests',
      `--perturb-var ${name}: no test has a var "${name}" (vars: ${names.join(', ') || 'none'})`,
    );
  }
  for (const t of suite.tests) {
    const v = t.vars[name];
    if (typeof v !== 'string' || v.trim() === '') {
      const got = v === undefined ? 'it is missing' : `got ${JSON.stringify(v)}`;
      throw new SuiteConfigError(
        suite.file,
        `${t.where}.vars.${name}`,
        `--perturb-var ${name} must be a non-empty string in every test (test ${t.index}), ${got}`,
      );
    }
  }
  for (const p of suite.prompts) {
    if (!templateVariables(p.template).includes(name)) {
      throw new SuiteConfigError(
        suite.file,
        `prompt "${p.label.slice(0, 60)}"`,
        `does not use {{${name}}}: perturbing --perturb-var ${name} would not change what the model sees`,
      );
    }
  }
}

/** Where a run's provider is written, for messages. */
function providerWhere(suite: Suite, cell: EvalCell): string {
  if (cell.test.provider !== undefined) return `${cell.test.where}.provider`;
  const k = suite.providers.indexOf(cell.provider);
  return k >= 0 ? `providers[${k}]` : 'providers';
}

/**
 * Endpoint targets share one rate limiter, prepared once per campaign: every run must then call the same endpoint
 * (models may differ), and none may run in-process beside them.
 */
function checkOneEndpoint(
  refs: readonly TargetRef[],
  suite: Suite,
  cells: readonly EvalCell[],
  examples: readonly Example[],
): void {
  const endpointOf = (r: TargetRef): string | null =>
    r.spec.startsWith('openai:') ? JSON.stringify([r.options.baseURL, r.options.apiKeyEnv ?? null]) : null;
  const first = endpointOf(refs[0]!);
  const odd = refs.findIndex((r) => endpointOf(r) !== first);
  if (odd < 0) return;
  const k = examples.findIndex((e) => e.test!.target === odd);
  const what =
    first === null ? 'an OpenAI-compatible endpoint beside in-process targets' : 'a second endpoint (or key variable)';
  throw new SuiteConfigError(
    suite.file,
    providerWhere(suite, cells[k]!),
    `provider ${cells[k]!.provider.id} calls ${what}; an assertion campaign calls one endpoint at a time: ` +
      'split the tests into one config per endpoint',
  );
}

/** An endpoint provider must be callable before anything runs: off this machine, its key variable must be set. */
function checkKeys(
  refs: readonly TargetRef[],
  suite: Suite,
  cells: readonly EvalCell[],
  examples: readonly Example[],
): void {
  refs.forEach((r, k) => {
    if (!r.spec.startsWith('openai:') || typeof r.options.baseURL !== 'string' || isLoopback(r.options.baseURL)) return;
    const env = typeof r.options.apiKeyEnv === 'string' ? r.options.apiKeyEnv : 'OPENAI_API_KEY';
    if (process.env[env] !== undefined && process.env[env] !== '') return;
    const cell = cells[examples.findIndex((e) => e.test!.target === k)]!;
    throw new SuiteConfigError(
      suite.file,
      providerWhere(suite, cell),
      `provider ${cell.provider.id} calls ${r.options.baseURL}, ` +
        `but the environment variable ${env} holding its key is not set (name another with config.apiKeyEnvar)`,
    );
  });
}

/**
 * Test ids: the description (native: the id) when unique, else with the test's index; runs of several prompts or
 * providers name theirs.
 */
function runIds(suite: Suite, cells: readonly EvalCell[]): string[] {
  const count = new Map<string, number>();
  const base = (t: SuiteTest) => t.description ?? `test ${t.index}`;
  for (const t of suite.tests) count.set(base(t), (count.get(base(t)) ?? 0) + 1);
  const testId = (t: SuiteTest) => (count.get(base(t))! > 1 ? `${base(t)} [test ${t.index}]` : base(t));
  const prompts = suite.prompts.length > 1;
  const providers = suite.providers.length > 1;
  return cells.map(
    (c) =>
      testId(c.test) +
      (prompts ? ` [prompt ${c.prompt.label}]` : '') +
      (providers ? ` [provider ${c.provider.label}]` : ''),
  );
}

/**
 * What the tests are: their vars, assertions and thresholds, without prompts or providers, so campaigns of the same
 * tests under two prompts (or two models) share it and compare example by example.
 */
export function testsDigest(suite: Suite): string {
  const tests = suite.tests.map((t) => ({
    vars: t.vars,
    assert: t.assert.map((a) => a.spec),
    threshold: t.threshold ?? null,
  }));
  return createHash('sha256').update(JSON.stringify(tests)).digest('hex');
}
