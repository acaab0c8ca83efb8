/**
 * @module Prompt templates: `{{input}}` marks where the text under test goes and `{{labels}}` the label list. One home
 * for the placeholders and their substitution, shared by the engine (which places an example into a template whose
 * words may be perturbed) and the `openai:` target (which renders its messages).
 */

export const INPUT_PLACEHOLDER = '{{input}}';
export const LABELS_PLACEHOLDER = '{{labels}}';

/** Literal substitution (split/join): `$&` and friends in a text must not be interpreted as replacement patterns. */
function withLabels(template: string, labels: readonly string[]): string {
  return template.split(LABELS_PLACEHOLDER).join(labels.join(', '));
}

/** Every `{{input}}` takes the input (a system prompt may quote it too); `{{labels}}` the label list. */
export function renderTemplate(template: string, input: string, labels: readonly string[]): string {
  return withLabels(template, labels).split(INPUT_PLACEHOLDER).join(input);
}

export interface RenderedInput {
  readonly text: string;
  /** Character range of the example inside `text`. */
  readonly exampleStart: number;
  readonly exampleEnd: number;
}

/**
 * The first `{{input}}` takes the example, and where it landed is returned, so each word can be told to belong to the
 * prompt or to the example (only one place can be the example).
 */
export function renderInput(template: string, example: string, labels: readonly string[]): RenderedInput {
  const text = withLabels(template, labels);
  const at = text.indexOf(INPUT_PLACEHOLDER);
  if (at < 0) throw new Error(`the prompt template has no ${INPUT_PLACEHOLDER}`);
  return {
    text: text.slice(0, at) + example + text.slice(at + INPUT_PLACEHOLDER.length),
    exampleStart: at,
    exampleEnd: at + example.length,
  };
}

/** The marker before the input in every default prompt; `quiver serve` and the bundled tasks answer what follows it. */
export const INPUT_MARKER = 'Text:';

/**
 * The text after the first occurrence of `marker`, trimmed; the whole message when the marker is absent or empty.
 * The first occurrence, because the instructions before it belong to the prompt the user wrote, while the text after
 * it is the input under attack.
 */
export function textAfterMarker(message: string, marker: string): string {
  const at = marker === '' ? -1 : message.indexOf(marker);
  return (at < 0 ? message : message.slice(at + marker.length)).trim();
}
