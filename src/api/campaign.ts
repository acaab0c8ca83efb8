/**
 * @module `runCampaign(options)` of the package API: a typed, mostly optional options object -> the RunRequest the
 * CLI's `quiver run` builds from its flags -> the campaign. Defaults are `quiver run`'s, read from its option table
 * (src/campaign/run-options.ts), so each is written once.
 */
import { join } from 'node:path';
import type { DatasetFormat } from '../campaign/dataset-format.js';
import { runCampaign as runCampaignRequest, type RunOutcome, type RunRequest } from '../campaign/run.js';
import { runRequest, withDatasetPrior } from '../campaign/run-request.js';
import type { RunInput } from '../campaign/run-options.js';
import { demoDataset } from '../campaign/demo.js';
import { runOptionTable as defaults } from '../campaign/run-options.js';
import type { AttackConfig, Budgets, Shard } from '../contracts/campaign.js';
import { ConfigError } from '../core/errors.js';
import type { Target } from '../core/target.js';
import { fanOut, type Reporter } from '../progress/reporter.js';
import { writeExamplesFile, type ExampleInput } from './examples-file.js';

/** A registered component by name, with its options (see `quiver run --help` and the README for each). */
export interface ComponentChoice {
  readonly name: string;
  readonly options?: Readonly<Record<string, unknown>>;
}

/** A component given by name alone (default options) or with options. */
export type ComponentSpec = string | ComponentChoice;

/** The attack itself: shared by `runCampaign` and `attackExample`. */
export interface AttackOptions {
  /** Perturbation families (default: typo, synonym, reorder, rare-word; also: append). */
  readonly perturbations?: readonly ComponentSpec[];
  /** Search method (default `abs`; also greedy-wir, beam, abfs, genetic, pso, random). */
  readonly search?: ComponentSpec;
  /**
   * Opt-in constraints added to the defaults: protect, char-budget, embedding-cosine, pos-consistency, typo-density.
   */
  readonly constraints?: readonly ComponentSpec[];
  /** false: synonym and rare-word replacements need not keep their part of speech (default true). */
  readonly posConsistency?: boolean;
  /** Regular expressions; words overlapping a match are never edited. */
  readonly protect?: readonly string[];
  /** Largest share of words an adversarial example may change (default 0.25). */
  readonly maxPerturbRatio?: number;
  /** Targeted attack: succeed only when the model predicts this label (default: any other label). */
  readonly targetLabel?: string;
  /** All randomness flows from it (default 42). */
  readonly seed?: number;
  /** Texts sent to the target per example (default: unlimited). */
  readonly maxQueries?: number | null;
  /** Random perturbations per example for the stability score (default 20). */
  readonly stabilitySamples?: number;
  /** Re-queries of each flip; it counts only if it holds every time (default 1). */
  readonly verify?: number;
  /**
   * An example still running after this long is recorded failed (`time-limit`); null or 0: no limit (default 120 s).
   */
  readonly exampleTimeoutMs?: number | null;
}

/** A dataset file with its format and field names (defaults: from the extension; `text`, `label`, `id`). */
export interface DatasetFile {
  readonly path: string;
  readonly format?: DatasetFormat;
  readonly textField?: string;
  readonly labelField?: string;
  readonly idField?: string;
  /** Dataset label values mapped to the target's labels, e.g. { '0': 'negative', '1': 'positive' }. */
  readonly labelMap?: Readonly<Record<string, string>>;
  /** Skip invalid lines (counted in the summary) instead of refusing the file. */
  readonly skipInvalid?: boolean;
  /** Longest text accepted (defaults 1,000 words, 20,000 characters). */
  readonly maxWords?: number;
  readonly maxChars?: number;
}

