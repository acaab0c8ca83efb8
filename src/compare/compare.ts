/**
 * @module Compares campaigns of several models (or prompt variants) on the same examples: summary metrics, McNemar
 * tests on per-example robustness for each pair, the transferability matrix and attribution by perturbation family.
 */
import { basename } from 'node:path';
import type { ResultRecord } from '../contracts/record.js';
import type { Target } from '../core/target.js';
import { summarize, type Summary } from '../metrics/summary.js';
import type { CampaignData } from '../storage/campaign-data.js';
import { alignCampaigns, isRobust, type Alignment } from './align.js';
import { mcnemar, type McNemarMethod } from './mcnemar.js';
import { answersFromTargets, transferMatrix, type TransferAnswers, type TransferMatrix } from './transfer.js';

export interface ComparedModel {
  /** Display name: the target spec, with the campaign folder when two campaigns share a target. */
  readonly name: string;
  readonly dir: string;
  readonly campaign: string;
  readonly campaignId: string;
  readonly target: string;
  /** Summary over the compared examples only. */
  readonly summary: Summary;
}

export interface PairTest {
  readonly a: string;
  readonly b: string;
  /** Examples in the test (errored examples on either side are left out). */
  readonly n: number;
  readonly bothRobust: number;
  /** Robust under A only (McNemar's b) and under B only (c). */
  readonly onlyA: number;
  readonly onlyB: number;
  readonly neither: number;
  /** Accuracy under attack of A minus B on these n examples. */
  readonly difference: number | null;
  readonly method: McNemarMethod;
  readonly statistic: number | null;
  readonly pValue: number;
}

export interface FamilyAttribution {
  readonly family: string;
  /** Per model, in model order. */
  readonly models: readonly {
    /** Verified flips using this family / using it alone. */
    readonly using: number;
    readonly only: number;
    /** using / attacked examples (succeeded + failed) of that model. */
    readonly rate: number | null;
    /** This model's flips with this family that also flip the other models (pooled over them). */
    readonly transfer: {
      readonly eligible: number;
      readonly transferred: number;
      readonly share: number | null;
    } | null;
  }[];
}

export interface Comparison {
  readonly type: 'quiver-compare';
  readonly schemaVersion: 1;
  readonly mode: Alignment['mode'];
  readonly examples: number;
  readonly dropped: readonly number[];
  readonly conflicting: readonly string[];
  readonly models: readonly ComparedModel[];
  readonly pairs: readonly PairTest[];
  /** [source][target]; null when the matrix was not requested. */
  readonly transfer: TransferMatrix | null;
  readonly families: readonly FamilyAttribution[];
}

export interface CompareOptions {
  readonly intersection: boolean;
  /** Builds the target of a campaign for the transferability matrix; omit to skip the matrix. */
  readonly targetFor?: (c: CampaignData) => Promise<Target>;
  /**
   * Answers for the transferability matrix when a target alone cannot give them (assertion campaigns); wins over
   * targetFor.
   */
  readonly answers?: TransferAnswers;
  readonly batchSize?: number;
}

export async function compareCampaigns(
  campaigns: readonly CampaignData[],
  options: CompareOptions,
): Promise<Comparison> {
  const alignment = alignCampaigns(campaigns, options.intersection);
  const names = displayNames(campaigns);
  const aligned = (k: number): ResultRecord[] => alignment.ids.map((id) => alignment.records[k]!.get(id)!);
  const models = campaigns.map((c, k) => ({
    name: names[k]!,
    dir: c.dir,
    campaign: c.name,
    campaignId: c.id,
    target: c.config.attack.target,
    summary: summarize(aligned(k)),
  }));
  const pairs: PairTest[] = [];
  for (let a = 0; a < campaigns.length; a++) {
    for (let b = a + 1; b < campaigns.length; b++) pairs.push(pairTest(names[a]!, names[b]!, aligned(a), aligned(b)));
  }
  const answers =
    options.answers ??
    (options.targetFor === undefined ? undefined : answersFromTargets(options.targetFor, options.batchSize));
  const transfer = answers === undefined ? null : await transferMatrix(campaigns, alignment, answers);
  return {
    type: 'quiver-compare',
    schemaVersion: 1,
    mode: alignment.mode,
    examples: alignment.ids.length,
    dropped: alignment.dropped,
    conflicting: alignment.conflicting,
    models,
    pairs,
    transfer,
    families: attribution(
      models.map((m) => m.summary),
      transfer,
    ),
  };
}

