/**
 * @module The promptfoo test objects shared by the YAML, CSV and JSONL forms: `vars` (the input sent, the original
 * text, the expected label), an `equals` assertion on the label, and `metadata` carrying the case's provenance.
 */
import { caseTitle, familiesOf } from './cases.js';
import { nunjucksLiteral } from './nunjucks-literal.js';
import type { ExportInput, Provenance, SuiteCase } from './types.js';
import type { YamlValue } from './yaml.js';

export const PROMPT_VAR = 'text';

// A type alias, not an interface: it has the implicit index signature that makes it a YamlValue.
export type PromptfooTest = {
  readonly description: string;
  readonly vars: { readonly text: string; readonly original: string; readonly expected: string };
  readonly assert: readonly { readonly type: 'equals'; readonly value: string; readonly metric: string }[];
  readonly metadata: Readonly<Record<string, YamlValue>>;
};

export function promptfooMetadata(c: SuiteCase, p: Provenance): Record<string, YamlValue> {
  return {
    quiverKind: c.kind,
    exampleId: c.id,
    exampleIndex: c.index,
    recordedLabel: c.recorded,
    families: familiesOf(c),
    edits: c.edits.map((e) => ({ family: e.family, position: e.position, from: e.from, to: e.to })),
    flipDistance: c.flipDistance,
    stability: c.stability,
    model: p.model,
    campaign: p.campaign,
    campaignId: p.campaignId,
    seed: p.seed,
    date: p.date,
    datasetSha256: p.dataset.sha256,
    quiverVersion: p.quiverVersion,
  };
}

export function promptfooTest(c: SuiteCase, p: Provenance): PromptfooTest {
  return {
    description: caseTitle(c),
    vars: {
      text: nunjucksLiteral(c.text),
      original: nunjucksLiteral(c.original),
      expected: nunjucksLiteral(c.expected),
    },
    assert: [{ type: 'equals', value: nunjucksLiteral(c.expected), metric: c.kind }],
    metadata: promptfooMetadata(c, p),
  };
}

export function promptfooTests(input: ExportInput): PromptfooTest[] {
  return input.cases.map((c) => promptfooTest(c, input.provenance));
}
