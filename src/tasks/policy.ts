/**
 * @module A small rule-based policy answerer (a stand-in for an LLM that answers yes/no questions from a returns
 * policy). It knows Northwind Outfitters' policy, reproduced in POLICY, and answers "Yes." or "No." plus the rule it
 * applied, by keyword rules checked in a fixed order on Porter stems (gift cards, final sale, defects, wear, the
 * 30-day window from a number of days/weeks/months, refund method, exchanges, return shipping, then returns in
 * general). Brittle as such rules are: a typo in the deciding word, or a synonym the rules lack, sends the question
 * to a later rule and can flip the answer.
 */
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

const has = (seq: readonly string[], phrases: readonly (readonly string[])[]) => countMatches(seq, phrases) > 0;
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

export function answerPolicyQuestion(question: string): string {
  const seq = stems(question);
  if (has(seq, GIFT_CARD)) return ANSWERS.giftCard;
  if (has(seq, SALE)) return ANSWERS.finalSale;
  if (has(seq, DEFECT)) return ANSWERS.defective;
  if (has(seq, WORN)) return ANSWERS.worn;
  const days = daysMentioned(question);
  if (days !== null) return days <= 30 ? ANSWERS.inWindow : ANSWERS.outOfWindow;
  if (has(seq, CASH)) return ANSWERS.cashRefund;
  if (has(seq, REFUND_METHOD)) return ANSWERS.refundMethod;
  if (has(seq, EXCHANGE)) return ANSWERS.exchange;
  if (has(seq, LABEL)) return has(seq, FREE) ? ANSWERS.labelNotFree : ANSWERS.labelPaid;
  if (has(seq, RETURN_TOPIC)) return ANSWERS.general;
  return ANSWERS.offTopic;
}
