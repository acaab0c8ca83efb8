/**
 * @module Which part of a chat request `quiver serve` classifies: the text after the first occurrence of the marker
 * (default `Text:`, the end of every default `openai:` prompt) in the last user message, trimmed; the whole message
 * when the marker is absent or empty. The first occurrence, because the instructions before it belong to the prompt
 * the user wrote, while the text after it is the input under attack.
 */

type Content = string | readonly { readonly type?: unknown; readonly text?: unknown }[] | null | undefined;

export interface ChatMessageIn {
  readonly role?: unknown;
  readonly content?: Content;
}

/**
 * What is wrong with a request's `messages`, worded like OpenAI's 400s, or null when every message is an object with
 * a string role and string, null or content-part content: the rest of the server reads them without checks.
 */
export function messagesProblem(messages: unknown): string | null {
  if (!Array.isArray(messages)) return "'messages' must be an array.";
  if (messages.length === 0) return "'messages' must not be empty.";
  for (let i = 0; i < messages.length; i++) {
    const m: unknown = messages[i];
    if (typeof m !== 'object' || m === null || Array.isArray(m) || typeof (m as ChatMessageIn).role !== 'string') {
      return `'messages[${i}]' must be an object with a string 'role', got ${JSON.stringify(m)?.slice(0, 60)}.`;
    }
    const content = (m as ChatMessageIn).content;
    if (content === undefined || content === null || typeof content === 'string') continue;
    if (!Array.isArray(content)) return `'messages[${i}].content' must be a string, a list of content parts or null.`;
    const part = content.findIndex((p: unknown) => typeof p !== 'object' || p === null || Array.isArray(p));
    if (part >= 0) return `'messages[${i}].content[${part}]' must be a content part object.`;
  }
  return null;
}

/** The last user message's text (content parts joined), or undefined when there is none. */
export function lastUserText(messages: readonly ChatMessageIn[]): string | undefined {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (m.role !== 'user') continue;
    if (typeof m.content === 'string') return m.content;
    if (Array.isArray(m.content)) {
      return m.content
        .filter((p) => p.type === 'text' && typeof p.text === 'string')
        .map((p) => p.text as string)
        .join('\n');
    }
    return '';
  }
  return undefined;
}

/** What the server answers: the text after the marker (the rule lives in core, shared with in-process task targets). */
export { textAfterMarker as classifiedPart } from '../core/prompt-template.js';
