/**
 * @module An assertion campaign's answers on texts found elsewhere (another prompt's or model's adversarial vars, for
 * the transferability matrix): each text goes into this campaign's own run of that test (its prompt, target and
 * assertions), and the answer is the test's verdict, `pass` or `fail`, against this campaign's original output.
 */
import type { Target } from '../core/target.js';
import { checkedTarget, compileTestRun } from './checked-target.js';
import type { CampaignSuite } from './load.js';
import type { TargetRef } from './targets.js';

export async function answerRuns(
  suite: CampaignSuite,
  originalOutputs: ReadonlyMap<string, string>,
  modelFor: (ref: TargetRef) => Promise<Target>,
  items: readonly { readonly id: string; readonly text: string }[],
): Promise<string[]> {
  const byId = new Map(suite.examples.map((e) => [e.id, e]));
  const out: string[] = [];
  for (const item of items) {
    const example = byId.get(item.id);
    const run = example?.test;
    if (example === undefined || run === undefined)
      throw new Error(`internal: ${item.id} is not a run of ${suite.info.file}`);
    const model = await modelFor(suite.targets[run.target]!);
    const checked = checkedTarget(
      model,
      run,
      suite.info.perturbVar,
      example.text,
      await compileTestRun(run),
      originalOutputs.get(item.id),
    );
    // Without a recorded original output (the example errored there), the original is asked first.
    const texts = originalOutputs.has(item.id) ? [item.text] : [example.text, item.text];
    const answers = await checked.predict(texts);
    out.push(answers[answers.length - 1]!.label);
  }
  return out;
}
