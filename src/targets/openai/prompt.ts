/**
 * @module Prompt templates of the `openai:` target: the default template per answer mode, and rendering into
 * messages.
 */
import { INPUT_MARKER, INPUT_PLACEHOLDER, LABELS_PLACEHOLDER, renderTemplate } from '../../core/prompt-template.js';

export { INPUT_MARKER };

export interface ChatMessage {
  readonly role: 'system' | 'user';
  readonly content: string;
}

/**
 * Default user-message templates. Each ends with `Text: {{input}}`, so the text under test is last and easy to find,
 * and asks for exactly what the parser of its mode reads. The aorta one follows the AORTA paper's FP prompt.
 */
export function defaultPrompt(
  answer: 'label' | 'aorta' | 'json' | 'logprobs' | 'text',
  labels: readonly string[],
): string {
  const tail = `\n\n${INPUT_MARKER} ${INPUT_PLACEHOLDER}`;
  switch (answer) {
    // The text under test is the whole message: an assertion campaign renders its own prompt around the input.
    case 'text':
      return INPUT_PLACEHOLDER;
    case 'label':
    case 'logprobs':
      return `Classify the text below. Answer with exactly one word, one of: ${LABELS_PLACEHOLDER}.${tail}`;
    case 'aorta': {
      const format = labels.map((l) => `[${l}]+[score]`).join(',');
      return (
        'Act as an NLP model doing text classification. Give a confidence score for each label ' +
        `(${LABELS_PLACEHOLDER}). Output only the labels with their scores, to three decimals, in the format ` +
        `${format}, with no explanation and no line break.${tail}`
      );
    }
    case 'json': {
      const scores = labels.map((l) => `${JSON.stringify(l)}: <probability>`).join(', ');
      return (
        `Classify the text below. Answer in JSON only, as {"label": <one of ${LABELS_PLACEHOLDER}>, ` +
        `"scores": {${scores}}}, with probabilities that sum to 1.${tail}`
      );
    }
  }
}

export function renderMessages(
  opts: { readonly prompt: string; readonly system: string | null; readonly labels: readonly string[] },
  input: string,
): ChatMessage[] {
  const user: ChatMessage = { role: 'user', content: renderTemplate(opts.prompt, input, opts.labels) };
  return opts.system === null
    ? [user]
    : [{ role: 'system', content: renderTemplate(opts.system, input, opts.labels) }, user];
}