export function pairTest(a: string, b: string, ra: readonly ResultRecord[], rb: readonly ResultRecord[]): PairTest {
  let both = 0;
  let onlyA = 0;
  let onlyB = 0;
  let neither = 0;
  ra.forEach((x, i) => {
    const y = rb[i]!;
    if (x.status === 'errored' || y.status === 'errored') return;
    const rx = isRobust(x);
    const ry = isRobust(y);
    if (rx && ry) both++;
    else if (rx) onlyA++;
    else if (ry) onlyB++;
    else neither++;
  });
  const n = both + onlyA + onlyB + neither;
  const test = mcnemar(onlyA, onlyB);
  return {
    a,
    b,
    n,
    bothRobust: both,
    onlyA,
    onlyB,
    neither,
    difference: n === 0 ? null : (onlyA - onlyB) / n,
    method: test.method,
    statistic: test.statistic,
    pValue: test.pValue,
  };
}

function attribution(summaries: readonly Summary[], transfer: TransferMatrix | null): FamilyAttribution[] {
  const families = [...new Set(summaries.flatMap((s) => Object.keys(s.byFamily)))].sort();
  return families.map((family) => ({
    family,
    models: summaries.map((s, k) => {
      const f = s.byFamily[family];
      const attacked = s.succeeded + s.failed;
      let pooled: FamilyAttribution['models'][number]['transfer'] = null;
      if (transfer !== null) {
        let eligible = 0;
        let transferred = 0;
        transfer[k]!.forEach((cell, t) => {
          if (t === k) return;
          eligible += cell.byFamily[family]?.eligible ?? 0;
          transferred += cell.byFamily[family]?.transferred ?? 0;
        });
        pooled = { eligible, transferred, share: eligible === 0 ? null : transferred / eligible };
      }
      return {
        using: f?.successesUsing ?? 0,
        only: f?.successesOnly ?? 0,
        rate: attacked === 0 ? null : (f?.successesUsing ?? 0) / attacked,
        transfer: pooled,
      };
    }),
  }));
}

/** An assertion campaign's prompt, shortly: its prompt file's name (native tests) or its prompts' labels. */
function promptName(c: CampaignData): string | undefined {
  const info = c.config.suite;
  if (info === undefined) return undefined;
  if (info.promptFile !== null) return basename(info.promptFile);
  return info.prompts.map((p) => (p.label.length > 24 ? `${p.label.slice(0, 23)}…` : p.label)).join(' + ');
}

/**
 * Target specs, with the prompt when campaigns of one target ran different prompts (prompt A/B), then made unique
 * with the campaign folder name (then its position) when two campaigns still share a name.
 */
export function displayNames(campaigns: readonly CampaignData[]): string[] {
  const prompts = campaigns.map(promptName);
  const specs = campaigns.map((c, k) => {
    const spec = c.config.attack.target;
    const rivals = campaigns.map((_, j) => j).filter((j) => campaigns[j]!.config.attack.target === spec);
    const differ = new Set(rivals.map((j) => prompts[j])).size > 1;
    return differ && prompts[k] !== undefined ? `${spec} [prompt ${prompts[k]}]` : spec;
  });
  const named = campaigns.map((c, k) =>
    specs.filter((s) => s === specs[k]).length > 1 ? `${specs[k]} (${c.name})` : specs[k]!,
  );
  return named.map((n, k) => (named.filter((x) => x === n).length > 1 ? `${n} #${k + 1}` : n));
}
