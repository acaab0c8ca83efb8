/**
 * @module Attacks one example end to end: predict the original, skip or search, shrink the find to a 1-minimal edit
 * set, re-query the target to verify the flip, and measure stability. Returns one plain result record; a target that
 * throws makes the record `errored` instead of failing the campaign.
 */
import { AttackText } from '../core/attack-text.js';
import type { Analyzer } from '../core/analysis.js';
import type { Constraint } from '../core/constraint.js';
import { CampaignAbortError, TimeLimitError, errorMessage } from '../core/errors.js';
import type { Goal } from '../core/goal.js';
import type { Perturbation, PerturbContext } from '../core/perturbation.js';
import { rngFor } from '../core/rng.js';
import type { Evaluated, SearchMethod } from '../core/search.js';
import { zeroUsage, type Prediction, type Target } from '../core/target.js';
import {
  SCHEMA_VERSION,
  type Example,
  type PredictionRecord,
  type ResultRecord,
  type Verification,
} from '../contracts/record.js';
import { scopeConstraint } from './scope-constraint.js';
import { CandidateSpace } from './candidates.js';
import { Evaluator } from './evaluator.js';
import { renderInput } from '../core/prompt-template.js';
import { editsWithParts, ratiosByPart, wordParts, type InputScope } from './input.js';
import { createSearchContext } from './search-context.js';
import { shrinkToMinimal } from './shrink.js';
import { measureStability } from './stability.js';

export interface AttackParts {
  readonly target: Target;
  readonly goal: Goal;
  readonly perturbations: readonly Perturbation[];
  readonly constraints: readonly Constraint[];
  readonly search: SearchMethod;
  readonly analyzer: Analyzer;
}

export interface AttackSettings {
  readonly seed: number;
  readonly maxQueries: number;
  readonly maxPerturbRatio: number;
  readonly stabilitySamples: number;
  /** Re-queries of a found flip before it is reported (and, when above 1, of the original too). */
  readonly verifyRepeats: number;
  /** A prompt template around the example, and which part(s) may be perturbed. */
  readonly input?: { readonly template: string; readonly scope: InputScope };
  /** Past this long the example stops and is recorded `failed` with reason `time-limit` (absent: no limit). */
  readonly timeLimitMs?: number;
}

