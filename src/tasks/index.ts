/**
 * @module The bundled demo tasks: small, deterministic, rule-based models standing in for LLM features, each a pure
 * function from the input text to the output text an LLM feature would return. `quiver serve --model task:<name>`
 * serves them as chat models named `quiver-<name>`; the answer is computed from the last user message after the
 * input marker (`Text:` by default), exactly as in-process callers should compute it. Asked for logprobs, the server
 * gives each task's answer tokens with the logprobs its module comment defines (answer-tokens.ts).
 */
import type { ScoredToken } from './answer-tokens.js';
import { extractAnswer, extractTokens } from './extract.js';
import { answerPolicyQuestion, policyTokens } from './policy.js';
import { routeTicket, routeTokens } from './route.js';

export type { ScoredToken };

export interface BundledTask {
  readonly name: 'extract' | 'route' | 'policy';
  /** The model name clients ask for. */
  readonly model: string;
  readonly description: string;
  answer(input: string): string;
  /** The same answer as tokens with logprobs (the module comment of each task says where they come from). */
  answerTokens(input: string): ScoredToken[];
}

export const BUNDLED_TASKS: readonly BundledTask[] = [
  {
    name: 'extract',
    model: 'quiver-extract',
    description: 'rule-based extractor: money amounts, dates and e-mail addresses as JSON',
    answer: extractAnswer,
    answerTokens: extractTokens,
  },
  {
    name: 'route',
    model: 'quiver-route',
    description: 'rule-based ticket router: billing, technical, account, shipping or general',
    answer: routeTicket,
    answerTokens: routeTokens,
  },
  {
    name: 'policy',
    model: 'quiver-policy',
    description: 'rule-based yes/no answerer for the Northwind Outfitters returns policy',
    answer: answerPolicyQuestion,
    answerTokens: policyTokens,
  },
];

export function taskNamed(name: string): BundledTask | undefined {
  return BUNDLED_TASKS.find((t) => t.name === name);
}

export function taskForModel(model: string): BundledTask | undefined {
  return BUNDLED_TASKS.find((t) => t.model === model);
}
