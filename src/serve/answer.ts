/**
 * @module How `quiver serve` words a prediction: a bare label, AORTA's `[label]+score` list, a JSON object, or a label
 * token whose `top_logprobs` carry the model's probabilities. Scores are written at full precision by default (the
 * shortest decimal that parses back to the same double, never in exponent notation), so an `openai:` target reading
 * an aorta or json answer sees exactly the local model's probabilities; logprobs round-trip through log/exp, within
 * a few ulps.
 */
import type { Prediction } from '../core/target.js';
import type { ScoredToken } from '../tasks/answer-tokens.js';

export const answerStyles = ['auto', 'label', 'aorta', 'json', 'logprobs'] as const;
export type AnswerStyle = (typeof answerStyles)[number];
export type ConcreteStyle = Exclude<AnswerStyle, 'auto'>;

export interface TokenLogprob {
  readonly token: string;
  readonly logprob: number;
  readonly bytes: number[];
}

export interface RenderedAnswer {
  readonly content: string;
  readonly logprobs: {
    readonly content: (TokenLogprob & { readonly top_logprobs: TokenLogprob[] })[];
    readonly refusal: null;
  } | null;
}

/** The AORTA format instruction, e.g. `[negative]+[score]`. */
const AORTA_FORMAT = /\[[^\]\n]{1,64}\]\s*\+/;
/** JSON cannot hold -Infinity: a probability of 0 is written as this logprob. */
const MIN_LOGPROB = -9999;

/**
 * `auto` follows the request: logprobs asked -> logprobs; a JSON response_format -> json; a prompt containing an
 * AORTA `[label]+` format -> aorta; otherwise a bare label.
 */
export function resolveStyle(
  configured: AnswerStyle,
  body: Record<string, unknown>,
  promptText: string,
): ConcreteStyle {
  if (configured !== 'auto') return configured;
  if (body.logprobs === true) return 'logprobs';
  const format = body.response_format as { type?: unknown } | undefined;
  if (format?.type === 'json_object' || format?.type === 'json_schema') return 'json';
  if (AORTA_FORMAT.test(promptText)) return 'aorta';
  return 'label';
}

export function renderAnswer(
  style: ConcreteStyle,
  p: Prediction,
  labels: readonly string[],
  opts: { readonly topLogprobs: number; readonly decimals: number | null },
): RenderedAnswer {
  const num = (x: number): string => (opts.decimals === null ? plainDecimal(x) : x.toFixed(opts.decimals));
  switch (style) {
    case 'label':
      return { content: p.label, logprobs: null };
    case 'aorta':
      return { content: labels.map((l) => `[${l}]+${num(p.scores[l] ?? 0)}`).join(','), logprobs: null };
    case 'json': {
      const scores = labels.map((l) => `${JSON.stringify(l)}:${num(p.scores[l] ?? 0)}`).join(',');
      return { content: `{"label":${JSON.stringify(p.label)},"scores":{${scores}}}`, logprobs: null };
    }
    case 'logprobs': {
      const entry = (l: string): TokenLogprob => ({
        token: l,
        logprob: logprob(p.scores[l] ?? 0),
        bytes: [...Buffer.from(l, 'utf8')],
      });
      const top = [...labels]
        .sort((a, b) => (p.scores[b] ?? 0) - (p.scores[a] ?? 0))
        .slice(0, opts.topLogprobs)
        .map(entry);
      return { content: p.label, logprobs: { content: [{ ...entry(p.label), top_logprobs: top }], refusal: null } };
    }
  }
}

/** A text model's answer (a bundled task), with its tokens' logprobs when the request asks for them and it has them. */
export function textModelAnswer(
  model: { answer(input: string): string; answerTokens?(input: string): readonly ScoredToken[] },
  input: string,
  body: Record<string, unknown>,
): RenderedAnswer {
  if (body.logprobs !== true || model.answerTokens === undefined)
    return { content: model.answer(input), logprobs: null };
  const scored = model.answerTokens(input);
  const topCount = typeof body.top_logprobs === 'number' ? body.top_logprobs : 0;
  const entry = (token: string, lp: number): TokenLogprob => ({ token, logprob: lp, bytes: [...Buffer.from(token)] });
  return {
    content: scored.map((t) => t.token).join(''),
    logprobs: {
      content: scored.map((t) => ({
        ...entry(t.token, t.logprob),
        top_logprobs: t.top.slice(0, topCount).map((a) => entry(a.token, a.logprob)),
      })),
      refusal: null,
    },
  };
}

function logprob(p: number): number {
  return p > 0 ? Math.max(MIN_LOGPROB, Math.log(p)) : MIN_LOGPROB;
}

/** The shortest round-tripping decimal of x, expanded out of exponent notation (AORTA's parser reads `\d+\.\d+`). */
export function plainDecimal(x: number): string {
  const s = String(x);
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (m === null) return s.includes('.') || !Number.isFinite(x) ? s : `${s}.0`;
  const [, sign, lead, frac = '', expText] = m;
  const exp = Number(expText);
  const digits = lead! + frac;
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  return `${sign}${digits.padEnd(exp + 1, '0')}.0`;
}
