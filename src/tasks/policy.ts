/**
 * @module A small rule-based policy answerer (a stand-in for an LLM that answers yes/no questions from a returns
 * policy). It knows Northwind Outfitters' policy, reproduced in POLICY, and answers "Yes." or "No." plus the rule it
 * applied, by keyword rules checked in a fixed order on Porter stems (gift cards, final sale, defects, wear, the
 * 30-day window from a number of days/weeks/months, refund method, exchanges, return shipping, then returns in
 * general). Brittle as such rules are: a typo in the deciding word, or a synonym the rules lack, sends the question
 * to a later rule and can flip the answer.
 *
 * Logprobs (`quiver serve` asked with `logprobs: true`): it computes no score of its own, so one is derived from the
 * evidence of the rule that decided: `evidence` = how many of that rule's keyword phrases matched (the 30-day window
 * rule reads one duration: 1; the return-label rule adds the "free" matches that chose its answer). The first word
 * ("Yes", "No", or "Sorry" when no rule matched, whose logit is 0.5) gets logit = evidence, the other two 0, and
 * P(first word) is their softmax at T = POLICY_TEMPERATURE = 1: e.g. one matched phrase gives e/(e+2) ≈ 0.58, two
 * 0.79. Later rules that also matched do not lower it (the rule order decides outright). The rest of the answer is
 * the fixed sentence of the rule and is given logprob 0. A count of keyword matches, not a language model's belief.
 */
import { logSoftmax, scoredTokens, type ScoredToken } from './answer-tokens.js';
import { stemPhrases, stems, words, countMatches } from './words.js';

export const POLICY = [
  'Unworn, unused items can be returned within 30 days of delivery for a full refund.',
  'Sale and clearance items are final sale.',
  'Gift cards cannot be returned or refunded.',
  'Defective, damaged or wrong items can be returned at any time, and we pay the return shipping.',
  'Refunds go back to the original payment method within 5-7 business days.',
  'Exchanges for another size or colour are free.',
  'Other returns cost $6.95 for the return label.',
].join(' ');

const ANSWERS = {
  giftCard: 'No. Gift cards cannot be returned or refunded.',
  finalSale: 'No. Sale and clearance items are final sale.',
  defective: 'Yes. Defective, damaged or wrong items can be returned, and we pay the return shipping.',
  worn: 'No. Items that have been worn or used cannot be returned.',
  inWindow: 'Yes. Unworn items can be returned within 30 days of delivery.',
  outOfWindow: 'No. The return window is 30 days from delivery.',
  refundMethod: 'Yes. Refunds go back to the original payment method within 5-7 business days.',
  cashRefund: 'No. Refunds go back to the original payment method, not in cash.',
  exchange: 'Yes. Exchanges for another size or colour are free.',
  labelNotFree: 'No. Return shipping costs $6.95 unless the item is defective.',
  labelPaid: 'Yes. Return shipping costs $6.95 unless the item is defective.',
  general: 'Yes. Unworn items can be returned within 30 days of delivery.',
  offTopic: 'Sorry, I can only answer questions about returns and refunds.',
} as const;

const GIFT_CARD = stemPhrases(['gift card', 'gift voucher', 'gift certificate']);
const SALE = stemPhrases(['sale', 'clearance', 'discounted', 'markdown', 'outlet']);
const DEFECT = stemPhrases([
  'defective',
  'broken',
  'damaged',
  'faulty',
  'torn',
  'wrong item',
  'wrong size sent',
  'ripped',
]);
const WORN = stemPhrases(['worn', 'wore', 'used', 'washed', 'wearing']);
const CASH = stemPhrases(['cash', 'in person']);
const REFUND_METHOD = stemPhrases(['original payment', 'my card', 'credit card', 'paypal', 'same card', 'back to']);
const EXCHANGE = stemPhrases(['exchange', 'swap', 'different size', 'another size', 'other colour', 'another colour']);
const LABEL = stemPhrases(['return shipping', 'return label', 'postage', 'shipping label']);
const FREE = stemPhrases(['free', 'for free']);
const RETURN_TOPIC = stemPhrases(['return', 'refund', 'send back', 'money back', 'exchange']);

const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
};
const UNIT_DAYS: Record<string, number> = { day: 1, days: 1, week: 7, weeks: 7, month: 30, months: 30 };

/** The first "N days/weeks/months" (digits or a number word), in days, or null. */
export function daysMentioned(text: string): number | null {
  const w = words(text);
  for (let i = 1; i < w.length; i++) {
    const unit = UNIT_DAYS[w[i]!];
    if (unit === undefined) continue;
    const n = /^\d+$/.test(w[i - 1]!) ? Number(w[i - 1]) : NUMBER_WORDS[w[i - 1]!];
    if (n !== undefined) return n * unit;
  }
  return null;
}

/** The answer and the evidence of the rule that gave it (matched phrases; 0 when no rule matched). */
export interface PolicyDecision {
  readonly answer: string;
  readonly evidence: number;
}

export function decidePolicyQuestion(question: string): PolicyDecision {
  const seq = stems(question);
  const count = (phrases: readonly (readonly string[])[]) => countMatches(seq, phrases);
  const rules: [number, string][] = [
    [count(GIFT_CARD), ANSWERS.giftCard],
    [count(SALE), ANSWERS.finalSale],
    [count(DEFECT), ANSWERS.defective],
    [count(WORN), ANSWERS.worn],
  ];
  for (const [n, answer] of rules) if (n > 0) return { answer, evidence: n };
  const days = daysMentioned(question);
  if (days !== null) return { answer: days <= 30 ? ANSWERS.inWindow : ANSWERS.outOfWindow, evidence: 1 };
  const later: [number, string][] = [
    [count(CASH), ANSWERS.cashRefund],
    [count(REFUND_METHOD), ANSWERS.refundMethod],
    [count(EXCHANGE), ANSWERS.exchange],
  ];
  for (const [n, answer] of later) if (n > 0) return { answer, evidence: n };
  const label = count(LABEL);
  if (label > 0) {
    const free = count(FREE);
    return free > 0
      ? { answer: ANSWERS.labelNotFree, evidence: label + free }
      : { answer: ANSWERS.labelPaid, evidence: label };
  }
  const topic = count(RETURN_TOPIC);
  if (topic > 0) return { answer: ANSWERS.general, evidence: topic };
  return { answer: ANSWERS.offTopic, evidence: 0 };
}

export function answerPolicyQuestion(question: string): string {
  return decidePolicyQuestion(question).answer;
}

/** Softmax temperature of the policy logprobs. */
export const POLICY_TEMPERATURE = 1;
/** The logit of "Sorry" when no rule matched. */
const OFF_TOPIC_LOGIT = 0.5;

/** The answer's tokens: the first word's logprob from the deciding rule's evidence, the rest certain. */
export function policyTokens(question: string): ScoredToken[] {
  const { answer, evidence } = decidePolicyQuestion(question);
  const first = answer === ANSWERS.offTopic ? 'Sorry' : answer.startsWith('Yes') ? 'Yes' : 'No';
  const logits: Record<string, number> = { Yes: 0, No: 0, Sorry: 0 };
  logits[first] = first === 'Sorry' ? OFF_TOPIC_LOGIT : evidence;
  return scoredTokens(answer, logSoftmax(logits, POLICY_TEMPERATURE));
}
