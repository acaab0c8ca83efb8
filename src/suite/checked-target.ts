/**
 * @module A test run as a target the engine can attack: the perturbed var's text goes in; the prompt is rendered
 * around it (the other vars as written, every value inserted literally), the model's raw output is checked against
 * the test's assertions, and the test's verdict comes out as a `pass`/`fail` prediction carrying the output and the
 * assertion that failed. The original output is the first answer to the original text (the engine always asks for
 * it first); `changed` and the output-distance signal compare against it. A test with an assertion that can use
 * token logprobs (`expected-logprob`) asks the model for them on every query of its example, the original's included,
 * so the example's signal is decided once, on the original's tokens.
 */
import { compileAssertion } from '../assertions/index.js';
import type { TestRun } from '../contracts/record.js';
import { outputText, type PredictOptions, type Prediction, type Target } from '../core/target.js';
import { FAIL, PASS } from '../goals/assertions.js';
import { renderTemplate } from '../templates/render.js';
import { testVerdict, type CompiledTest } from './verdict.js';

/** The test's assertions compiled with its original vars (assertion values are rendered with them, once). */
export async function compileTestRun(run: TestRun, vectorsPath?: string): Promise<CompiledTest> {
  const assertions = [];
  for (const a of run.assert) {
    assertions.push(
      await compileAssertion(a.spec, {
        site: { file: a.file, path: a.where },
        vars: run.vars,
        baseDir: a.baseDir,
        ...(vectorsPath === undefined ? {} : { vectorsPath }),
      }),
    );
  }
  return { assertions, written: run.assert, threshold: run.threshold };
}

/** The vars with the perturbed var replaced by `text`. */
export function perturbedVars(run: TestRun, perturbVar: string, text: string): Record<string, unknown> {
  return { ...run.vars, [perturbVar]: text };
}

/** The prompt the model receives when the perturbed var holds `text`. */
export function renderRun(run: TestRun, perturbVar: string, text: string): string {
  return renderTemplate(run.template, perturbedVars(run, perturbVar, text));
}

/**
 * `knownOriginalOutput`: the original output when it is already known (replaying a recorded case compares against
 * the campaign's); otherwise the first answer to `original` is it.
 */
export function checkedTarget(
  model: Target,
  run: TestRun,
  perturbVar: string,
  original: string,
  test: CompiledTest,
  knownOriginalOutput?: string,
): Target {
  let originalOutput = knownOriginalOutput;
  let originalTokens: Prediction['tokenLogprobs'];
  const tokenLogprobs = test.assertions.some((a) => a.usesLogprobs);
  return {
    id: model.id,
    labels: [PASS, FAIL],
    async predict(texts: readonly string[], options?: PredictOptions): Promise<Prediction[]> {
      const prompts = texts.map((t) => renderRun(run, perturbVar, t));
      const answers = await model.predict(prompts, tokenLogprobs ? { ...options, tokenLogprobs } : options);
      if (answers.length !== texts.length)
        throw new Error(`target ${model.id} returned ${answers.length} answers for ${texts.length} prompts`);
      const outputs = answers.map(outputText);
      if (originalOutput === undefined) {
        const at = texts.indexOf(original);
        if (at < 0) throw new Error('internal: a test run was checked before its original output was known');
        originalOutput = outputs[at]!;
        originalTokens = answers[at]!.tokenLogprobs;
      }
      const out: Prediction[] = [];
      for (let i = 0; i < texts.length; i++) {
        const tokens = answers[i]!.tokenLogprobs;
        const context = {
          vars: perturbedVars(run, perturbVar, texts[i]!),
          prompt: prompts[i]!,
          originalOutput,
          ...(tokens === undefined ? {} : { tokens }),
          ...(originalTokens === undefined ? {} : { originalTokens }),
        };
        const v = await testVerdict(test, outputs[i]!, context);
        const usage = answers[i]!.usage;
        out.push({
          label: v.pass ? PASS : FAIL,
          scores: { [PASS]: 1 - v.score, [FAIL]: v.score },
          output: outputs[i]!,
          failed: v.failed,
          signals: v.signals,
          ...(usage === undefined ? {} : { usage }),
        });
      }
      return out;
    },
  };
}
