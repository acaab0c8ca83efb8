/**
 * @module Generated JavaScript test files (node:test and vitest): the cases inline as JSON, one batched call to the
 * user's `predict` module, one test per case asserting the expected label.
 */
import { caseTitle } from './cases.js';
import type { ExportInput } from './types.js';

export interface TestFileDialect {
  readonly imports: string;
  /** An assertion that `actual` equals `expected`, with `message` shown on failure. */
  readonly assertEqual: (actual: string, expected: string, message: string) => string;
}

export function renderTestFile(input: ExportInput, dialect: TestFileDialect): string {
  const p = input.provenance;
  const cases = input.cases.map((c) => ({
    kind: c.kind,
    id: c.id,
    title: caseTitle(c),
    text: c.text,
    expected: c.expected,
    recorded: c.recorded,
    edits: c.edits,
  }));
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the generated test's template literal.
  const failureMessage = '`${c.kind} ${c.id}: ${JSON.stringify(c.text)}`';
  const oneLine = (s: string) => s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ').replace(/\*\//g, '* /');
  return (
    `/*
 * Quiver regression tests, generated from campaign ${oneLine(p.campaign)} (${p.campaignId}):
 * model ${oneLine(p.model)}, seed ${p.seed}, started ${oneLine(p.date)}.
 * Adversarial cases are inputs the model got wrong during the campaign: they fail until the model handles them.
 * Controls are originals it got right: they should keep passing.
 * Your module ${oneLine(JSON.stringify(input.options.predictModule))} must export
 *   predict(texts: string[]): Promise<Array<string | { label: string }>>   (one answer per text, in order).
 */
${dialect.imports}
import * as model from ${JSON.stringify(input.options.predictModule)};

const cases = ${JSON.stringify(cases, null, 2)};

const predict = model.predict ?? model.default?.predict ?? model.default;

let answers;
// One batched call for all cases: most models answer a batch much faster than one text at a time.
async function answer(i) {
  answers ??= (async () => {
    if (typeof predict !== 'function') throw new Error('the predict module exports no predict(texts) function');
    const out = await predict(cases.map((c) => c.text));
    if (!Array.isArray(out) || out.length !== cases.length) {
      throw new Error(\`predict returned \${Array.isArray(out) ? out.length : typeof out} answers ` +
    `for \${cases.length} texts\`);
    }
    return out.map((a) => (typeof a === 'string' ? a : a?.label));
  })();
  return (await answers)[i];
}

for (const [kind, title] of [['adversarial', 'adversarial cases'], ['control', 'controls']]) {
  describe(title, () => {
    cases.forEach((c, i) => {
      if (c.kind !== kind) return;
      test(c.title, async () => {
        const label = await answer(i);
        ${dialect.assertEqual('label', 'c.expected', failureMessage)};
      });
    });
  });
}
`
  );
}
