/**
 * @module A small rule-based ticket router (a stand-in for an LLM routing feature): it counts lexicon phrases per
 * department on Porter stems and answers the department with most matches (`billing`, `technical`, `account` or
 * `shipping`; ties go to that order; none matched: `general`). Brittle as keyword routers are: a typo or an unlisted
 * synonym drops a match, and a stray word from another lexicon can outvote the real topic.
 */
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

export function routeTicket(text: string): Department {
  const seq = stems(text);
  let best: Department = 'general';
  let bestCount = 0;
  for (const dept of DEPARTMENTS) {
    const n = countMatches(seq, LEXICON[dept]);
    if (n > bestCount) [best, bestCount] = [dept, n];
  }
  return best;
}
