/**
 * @module Query accounting and caching for one example: a text is sent to the target once; every request is
 * counted (`queries`) apart from what was actually sent (`uniqueQueries`), and the per-example budget is charged for
 * what was sent, since that is what costs time and money.
 */
import { TimeLimitError } from '../core/errors.js';
import { addUsage, zeroUsage, type Prediction, type Target, type Usage } from '../core/target.js';

export class Evaluator {
  private readonly cache = new Map<string, Prediction>();
  queries = 0;
  uniqueQueries = 0;
  /** Every text sent to the target for this example: the search's, stability sampling's and verification's. */
  textsSent = 0;
  /** Everything this example cost at the endpoint: search, verification and stability sampling. */
  usage: Usage = zeroUsage;

  private readonly deadline: number;

  /** `timeLimitMs`: from now; every call to the target (and every expansion, see checkTime) checks it. */
  constructor(
    private readonly target: Target,
    private readonly maxUniqueQueries: number,
    private readonly timeLimitMs = Infinity,
  ) {
    this.deadline = performance.now() + timeLimitMs;
  }

  /** Throws TimeLimitError once the example's time is up; cheap enough to call before each step of a search. */
  checkTime(): void {
    if (performance.now() > this.deadline) throw new TimeLimitError(this.timeLimitMs);
  }

  remaining(): number {
    return this.maxUniqueQueries - this.uniqueQueries;
  }

  exhausted(): boolean {
    return this.remaining() <= 0;
  }

  /**
   * Predictions for a prefix of `texts`: the whole list unless the budget runs out first. Uncached texts go to the
   * target in one batch.
   */
  async predict(texts: readonly string[]): Promise<Prediction[]> {
    this.checkTime();
    const toSend: string[] = [];
    const pending = new Set<string>();
    let take = 0;
    for (const t of texts) {
      if (!this.cache.has(t) && !pending.has(t)) {
        if (toSend.length >= this.remaining()) break;
        toSend.push(t);
        pending.add(t);
      }
      take++;
    }
    if (toSend.length > 0) {
      const preds = await this.target.predict(toSend);
      if (preds.length !== toSend.length) {
        throw new Error(`target ${this.target.id} returned ${preds.length} predictions for ${toSend.length} texts`);
      }
      for (const [i, t] of toSend.entries()) this.cache.set(t, preds[i]!);
      this.charge(preds);
      this.uniqueQueries += toSend.length;
      this.textsSent += toSend.length;
    }
    this.queries += take;
    return texts.slice(0, take).map((t) => this.cache.get(t)!);
  }

  /** A fresh call that bypasses the cache and the budget: used to verify a flip before it is reported. */
  async requery(text: string): Promise<Prediction> {
    this.checkTime();
    const [p] = await this.target.predict([text], { fresh: true });
    if (p === undefined) throw new Error(`target ${this.target.id} returned no prediction`);
    this.charge([p]);
    this.textsSent++;
    return p;
  }

  /** Predictions outside the attack's accounting (stability sampling): cached, but not charged to the budget. */
  async predictUncharged(texts: readonly string[]): Promise<{ predictions: Prediction[]; sent: number }> {
    this.checkTime();
    const toSend = [...new Set(texts.filter((t) => !this.cache.has(t)))];
    if (toSend.length > 0) {
      const preds = await this.target.predict(toSend);
      for (const [i, t] of toSend.entries()) this.cache.set(t, preds[i]!);
      this.charge(preds);
      this.textsSent += toSend.length;
    }
    return { predictions: texts.map((t) => this.cache.get(t)!), sent: toSend.length };
  }

  private charge(preds: readonly Prediction[]): void {
    for (const p of preds) this.usage = addUsage(this.usage, p.usage);
  }
}
