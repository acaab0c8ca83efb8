/**
 * @module The span of the output an assertion's pass depends on, for the `expected-logprob` signal: the whole output
 * for `equals`, the prefix for `starts-with`, the first occurrence of the value for `contains` / `icontains`, and the
 * written value of the field for `json-path ==` on a string or number. Other assertions (and every `not-` form: what
 * they forbid is absent) have no such span and keep their own signal or the output distance.
 */
import type { SupportedType } from './catalog.js';
import type { JsonPathExpression } from './json-path.js';
import { jsonValueSpan, type Span } from './json-span.js';

export type { Span };

/** From an output on which the assertion passes to its span; null when it has none there. */
export type SpanLocator = (output: string) => Span | null;

function nonEmpty(start: number, end: number): Span | null {
  return start >= 0 && end > start ? { start, end } : null;
}

/** The locator of an assertion, or null when its pass does not hang on one span of the output. */
export function expectedSpanLocator(
  baseType: SupportedType,
  inverse: boolean,
  value: unknown,
  jsonPath: JsonPathExpression | null,
): SpanLocator | null {
  if (inverse) return null;
  switch (baseType) {
    case 'equals':
      return (output) => nonEmpty(0, output.length);
    case 'starts-with':
      return typeof value === 'string' ? () => nonEmpty(0, value.length) : null;
    case 'contains':
    case 'icontains': {
      if (typeof value !== 'string' && typeof value !== 'number') return null;
      const needle = String(value);
      if (baseType === 'contains')
        return (output) => {
          const at = output.indexOf(needle);
          return nonEmpty(at, at + needle.length);
        };
      const lower = needle.toLowerCase();
      return (output) => {
        const folded = output.toLowerCase();
        // Lower-casing changed a length (e.g. "İ"): positions in the folded text are not the output's.
        if (folded.length !== output.length || lower.length !== needle.length) return null;
        const at = folded.indexOf(lower);
        return nonEmpty(at, at + lower.length);
      };
    }
    case 'json-path':
    case 'javascript': {
      if (jsonPath === null || jsonPath.op !== '==') return null;
      if (typeof jsonPath.expected !== 'string' && typeof jsonPath.expected !== 'number') return null;
      return (output) => {
        const span = jsonValueSpan(output, jsonPath.path);
        return span === null ? null : nonEmpty(span.start, span.end);
      };
    }
    default:
      return null;
  }
}
