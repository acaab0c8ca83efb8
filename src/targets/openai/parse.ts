/**
 * @module Answer parsing of the `openai:` target: an LLM answer to one probability per label, in four modes. An
 * answer that cannot be read throws ParseFailure, so the example is recorded `errored` with reason
 * `parse-failure: ...`; it is never read as the first label (AORTA's parser turns a failure into a uniform vector,
 * which the argmax reads as class 0 and counts as a flip).
 */
import { predictionFrom, textPrediction, type Prediction, type TokenLogprob } from '../../core/target.js';
import type { AnswerMode } from './options.js';

/** What the parsers read from a chat completion (also what the response cache stores). */
export interface RawAnswer {
  readonly content: string | null;
  /** `top_logprobs` of the answer's first token, when the endpoint returned logprobs. */
  readonly firstTokenTopLogprobs: readonly { readonly token: string; readonly logprob: number }[] | null;
  /**
   * Every answer token with its logprob, when the endpoint returned logprobs (absent in cache entries written before
   * Quiver kept them, which were asked without logprobs anyway).
   */
  readonly tokens?: readonly TokenLogprob[] | null;
}

export class ParseFailure extends Error {
  constructor(mode: AnswerMode, problem: string, content: string | null) {
    const excerpt =
      content === null ? 'no content' : JSON.stringify(content.length > 120 ? `${content.slice(0, 117)}...` : content);
    super(`parse-failure: ${mode}: ${problem} (answer: ${excerpt})`);
    this.name = 'ParseFailure';
  }
}

/**
 * Scores summing to 1 within this are kept as they are (TextAttack's tolerance), so exact answers round-trip exactly.
 */
const SUM_TOLERANCE = 1e-6;
/** AORTA's value for a label missing from an otherwise readable answer. */
const MISSING_SCORE = 0.001;

export function parseAnswer(mode: AnswerMode, labels: readonly string[], answer: RawAnswer): Prediction {
  switch (mode) {
    case 'label':
      return parseLabel(labels, answer.content);
    case 'aorta':
      return parseAorta(labels, answer.content);
    case 'json':
      return parseJson(labels, answer.content);
    case 'logprobs':
      return parseLogprobs(labels, answer);
    // No content (a refusal, a tool call) is an empty output, which assertions then judge, as promptfoo does.
    case 'text':
      return textPrediction(answer.content ?? '', answer.tokens ?? undefined);
  }
}

/** The first label word in the answer (whole word, any case); a longer label wins at the same position. */
export function parseLabel(labels: readonly string[], content: string | null): Prediction {
  const found = content === null ? undefined : firstLabel(labels, content);
  if (found === undefined) throw new ParseFailure('label', `no label (${labels.join(', ')}) in the answer`, content);
  return oneHot(labels, found);
}

/**
 * AORTA's verbalized confidences, `[negative]+0.120,[positive]+0.880`, read as in AORTA's `process_raw_predict`:
 * from the first `[`, case-insensitive, `label <number>` once punctuation is blanked; a missing label gets 0.001.
 * Departures, deliberate: no label at all or all-zero scores is a parse failure (not a uniform vector), and scores
 * off a sum of 1 are divided by their sum (not softmaxed, which flattens them; TextAttack softmaxes a second time).
 */
