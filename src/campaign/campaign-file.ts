/**
 * @module Checks a campaign.json read back from disk (it may have been edited by hand) before anything uses it:
 * every field that decides results or is read later must have the shape and range the command line would give it,
 * or the error names the file and the field. The ranges, flags, choices and defaults of fields an option writes come
 * from `quiver run`'s option table (run-options.ts). Fields added after a campaign was written take their defaults.
 */
import type { AttackConfig, CampaignConfig, ComponentRef, SuiteAttack, SuiteInfo } from '../contracts/campaign.js';
import { ConfigError } from '../core/errors.js';
import { flagOf } from '../options/table.js';
import { datasetFormats } from './dataset-format.js';
import { runOptionTable, type NumberOptionKey } from './run-options.js';

type Json = Record<string, unknown>;

class Fields {
  constructor(
    private readonly file: string,
    private readonly obj: Json,
    private readonly prefix: string,
  ) {}

  fail(key: string, problem: string): never {
    const value = this.obj[key];
    const got = value === undefined ? 'it is missing' : `got ${JSON.stringify(value)}`;
    throw new ConfigError(`${this.file}: field "${this.prefix}${key}" ${problem}, ${got}`);
  }

  object(key: string): Fields {
    const v = this.obj[key];
    if (!isObject(v)) this.fail(key, 'must be a JSON object');
    return new Fields(this.file, v, `${this.prefix}${key}.`);
  }

  value(): Json {
    return this.obj;
  }

  /** Item `k` of the list in `key`, as an object (the caller checked it is a list). */
  listItem(key: string, k: number): Fields {
    const list = this.obj[key] as unknown[];
    return new Fields(
      this.file,
      Object.fromEntries(list.map((v, i) => [String(i), v])),
      `${this.prefix}${key}.`,
    ).object(String(k));
  }

  raw(key: string): unknown {
    return this.obj[key];
  }

  string(key: string): string {
    const v = this.obj[key];
    if (typeof v !== 'string' || v === '') this.fail(key, 'must be a non-empty string');
    return v;
  }

  boolean(key: string): boolean {
    const v = this.obj[key];
    if (typeof v !== 'boolean') this.fail(key, 'must be true or false');
    return v;
  }

  /** A whole number >= min, for fields no option gives (`what` names what it counts). */
  integer(key: string, min: number, what: string): number {
    const v = this.obj[key];
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min)
      this.fail(key, `must be a whole number >= ${min} (as ${what})`);
    return v;
  }

  /** A number as the `quiver run` option `option` gives it (its rule and flag from the option table). */
  number(key: string, option: NumberOptionKey): number;
  number(key: string, option: NumberOptionKey, nullable: true): number | null;
  number(key: string, option: NumberOptionKey, nullable = false): number | null {
    const v = this.obj[key];
    if (nullable && v === null) return null;
    const { rule, accepts } = runOptionTable[option].type.stored;
    if (typeof v !== 'number' || !accepts(v))
      this.fail(key, `must be ${rule}${nullable ? ' or null' : ''} (as ${flagOf(option)})`);
    return v;
  }

  /** One of the values an option accepts. */
  choice<const C extends string>(key: string, allowed: readonly C[]): C {
    const v = this.string(key);
    const found = allowed.find((a) => a === v);
    if (found === undefined) this.fail(key, `must be one of ${allowed.join(', ')}`);
    return found;
  }

  /** An object whose values are all non-empty strings (a label map). */
  stringMap(key: string): Record<string, string> {
    const v = this.obj[key];
    if (!isObject(v) || !Object.values(v).every((s) => typeof s === 'string' && s !== ''))
      this.fail(key, 'must map names to non-empty strings');
    return v as Record<string, string>;
  }

  strings(key: string): string[] {
    const v = this.obj[key];
    if (!Array.isArray(v) || !v.every((s) => typeof s === 'string')) this.fail(key, 'must be a list of strings');
    return v as string[];
  }

  components(key: string): ComponentRef[] {
    const v = this.obj[key];
    if (!Array.isArray(v)) this.fail(key, 'must be a list of {"name", "options"}');
    return v.map((_, k) => new Fields(this.file, v as unknown as Json, `${this.prefix}${key}.`).component(String(k)));
  }

  component(key: string): ComponentRef {
    const ref = this.object(key);
    return { name: ref.string('name'), options: ref.object('options').value() };
  }

  /** With a default for campaigns written before the field existed. */
  orDefault<T>(key: string, fallback: T, read: (key: string) => T): T {
    return this.obj[key] === undefined ? fallback : read(key);
  }
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function attackOf(a: Fields): AttackConfig {
  const goal = a.object('goal');
  const goalName = goal.choice('name', ['untargeted', 'targeted', 'assertions']);
  const suite = a.raw('suite') === undefined ? undefined : suiteAttackOf(a.object('suite'));
  const input = a.raw('input') === undefined ? undefined : a.object('input');
  const constraints = a.raw('constraints') === undefined ? undefined : a.components('constraints');
  const judge = a.raw('judge') === undefined ? undefined : a.object('judge');
  return {
    target: a.string('target'),
    targetOptions: a.object('targetOptions').value(),
    goal:
      goalName === 'targeted'
        ? { name: 'targeted', targetLabel: goal.string('targetLabel') }
        : goalName === 'assertions'
          ? { name: 'assertions' }
          : { name: 'untargeted' },
    search: a.component('search'),
    perturbations: a.components('perturbations'),
    maxPerturbRatio: a.number('maxPerturbRatio', 'maxPerturbRatio'),
    protect: a.strings('protect'),
    ...(constraints === undefined ? {} : { constraints }),
    ...(a.raw('posConsistency') === undefined ? {} : { posConsistency: a.boolean('posConsistency') }),
    seed: a.number('seed', 'seed'),
    maxQueries: a.number('maxQueries', 'maxQueries', true),
    stabilitySamples: a.number('stabilitySamples', 'stabilitySamples'),
    verifyRepeats: a.number('verifyRepeats', 'verify'),
    ...(input === undefined
      ? {}
      : {
          input: {
            template: input.string('template'),
            scope: input.choice('scope', runOptionTable.scope.type.choices),
          },
        }),
    exampleTimeoutMs: a.orDefault('exampleTimeoutMs', runOptionTable.exampleTimeout.default, (k) =>
      a.number(k, 'exampleTimeout', true),
    ),
    ...(judge === undefined
      ? {}
      : {
          judge: {
            spec: judge.string('spec'),
            options: judge.object('options').value(),
            reject: judge.choice('reject', runOptionTable.judgeReject.type.choices),
          },
        }),
    ...(suite === undefined ? {} : { suite }),
  };
}