export interface CampaignOptions extends AttackOptions {
  /**
   * The model under test: a spec (`local:wink`, the default; `local:afinn`, `local:vader`, `local:nn`, `local:nb`,
   * `hf:<dir>`, `openai:<model>`, `module:<path>`), attacked in worker threads, or your own Target object, attacked
   * in this thread (its `id` names it in campaign.json).
   */
  readonly target?: string | Target;
  /** Target-specific settings, as the CLI's target flags set them (prompt, labels, baseURL, train...). */
  readonly targetOptions?: Readonly<Record<string, unknown>>;
  /**
   * A dataset file path, a file with its settings, or the examples themselves (written to the campaign folder as
   * `examples-<digest>.jsonl`, so the campaign can be resumed and reported like any other). Default: the bundled
   * demo reviews.
   */
  readonly dataset?: string | DatasetFile | readonly ExampleInput[];
  /** Attack only the first N examples. */
  readonly limit?: number;
  /** Attack only shard i of n (`{ index, count }` or "i/n"). */
  readonly shard?: Shard | string;
  /**
   * Worker threads (default: available cores); with a Target object, how many examples are attacked at once in this
   * thread.
   */
  readonly workers?: number;
  readonly allowManyWorkers?: boolean;
  /** Campaign-wide caps (texts sent, milliseconds, tokens, US dollars); reaching one stops the campaign gracefully. */
  readonly budgets?: Partial<Budgets>;
  /** The campaign folder (default `runs/<timestamp>-<target>`). The same options on the same folder resume it. */
  readonly out?: string;
  /** Start over: a campaign already in `out` is moved aside as `<out>.replaced-<time>`, never deleted. */
  readonly force?: boolean;
  /** When resuming, attack again the examples whose last record is `errored`. */
  readonly retryErrored?: boolean;
  /** Stop gracefully on SIGINT/SIGTERM, as the CLI does (default false: no process-wide handlers). */
  readonly handleSignals?: boolean;
  /** After a first signal, how long examples in flight may take before they are abandoned (default 30 s). */
  readonly stopTimeoutMs?: number;
  /** Progress hooks: onStart, onResult (each record as it is written, in dataset order), onEnd. */
  readonly reporter?: Reporter;
}

export type { RunOutcome };

export const DEFAULT_SEED = defaults.seed.default;

/**
 * Runs (or, on a folder holding the same campaign, resumes) a campaign and resolves with its summary once every
 * planned example has a record or a budget stopped it. Bad options reject with a ConfigError naming the field.
 */
export async function runCampaign(options: CampaignOptions = {}): Promise<RunOutcome> {
  const request = runRequestOf(options);
  const reporter = fanOut(options.reporter === undefined ? [] : [options.reporter]);
  return runCampaignRequest(request, reporter);
}

/**
 * The RunRequest for `options`; writes in-memory examples into the campaign folder first. The options are translated
 * into `quiver run`'s own options and go through the same function the CLI calls (campaign/run-request.ts), so the
 * defaults, checks and target-option resolution are the CLI's; what flags cannot carry (a Target object, component
 * options, raw target options, a label map object) is laid over the result.
 */
