/**
 * @module Campaign summary from result records, with TextAttack's metric definitions: success rate excludes
 * skipped examples; perturbed-word % averages successes only; queries average over attacked (succeeded + failed).
 * Built incrementally, so a 100,000-example campaign is summarized from its file without holding its records.
 */
import type { ResultRecord } from '../contracts/record.js';
import { addUsage, zeroUsage, type Usage } from '../core/target.js';
import { meanCi95, ratio, type MeanWithCi } from './stats.js';

export interface FamilySummary {
  /** Edits of this family across all verified adversarial examples. */
  readonly edits: number;
  /** Adversarial examples that use this family at least once. */
  readonly successesUsing: number;
  /** Adversarial examples made of this family alone. */
  readonly successesOnly: number;
}

/** What the flips are worth: the validity checks they passed and, with a judge, its verdicts. */
export interface ValiditySummary {
  /** The campaign's active validity checks (the same for every flip). */
  readonly checks: readonly string[];
  readonly judge?: JudgeSummary;
}

export interface JudgeSummary {
  readonly spec: string;
  /** Verified flips sent to the judge, and its verdicts (`error`: the judge failed; those flips stay, unjudged). */
  readonly judged: number;
  readonly verdicts: {
    readonly valid: number;
    readonly questionable: number;
    readonly invalid: number;
    readonly error: number;
  };
  /** Flips the judge rejected: recorded `failed` with reason `judged-invalid`. */
  readonly rejected: number;
  /** Flips the judge rated valid, over attacked examples: the success rate counting only valid flips. */
  readonly validFlipRate: number | null;
  /** What judging cost (also part of `usage`); absent for in-process judges. */
  readonly usage?: Usage;
}

export interface Summary {
  readonly examples: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly skipped: number;
  readonly errored: number;
  readonly originalAccuracy: number | null;
  readonly accuracyUnderAttack: number | null;
  readonly attackSuccessRate: number | null;
  readonly avgPerturbedWordPct: number | null;
  readonly avgFlipDistance: number | null;
  /** With a prompt template: perturbed-word % within the prompt and within the example, over successes. */
  readonly avgPerturbedWordPctByPart?: { readonly prompt: number; readonly example: number };
  readonly avgQueries: number | null;
  readonly avgUniqueQueries: number | null;
  readonly totalUniqueQueries: number;
  /** Every text sent to the target (search, stability sampling, verification): what --max-total-queries counts. */
  readonly totalTextsSent: number;
  readonly stabilityScore: MeanWithCi;
  readonly byFamily: Record<string, FamilySummary>;
  /** Flips that never reproduced on re-query, and flips that reproduced only some of the time (`--verify K`). */
  readonly unverified: number;
  readonly unstable: number;
  /** Examples stopped by `--example-timeout` (failed, reason `time-limit`); absent when none was. */
  readonly timeLimited?: number;
  /** Endpoint cost over the whole campaign (a judge's included); absent when target and judge are in-process. */
  readonly usage?: Usage;
  /** Absent when no record carries a validity block (no flip, or records written before schema 2). */
  readonly validity?: ValiditySummary;
  readonly elapsedMs?: number;
  /** Why the campaign stopped before attacking every planned example (interrupted, budget, target unavailable). */
  readonly stopReason?: string;
  /** Planned examples not attacked yet (0 when the campaign is complete). */
  readonly remaining?: number;
  /** Dataset lines skipped as invalid (`--skip-invalid`). */
  readonly invalidLines?: number;
  /**
   * Assertion campaigns (their records check outputs): verified flips by the type of the assertion that failed.
   * There, "accuracy" is the share of tests passing: on the original vars, and after the attack.
   */
  readonly assertions?: { readonly flipsByType: Readonly<Record<string, number>> };
}

export class SummaryBuilder {
  private readonly counts = { succeeded: 0, failed: 0, skipped: 0, errored: 0 };
  private withOriginal = 0;
  private correct = 0;
  private robust = 0;
  private perturbedSum = 0;
  private flipDistanceSum = 0;
  private attacked = 0;
  private queriesSum = 0;
  private uniqueSum = 0;
  private totalUnique = 0;
  private totalSent = 0;
  private readonly stability: number[] = [];
  private readonly families: Record<string, { edits: number; successesUsing: number; successesOnly: number }> = {};
  private readonly partSums = { prompt: 0, example: 0, n: 0 };
  private unverified = 0;
  private unstable = 0;
  private timeLimited = 0;
  private usage: Usage = zeroUsage;
  private sawUsage = false;
  private checks: readonly string[] | undefined;
  private flipsByType: Record<string, number> | undefined;
  private judge:
    | {
        spec: string;
        verdicts: Record<'valid' | 'questionable' | 'invalid' | 'error', number>;
        rejected: number;
        usage: Usage;
        sawUsage: boolean;
      }
    | undefined;

