/**
 * @module The options of `quiver run`, each declared once: its flag and help, value type and default, where it lands in
 * campaign.json (`config`), the part of the campaign it decides (`identity`: typed with --resume, it must agree with
 * campaign.json), and the preset's value when it is not given (`preset`). The commander options, the typed
 * `RunOptions`, the resume check and the checks of campaign.json (campaign-file.ts) derive from this table;
 * run-request.ts turns the options into the RunRequest that runCampaign takes.
 */
import {
  DEFAULT_EXAMPLE_TIMEOUT_MS,
  DEFAULT_MAX_CHARS,
  DEFAULT_MAX_WORDS,
  DEFAULT_STOP_TIMEOUT_MS,
  type CampaignField,
} from '../contracts/campaign.js';
import { duration } from '../options/duration.js';
import { judgeOptionTable } from '../options/judge.js';
import {
  components,
  fraction,
  integer,
  jsonObject,
  list,
  off,
  on,
  oneOf,
  positive,
  repeated,
  text,
  type NumberType,
} from '../options/parsers.js';
import type { GivenOptions, OptionSpec, OptionsOf, ValueOf } from '../options/table.js';
import { targetOptionTable } from '../options/target.js';
import type { Preset } from './presets.js';
import type { RunRequest } from './run.js';

export interface RunOption<T> extends OptionSpec<T> {
  /** The fields of campaign.json the option decides; empty when it only steers this run (output, workers...). */
  readonly config: readonly CampaignField[];
  /** The part of a request the option decides; absent when it may change on --resume (it does not change results). */
  readonly identity?: (request: RunRequest) => unknown;
  /** The preset's value, used when the option is not given (undefined: the preset has none). */
  readonly preset?: (preset: Preset) => T | undefined;
}

/** Checks each entry against its own value type, keeping the literal table type. */
function defineRunOptions<const Table extends { readonly [K in keyof Table]: RunOption<ValueOf<Table[K]>> }>(
  table: Table,
): Table {
  return table;
}

/**
 * What the search-shaping options decide together (a recipe or preset sets several of these at once). The search's
 * prior is left out: a campaign derives it from its dataset (run-request.ts), whose options are checked on their own,
 * and a campaign made before that default has none.
 */
const attackShape = (r: RunRequest): unknown => {
  const a = r.attack;
  const { prior: _prior, ...searchOptions } = a.search.options;
  return [
    { ...a.search, options: searchOptions },
    a.perturbations,
    a.maxPerturbRatio,
    a.maxQueries,
    a.stabilitySamples,
    a.verifyRepeats,
    r.limit,
    a.judge?.reject ?? null,
    a.constraints ?? [],
  ];
};
/** Where and how the dataset is read (the file itself may have moved: its content is compared by digest). */
const datasetShape = (r: RunRequest): unknown => [r.dataset.format, r.dataset.fields];

