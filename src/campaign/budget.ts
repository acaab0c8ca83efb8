/**
 * @module Campaign-wide spending caps. Spending is counted from the records (queries sent, tokens, cost), including
 * those of earlier runs of a resumed campaign; time counts from this run's start. A new example starts only while
 * its worst case still fits: with --max-queries per example, the examples in flight are assumed to use all of theirs.
 */
import type { Budgets } from '../contracts/campaign.js';
import type { ResultRecord } from '../contracts/record.js';

type BudgetName = 'queries' | 'time' | 'tokens' | 'cost';

export class BudgetTracker {
  private queries = 0;
  private tokens = 0;
  private cost = 0;
  /** The budget that stopped the campaign, once one did. */
  private reached: BudgetName | null = null;

  /**
   * `timeFromFirstRecord`: --max-time counts from the first record this run writes instead of its start (the dry
   * run's pilot: start-up must not eat the time it has to measure the warm pace).
   */
  constructor(
    private readonly budgets: Budgets,
    private readonly perExampleQueries: number | null,
    private startedAt: number,
    private readonly now: () => number = () => performance.now(),
    private readonly timeFromFirstRecord = false,
  ) {}

  /** A record this run wrote (not one of an earlier run's, which `add` also counts). */
  wrote(): void {
    if (this.timeFromFirstRecord && !this.clockStarted) {
      this.clockStarted = true;
      this.startedAt = this.now();
    }
  }

  private clockStarted = false;

  add(r: ResultRecord): void {
    this.queries += r.textsSent ?? r.uniqueQueries;
    this.tokens += (r.usage?.promptTokens ?? 0) + (r.usage?.completionTokens ?? 0);
    this.cost += r.usage?.costUsd ?? 0;
  }

  /** Why no further example may start, or null. */
  stopReason(inFlight: number): string | null {
    this.reached ??= this.firstReached(inFlight);
    return this.reason();
  }

  /**
   * The reason with what was spent so far: at the end of a campaign, the examples that were in flight when the
   * budget was reached are counted too, so the message agrees with the summary.
   */
  reason(): string | null {
    const b = this.budgets;
    switch (this.reached) {
      case null:
        return null;
      case 'queries':
        return `budget reached: --max-total-queries ${b.maxTotalQueries} (${this.queries} texts sent)`;
      case 'time':
        return `budget reached: --max-time ${Math.round(b.maxTimeMs! / 1000)}s`;
      case 'tokens':
        return `budget reached: --max-tokens ${b.maxTokens} (${this.tokens} used)`;
      case 'cost':
        return `budget reached: --max-cost $${b.maxCostUsd} ($${this.cost.toFixed(4)} spent)`;
    }
  }

  private firstReached(inFlight: number): BudgetName | null {
    const b = this.budgets;
    if (b.maxTotalQueries !== null) {
      const worstCase = this.perExampleQueries === null ? 0 : (inFlight + 1) * this.perExampleQueries;
      if (this.queries + worstCase > b.maxTotalQueries || this.queries >= b.maxTotalQueries) return 'queries';
    }
    const clockRuns = !this.timeFromFirstRecord || this.clockStarted;
    if (b.maxTimeMs !== null && clockRuns && this.now() - this.startedAt >= b.maxTimeMs) return 'time';
    if (b.maxTokens !== null && this.tokens >= b.maxTokens) return 'tokens';
    if (b.maxCostUsd !== null && this.cost >= b.maxCostUsd) return 'cost';
    return null;
  }

  spent(): { queries: number; tokens: number; costUsd: number } {
    return { queries: this.queries, tokens: this.tokens, costUsd: this.cost };
  }
}
