/** @module `quiver run`'s flags -> the RunRequest that runCampaign takes: a new campaign, or one resumed from its folder. */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { formatOf, type DatasetSpec } from './dataset-format.js';
import { demoDataset } from './demo.js';
import { parseLabelMap } from './label-map.js';
import { parseShard } from './plan.js';
import { getPreset, type Preset } from './presets.js';
import { readCampaignConfig } from './resume.js';
import { storedSuiteRequest, suiteDatasetSpec } from './suite.js';
import type { RunRequest } from './run.js';
import type { AttackConfig, Budgets, CampaignConfig } from '../contracts/campaign.js';
import { ConfigError } from '../core/errors.js';
import { INPUT_PLACEHOLDER } from '../core/prompt-template.js';
import { loadRecipe } from '../recipes/index.js';
import { checkAttackConfig } from '../registry.js';
import { judgeFromFlags } from '../options/judge.js';
import { targetOptionsFromFlags } from '../options/target.js';

export interface RunFlags {
  target: string;
  recipe?: string;
  preset?: string;
  dataset?: string;
  format?: string;
  textField: string;
  labelField: string;
  idField: string;
  labelMap?: string;
  skipInvalid?: boolean;
  maxWords: number;
  maxChars: number;
  /** Milliseconds; 0 means no limit. */
  exampleTimeout: number;
  search: string;
  perturb: string[];
  perturbOptions?: Record<string, unknown>;
  constraint: { name: string; options: Record<string, unknown> }[];
  /** false with --no-pos-consistency. */
  posConsistency?: boolean;
  scope?: 'example' | 'prompt' | 'both';
  seed: number;
  workers?: number;
  allowManyWorkers?: boolean;
  limit?: number;
  shard?: string;
  maxQueries?: number;
  maxPerturbRatio: number;
  protect: string[];
  targetLabel?: string;
  stabilitySamples: number;
  verify: number;
  ranking?: string;
  maxTotalQueries?: number;
  maxTime?: number;
  maxTokens?: number;
  maxCost?: number;
  out?: string;
  resume?: string;
  force?: boolean;
  retryErrored?: boolean;
  /** Milliseconds. */
  stopTimeout: number;
  dryRun?: boolean;
  pilot: number;
  json?: boolean;
  judge?: string;
  judgePrompt?: string;
  judgeReject?: 'invalid' | 'questionable';
  judgeBaseUrl?: string;
  judgeApiKeyEnv?: string;
}

/** Flags that change what a campaign computes: with --resume they must agree with campaign.json. */
const IDENTITY_FLAGS = [
  'target', 'recipe', 'preset', 'dataset', 'format', 'textField', 'labelField', 'idField', 'labelMap', 'skipInvalid', 'maxWords', 'maxChars', 'exampleTimeout', 'search',
  'ranking', 'perturb', 'perturbOptions', 'constraint', 'posConsistency', 'scope', 'seed', 'limit', 'shard', 'maxQueries', 'maxPerturbRatio', 'protect', 'targetLabel',
  'stabilitySamples', 'verify', 'judge', 'judgePrompt', 'judgeReject', 'judgeBaseUrl', 'judgeApiKeyEnv',
];

/** A new campaign, or with `resume` the one in that folder (flags typed then must agree with its campaign.json). */
export function runRequest(flags: RunFlags, explicit: ReadonlySet<string> = new Set()): RunRequest {
  if (flags.resume !== undefined && flags.out !== undefined && flags.out !== flags.resume) {
    throw new ConfigError('--resume DIR already names the campaign folder; drop --out');
  }
  return flags.resume === undefined ? newRequest(flags, explicit) : resumeRequest(flags, explicit);
}