  add(r: ResultRecord): this {
    this.counts[r.status]++;
    if (r.original !== null) {
      this.withOriginal++;
      if (r.original.label === r.groundTruth) this.correct++;
    }
    // Still correct after the attack: correct originals the search could not flip.
    if (r.status === 'failed' && r.original?.label === r.groundTruth) this.robust++;
    if (r.status === 'succeeded' || r.status === 'failed') {
      this.attacked++;
      this.queriesSum += r.queries;
      this.uniqueSum += r.uniqueQueries;
    }
    this.totalUnique += r.uniqueQueries;
    this.totalSent += r.textsSent ?? r.uniqueQueries;
    if (r.status === 'succeeded') {
      this.perturbedSum += r.perturbedWordRatio ?? 0;
      this.flipDistanceSum += r.flipDistance ?? 0;
      if (r.perturbedWordRatioByPart !== undefined) {
        this.partSums.prompt += r.perturbedWordRatioByPart.prompt;
        this.partSums.example += r.perturbedWordRatioByPart.example;
        this.partSums.n++;
      }
      this.addFamilies(r);
    }
    if (r.stability !== null) this.stability.push(r.stability);
    if (r.reason === 'unverified') this.unverified++;
    if (r.reason === 'unstable') this.unstable++;
    if (r.reason === 'time-limit') this.timeLimited++;
    if (r.usage !== undefined) {
      this.usage = addUsage(this.usage, r.usage);
      this.sawUsage = true;
    }
    if (r.validity !== undefined) this.addValidity(r);
    if (r.original?.failed !== undefined) {
      this.flipsByType ??= {};
      const failed = r.adversarial?.failed;
      if (r.status === 'succeeded' && failed != null)
        this.flipsByType[failed.type] = (this.flipsByType[failed.type] ?? 0) + 1;
    }
    return this;
  }

  private addValidity(r: ResultRecord): void {
    const v = r.validity!;
    this.checks ??= v.checks;
    if (v.judge === undefined) return;
    this.judge ??= {
      spec: v.judge.spec,
      verdicts: { valid: 0, questionable: 0, invalid: 0, error: 0 },
      rejected: 0,
      usage: zeroUsage,
      sawUsage: false,
    };
    const j = this.judge;
    j.verdicts[v.judge.verdict]++;
    if (r.reason === 'judged-invalid') j.rejected++;
    if (v.judge.usage !== undefined) {
      j.usage = addUsage(j.usage, v.judge.usage);
      j.sawUsage = true;
    }
  }

  private validitySummary(): ValiditySummary | undefined {
    if (this.checks === undefined) return undefined;
    const j = this.judge;
    if (j === undefined) return { checks: this.checks };
    const judged = j.verdicts.valid + j.verdicts.questionable + j.verdicts.invalid + j.verdicts.error;
    return {
      checks: this.checks,
      judge: {
        spec: j.spec,
        judged,
        verdicts: { ...j.verdicts },
        rejected: j.rejected,
        validFlipRate: ratio(j.verdicts.valid, this.attacked),
        ...(j.sawUsage ? { usage: j.usage } : {}),
      },
    };
  }

  build(): Summary {
    const { succeeded } = this.counts;
    const examples = succeeded + this.counts.failed + this.counts.skipped + this.counts.errored;
    const validity = this.validitySummary();
    return {
      examples,
      ...this.counts,
      originalAccuracy: ratio(this.correct, this.withOriginal),
      accuracyUnderAttack: ratio(this.robust, this.withOriginal),
      attackSuccessRate: ratio(succeeded, this.attacked),
      avgPerturbedWordPct: succeeded === 0 ? null : (this.perturbedSum / succeeded) * 100,
      avgFlipDistance: ratio(this.flipDistanceSum, succeeded),
      ...(this.partSums.n > 0
        ? {
            avgPerturbedWordPctByPart: {
              prompt: (this.partSums.prompt / this.partSums.n) * 100,
              example: (this.partSums.example / this.partSums.n) * 100,
            },
          }
        : {}),
      avgQueries: ratio(this.queriesSum, this.attacked),
      avgUniqueQueries: ratio(this.uniqueSum, this.attacked),
      totalUniqueQueries: this.totalUnique,
      totalTextsSent: this.totalSent,
      stabilityScore: meanCi95(this.stability, 0, 1),
      byFamily: Object.fromEntries(Object.entries(this.families).sort(([a], [b]) => a.localeCompare(b))),
      unverified: this.unverified,
      unstable: this.unstable,
      ...(this.timeLimited > 0 ? { timeLimited: this.timeLimited } : {}),
      ...(this.sawUsage ? { usage: this.usage } : {}),
      ...(validity === undefined ? {} : { validity }),
      ...(this.flipsByType === undefined
        ? {}
        : {
            assertions: {
              flipsByType: Object.fromEntries(Object.entries(this.flipsByType).sort(([a], [b]) => a.localeCompare(b))),
            },
          }),
    };
  }

  private addFamilies(r: ResultRecord): void {
    const families = new Set(r.edits.map((e) => e.family));
    for (const e of r.edits) {
      this.families[e.family] ??= { edits: 0, successesUsing: 0, successesOnly: 0 };
      this.families[e.family]!.edits++;
    }
    for (const f of families) {
      const s = this.families[f]!;
      s.successesUsing++;
      if (families.size === 1) s.successesOnly++;
    }
  }
}

export function summarize(records: Iterable<ResultRecord>): Summary {
  const b = new SummaryBuilder();
  for (const r of records) b.add(r);
  return b.build();
}
