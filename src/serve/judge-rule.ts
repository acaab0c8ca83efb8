/**
 * @module `quiver serve --judge-rule VERDICT=WORD`: a deterministic judge for end-to-end tests. A request whose last
 * user message holds the judge rubric's `Perturbed text:` marker is answered as a judge would: the verdict of the
 * first rule whose word occurs (whole word, any case) in the text after the marker, else `valid`. The verdict
 * `unreadable` answers with no verdict word at all, to exercise a judge's parse failure.
 */
import { ConfigError } from '../core/errors.js';
import { judgeVerdicts } from '../core/judge.js';
import { PERTURBED_MARKER } from '../judges/rubric.js';
import { classifiedPart } from './input.js';

export const ruleVerdicts = [...judgeVerdicts, 'unreadable'] as const;

export interface JudgeRule {
  readonly verdict: (typeof ruleVerdicts)[number];
  readonly word: string;
}

export function parseJudgeRule(value: string, previous: JudgeRule[] = []): JudgeRule[] {
  const eq = value.indexOf('=');
  const verdict = value.slice(0, Math.max(0, eq));
  const word = value.slice(eq + 1).trim();
  if (eq < 0 || !(ruleVerdicts as readonly string[]).includes(verdict) || word === '') {
    throw new ConfigError(
      `--judge-rule takes VERDICT=WORD with VERDICT one of ${ruleVerdicts.join(', ')}, got "${value}"`,
    );
  }
  return [...previous, { verdict: verdict as JudgeRule['verdict'], word }];
}

/** The judge's answer to a rubric request, or undefined when the message is not one (it is classified instead). */
export function judgeAnswer(rules: readonly JudgeRule[], userText: string): string | undefined {
  if (rules.length === 0 || !userText.includes(PERTURBED_MARKER)) return undefined;
  const perturbed = classifiedPart(userText, PERTURBED_MARKER);
  const hit = rules.find((r) =>
    new RegExp(`(?<![\\p{L}\\p{N}_])${escapeRegExp(r.word)}(?![\\p{L}\\p{N}_])`, 'iu').test(perturbed),
  );
  if (hit?.verdict === 'unreadable') return 'I would rather not say.';
  if (hit === undefined) return 'valid\nquiver serve --judge-rule: the perturbed text matches no rule.';
  return `${hit.verdict}\nquiver serve --judge-rule: the perturbed text contains "${hit.word}".`;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