function newRequest(flags: RunFlags, explicit: ReadonlySet<string>): RunRequest {
  const preset = flags.preset === undefined ? undefined : getPreset(flags.preset);
  const pick = <K extends keyof RunFlags>(key: K, fromPreset: (p: Preset) => RunFlags[K]): RunFlags[K] =>
    preset !== undefined && !explicit.has(key) ? fromPreset(preset) : flags[key];
  const targetOptions = targetOptionsFromFlags(flags as unknown as Record<string, unknown>);
  const judge = judgeFromFlags(flags as unknown as Record<string, unknown>, targetOptions, preset?.validity.judgeReject);
  const constraints = withPresetConstraints(flags.constraint, preset);
  const base: AttackConfig = {
    target: flags.target,
    targetOptions,
    goal: flags.targetLabel === undefined ? { name: 'untargeted' } : { name: 'targeted', targetLabel: flags.targetLabel },
    search: {
      name: flags.search,
      options: {
        ...(preset !== undefined && flags.search === 'abs' ? preset.searchOptions : {}),
        ...(flags.ranking === undefined ? {} : { ranking: flags.ranking }),
      },
    },
    perturbations: perturbationRefs(flags),
    maxPerturbRatio: flags.maxPerturbRatio,
    protect: flags.protect,
    ...(constraints.length > 0 ? { constraints } : {}),
    // Written only when turned off, so a default campaign's campaign.json says nothing new.
    ...(flags.posConsistency === false ? { posConsistency: false } : {}),
    seed: flags.seed,
    maxQueries: pick('maxQueries', (p) => p.maxQueries) ?? null,
    stabilitySamples: pick('stabilitySamples', (p) => p.stabilitySamples),
    verifyRepeats: pick('verify', (p) => p.verify),
    exampleTimeoutMs: flags.exampleTimeout > 0 ? flags.exampleTimeout : null,
    ...(judge === undefined ? {} : { judge }),
  };
  const attack = withScope(flags.recipe === undefined ? base : withRecipe(base, flags.recipe, explicit), flags.scope);
  const datasetPath = flags.dataset ?? demoDataset;
  const dataset: DatasetSpec = {
    path: datasetPath,
    format: formatOf(datasetPath, flags.format),
    fields: { text: flags.textField, label: flags.labelField, id: flags.idField },
    limits: { maxWords: flags.maxWords, maxChars: flags.maxChars },
    ...(flags.labelMap === undefined ? {} : { labelMap: parseLabelMap(flags.labelMap) }),
  };
  return {
    attack,
    dataset,
    skipInvalid: flags.skipInvalid === true,
    limit: pick('limit', (p) => p.limit ?? undefined) ?? null,
    shard: flags.shard === undefined ? null : parseShard(flags.shard),
    preset: flags.preset ?? null,
    workers: flags.workers ?? availableParallelism(),
    allowManyWorkers: flags.allowManyWorkers === true,
    budgets: budgetsOf(flags),
    outDir: flags.out ?? join('runs', `${timestamp()}-${flags.target.replace(/[^A-Za-z0-9._-]+/g, '-')}`),
    mode: 'new',
    force: flags.force === true,
    retryErrored: flags.retryErrored === true,
    handleSignals: true,
    stopTimeoutMs: flags.stopTimeout,
  };
}

/**
 * `--resume DIR`: everything that decides results comes from campaign.json. A flag typed on the command line must
 * agree with it; workers and budgets may change (e.g. a larger budget to continue an overnight run).
 */
function resumeRequest(flags: RunFlags, explicit: ReadonlySet<string>): RunRequest {
  const dir = flags.resume!;
  if (flags.force) throw new ConfigError('--resume and --force contradict each other');
  const stored: CampaignConfig = readCampaignConfig(dir);
  try {
    checkAttackConfig(stored.attack);
  } catch (err) {
    // Names and options the command line would have refused: say where they came from.
    if (err instanceof ConfigError) throw new ConfigError(`${join(dir, 'campaign.json')}: ${err.message}`, { cause: err });
    throw err;
  }
  const typed = IDENTITY_FLAGS.filter((f) => explicit.has(f));
  if (typed.length > 0) {
    const { resume: _dir, ...asNew } = flags;
    // A judge flag typed alone refers to the campaign's judge.
    const judge = flags.judge ?? stored.attack.judge?.spec;
    const requested = newRequest({ ...asNew, ...(judge === undefined ? {} : { judge }) }, explicit);
    const storedRequest = requestFromConfig(stored, flags, dir);
    const conflicts = typed.filter((f) => JSON.stringify(valueOf(requested, f)) !== JSON.stringify(valueOf(storedRequest, f)));
    if (conflicts.length > 0) {
      const names = conflicts.map((f) => `--${f.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`);
      throw new ConfigError(`${names.join(', ')} ${conflicts.length === 1 ? 'conflicts' : 'conflict'} with the campaign in ${dir} (see its campaign.json); drop ${conflicts.length === 1 ? 'it' : 'them'} to resume`);
    }
  }
  return requestFromConfig(stored, flags, dir);
}

function requestFromConfig(stored: CampaignConfig, flags: RunFlags, dir: string): RunRequest {
  const limits = { maxWords: stored.dataset.maxWords, maxChars: stored.dataset.maxChars };
  const suite = storedSuiteRequest(stored, join(dir, 'campaign.json'));
  return {
    attack: stored.attack,
    ...(suite === undefined ? {} : { suite }),
    dataset: suite !== undefined ? suiteDatasetSpec(suite, limits) : {
      path: flags.dataset ?? stored.dataset.path,
      format: formatOf(stored.dataset.path, stored.dataset.format),
      fields: stored.dataset.fields,
      limits,
      ...(stored.dataset.labelMap === undefined ? {} : { labelMap: stored.dataset.labelMap }),
    },
    skipInvalid: stored.dataset.skipInvalid,
    limit: stored.limit,
    shard: stored.shard,
    preset: stored.preset,
    workers: flags.workers ?? availableParallelism(),
    allowManyWorkers: flags.allowManyWorkers === true,
    budgets: { ...stored.budgets, ...definedBudgets(flags) },
    outDir: dir,
    mode: 'resume',
    force: false,
    retryErrored: flags.retryErrored === true,
    handleSignals: true,
    stopTimeoutMs: flags.stopTimeout,
  };
}

