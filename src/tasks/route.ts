/**
 * @module A small rule-based ticket router (a stand-in for an LLM routing feature): it counts lexicon phrases per
 * department on Porter stems and answers the department with most matches (`billing`, `technical`, `account` or
 * `shipping`; ties go to that order; none matched: `general`). Brittle as keyword routers are: a typo or an unlisted
 * synonym drops a match, and a stray word from another lexicon can outvote the real topic.
 *
 * Logprobs (`quiver serve` asked with `logprobs: true`): the answer is one token, and its probability is a softmax
 * over the match counts, P(d) = exp(n_d / T) / Σ_k exp(n_k / T) with T = ROUTE_TEMPERATURE = 1, where `general` gets
 * the pseudo-count 0.5 (it is the answer only when no department matched, and loses to any one match). Ties share the
 * probability evenly while the answer takes the first in order. This is a keyword count turned into a probability,
 * not a language model's belief; it falls as the words that matched are perturbed away, which is what the search
 * needs.
 */
import { logSoftmax, scoredTokens, type ScoredToken } from './answer-tokens.js';
import { countMatches, stemPhrases, stems } from './words.js';

export const DEPARTMENTS = ['billing', 'technical', 'account', 'shipping'] as const;
export type Department = (typeof DEPARTMENTS)[number] | 'general';

const LEXICON: Record<(typeof DEPARTMENTS)[number], string[][]> = {
  billing: stemPhrases([
    'charge',
    'bill',
    'invoice',
    'refund',
    'payment',
    'pay',
    'paid',
    'price',
    'fee',
    'overcharge',
    'receipt',
    'subscription',
    'renewal',
    'credit card',
    'debit',
    'money back',
    'discount',
    'coupon',
    'tax',
    'billing',
  ]),
  technical: stemPhrases([
    'error',
    'crash',
    'bug',
    'app',
    'website',
    'page',
    'load',
    'freeze',
    'install',
    'update',
    'button',
    'browser',
    'slow',
    'glitch',
    'not working',
    'blank screen',
    'sync',
    'notification',
    'checkout',
  ]),
  account: stemPhrases([
    'password',
    'login',
    'log in',
    'sign in',
    'username',
    'profile',
    'account',
    'locked out',
    'verify',
    'verification',
    'two-factor',
    'security code',
    'email address',
    'delete my',
    'close my',
    'newsletter',
  ]),
  shipping: stemPhrases([
    'delivery',
    'deliver',
    'package',
    'parcel',
    'tracking',
    'track',
    'ship',
    'shipment',
    'courier',
    'arrive',
    'arrival',
    'late',
    'lost',
    'address',
    'carrier',
    'dispatch',
    'postage',
    'customs',
  ]),
};

/** Softmax temperature of the route logprobs. */
export const ROUTE_TEMPERATURE = 1;
/** The logit of `general`: half a match. */
const GENERAL_PSEUDO_COUNT = 0.5;

/** Lexicon matches per department. */
export function departmentCounts(text: string): Record<(typeof DEPARTMENTS)[number], number> {
  const seq = stems(text);
  const counts = { billing: 0, technical: 0, account: 0, shipping: 0 };
  for (const dept of DEPARTMENTS) counts[dept] = countMatches(seq, LEXICON[dept]);
  return counts;
}

export function routeTicket(text: string): Department {
  const counts = departmentCounts(text);
  let best: Department = 'general';
  let bestCount = 0;
  for (const dept of DEPARTMENTS) {
    if (counts[dept] > bestCount) [best, bestCount] = [dept, counts[dept]];
  }
  return best;
}

/** The answer as one token, with the softmax of the match counts as its logprob and alternatives. */
export function routeTokens(text: string): ScoredToken[] {
  const logits = { ...departmentCounts(text), general: GENERAL_PSEUDO_COUNT };
  return scoredTokens(routeTicket(text), logSoftmax(logits, ROUTE_TEMPERATURE));
}