export function parseAorta(labels: readonly string[], content: string | null): Prediction {
  if (content === null) throw new ParseFailure('aorta', 'empty answer', content);
  const from = content.indexOf('[');
  const text = (from >= 0 ? content.slice(from) : content).toLowerCase().replace(/[[\]+:,"'=*]/g, ' ');
  const alternatives = [...labels]
    .sort((a, b) => b.length - a.length)
    .map((l) => escapeRegExp(l.toLowerCase()).replace(/\s+/g, '\\s+'));
  const re = new RegExp(`(?<![\\p{L}\\p{N}_])(${alternatives.join('|')})\\s+(\\d+(?:\\.\\d+)?(?:e-?\\d+)?)`, 'gu');
  const values = new Map<string, number>();
  for (const m of text.matchAll(re)) {
    const label = labels.find((l) => l.toLowerCase() === m[1]!.replace(/\s+/g, ' '));
    if (label !== undefined && !values.has(label)) values.set(label, Number(m[2]));
  }
  if (values.size === 0) throw new ParseFailure('aorta', `no "[label]+score" pair for ${labels.join(', ')}`, content);
  const scores = labels.map((l) => values.get(l) ?? MISSING_SCORE);
  return normalised('aorta', labels, scores, content);
}

/**
 * A JSON object (code fences and text around it tolerated): `{"label", "scores": {...}}`, or the labels as keys,
 * or `{"label", "confidence"}` (the rest shared evenly by the other labels), or `{"label"}` alone (one-hot).
 * When scores are given they decide the label.
 */
export function parseJson(labels: readonly string[], content: string | null): Prediction {
  if (content === null) throw new ParseFailure('json', 'empty answer', content);
  const start = content.indexOf('{');
  const end = content.lastIndexOf('}');
  let value: unknown;
  try {
    value = start >= 0 && end > start ? JSON.parse(content.slice(start, end + 1)) : undefined;
  } catch {
    value = undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ParseFailure('json', 'no JSON object in the answer', content);
  }
  const obj = value as Record<string, unknown>;
  const byName = (o: Record<string, unknown>, l: string): unknown =>
    o[l] ?? o[Object.keys(o).find((k) => k.toLowerCase() === l.toLowerCase()) ?? ''];
  const scoreObj =
    typeof obj.scores === 'object' && obj.scores !== null
      ? (obj.scores as Record<string, unknown>)
      : labels.some((l) => typeof byName(obj, l) === 'number')
        ? obj
        : undefined;
  if (scoreObj !== undefined) {
    const scores = labels.map((l) => byName(scoreObj, l));
    if (!scores.every((s) => typeof s === 'number' && Number.isFinite(s) && s >= 0)) {
      throw new ParseFailure('json', `"scores" needs a number >= 0 for each of ${labels.join(', ')}`, content);
    }
    return normalised('json', labels, scores as number[], content);
  }
  const label =
    typeof obj.label === 'string'
      ? labels.find((l) => l.toLowerCase() === (obj.label as string).trim().toLowerCase())
      : undefined;
  if (label === undefined) throw new ParseFailure('json', `"label" is not one of ${labels.join(', ')}`, content);
  const confidence = obj.confidence;
  if (typeof confidence === 'number' && Number.isFinite(confidence) && confidence >= 0 && confidence <= 1) {
    const rest = (1 - confidence) / (labels.length - 1);
    return normalised(
      'json',
      labels,
      labels.map((l) => (l === label ? confidence : rest)),
      content,
    );
  }
  return oneHot(labels, label);
}

/**
 * Probabilities of the answer's first token: each `top_logprobs` token that is a non-empty prefix of exactly one
 * label (any case, surrounding spaces ignored: tokenizers split words and glue spaces on) counts for that label,
 * alternatives summed. Labels not among the top tokens get 0; then the label probabilities are normalised.
 */
export function parseLogprobs(labels: readonly string[], answer: RawAnswer): Prediction {
  const top = answer.firstTokenTopLogprobs;
  if (top === null || top.length === 0) {
    throw new ParseFailure(
      'logprobs',
      'no top_logprobs in the answer (does the endpoint support logprobs?)',
      answer.content,
    );
  }
  const mass = labels.map(() => 0);
  const lower = labels.map((l) => l.toLowerCase());
  for (const { token, logprob } of top) {
    const t = token.trim().toLowerCase();
    if (t === '' || !Number.isFinite(logprob)) continue;
    const matches = lower.flatMap((l, i) => (l.startsWith(t) ? [i] : []));
    if (matches.length === 1) mass[matches[0]!]! += Math.exp(logprob);
  }
  if (mass.every((m) => m === 0)) {
    throw new ParseFailure(
      'logprobs',
      `no label (${labels.join(', ')}) among the first token's top_logprobs`,
      answer.content,
    );
  }
  return normalised('logprobs', labels, mass, answer.content);
}

function normalised(
  mode: AnswerMode,
  labels: readonly string[],
  values: readonly number[],
  content: string | null,
): Prediction {
  const sum = values.reduce((a, b) => a + b, 0);
  if (!(sum > 0) || !Number.isFinite(sum)) throw new ParseFailure(mode, 'scores are all zero', content);
  const keep = Math.abs(sum - 1) <= SUM_TOLERANCE;
  const scores: Record<string, number> = {};
  for (const [i, l] of labels.entries()) scores[l] = keep ? values[i]! : values[i]! / sum;
  return predictionFrom(labels, scores);
}

function oneHot(labels: readonly string[], label: string): Prediction {
  const scores: Record<string, number> = {};
  for (const l of labels) scores[l] = l === label ? 1 : 0;
  return { label, scores };
}

function firstLabel(labels: readonly string[], content: string): string | undefined {
  const text = content.toLowerCase();
  let best: { at: number; label: string } | undefined;
  for (const label of labels) {
    const re = new RegExp(`(?<![\\p{L}\\p{N}_])${escapeRegExp(label.toLowerCase())}(?![\\p{L}\\p{N}_])`, 'u');
    const m = re.exec(text);
    if (m === null) continue;
    if (best === undefined || m.index < best.at || (m.index === best.at && label.length > best.label.length))
      best = { at: m.index, label };
  }
  return best?.label;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
