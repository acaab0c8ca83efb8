/**
 * @module Where a JSON value is written: the character span of the value a path leads to, in JSON text that
 * `JSON.parse` accepts (the caller has parsed it already). Duplicate keys resolve to the last one, as `JSON.parse`
 * keeps it. The `expected-logprob` signal of `json-path ==` reads the model's probability of that span.
 */
import type { PathStep } from './json-path.js';

export interface Span {
  /** First character, inclusive. */
  readonly start: number;
  /** End, exclusive. */
  readonly end: number;
}

/**
 * The span of the value at `path` in `text`: a string's characters between its quotes, any other value's literal
 * (`42.50` as written). Null when the path leads nowhere.
 */
export function jsonValueSpan(text: string, path: readonly PathStep[]): Span | null {
  let i = 0;
  let found: Span | null = null;
  const skipSpace = (): void => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const skipString = (): void => {
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
  };
  // `onPath`: every step so far matched; `depth`: how many steps that is.
  const value = (depth: number, onPath: boolean): void => {
    skipSpace();
    const start = i;
    const c = text[i];
    const step = onPath && depth < path.length ? String(path[depth]) : null;
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      skipSpace();
      for (let index = 0; i < text.length && text[i] !== close; index++) {
        let key = String(index);
        if (c === '{') {
          const keyStart = i;
          skipString();
          key = JSON.parse(text.slice(keyStart, i)) as string;
          skipSpace();
          i++; // the colon
        }
        value(depth + 1, step !== null && step === key);
        skipSpace();
        if (text[i] === ',') i++;
        skipSpace();
      }
      i++;
    } else if (c === '"') skipString();
    else while (i < text.length && /[-+0-9.eEa-z]/.test(text[i]!)) i++;
    if (onPath && depth === path.length) found = c === '"' ? { start: start + 1, end: i - 1 } : { start, end: i };
  };
  value(0, true);
  return found;
}
