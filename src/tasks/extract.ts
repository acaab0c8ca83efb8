/**
 * @module A small rule-based field extractor (a stand-in for an LLM extraction feature): money amounts, dates and
 * e-mail addresses from free text, as one JSON object
 * `{"amounts": [...], "currency": "USD"|null, "total": n|null, "dates": ["YYYY-MM-DD"], "emails": [...]}`.
 * Amounts need a currency sign or word next to the number ("$42.50", "42.50 USD", "15 euros"); dates are ISO,
 * US numeric (03/14/2025) or written with an English month name; the total is the first amount within four words
 * after "total", "due", "balance" or "owe", else the only amount. Brittle as such rules are: "dolars", "Mrach" or
 * "the sum is" are not recognised.
 *
 * Logprobs (`quiver serve` asked with `logprobs: true`): the extractor is deterministic and computes no score, so
 * every token of its answer is given logprob 0 (probability 1). That is the honest answer for a rule-based model and
 * carries no gradient: the expected-logprob signal of an assertion on its output falls back to the output distance.
 */
import { certainTokens, type ScoredToken } from './answer-tokens.js';
import { words } from './words.js';

const CURRENCY_SIGNS: Record<string, string> = { $: 'USD', '€': 'EUR', '£': 'GBP' };
const CURRENCY_WORDS: Record<string, string> = {
  usd: 'USD',
  dollar: 'USD',
  dollars: 'USD',
  eur: 'EUR',
  euro: 'EUR',
  euros: 'EUR',
  gbp: 'GBP',
  pound: 'GBP',
  pounds: 'GBP',
};
const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const TOTAL_WORDS = new Set(['total', 'due', 'balance', 'owe']);

const NUMBER = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;
const SIGN_AMOUNT = new RegExp(String.raw`([$€£])\s?(${NUMBER})`, 'g');
const WORD_AMOUNT = new RegExp(
  String.raw`(?<![\w.,$€£])(${NUMBER})\s?(usd|dollars?|eur|euros?|gbp|pounds?)\b|\b(usd|eur|gbp)\s?(${NUMBER})`,
  'gi',
);
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
const MONTH_NAME =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|' +
  String.raw`sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;
const DATE_PATTERNS: { re: RegExp; read: (m: RegExpExecArray) => [number, number, number] }[] = [
  { re: /\b(\d{4})-(\d{2})-(\d{2})\b/g, read: (m) => [Number(m[1]), Number(m[2]), Number(m[3])] },
  { re: /\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/g, read: (m) => [Number(m[3]), Number(m[1]), Number(m[2])] },
  {
    re: new RegExp(String.raw`\b${MONTH_NAME}\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`, 'gi'),
    read: (m) => [Number(m[3]), monthOf(m[1]!), Number(m[2])],
  },
  {
    re: new RegExp(String.raw`\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?${MONTH_NAME},?\s+(\d{4})\b`, 'gi'),
    read: (m) => [Number(m[3]), monthOf(m[2]!), Number(m[1])],
  },
];

function monthOf(name: string): number {
  return MONTHS.findIndex((m) => m.startsWith(name.toLowerCase().slice(0, 3))) + 1;
}

interface Found<T> {
  readonly at: number;
  readonly value: T;
}

function amountsIn(text: string): Found<{ amount: number; currency: string }>[] {
  const found: Found<{ amount: number; currency: string }>[] = [];
  for (const m of text.matchAll(SIGN_AMOUNT))
    found.push({ at: m.index, value: { amount: Number(m[2]!.replace(/,/g, '')), currency: CURRENCY_SIGNS[m[1]!]! } });
  for (const m of text.matchAll(WORD_AMOUNT)) {
    const [num, word] = m[1] !== undefined ? [m[1], m[2]!] : [m[4]!, m[3]!];
    found.push({
      at: m.index,
      value: { amount: Number(num.replace(/,/g, '')), currency: CURRENCY_WORDS[word.toLowerCase()]! },
    });
  }
  return found.sort((a, b) => a.at - b.at);
}

function datesIn(text: string): Found<string>[] {
  const found: Found<string>[] = [];
  const taken: [number, number][] = [];
  for (const { re, read } of DATE_PATTERNS) {
    for (const m of text.matchAll(re)) {
      const end = m.index + m[0].length;
      if (taken.some(([s, e]) => m.index < e && end > s)) continue;
      const [y, mo, d] = read(m);
      if (mo < 1 || mo > 12 || d < 1 || d > 31) continue;
      taken.push([m.index, end]);
      found.push({ at: m.index, value: `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}` });
    }
  }
  return found.sort((a, b) => a.at - b.at);
}

/** The first amount that starts within four words after a total word, else the only amount, else null. */
function totalOf(text: string, amounts: readonly Found<{ amount: number }>[]): number | null {
  for (const a of amounts) {
    const before = words(text.slice(0, a.at)).slice(-4);
    if (before.some((w) => TOTAL_WORDS.has(w))) return a.value.amount;
  }
  return amounts.length === 1 ? amounts[0]!.value.amount : null;
}

export interface Extraction {
  readonly amounts: number[];
  readonly currency: string | null;
  readonly total: number | null;
  readonly dates: string[];
  readonly emails: string[];
}

export function extractFields(text: string): Extraction {
  const amounts = amountsIn(text);
  return {
    amounts: amounts.map((a) => a.value.amount),
    currency: amounts[0]?.value.currency ?? null,
    total: totalOf(text, amounts),
    dates: [...new Set(datesIn(text).map((d) => d.value))],
    emails: [...new Set((text.match(EMAIL) ?? []).map((e) => e.toLowerCase()))],
  };
}

/** The extraction as the JSON text an LLM feature would answer. */
/** The answer's tokens, each certain (logprob 0). */
export function extractTokens(text: string): ScoredToken[] {
  return certainTokens(extractAnswer(text));
}

export function extractAnswer(text: string): string {
  return JSON.stringify(extractFields(text));
}