export const runOptionTable = defineRunOptions({
  target: {
    arg: 'spec',
    type: text,
    default: 'local:wink',
    config: ['attack.target', 'attack.targetOptions'],
    description:
      'model under test: local:wink, local:afinn, local:vader, local:nb (with --train), openai:<model>, module:<path>',
    identity: (r: RunRequest) => [r.attack.target, r.attack.targetOptions],
  },
  preset: {
    arg: 'name',
    type: text,
    config: ['preset'],
    identity: attackShape,
    description: 'smoke, nightly or release: sample size, search depth, query budget, verification',
  },
  dataset: {
    arg: 'file',
    type: text,
    config: ['dataset.path'],
    identity: datasetShape,
    description:
      'dataset: JSONL ({"id"?, "text", "label"} per line), CSV or TSV with a header (default: bundled demo reviews); ' +
      'with --perturb-var, native tests ({"id", "vars", "assert"} per line, run with --prompt FILE on --target)',
  },
  config: {
    arg: 'file',
    type: text,
    config: ['suite', 'dataset.path'],
    identity: (r: RunRequest) => r.suite?.source.kind ?? null,
    description:
      'a promptfoo config (prompts, providers, tests with vars and assert): ' +
      'attack every test that passes on its own vars, until an assertion fails',
  },
  perturbVar: {
    arg: 'name',
    type: text,
    config: ['suite'],
    identity: (r: RunRequest) => r.suite?.perturbVar ?? null,
    description:
      'assertion campaigns: the var whose text is perturbed, the prompt rendered around it ' +
      '(with --config, default: the one var every prompt uses); ' +
      'with --dataset tests.jsonl, --prompt FILE and --target it runs native tests',
  },
  format: {
    arg: 'name',
    type: text,
    config: ['dataset.format'],
    identity: datasetShape,
    description: 'jsonl, csv or tsv (default: from the file extension)',
  },
  textField: {
    arg: 'name',
    type: text,
    default: 'text',
    config: ['dataset.fields'],
    identity: datasetShape,
    description: 'field or column holding the text',
  },
  labelField: {
    arg: 'name',
    type: text,
    default: 'label',
    config: ['dataset.fields'],
    identity: datasetShape,
    description: 'field or column holding the label',
  },
  idField: {
    arg: 'name',
    type: text,
    default: 'id',
    config: ['dataset.fields'],
    identity: datasetShape,
    description: 'field or column holding the id; a line without it gets its line number',
  },
  labelMap: {
    arg: 'pairs',
    type: text,
    config: ['dataset.labelMap'],
    identity: (r: RunRequest) => r.dataset.labelMap ?? null,
    description: "map dataset label values to the target's labels, e.g. 0=negative,1=positive",
  },
  skipInvalid: {
    type: on,
    config: ['dataset.skipInvalid'],
    identity: (r: RunRequest) => r.skipInvalid,
    description: 'skip invalid dataset lines (counted in the summary) instead of stopping',
  },
  maxWords: {
    arg: 'n',
    type: integer(1),
    default: DEFAULT_MAX_WORDS,
    config: ['dataset.maxWords'],
    identity: (r: RunRequest) => r.dataset.limits?.maxWords,
    description: 'refuse dataset texts longer than N words (or skip them with --skip-invalid)',
  },
  maxChars: {
    arg: 'n',
    type: integer(1),
    default: DEFAULT_MAX_CHARS,
    config: ['dataset.maxChars'],
    identity: (r: RunRequest) => r.dataset.limits?.maxChars,
    description: 'refuse dataset texts longer than N characters (or skip them with --skip-invalid)',
  },
  exampleTimeout: {
    arg: 'duration',
    type: duration,
    default: DEFAULT_EXAMPLE_TIMEOUT_MS,
    config: ['attack.exampleTimeoutMs'],
    identity: (r: RunRequest) => r.attack.exampleTimeoutMs ?? null,
    description: 'record an example still running after this long as failed (time-limit); 0: no limit',
  },
  recipe: {
    arg: 'name',
    type: text,
    config: ['attack.search', 'attack.perturbations', 'attack.maxPerturbRatio'],
    identity: attackShape,
    description: 'a published attack recipe (search + perturbations + constraints); see quiver recipes',
  },
  search: {
    arg: 'name',
    type: text,
    default: 'abs',
    config: ['attack.search'],
    identity: attackShape,
    description: 'search method: abs, greedy-wir, beam, abfs, genetic, pso, random',
  },
  ranking: {
    arg: 'name',
    type: text,
    config: ['attack.search'],
    identity: attackShape,
    description: 'word-importance ranking for WIR searches: weighted-saliency, unk, delete, random',
  },
  perturb: {
    arg: 'list',
    type: list,
    default: ['typo', 'synonym', 'reorder', 'rare-word'],
    config: ['attack.perturbations'],
    identity: attackShape,
    description: 'comma-separated perturbation families',
  },
  perturbOptions: {
    arg: 'json',
    type: jsonObject,
    config: ['attack.perturbations'],
    identity: attackShape,
    description: 'options per family, e.g. \'{"typo":{"preset":"textbugger"},"synonym":{"minCosine":0.5}}\'',
  },
  constraint: {
    arg: 'name[=json]',
    type: components,
    default: [],
    config: ['attack.constraints'],
    identity: (r: RunRequest) => r.attack.constraints ?? [],
    description:
      'add an opt-in constraint: protect, char-budget, embedding-cosine, or tune the default typo-density (repeatable)',
  },
  posConsistency: {
    negate: true,
    type: off,
    default: true,
    config: ['attack.posConsistency'],
    identity: (r: RunRequest) => r.attack.posConsistency ?? true,
    description: 'do not require synonym and rare-word replacements to keep their part of speech (on by default)',
  },
  scope: {
    arg: 'part',
    type: oneOf(['example', 'prompt', 'both']),
    config: ['attack.input'],
    identity: (r: RunRequest) => r.attack.input ?? null,
    description: 'what may be perturbed with a prompt template (openai: targets): example, prompt or both',
  },
  seed: {
    arg: 'n',
    type: integer(0),
    default: 42,
    config: ['attack.seed'],
    identity: (r: RunRequest) => r.attack.seed,
    description: 'campaign seed: all randomness flows from it',
  },
  workers: {
    arg: 'n',
    type: integer(1),
    config: ['workers'],
    description: 'worker threads (default: available cores; at most 2 x cores without --allow-many-workers)',
  },
  allowManyWorkers: {
    type: on,
    config: [],
    description: 'allow --workers above 2 x cores (each worker costs 200-320 MB)',
  },
  limit: {
    arg: 'n',
    type: integer(1),
    config: ['limit'],
    identity: (r: RunRequest) => r.limit,
    preset: (p: Preset) => p.limit ?? undefined,
    description: 'attack only the first N examples',
  },
  shard: {
    arg: 'i/n',
    type: text,
    config: ['shard'],
    identity: (r: RunRequest) => r.shard,
    description: 'attack only shard i of n (a stable hash of the example id); combine with quiver merge',
  },
  maxQueries: {
    arg: 'n',
    type: integer(1),
    config: ['attack.maxQueries'],
    identity: (r: RunRequest) => r.attack.maxQueries,
    preset: (p: Preset) => p.maxQueries,
    description: 'texts sent to the target per example (default: unlimited)',
  },
  maxPerturbRatio: {
    arg: 'x',
    type: fraction,
    default: 0.25,
    config: ['attack.maxPerturbRatio'],
    identity: attackShape,
    description: 'largest share of words an adversarial example may change',
  },
  protect: {
    arg: 'regex',
    type: repeated,
    default: [],
    config: ['attack.protect'],
    identity: (r: RunRequest) => r.attack.protect,
    description: 'never edit words overlapping this regular expression (repeatable)',
  },
  targetLabel: {
    arg: 'label',
    type: text,
    config: ['attack.goal'],
    identity: (r: RunRequest) => r.attack.goal,
    description: 'targeted attack: succeed only when the model predicts this label',
  },
  stabilitySamples: {
    arg: 'n',
    type: integer(0),
    default: 20,
    config: ['attack.stabilitySamples'],
    identity: (r: RunRequest) => r.attack.stabilitySamples,
    preset: (p: Preset) => p.stabilitySamples,
    description: 'random perturbations per example for the stability score',
  },
  verify: {
    arg: 'k',
    type: integer(1),
    default: 1,
    config: ['attack.verifyRepeats'],
    identity: (r: RunRequest) => r.attack.verifyRepeats,
    preset: (p: Preset) => p.verify,
    description: 're-query each flip K times; it counts only if it holds every time',
  },
  stopTimeout: {
    arg: 'duration',
    type: duration,
    default: DEFAULT_STOP_TIMEOUT_MS,
    config: [],
    description:
      'after a first Ctrl-C or SIGTERM, how long examples in flight may take before they are abandoned (attacked ' +
      'again on resume)',
  },
  maxTotalQueries: {
    arg: 'n',
    type: integer(1),
    config: ['budgets.maxTotalQueries'],
    description:
      'stop the campaign once this many texts were sent to the target (search, stability samples and verification)',
  },
  maxTime: {
    arg: 'duration',
    type: duration,
    config: ['budgets.maxTimeMs'],
    description: 'stop starting examples after this long (90s, 30m, 8h)',
  },
  maxTokens: {
    arg: 'n',
    type: integer(1),
    config: ['budgets.maxTokens'],
    description: 'stop once the endpoint used this many tokens',
  },
  maxCost: {
    arg: 'usd',
    type: positive,
    config: ['budgets.maxCostUsd'],
    description: 'stop once the endpoint cost this many US dollars',
  },
  out: {
    arg: 'dir',
    type: text,
    config: [],
    description: 'campaign folder (default: runs/<timestamp>-<target>); the same command on the same folder resumes',
  },
  resume: {
    arg: 'dir',
    type: text,
    config: [],
    description: 'continue the campaign in DIR with the configuration in its campaign.json',
  },
  force: {
    type: on,
    config: [],
    description: 'start over in --out; an existing campaign there is moved aside, never deleted',
  },
  retryErrored: {
    type: on,
    config: [],
    description: 'when resuming, attack again the examples that errored (e.g. once a failing endpoint works)',
  },
  dryRun: {
    type: on,
    config: [],
    description: 'attack a small pilot and estimate queries, tokens, cost and time for the whole campaign',
  },
  pilot: { arg: 'n', type: integer(2), default: 12, config: [], description: 'pilot size for --dry-run' },
  json: { type: on, config: [], description: 'print summary.json to stdout instead of the table' },
  ...targetOptionTable,
  ...judgeOptionTable,
});

/** The options of `quiver run` with the table's defaults filled in. */
export type RunOptions = OptionsOf<typeof runOptionTable>;
/** The options a caller gives; every one may be left out (its default applies). */
export type RunInput = GivenOptions<typeof runOptionTable>;

/** Options whose value is a number with a rule for stored values: campaign-file.ts checks campaign.json by it. */
export type NumberOptionKey = {
  [K in keyof typeof runOptionTable]: (typeof runOptionTable)[K]['type'] extends NumberType ? K : never;
}[keyof typeof runOptionTable];
