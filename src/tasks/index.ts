/**
 * @module The bundled demo tasks: small, deterministic, rule-based models standing in for LLM features, each a pure
 * function from the input text to the output text an LLM feature would return. `quiver serve --model task:<name>`
 * serves them as chat models named `quiver-<name>`; the answer is computed from the last user message after the
 * input marker (`Text:` by default), exactly as in-process callers should compute it.
 */
import { extractAnswer } from './extract.js';
import { answerPolicyQuestion } from './policy.js';
import { routeTicket } from './route.js';

export interface BundledTask {
  readonly name: 'extract' | 'route' | 'policy';
  /** The model name clients ask for. */
  readonly model: string;
  readonly description: string;
  answer(input: string): string;
}

export const BUNDLED_TASKS: readonly BundledTask[] = [
  {
    name: 'extract',
    model: 'quiver-extract',
    description: 'rule-based extractor: money amounts, dates and e-mail addresses as JSON',
    answer: extractAnswer,
  },
  {
    name: 'route',
    model: 'quiver-route',
    description: 'rule-based ticket router: billing, technical, account, shipping or general',
    answer: routeTicket,
  },
  {
    name: 'policy',
    model: 'quiver-policy',
    description: 'rule-based yes/no answerer for the Northwind Outfitters returns policy',
    answer: answerPolicyQuestion,
  },
];

export function taskNamed(name: string): BundledTask | undefined {
  return BUNDLED_TASKS.find((t) => t.name === name);
}

export function taskForModel(model: string): BundledTask | undefined {
  return BUNDLED_TASKS.find((t) => t.model === model);
}
