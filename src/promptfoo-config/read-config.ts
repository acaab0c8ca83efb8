/**
 * @module Reads a promptfoo config (YAML or JSON) into a Suite, and checks every assertion once (its type is
 * supported, its value usable), so a bad config stops before anything runs, with the file, test and field named.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parsePromptfooYaml } from '../assertions/yaml-compat.js';
import { compileAssertion, type CompiledAssertion } from '../assertions/index.js';
import { readPrompts } from './prompts.js';
import { readProviders } from './providers.js';
import { readTests } from './tests.js';
import { isRecord, SuiteConfigError, type Suite } from './types.js';

export function readPromptfooConfig(file: string): Suite {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new SuiteConfigError(file, 'file', `cannot read it: ${(err as Error).message}`);
  }
  let config: unknown;
  try {
    config = parsePromptfooYaml(text);
  } catch (err) {
    throw new SuiteConfigError(file, 'file', `not valid YAML or JSON: ${(err as Error).message}`);
  }
  if (!isRecord(config))
    throw new SuiteConfigError(file, 'file', 'a promptfoo config must be a mapping with prompts, providers and tests');
  const baseDir = dirname(resolve(file));
  return {
    file,
    baseDir,
    description: typeof config.description === 'string' ? config.description : undefined,
    prompts: readPrompts(config.prompts, file, baseDir),
    providers: readProviders(config.providers ?? config.targets, file),
    tests: readTests(config, file, baseDir),
  };
}

export interface CompileSuiteOptions {
  /** Word-vector asset for `similar` (default: the bundled one). */
  readonly vectorsPath?: string;
}

/** Every test's assertions compiled with the test's original vars, in the test's order. */
export async function compileSuiteAssertions(
  suite: Suite,
  options: CompileSuiteOptions = {},
): Promise<CompiledAssertion[][]> {
  const out: CompiledAssertion[][] = [];
  for (const test of suite.tests) {
    const compiled: CompiledAssertion[] = [];
    for (const a of test.assert) {
      const baseDir = a.file === suite.file ? suite.baseDir : dirname(resolve(a.file));
      compiled.push(
        await compileAssertion(a.spec, {
          site: { file: a.file, path: a.where },
          vars: test.vars,
          baseDir,
          ...(options.vectorsPath === undefined ? {} : { vectorsPath: options.vectorsPath }),
        }),
      );
    }
    out.push(compiled);
  }
  return out;
}
