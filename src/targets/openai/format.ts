/**
 * @module Checks that an endpoint's 200 answer is a chat completion before anything reads it. A proxy's HTML page or
 * a `{}` from a half-compatible server used to surface as `Cannot read properties of undefined (reading '0')` on
 * every example; it now names the problem with a short excerpt of the answer, and counts as a failed request (so
 * an endpoint answering garbage every time trips the breaker instead of recording every example `errored`).
 */
import type { ChatCompletion } from 'openai/resources/chat/completions';
import { redact } from './redact.js';

/** How much of a bad answer its message quotes. */
const EXCERPT_CHARS = 120;
/** Redacted before cutting, so a key straddling the cut is never shown in part. */
const REDACT_WINDOW = 4_000;

export class NotChatFormatError extends Error {
  constructor(problem: string, answer: unknown, secret: string | undefined) {
    super(`the endpoint did not answer in the OpenAI chat format: ${problem} (answer: ${excerpt(answer, secret)})`);
    this.name = 'NotChatFormatError';
  }
}

/** The completion, once its shape is what the parsers read; a NotChatFormatError otherwise. */
export function checkChatFormat(answer: unknown, secret: string | undefined): ChatCompletion {
  const problem = formatProblem(answer);
  if (problem !== null) throw new NotChatFormatError(problem, answer, secret);
  return answer as ChatCompletion;
}

function formatProblem(answer: unknown): string | null {
  if (!isObject(answer)) return typeof answer === 'string' ? 'the body is not JSON' : 'the body is not a JSON object';
  const choices = answer.choices;
  const choice: unknown = Array.isArray(choices) ? choices[0] : undefined;
  if (!isObject(choice) || !isObject(choice.message)) return 'no choices[0].message';
  const content = choice.message.content;
  if (content !== undefined && content !== null && typeof content !== 'string')
    return 'choices[0].message.content is not a string';
  const logprobs = choice.logprobs;
  if (logprobs === undefined || logprobs === null) return null;
  const first: unknown = isObject(logprobs) && Array.isArray(logprobs.content) ? logprobs.content[0] : undefined;
  if (first === undefined) return null;
  const tokenOk = (t: unknown) => isObject(t) && typeof t.token === 'string' && typeof t.logprob === 'number';
  if (
    !tokenOk(first) ||
    !Array.isArray((first as Record<string, unknown>).top_logprobs) ||
    !((first as Record<string, unknown>).top_logprobs as unknown[]).every(tokenOk)
  ) {
    return 'choices[0].logprobs.content[0] is not a token with top_logprobs';
  }
  return null;
}

function excerpt(answer: unknown, secret: string | undefined): string {
  const text = typeof answer === 'string' ? answer : (JSON.stringify(answer) ?? String(answer));
  const clean = redact(text.slice(0, REDACT_WINDOW), secret).replace(/\s+/g, ' ').trim();
  return JSON.stringify(clean.length > EXCERPT_CHARS ? `${clean.slice(0, EXCERPT_CHARS - 3)}...` : clean);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
