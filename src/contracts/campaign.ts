/** @module The resolved campaign configuration: plain data written to campaign.json and sent to workers. */

/**
 * Caps that keep one example from taking a worker's memory or the night: texts longer than this are refused at
 * validation (`--max-words`, `--max-chars`), and an example still running after `--example-timeout` stops.
 * 1,000 words covers a long review or article summary; an 8,000-word text took 11 minutes and 3.6 GB.
 */
export const DEFAULT_MAX_WORDS = 1000;
export const DEFAULT_MAX_CHARS = 20_000;
export const DEFAULT_EXAMPLE_TIMEOUT_MS = 120_000;
/** After a first interrupt, how long examples in flight may take before they are abandoned (`--stop-timeout`). */
export const DEFAULT_STOP_TIMEOUT_MS = 30_000;

/** A registered component by name, with its options (plain JSON). */
export interface ComponentRef {
  readonly name: string;
  readonly options: Readonly<Record<string, unknown>>;
}

/**
 * What counts as a flip: a label leaving the ground truth (`untargeted`), reaching one label (`targeted`), or a
 * test's assertions failing on the output (`assertions`: assertion campaigns).
 */
export type GoalSpec =
  | { readonly name: 'untargeted' }
  | { readonly name: 'targeted'; readonly targetLabel: string }
  | { readonly name: 'assertions' };

/** A target as plain data: its spec and options (what createTarget takes). */
export interface TargetRef {
  readonly spec: string;
  readonly options: Readonly<Record<string, unknown>>;
}

/** The targets an assertion campaign's tests run on, and the var the search edits. */
export interface SuiteAttack {
  /** The var whose text is perturbed; the prompt is rendered around it. */
  readonly perturbVar: string;
  /** The targets the suite's providers resolve to (an example's `test.target` indexes it); the first is `target`. */
  readonly targets: readonly TargetRef[];
}

/** Everything a worker needs to rebuild the attack for an example. */
export interface AttackConfig {
  readonly target: string;
  /** Target-specific settings (endpoint, prompt template, answer parsing...). Never holds secrets: keys are read
   * from the environment variable named here, inside the process that calls the endpoint. */
  readonly targetOptions: Readonly<Record<string, unknown>>;
  readonly goal: GoalSpec;
  readonly search: ComponentRef;
  readonly perturbations: readonly ComponentRef[];
  readonly maxPerturbRatio: number;
  /** Regular-expression sources; words overlapping a match are never edited. */
  readonly protect: readonly string[];
  /**
   * false turns off the default pos-consistency constraint on word replacements (`--no-pos-consistency`); absent or
   * true keeps it.
   */
  readonly posConsistency?: boolean;
  /** Opt-in constraints added to the defaults (protect, char-budget, embedding-cosine, pos-consistency). */
  readonly constraints?: readonly ComponentRef[];
  readonly seed: number;
  /** Texts sent to the target per example; null = unlimited. */
  readonly maxQueries: number | null;
  readonly stabilitySamples: number;
  /** A prompt template (`{{input}}` marks the example) whose words may be perturbed too (`--scope`). */
  readonly input?: { readonly template: string; readonly scope: 'example' | 'prompt' | 'both' };
  /** Times a found flip is re-queried before it is reported; it is `stable` only if it holds every time. */
  readonly verifyRepeats: number;
  /** An example still running after this long is recorded `failed` with reason `time-limit`; absent or null: no
   * limit. The only setting whose effect depends on machine speed and load. */
  readonly exampleTimeoutMs?: number | null;
  /** Asked once about every verified flip (`--judge`); absent = no judge. */
  readonly judge?: JudgeConfig;
  /** Assertion campaigns: the suite's targets and perturbed var (the tests travel with the examples). */
  readonly suite?: SuiteAttack;
}

export interface JudgeConfig {
  /** `openai:<model>` or `module:<path>`. */
  readonly spec: string;
  /** Plain options (endpoint, prompt...); never secrets: the key is read from the variable named here. */
  readonly options: Readonly<Record<string, unknown>>;
  /** The least verdict that rejects a flip: `invalid`, or `questionable` (which rejects invalid too). */
  readonly reject: 'invalid' | 'questionable';
}

export interface DatasetInfo {
  readonly path: string;
  /** `promptfoo` (a promptfoo config) and `quiver-tests` (native JSONL tests): an assertion campaign's suite. */
  readonly format: 'jsonl' | 'csv' | 'tsv' | 'promptfoo' | 'quiver-tests';
  readonly fields: { readonly text: string; readonly label: string; readonly id: string };
  readonly sha256: string;
  /** Valid examples in the file. */
  readonly examples: number;
  readonly skipInvalid: boolean;
  /** Longest text accepted, in words and in characters. */
  readonly maxWords: number;
  readonly maxChars: number;
  /** Dataset label values mapped to the target's labels (`--label-map`); absent: none. */
  readonly labelMap?: Readonly<Record<string, string>>;
}

/** Spending caps for the whole campaign; reaching one stops it gracefully (it can be resumed with a larger cap). */
export interface Budgets {
  readonly maxTotalQueries: number | null;
  readonly maxTimeMs: number | null;
  readonly maxTokens: number | null;
  readonly maxCostUsd: number | null;
}

export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** The test suite of an assertion campaign, as campaign.json records it (resume checks it has not changed). */
export interface SuiteInfo {
  readonly kind: 'promptfoo' | 'quiver-tests';
  /** The config or JSONL file, as given. */
  readonly file: string;
  /** `--prompt FILE` of the native form; null for a promptfoo config (its prompts are inside). */
  readonly promptFile: string | null;
  readonly perturbVar: string;
  /**
   * SHA-256 of the tests (vars, assertions, thresholds) after promptfoo's merge rules, without prompts or providers:
   * campaigns of the same tests under two prompts (prompt A/B) or two models share it. Also `dataset.sha256`.
   */
  readonly testsSha256: string;
  readonly tests: number;
  /** The prompts, as rendered around the vars (label and template text). */
  readonly prompts: readonly { readonly label: string; readonly template: string }[];
  /** The providers as written (ids), in suite order. */
  readonly providers: readonly string[];
}

export interface CampaignConfig {
  readonly type: 'campaign';
  readonly schemaVersion: number;
  /**
   * Digest of everything that decides results except the shard (so the shards of one campaign share it); every
   * record carries it, so resume can refuse records of another campaign. Absent in campaigns from before it.
   */
  readonly campaignId?: string;
  readonly quiverVersion: string;
  readonly createdAt: string;
  readonly attack: AttackConfig;
  readonly dataset: DatasetInfo;
  /** Assertion campaigns: the suite (its file, digest, prompts and perturbed var). */
  readonly suite?: SuiteInfo;
  readonly limit: number | null;
  readonly shard: Shard | null;
  readonly preset: string | null;
  /** Informational: results do not depend on them (budgets may be raised when resuming). */
  readonly workers: number;
  readonly budgets: Budgets;
  readonly packages: Readonly<Record<string, string>>;
  readonly node: string;
}

/**
 * A field of campaign.json by its path (`attack.seed`, `dataset.maxWords`, `limit`): where a `quiver run` option lands.
 */
export type CampaignField =
  | `attack.${keyof AttackConfig & string}`
  | `dataset.${keyof DatasetInfo & string}`
  | `budgets.${keyof Budgets & string}`
  | Exclude<keyof CampaignConfig & string, 'attack' | 'dataset' | 'budgets'>;