export function runRequestOf(options: CampaignOptions): RunRequest {
  const target = options.target ?? defaults.target.default;
  const targetName = typeof target === 'string' ? target : target.id;
  const outDir = options.out ?? join('runs', `${timestamp()}-${targetName.replace(/[^A-Za-z0-9._-]+/g, '-')}`);
  const file = datasetFileOf(options.dataset, outDir, options.force === true);
  const search = componentRef(options.search ?? defaults.search.default);
  const perturbations = (options.perturbations ?? defaults.perturb.default).map(componentRef);
  const budgets = options.budgets ?? {};
  const shard = options.shard;
  const input: RunInput = {};
  const give = <K extends keyof RunInput>(key: K, value: RunInput[K] | undefined | null): void => {
    if (value !== undefined && value !== null) input[key] = value;
  };
  give('target', targetName);
  give('dataset', file.path);
  give('format', file.format);
  give('textField', file.textField);
  give('labelField', file.labelField);
  give('idField', file.idField);
  give('skipInvalid', file.skipInvalid);
  give('maxWords', file.maxWords);
  give('maxChars', file.maxChars);
  give('search', search.name);
  give(
    'perturb',
    perturbations.map((p) => p.name),
  );
  give('constraint', options.constraints?.map(componentRef));
  give('posConsistency', options.posConsistency);
  give('protect', options.protect === undefined ? undefined : [...options.protect]);
  give('maxPerturbRatio', options.maxPerturbRatio);
  give('targetLabel', options.targetLabel);
  give('seed', options.seed);
  give('maxQueries', options.maxQueries);
  give('stabilitySamples', options.stabilitySamples);
  give('verify', options.verify);
  give('exampleTimeout', options.exampleTimeoutMs === undefined ? undefined : (options.exampleTimeoutMs ?? 0));
  give('limit', options.limit);
  give('shard', shard === undefined || typeof shard === 'string' ? shard : `${shard.index}/${shard.count}`);
  give('workers', options.workers);
  give('allowManyWorkers', options.allowManyWorkers);
  give('maxTotalQueries', budgets.maxTotalQueries);
  give('maxTime', budgets.maxTimeMs);
  give('maxTokens', budgets.maxTokens);
  give('maxCost', budgets.maxCostUsd);
  give('out', outDir);
  // In-memory examples already set an earlier campaign aside (their file lives in the new folder).
  give('force', options.force === true && !Array.isArray(options.dataset));
  give('retryErrored', options.retryErrored);
  give('stopTimeout', options.stopTimeoutMs);
  const request = runRequest(input);
  const dataset = file.labelMap === undefined ? request.dataset : { ...request.dataset, labelMap: file.labelMap };
  // The dataset prior is decided again on the final search options and dataset (a given ranking, paper variant or
  // label map turns it off), as quiver run decides it on its flags.
  const { prior: _derived, ...searchOptions } = request.attack.search.options;
  const attack = withDatasetPrior(
    {
      ...request.attack,
      target: targetName,
      targetOptions: { ...request.attack.targetOptions, ...options.targetOptions },
      search: { name: search.name, options: { ...searchOptions, ...search.options } },
      perturbations,
    },
    dataset,
  );
  return {
    ...request,
    attack,
    ...(typeof target === 'string' ? {} : { targetObject: target }),
    dataset,
    handleSignals: options.handleSignals === true,
  };
}

/** The plain attack configuration (as campaign.json records it) for a target name and the attack options. */
export function attackConfigOf(
  target: string,
  targetOptions: Readonly<Record<string, unknown>>,
  o: AttackOptions,
): AttackConfig {
  const constraints = (o.constraints ?? []).map(componentRef);
  return {
    target,
    targetOptions,
    goal: o.targetLabel === undefined ? { name: 'untargeted' } : { name: 'targeted', targetLabel: o.targetLabel },
    search: componentRef(o.search ?? defaults.search.default),
    perturbations: (o.perturbations ?? defaults.perturb.default).map(componentRef),
    maxPerturbRatio: o.maxPerturbRatio ?? defaults.maxPerturbRatio.default,
    protect: [...(o.protect ?? [])],
    ...(constraints.length > 0 ? { constraints } : {}),
    // Written only when turned off, as the CLI does, so a default campaign's campaign.json says nothing new.
    ...(o.posConsistency === false ? { posConsistency: false } : {}),
    seed: o.seed ?? defaults.seed.default,
    maxQueries: o.maxQueries ?? null,
    stabilitySamples: o.stabilitySamples ?? defaults.stabilitySamples.default,
    verifyRepeats: o.verify ?? defaults.verify.default,
    exampleTimeoutMs:
      o.exampleTimeoutMs === undefined
        ? defaults.exampleTimeout.default
        : o.exampleTimeoutMs === 0
          ? null
          : o.exampleTimeoutMs,
  };
}

function componentRef(spec: ComponentSpec): { name: string; options: Readonly<Record<string, unknown>> } {
  if (typeof spec === 'string') return { name: spec, options: {} };
  if (typeof spec !== 'object' || spec === null || typeof spec.name !== 'string') {
    throw new ConfigError(`a component must be a name or { name, options }, got ${JSON.stringify(spec)}`);
  }
  return { name: spec.name, options: spec.options ?? {} };
}

function datasetFileOf(dataset: CampaignOptions['dataset'], outDir: string, force: boolean): DatasetFile {
  if (dataset === undefined) return { path: demoDataset };
  if (typeof dataset === 'string') return { path: dataset };
  if (isExampleList(dataset)) return { path: writeExamplesFile(dataset, outDir, force) };
  return dataset;
}

function isExampleList(dataset: DatasetFile | readonly ExampleInput[]): dataset is readonly ExampleInput[] {
  return Array.isArray(dataset);
}

function timestamp(): string {
  return new Date().toISOString().replace(/[:.]/g, '-');
}