export async function attackExample(
  parts: AttackParts,
  settings: AttackSettings,
  example: Example,
): Promise<ResultRecord> {
  const started = performance.now();
  const seedKey = `${settings.seed}:${example.id}`;
  const evaluator = new Evaluator(parts.target, settings.maxQueries, settings.timeLimitMs);
  const rendered =
    settings.input === undefined ? undefined : renderInput(settings.input.template, example.text, parts.target.labels);
  const inputText = rendered?.text ?? example.text;
  const original = AttackText.fromString(inputText);
  const wordPart = rendered === undefined ? undefined : wordParts(original, rendered);
  const base = {
    type: 'result' as const,
    schemaVersion: SCHEMA_VERSION,
    id: example.id,
    index: example.index,
    groundTruth: example.label,
    wordCount: original.length,
  };
  const record = (fields: Partial<ResultRecord> & Pick<ResultRecord, 'status'>): ResultRecord => ({
    ...base,
    original: null,
    adversarial: null,
    verification: null,
    edits: [],
    perturbedWordRatio: null,
    flipDistance: null,
    editsBeforeShrink: null,
    minimal: null,
    stability: null,
    stabilitySamples: 0,
    queries: evaluator.queries,
    uniqueQueries: evaluator.uniqueQueries,
    textsSent: evaluator.textsSent,
    elapsedMs: Math.round(performance.now() - started),
    ...(evaluator.usage === zeroUsage ? {} : { usage: evaluator.usage }),
    ...fields,
  });

  let originalRecord: PredictionRecord | null = null;
  try {
    const [originalPrediction] = await evaluator.predict([inputText]);
    originalRecord = toRecord(inputText, originalPrediction!);
    const skip = parts.goal.skipReason(originalPrediction!, example.label);
    if (skip !== null) return record({ status: 'skipped', original: originalRecord, reason: skip });

    const pctx: PerturbContext = {
      analysis: parts.analyzer.analyze(original.words, original.seps),
      rng: (key) => rngFor(`${seedKey}:${key}`),
    };
    const constraints =
      wordPart === undefined
        ? parts.constraints
        : [...parts.constraints, scopeConstraint(wordPart, settings.input!.scope)];
    const space = new CandidateSpace(original, parts.perturbations, constraints, pctx);
    const originalEvaluated: Evaluated = {
      text: original,
      prediction: originalPrediction!,
      score: parts.goal.score(originalPrediction!, example.label),
      succeeded: false,
    };
    const ctx = createSearchContext({
      original: originalEvaluated,
      groundTruth: example.label,
      goal: parts.goal,
      space,
      evaluator,
      rng: rngFor(`${seedKey}:search`),
    });
    const found = await parts.search.search(ctx);
    const shrunk = found.succeeded ? await shrinkToMinimal(ctx, found) : undefined;
    const stability = await measureStability({
      space,
      evaluator,
      originalLabel: originalPrediction!.label,
      samples: settings.stabilitySamples,
      maxEdits: Math.floor(settings.maxPerturbRatio * original.length),
      seedKey,
    });
    const common = { original: originalRecord, stability: stability.stability, stabilitySamples: stability.samples };
    if (shrunk === undefined) {
      const reason = evaluator.exhausted() ? 'query budget exhausted' : 'no flip found in the perturbation space';
      return record({ status: 'failed', ...common, reason });
    }

    const adv = shrunk.result.text;
    const check = await verifyFlip(
      evaluator,
      parts.goal,
      { ...example, text: inputText },
      originalPrediction!.label,
      adv.text,
      settings.verifyRepeats,
    );
    const flip = { adversarial: toRecord(adv.text, check.last), verification: check.verification };
    const byPart =
      wordPart === undefined
        ? {}
        : { edits: editsWithParts(adv.edits, wordPart), perturbedWordRatioByPart: ratiosByPart(adv, wordPart) };
    if (check.verification.flipRate === 0)
      return record({ status: 'failed', ...common, ...flip, reason: 'unverified' });
    if (!check.stable) return record({ status: 'failed', ...common, ...flip, reason: 'unstable' });
    return record({
      status: 'succeeded',
      ...common,
      ...flip,
      edits: adv.edits,
      perturbedWordRatio: original.length === 0 ? 0 : adv.cost / original.length,
      ...byPart,
      flipDistance: adv.applied.length,
      editsBeforeShrink: found.text.applied.length,
      minimal: shrunk.minimal,
    });
  } catch (err) {
    if (err instanceof CampaignAbortError) throw err;
    // Depends on machine speed and load, unlike every other outcome: the one exception to "same seed, same results".
    if (err instanceof TimeLimitError)
      return record({ status: 'failed', original: originalRecord, reason: 'time-limit' });
    return record({ status: 'errored', reason: errorMessage(err) });
  }
}

/**
 * Re-queries the adversarial text `repeats` times, outside the cache, and (when repeats > 1, for nondeterministic
 * models) the original too: a flip is stable only if every re-query flips and the original never wavers.
 */
async function verifyFlip(
  evaluator: Evaluator,
  goal: Goal,
  example: Example,
  originalLabel: string,
  advText: string,
  repeats: number,
): Promise<{ last: Prediction; stable: boolean; verification: Verification }> {
  let flips = 0;
  let agree = 0;
  let last: Prediction | undefined;
  for (let k = 0; k < repeats; k++) {
    last = await evaluator.requery(advText);
    if (goal.isSuccess(last, example.label)) flips++;
    if (repeats > 1 && (await evaluator.requery(example.text)).label === originalLabel) agree++;
  }
  const verification: Verification = {
    repeats,
    flipRate: flips / repeats,
    originalAgreement: repeats > 1 ? agree / repeats : null,
  };
  return { last: last!, stable: flips === repeats && (repeats === 1 || agree === repeats), verification };
}

/** The prediction as recorded; a checked output (assertion campaigns) keeps its output and failed assertion. */
function toRecord(text: string, p: Prediction): PredictionRecord {
  return {
    text,
    label: p.label,
    scores: p.scores,
    ...(p.output === undefined ? {} : { output: p.output }),
    ...(p.failed === undefined ? {} : { failed: p.failed }),
    ...(p.signals === undefined ? {} : { signals: p.signals }),
  };
}
