/**
 * @module `quiver run`'s options -> the RunRequest that runCampaign takes: a new campaign, or one resumed from its
 * folder.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { formatOf, type DatasetSpec } from './dataset-format.js';
import { demoDataset } from './demo.js';
import { parseLabelMap } from './label-map.js';
import { parseShard } from './plan.js';
import { getPreset, type Preset } from './presets.js';
import { readCampaignConfig } from './resume.js';
import { storedSuiteRequest, suiteDatasetSpec, type SuiteRequest } from './suite.js';
import type { RunRequest } from './run.js';
import type { AttackConfig, Budgets, CampaignConfig } from '../contracts/campaign.js';
import { ConfigError } from '../core/errors.js';
import { INPUT_PLACEHOLDER } from '../core/prompt-template.js';
import { loadRecipe } from '../recipes/index.js';
import { checkAttackConfig } from '../registry.js';
import { judgeOf } from '../options/judge.js';
import { flagOf, keysOf, withDefaults, type GivenOptions, type ValueOf } from '../options/table.js';
import { targetOptionsOf, targetOptionTable } from '../options/target.js';
import { basename, extname } from 'node:path';
import { runOptionTable, type RunInput, type RunOption, type RunOptions } from './run-options.js';

/**
 * The RunRequest that runCampaign takes, for options given as `quiver run` takes them (the table's defaults fill the
 * rest): a new campaign, or with `resume` the one in that folder, whose campaign.json then decides everything that
 * changes results (options given that decide results must agree with it). The CLI calls this too.
 */
export function runRequest(input: RunInput): RunRequest {
  if (input.resume !== undefined && input.out !== undefined && input.out !== input.resume) {
    throw new ConfigError('--resume DIR already names the campaign folder; drop --out');
  }
  return input.resume === undefined ? newRequest(input) : resumeRequest(input, input.resume);
}

/** The given options, then the preset's values for the options not given, then the table's defaults. */
function optionsOf(input: RunInput, preset: Preset | undefined): RunOptions {
  return withDefaults(runOptionTable, preset === undefined ? input : withPresetValues(runOptionTable, input, preset));
}

