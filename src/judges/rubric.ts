/**
 * @module The judge's question: the default rubric prompt, rendering a flip into it, and reading a verdict back from
 * an answer. The perturbed text comes last, after `PERTURBED_MARKER`, so `quiver serve --judge-rule` (and a reader of
 * the cache) can find it.
 */
import { judgeVerdicts, type JudgeItem, type JudgeVerdict } from '../core/judge.js';

export const LABEL_PLACEHOLDER = '{{label}}';
export const ORIGINAL_PLACEHOLDER = '{{original}}';
export const PERTURBED_PLACEHOLDER = '{{perturbed}}';
export const PERTURBED_MARKER = 'Perturbed text:';

// Written in pieces only to keep source lines short: each paragraph and list item is one line of the prompt.
export const DEFAULT_JUDGE_PROMPT =
  `You check adversarial examples for a text classifier. A text labelled "${LABEL_PLACEHOLDER}" was changed ` +
  `slightly (typos, synonyms, word order, rare words). Decide whether the perturbed text keeps the original label ` +
  `and meaning.

- valid: a careful human gives the perturbed text the same label with the same confidence, it means the same as ` +
  `the original, and a real person could have written it (a plausible typo, a natural synonym, an acceptable word ` +
  `order).
- questionable: same label, but the meaning shifted somewhat (wrong-sense synonym, odd word) or the text is ` +
  `awkward enough that a reader stumbles.
- invalid: the label changed or became unclear for a human, the meaning changed, or the text is garbled or ` +
  `ungrammatical beyond what a person would write.

Answer with one word on the first line, valid, questionable or invalid, then one sentence saying why.

Original text: ${ORIGINAL_PLACEHOLDER}

${PERTURBED_MARKER} ${PERTURBED_PLACEHOLDER}`;

/**
 * Literal substitution (split/join), so `$&` in a text is not a replacement pattern; the perturbed text goes in last.
 */
export function renderJudgePrompt(template: string, item: JudgeItem): string {
  return template
    .split(LABEL_PLACEHOLDER)
    .join(item.label)
    .split(ORIGINAL_PLACEHOLDER)
    .join(item.original)
    .split(PERTURBED_PLACEHOLDER)
    .join(item.perturbed);
}

/** Why a judge prompt cannot be used, or null. */
export function judgePromptProblem(template: string): string | null {
  const missing = [ORIGINAL_PLACEHOLDER, PERTURBED_PLACEHOLDER].filter((p) => !template.includes(p));
  return missing.length === 0 ? null : `the template must contain ${missing.join(' and ')}`;
}

/**
 * The first verdict word of an answer (whole word, any case: "invalid" is not read as "valid"); null when the answer
 * names none, which the caller turns into the verdict `error`, never `valid`.
 */
export function parseVerdict(content: string | null): JudgeVerdict | null {
  if (content === null) return null;
  const m = new RegExp(`(?<![\\p{L}\\p{N}_])(${judgeVerdicts.join('|')})(?![\\p{L}\\p{N}_])`, 'iu').exec(content);
  return m === null ? null : (m[1]!.toLowerCase() as JudgeVerdict);
}
