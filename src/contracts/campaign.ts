/** @module The resolved campaign configuration: plain data written to campaign.json and sent to workers. */

export type GoalSpec = { readonly name: 'untargeted' } | { readonly name: 'targeted'; readonly targetLabel: string };

/** Everything a worker needs to rebuild the attack for an example. */
export interface AttackConfig {
  readonly target: string;
  /** Target-specific settings (endpoint, prompt template, answer parsing...). Never holds secrets: keys are read
   * from the environment variable named here, inside the process that calls the endpoint. */
  readonly targetOptions: Readonly<Record<string, unknown>>;
  readonly goal: GoalSpec;
  readonly search: { readonly name: string; readonly options: Readonly<Record<string, unknown>> };
  readonly perturbations: readonly string[];
  readonly maxPerturbRatio: number;
  /** Regular-expression sources; words overlapping a match are never edited. */
  readonly protect: readonly string[];
  readonly seed: number;
  /** Texts sent to the target per example; null = unlimited. */
  readonly maxQueries: number | null;
  readonly stabilitySamples: number;
  /** Times a found flip is re-queried before it is reported; it is `stable` only if it holds every time. */
  readonly verifyRepeats: number;
}

export interface DatasetInfo {
  readonly path: string;
  readonly sha256: string;
  readonly examples: number;
}

export interface CampaignConfig {
  readonly type: 'campaign';
  readonly schemaVersion: number;
  readonly quiverVersion: string;
  readonly createdAt: string;
  readonly attack: AttackConfig;
  readonly dataset: DatasetInfo;
  readonly limit: number | null;
  readonly workers: number;
  readonly packages: Readonly<Record<string, string>>;
  readonly node: string;
}