/** The preset's value of every option not given whose entry has one (`preset`). */
function withPresetValues<Table extends { readonly [K in keyof Table]: RunOption<ValueOf<Table[K]>> }>(
  table: Table,
  input: GivenOptions<Table>,
  preset: Preset,
): GivenOptions<Table> {
  const out: GivenOptions<Table> = { ...input };
  for (const key of keysOf(table)) {
    const value = out[key] === undefined ? table[key].preset?.(preset) : undefined;
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/**
 * The default search's surrogate prior: `abs` orders its one-edit sweep with a naive Bayes model trained on the
 * campaign's own labelled dataset, the example under attack left out of it (src/search/surrogate/). It asks the
 * target nothing and saved 0.3-12 % of the unique queries in experiments/results/search-comparison.md. Added only
 * where the prior can read the dataset as the campaign does: a JSONL file whose labels are the target's (a label map
 * renames them, and the prior would never meet the target's labels), for the default sweep ranking, and never over a
 * prior, a ranking or a paper variant the search was given.
 */
export function withDatasetPrior(attack: AttackConfig, dataset: DatasetSpec): AttackConfig {
  const { name, options } = attack.search;
  if (name !== 'abs' || dataset.format !== 'jsonl' || dataset.labelMap !== undefined) return attack;
  const given = ['prior', 'paperIntent', 'paperFaithful'].some((k) => options[k] !== undefined);
  if (given || (options.ranking !== undefined && options.ranking !== 'sweep')) return attack;
  const prior = {
    // As given, as the campaign reads it (resume.ts then names it as the campaign's dataset in the identity).
    train: dataset.path,
    textField: dataset.fields.text,
    labelField: dataset.fields.label,
    skipInvalid: true,
  };
  return { ...attack, search: { name, options: { ...options, prior } } };
}

function newRequest(input: RunInput): RunRequest {
  const preset = input.preset === undefined ? undefined : getPreset(input.preset);
  const o = optionsOf(input, preset);
  const suite = suiteOf(input, o);
  const targetOptions = suite === undefined ? targetOptionsOf(o.target, o, o.judge) : suiteTargetOptions(suite, o);
  const judge = judgeOf(o, targetOptions, preset?.validity.judgeReject);
  const constraints = withPresetConstraints(o.constraint, preset);
  const base: AttackConfig = {
    target: o.target,
    targetOptions,
    goal: o.targetLabel === undefined ? { name: 'untargeted' } : { name: 'targeted', targetLabel: o.targetLabel },
    search: {
      name: o.search,
      options: {
        ...(preset !== undefined && o.search === 'abs' ? preset.searchOptions : {}),
        ...(o.ranking === undefined ? {} : { ranking: o.ranking }),
      },
    },
    perturbations: perturbationRefs(o),
    maxPerturbRatio: o.maxPerturbRatio,
    protect: o.protect,
    ...(constraints.length > 0 ? { constraints } : {}),
    // Written only when turned off, so a default campaign's campaign.json says nothing new.
    ...(o.posConsistency === false ? { posConsistency: false } : {}),
    seed: o.seed,
    maxQueries: o.maxQueries ?? null,
    stabilitySamples: o.stabilitySamples,
    verifyRepeats: o.verify,
    exampleTimeoutMs: o.exampleTimeout > 0 ? o.exampleTimeout : null,
    ...(judge === undefined ? {} : { judge }),
  };
  const attack = withScope(o.recipe === undefined ? base : withRecipe(base, o.recipe, input), o.scope);
  const datasetPath = o.dataset ?? demoDataset;
  const limits = { maxWords: o.maxWords, maxChars: o.maxChars };
  const dataset: DatasetSpec =
    suite !== undefined
      ? suiteDatasetSpec(suite, limits)
      : {
          path: datasetPath,
          format: formatOf(datasetPath, o.format),
          fields: { text: o.textField, label: o.labelField, id: o.idField },
          limits,
          ...(o.labelMap === undefined ? {} : { labelMap: parseLabelMap(o.labelMap) }),
        };
  const name = suite === undefined ? o.target : basename(suite.source.file, extname(suite.source.file));
  return {
    attack: suite === undefined ? withDatasetPrior(attack, dataset) : attack,
    ...(suite === undefined ? {} : { suite }),
    dataset,
    skipInvalid: o.skipInvalid === true,
    limit: o.limit ?? null,
    shard: o.shard === undefined ? null : parseShard(o.shard),
    preset: o.preset ?? null,
    workers: o.workers ?? availableParallelism(),
    allowManyWorkers: o.allowManyWorkers === true,
    budgets: budgetsOf(o),
    outDir: o.out ?? join('runs', `${timestamp()}-${name.replace(/[^A-Za-z0-9._-]+/g, '-')}`),
    mode: 'new',
    force: o.force === true,
    retryErrored: o.retryErrored === true,
    handleSignals: true,
    stopTimeoutMs: o.stopTimeout,
  };
}

/**
 * `--resume DIR`: everything that decides results comes from campaign.json. An option given that decides results
 * (its table entry has `identity`) must agree with it; workers and budgets may change (e.g. a larger budget to
 * continue an overnight run).
 */
function resumeRequest(input: RunInput, dir: string): RunRequest {
  if (input.force) throw new ConfigError('--resume and --force contradict each other');
  const stored: CampaignConfig = readCampaignConfig(dir);
  try {
    checkAttackConfig(stored.attack);
  } catch (err) {
    // Names and options the command line would have refused: say where they came from.
    if (err instanceof ConfigError)
      throw new ConfigError(`${join(dir, 'campaign.json')}: ${err.message}`, { cause: err });
    throw err;
  }
  const o = withDefaults(runOptionTable, input);
  const storedRequest = requestFromConfig(stored, o, dir);
  const typed = keysOf(runOptionTable).filter((key) => input[key] !== undefined && identityOf(key) !== undefined);
  if (typed.length > 0) {
    const { resume: _dir, ...asNew } = input;
    // A judge option given alone refers to the campaign's judge.
    const judge = input.judge ?? stored.attack.judge?.spec;
    const requested = newRequest({ ...asNew, ...(judge === undefined ? {} : { judge }) });
    const conflicts = typed.filter(
      (key) => JSON.stringify(identityOf(key)?.(requested)) !== JSON.stringify(identityOf(key)?.(storedRequest)),
    );
    if (conflicts.length > 0) {
      const names = conflicts.map((key) => flagOf(key, runOptionTable[key]));
      throw new ConfigError(
        `${names.join(', ')} ${conflicts.length === 1 ? 'conflicts' : 'conflict'} with the campaign in ${dir} (see ` +
          `its campaign.json); drop ${conflicts.length === 1 ? 'it' : 'them'} to resume`,
      );
    }
  }
  return storedRequest;
}

/** The part of a request an option decides, from its table entry; undefined when it does not decide results. */
function identityOf(key: keyof typeof runOptionTable): ((request: RunRequest) => unknown) | undefined {
  const spec: RunOption<unknown> = runOptionTable[key];
  return spec.identity;
}

function requestFromConfig(stored: CampaignConfig, o: RunOptions, dir: string): RunRequest {
  const limits = { maxWords: stored.dataset.maxWords, maxChars: stored.dataset.maxChars };
  // An assertion campaign re-reads its suite (runCampaign checks it against the digest); a moved file may be named
  // again.
  const storedSuite = storedSuiteRequest(stored, join(dir, 'campaign.json'));
  const moved = o.config ?? o.dataset;
  const suite =
    storedSuite === undefined || moved === undefined
      ? storedSuite
      : { ...storedSuite, source: { ...storedSuite.source, file: moved } };
  return {
    attack: stored.attack,
    ...(suite === undefined ? {} : { suite }),
    dataset:
      suite !== undefined
        ? suiteDatasetSpec(suite, limits)
        : {
            path: o.dataset ?? stored.dataset.path,
            format: formatOf(stored.dataset.path, stored.dataset.format),
            fields: stored.dataset.fields,
            limits,
            ...(stored.dataset.labelMap === undefined ? {} : { labelMap: stored.dataset.labelMap }),
          },
    skipInvalid: stored.dataset.skipInvalid,
    limit: stored.limit,
    shard: stored.shard,
    preset: stored.preset,
    workers: o.workers ?? availableParallelism(),
    allowManyWorkers: o.allowManyWorkers === true,
    budgets: { ...stored.budgets, ...definedBudgets(o) },
    outDir: dir,
    mode: 'resume',
    force: false,
    retryErrored: o.retryErrored === true,
    handleSignals: true,
    stopTimeoutMs: o.stopTimeout,
  };
}

/** Options that describe a labelled dataset or a single target: an assertion campaign's suite decides them. */
const DATASET_ONLY = [
  'format',
  'textField',
  'labelField',
  'idField',
  'labelMap',
  'skipInvalid',
  'targetLabel',
  'scope',
] as const;

/**
 * The suite of an assertion campaign: `--config FILE` (a promptfoo config, whose providers are the targets), or native
 * tests, `--dataset tests.jsonl --prompt FILE --perturb-var NAME` on `--target`. Undefined for a label campaign.
 */
function suiteOf(input: RunInput, o: RunOptions): SuiteRequest | undefined {
  if (o.config === undefined && o.perturbVar === undefined) return undefined;
  const stray = DATASET_ONLY.filter((k) => input[k] !== undefined);
  if (stray.length > 0)
    throw new ConfigError(
      `${stray.map((k) => flagOf(k, runOptionTable[k])).join(', ')}: ` +
        `an assertion campaign's tests decide what is checked; drop ${stray.length === 1 ? 'it' : 'them'}`,
    );
  const perturbVar = o.perturbVar === undefined ? {} : { perturbVar: o.perturbVar };
  if (o.config !== undefined) {
    if (o.dataset !== undefined)
      throw new ConfigError('--config and --dataset: a promptfoo config holds its tests; give one or the other');
    const targetGiven = keysOf(targetOptionTable).filter((k) => input[k] !== undefined);
    if (input.target !== undefined || targetGiven.length > 0) {
      const names = [
        ...(input.target === undefined ? [] : ['--target']),
        ...targetGiven.map((k) => flagOf(k, targetOptionTable[k])),
      ];
      throw new ConfigError(
        `${names.join(', ')}: with --config, the config's providers are the targets (set their options there)`,
      );
    }
    return { source: { kind: 'promptfoo', file: o.config }, ...perturbVar };
  }
  if (o.dataset === undefined || o.prompt === undefined) {
    throw new ConfigError(
      '--perturb-var attacks assertion tests: give a promptfoo config (--config FILE), ' +
        'or native tests (--dataset tests.jsonl with --prompt FILE and --target)',
    );
  }
  if (input.target === undefined)
    throw new ConfigError(
      `--dataset ${o.dataset} with --perturb-var runs native tests: ` +
        'name the model they run on with --target (task:<name>, openai:<model>, module:<path>...)',
    );
  if (o.answer !== undefined && o.answer !== 'text')
    throw new ConfigError(
      `--answer ${o.answer}: an assertion campaign checks the raw output ` +
        '(the openai: target runs in --answer text mode)',
    );
  const target = { spec: o.target, options: suiteTargetOptions(undefined, o) };
  return { source: { kind: 'quiver-tests', file: o.dataset, promptFile: o.prompt, target }, ...perturbVar };
}

/**
 * The target options of native tests' --target: as for any campaign, except that --prompt is the tests' prompt (not an
 * openai: template) and an openai: target answers raw text. A promptfoo config's targets come from its providers.
 */
function suiteTargetOptions(suite: SuiteRequest | undefined, o: RunOptions): Record<string, unknown> {
  if (suite?.source.kind === 'promptfoo') return {};
  if (suite?.source.kind === 'quiver-tests') return suite.source.target.options;
  const { prompt: _prompt, ...rest } = o;
  return targetOptionsOf(o.target, o.target.startsWith('openai:') ? { ...rest, answer: 'text' } : rest, o.judge);
}

/** The user's constraints plus the preset's validity constraints of other names (the hook in presets.ts). */
function withPresetConstraints(
  given: RunOptions['constraint'],
  preset: Preset | undefined,
): AttackConfig['constraints'] & object {
  const extra = (preset?.validity.constraints ?? []).filter((c) => !given.some((g) => g.name === c.name));
  return [...given, ...extra];
}

function perturbationRefs(o: RunOptions): AttackConfig['perturbations'] {
  const options = o.perturbOptions ?? {};
  for (const name of Object.keys(options)) {
    if (!o.perturb.includes(name))
      throw new ConfigError(`--perturb-options names "${name}", which is not in --perturb (${o.perturb.join(',')})`);
  }
  return o.perturb.map((name) => {
    const given = options[name] ?? {};
    if (!isJsonObject(given))
      throw new ConfigError(`--perturb-options: the options of "${name}" must be a JSON object`);
    return { name, options: given };
  });
}

function isJsonObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * `--scope prompt|both`: the engine places each example into the target's prompt template and may perturb the
 * template's words too; the target then sends the whole text as it is. The label names in the prompt (the answer
 * format) and the `Text:` input marker are protected, since editing them breaks the format rather than the judgement.
 */
function withScope(attack: AttackConfig, scope: RunOptions['scope']): AttackConfig {
  if (scope === undefined || scope === 'example') return attack;
  const template = attack.targetOptions.prompt;
  if (!attack.target.startsWith('openai:') || typeof template !== 'string') {
    throw new ConfigError(
      `--scope ${scope} perturbs a prompt template: it needs an openai:<model> target (with --prompt or its default ` +
        `prompt)`,
    );
  }
  const labels = Array.isArray(attack.targetOptions.labels) ? (attack.targetOptions.labels as string[]) : [];
  return {
    ...attack,
    targetOptions: { ...attack.targetOptions, prompt: INPUT_PLACEHOLDER },
    input: { template, scope },
    // The `Text:` marker ends every default prompt; `quiver serve` and many prompts rely on it to find the input.
    constraints: [
      ...(attack.constraints ?? []),
      { name: 'protect', options: { labels, ...(template.includes('Text:') ? { patterns: ['\\bText:'] } : {}) } },
    ],
  };
}

function budgetsOf(o: RunOptions): Budgets {
  return { maxTotalQueries: null, maxTimeMs: null, maxTokens: null, maxCostUsd: null, ...definedBudgets(o) };
}

function definedBudgets(o: RunOptions): Partial<Budgets> {
  return {
    ...(o.maxTotalQueries !== undefined ? { maxTotalQueries: o.maxTotalQueries } : {}),
    ...(o.maxTime !== undefined ? { maxTimeMs: o.maxTime } : {}),
    ...(o.maxTokens !== undefined ? { maxTokens: o.maxTokens } : {}),
    ...(o.maxCost !== undefined ? { maxCostUsd: o.maxCost } : {}),
  };
}

function timestamp(): string {
  return new Date()
    .toISOString()
    .replace(/[:.]/g, '-')
    .replace(/-\d{3}Z$/, 'Z');
}

/**
 * The recipe decides search, perturbations and edit budget: an option given that decides one of those fields of
 * campaign.json (by its table entry's `config`) would silently contradict it, so it is an error.
 */
function withRecipe(base: AttackConfig, name: string, input: RunInput): AttackConfig {
  const recipe = loadRecipe(name);
  const decided = runOptionTable.recipe.config;
  const clash = keysOf(runOptionTable).filter((key) => {
    const spec: RunOption<unknown> = runOptionTable[key];
    return (
      key !== 'recipe' && input[key] !== undefined && spec.config.some((field) => decided.some((d) => d === field))
    );
  });
  if (clash.length > 0) {
    throw new ConfigError(
      `--recipe ${name} sets the search, perturbations and edit budget; ` +
        `drop ${clash.map((key) => flagOf(key)).join(', ')}`,
    );
  }
  return {
    ...base,
    search: recipe.search,
    perturbations: recipe.perturbations,
    maxPerturbRatio: recipe.maxPerturbRatio ?? base.maxPerturbRatio,
  };
}
