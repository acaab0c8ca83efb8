/**
 * @module The (test, prompt, provider) runs of a suite, in promptfoo 0.115's order: for each test, each suite
 * provider, each prompt that provider allows. A test's own provider replaces the suite provider's calls, as in
 * promptfoo, which still makes one run per suite provider.
 */
import { renderTemplate } from '../templates/render.js';
import type { PromptTemplate, ProviderSpec, Suite, SuiteTest } from './types.js';

export interface EvalCell {
  readonly test: SuiteTest;
  readonly prompt: PromptTemplate;
  readonly provider: ProviderSpec;
}

function allowed(prompt: PromptTemplate, labels: readonly string[] | null): boolean {
  return labels === null || labels.includes(prompt.label) || labels.some((l) => prompt.label.startsWith(`${l}:`));
}

export function evalCells(suite: Suite): EvalCell[] {
  const cells: EvalCell[] = [];
  for (const test of suite.tests) {
    for (const provider of suite.providers) {
      for (const prompt of suite.prompts) {
        if (allowed(prompt, provider.prompts)) cells.push({ test, prompt, provider: test.provider ?? provider });
      }
    }
  }
  return cells;
}

/** The prompt text a cell sends, with `vars` (the test's own, or perturbed ones) inserted literally. */
export function renderCell(cell: EvalCell, vars: Readonly<Record<string, unknown>> = cell.test.vars): string {
  return renderTemplate(cell.test.prefix + cell.prompt.template + cell.test.suffix, vars);
}
