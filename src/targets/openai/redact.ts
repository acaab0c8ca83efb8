/**
 * @module Scrubs API keys out of what an endpoint said before Quiver writes it anywhere (stderr, results.jsonl):
 * endpoints echo the key they received, usually masked (`sk-proj-****abcd`, `gsk_LE****zz9x`), and a vendor's key
 * format is not known in advance. A token counts as a key when it looks like one, not by its prefix alone, so
 * model names (`gpt-4o-mini-2024-07-18`), error codes (`rate_limit_exceeded`) and words (`state-of-the-art`) stay.
 */

const REDACTED = '[redacted]';
/** Anything shaped like an OpenAI key, masked or not. */
const OPENAI_KEY = /\bsk-[A-Za-z0-9_\-*.]{3,}/g;
/**
 * A vendor prefix (`gsk`, `hf`, `xai`, `sk-ant`...) and a separator before a long tail: a key if the tail looks random.
 */
const PREFIXED = /(?<![A-Za-z0-9_*-])([A-Za-z]{2,8}[_-])([A-Za-z0-9*_-]{8,})/g;
/** A masked secret with no prefix at all: letters or digits around a run of three or more asterisks. */
const MASKED = new RegExp(
  String.raw`(?<![A-Za-z0-9_*-])[A-Za-z0-9_-]*[A-Za-z0-9]\*{3,}[A-Za-z0-9_*-]*|` +
    String.raw`(?<![A-Za-z0-9_*-])\*{3,}[A-Za-z0-9][A-Za-z0-9_*-]*`,
  'g',
);

/** Removes the key itself (`secret`) and every key-like token from `message`. */
export function redact(message: string, secret: string | undefined): string {
  let out = message;
  if (secret !== undefined && secret.length >= 4) out = out.split(secret).join(REDACTED);
  return out
    .replace(OPENAI_KEY, `sk-${REDACTED}`)
    .replace(PREFIXED, (whole, prefix: string, tail: string) => (looksRandom(tail) ? `${prefix}${REDACTED}` : whole))
    .replace(MASKED, REDACTED);
}

/**
 * A masked tail (`LE****zz9x`), or one holding a run of 16+ letters and digits with both kinds in it: generated keys
 * have such runs, names and codes split into short words.
 */
function looksRandom(tail: string): boolean {
  if (tail.includes('*')) return true;
  return tail.split(/[_-]+/).some((run) => run.length >= 16 && /[0-9]/.test(run) && /[A-Za-z]/.test(run));
}