/** The part of a request a flag controls, for comparing a typed flag with a stored campaign. */
function valueOf(r: RunRequest, flag: string): unknown {
  const a = r.attack;
  switch (flag) {
    case 'target': return [a.target, a.targetOptions];
    case 'dataset': case 'format': case 'textField': case 'labelField': case 'idField': return [r.dataset.format, r.dataset.fields];
    case 'labelMap': return r.dataset.labelMap ?? null;
    case 'skipInvalid': return r.skipInvalid;
    case 'maxWords': return r.dataset.limits?.maxWords;
    case 'maxChars': return r.dataset.limits?.maxChars;
    case 'exampleTimeout': return a.exampleTimeoutMs ?? null;
    case 'constraint': return a.constraints ?? [];
    case 'recipe': case 'search': case 'ranking': case 'perturb': case 'perturbOptions': case 'maxPerturbRatio': case 'preset':
      return [a.search, a.perturbations, a.maxPerturbRatio, a.maxQueries, a.stabilitySamples, a.verifyRepeats, r.limit, a.judge?.reject ?? null, a.constraints ?? []];
    case 'judge': return a.judge?.spec ?? null;
    case 'judgeReject': return a.judge?.reject ?? null;
    case 'judgePrompt': return a.judge?.options.prompt ?? null;
    case 'judgeBaseUrl': return a.judge?.options.baseURL ?? null;
    case 'judgeApiKeyEnv': return a.judge?.options.apiKeyEnv ?? null;
    case 'seed': return a.seed;
    case 'limit': return r.limit;
    case 'shard': return r.shard;
    case 'maxQueries': return a.maxQueries;
    case 'protect': return a.protect;
    case 'targetLabel': return a.goal;
    case 'stabilitySamples': return a.stabilitySamples;
    case 'verify': return a.verifyRepeats;
    case 'scope': return a.input ?? null;
    default: return undefined;
  }
}

/** The user's constraints plus the preset's validity constraints of other names (the hook in presets.ts). */
function withPresetConstraints(given: RunFlags['constraint'], preset: Preset | undefined): AttackConfig['constraints'] & object {
  const extra = (preset?.validity.constraints ?? []).filter((c) => !given.some((g) => g.name === c.name));
  return [...given, ...extra];
}

function perturbationRefs(flags: RunFlags): AttackConfig['perturbations'] {
  const options = flags.perturbOptions ?? {};
  for (const name of Object.keys(options)) {
    if (!flags.perturb.includes(name)) throw new ConfigError(`--perturb-options names "${name}", which is not in --perturb (${flags.perturb.join(',')})`);
  }
  return flags.perturb.map((name) => {
    const o = options[name] ?? {};
    if (typeof o !== 'object' || o === null || Array.isArray(o)) throw new ConfigError(`--perturb-options: the options of "${name}" must be a JSON object`);
    return { name, options: o as Record<string, unknown> };
  });
}

/**
 * `--scope prompt|both`: the engine places each example into the target's prompt template and may perturb the
 * template's words too; the target then sends the whole text as it is. The label names in the prompt (the answer
 * format) and the `Text:` input marker are protected, since editing them breaks the format rather than the judgement.
 */
function withScope(attack: AttackConfig, scope: RunFlags['scope']): AttackConfig {
  if (scope === undefined || scope === 'example') return attack;
  const template = attack.targetOptions.prompt;
  if (!attack.target.startsWith('openai:') || typeof template !== 'string') {
    throw new ConfigError(`--scope ${scope} perturbs a prompt template: it needs an openai:<model> target (with --prompt or its default prompt)`);
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

function budgetsOf(flags: RunFlags): Budgets {
  return { maxTotalQueries: null, maxTimeMs: null, maxTokens: null, maxCostUsd: null, ...definedBudgets(flags) };
}

function definedBudgets(flags: RunFlags): Partial<Budgets> {
  return {
    ...(flags.maxTotalQueries !== undefined ? { maxTotalQueries: flags.maxTotalQueries } : {}),
    ...(flags.maxTime !== undefined ? { maxTimeMs: flags.maxTime } : {}),
    ...(flags.maxTokens !== undefined ? { maxTokens: flags.maxTokens } : {}),
    ...(flags.maxCost !== undefined ? { maxCostUsd: flags.maxCost } : {}),
  };
}

function timestamp(): string {
  return new Date().toISOString().replace(/[:.]/g, '-').replace(/-\d{3}Z$/, 'Z');
}

/** The recipe decides search, perturbations and edit budget; a flag that would silently contradict it is an error. */
function withRecipe(base: AttackConfig, name: string, explicit: ReadonlySet<string>): AttackConfig {
  const recipe = loadRecipe(name);
  const clash = ['search', 'ranking', 'perturb', 'perturbOptions', 'maxPerturbRatio'].filter((k) => explicit.has(k));
  if (clash.length > 0) {
    const flag = (k: string) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    throw new ConfigError(`--recipe ${name} sets the search, perturbations and edit budget; drop ${clash.map(flag).join(', ')}`);
  }
  return {
    ...base,
    search: recipe.search,
    perturbations: recipe.perturbations,
    maxPerturbRatio: recipe.maxPerturbRatio ?? base.maxPerturbRatio,
  };
}
