/** @module Which assertion types Quiver evaluates, and why each other promptfoo type is refused. */

/** Base types (without `not-`) Quiver evaluates. */
export const SUPPORTED_TYPES = [
  'equals',
  'contains',
  'icontains',
  'contains-any',
  'icontains-any',
  'contains-all',
  'icontains-all',
  'starts-with',
  'regex',
  'is-json',
  'contains-json',
  'javascript',
  'levenshtein',
  'similar',
  'json-path',
  'changed',
] as const;
export type SupportedType = (typeof SUPPORTED_TYPES)[number];

/** promptfoo 0.115's model-graded types: they need an LLM grader, which a deterministic search cannot call. */
export const MODEL_GRADED_TYPES = new Set([
  'answer-relevance',
  'context-faithfulness',
  'context-recall',
  'context-relevance',
  'factuality',
  'llm-rubric',
  'model-graded-closedqa',
  'model-graded-factuality',
  'g-eval',
  'select-best',
  'classifier',
  'moderation',
  'pi',
  'guardrails',
]);

/** The rest of promptfoo 0.115's types, which Quiver does not evaluate (yet), with the reason given to the user. */
export const OTHER_PROMPTFOO_TYPES: Readonly<Record<string, string>> = {
  bleu: 'n-gram scores are not implemented',
  gleu: 'n-gram scores are not implemented',
  'rouge-n': 'n-gram scores are not implemented',
  meteor: 'n-gram scores are not implemented',
  cost: 'it checks the provider bill, not the output',
  latency: 'it checks timing, not the output',
  perplexity: 'it needs log-probabilities',
  'perplexity-score': 'it needs log-probabilities',
  python: 'Python assertions are not run',
  webhook: 'it calls a remote grader',
  'is-xml': 'XML checks are not implemented',
  'contains-xml': 'XML checks are not implemented',
  'is-sql': 'SQL checks are not implemented',
  'contains-sql': 'SQL checks are not implemented',
  'is-refusal': 'refusal detection is not implemented',
  'is-valid-function-call': 'function-call checks are not implemented',
  'is-valid-openai-function-call': 'function-call checks are not implemented',
  'is-valid-openai-tools-call': 'function-call checks are not implemented',
  'assert-set': 'nested assertion sets are not supported',
};

export function isSupportedType(t: string): t is SupportedType {
  return (SUPPORTED_TYPES as readonly string[]).includes(t);
}
