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

/** The last user message's text (content parts joined), or undefined when there is none. */
export function lastUserText(messages: readonly ChatMessageIn[]): string | undefined {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (m.role !== 'user') continue;
    if (typeof m.content === 'string') return m.content;
    if (Array.isArray(m.content)) {
      return m.content.filter((p) => p.type === 'text' && typeof p.text === 'string').map((p) => p.text as string).join('\n');
    }
    return '';
  }
  return undefined;
}

export function classifiedPart(message: string, marker: string): string {
  const at = marker === '' ? -1 : message.indexOf(marker);
  return (at < 0 ? message : message.slice(at + marker.length)).trim();
}