/** The `dataset.format` (and `suite.kind`) of an assertion campaign's suite. */
const SUITE_FORMATS = ['promptfoo', 'quiver-tests'] as const;

function suiteAttackOf(s: Fields): SuiteAttack {
  const targets = s.raw('targets');
  if (!Array.isArray(targets) || targets.length === 0)
    s.fail('targets', 'must be a non-empty list of {"spec", "options"}');
  return {
    perturbVar: s.string('perturbVar'),
    targets: (targets as unknown[]).map((_, k) => {
      const ref = s.listItem('targets', k);
      return { spec: ref.string('spec'), options: ref.object('options').value() };
    }),
  };
}

function suiteInfoOf(s: Fields): SuiteInfo {
  const prompts = s.raw('prompts');
  if (!Array.isArray(prompts) || prompts.length === 0)
    s.fail('prompts', 'must be a non-empty list of {"label", "template"}');
  return {
    kind: s.choice('kind', SUITE_FORMATS),
    file: s.string('file'),
    promptFile: s.raw('promptFile') === null ? null : s.string('promptFile'),
    perturbVar: s.string('perturbVar'),
    testsSha256: s.string('testsSha256'),
    tests: s.integer('tests', 1, 'the suite'),
    prompts: (prompts as unknown[]).map((_, k) => {
      const p = s.listItem('prompts', k);
      return { label: p.string('label'), template: p.string('template') };
    }),
    providers: s.strings('providers'),
  };
}

/** The checked configuration; throws a ConfigError naming `file` and the first bad field. */
export function checkCampaignFile(file: string, raw: unknown): CampaignConfig {
  if (!isObject(raw)) throw new ConfigError(`${file}: must be a JSON object (a campaign written by quiver run)`);
  const c = new Fields(file, raw, '');
  if (raw.type !== 'campaign') c.fail('type', 'must be "campaign"');
  const d = c.object('dataset');
  const fields = d.object('fields');
  const b = c.object('budgets');
  const shard = c.raw('shard') === null ? null : c.object('shard');
  const shardCount = shard?.integer('count', 1, '--shard');
  const shardIndex = shard?.integer('index', 0, '--shard');
  if (shard !== null && shard !== undefined && shardIndex! >= shardCount!)
    shard.fail('index', `must be below shard.count (${shardCount})`);
  return {
    ...(raw as unknown as CampaignConfig),
    attack: attackOf(c.object('attack')),
    dataset: {
      path: d.string('path'),
      format: d.choice('format', [...datasetFormats, ...SUITE_FORMATS]),
      fields: { text: fields.string('text'), label: fields.string('label'), id: fields.string('id') },
      sha256: d.string('sha256'),
      examples: d.integer('examples', 0, 'the dataset'),
      skipInvalid: d.boolean('skipInvalid'),
      maxWords: d.orDefault('maxWords', runOptionTable.maxWords.default, (k) => d.number(k, 'maxWords')),
      maxChars: d.orDefault('maxChars', runOptionTable.maxChars.default, (k) => d.number(k, 'maxChars')),
      ...(d.raw('labelMap') === undefined ? {} : { labelMap: d.stringMap('labelMap') }),
    },
    ...(c.raw('suite') === undefined ? {} : { suite: suiteInfoOf(c.object('suite')) }),
    createdAt: c.string('createdAt'),
    limit: c.number('limit', 'limit', true),
    shard: shard === null ? null : { index: shardIndex!, count: shardCount! },
    preset: c.raw('preset') === null ? null : c.string('preset'),
    budgets: {
      maxTotalQueries: b.number('maxTotalQueries', 'maxTotalQueries', true),
      maxTimeMs: b.number('maxTimeMs', 'maxTime', true),
      maxTokens: b.number('maxTokens', 'maxTokens', true),
      maxCostUsd: b.number('maxCostUsd', 'maxCost', true),
    },
  };
}
