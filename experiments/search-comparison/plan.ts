/**
 * @module The search-comparison benchmark's plan: which datasets and targets (cells), which search methods, and the
 * one perturbation space and constraint set they all share.
 */
import { join } from 'node:path';
import type { AttackConfig, ComponentRef } from '../../src/contracts/campaign.js';
import { loadRecipe } from '../../src/recipes/index.js';
import { packageRoot } from '../../src/version.js';

export interface Cell {
  readonly id: string;
  readonly dataset: string;
  readonly file: string;
  readonly target: string;
  /** For `local:nb`: train on the file, attack only its held-out examples. */
  readonly trainOnFile: boolean;
  /**
   * An `openai:` target: the local model `quiver serve` answers with, in the main process, and the answer mode asked
   * for. Only the methods in `methods` run on such a cell (each query is an HTTP round trip).
   */
  readonly served?: {
    readonly model: string;
    readonly answer: 'logprobs' | 'label' | 'json' | 'aorta';
    readonly methods: readonly string[];
  };
}

export interface Method {
  readonly id: string;
  readonly label: string;
  readonly search: ComponentRef;
  /** Where the search configuration comes from. */
  readonly source: string;
  /**
   * Give the search a surrogate prior trained on the cell's dataset (the file; for naive Bayes cells its held-out
   * split), each example left out of its own prior.
   */
  readonly priorFromExamples?: boolean;
}

export const SEED = 42;
export const MAX_PERTURB_RATIO = 0.25;
/** Quiver's default perturbation space, shared by every method. */
export const PERTURBATIONS: readonly ComponentRef[] = ['typo', 'synonym', 'reorder', 'rare-word'].map((name) => ({
  name,
  options: {},
}));

export function datasetsDir(): string {
  return process.env.QUIVER_DATASETS ?? join(packageRoot, '..', 'shared', 'datasets');
}

export function cells(): Cell[] {
  const d = datasetsDir();
  return [
    {
      id: 'sst2-wink',
      dataset: 'SST-2 dev',
      file: join(d, 'sst2-dev.jsonl'),
      target: 'local:wink',
      trainOnFile: false,
    },
    {
      id: 'sst2-vader',
      dataset: 'SST-2 dev',
      file: join(d, 'sst2-dev.jsonl'),
      target: 'local:vader',
      trainOnFile: false,
    },
    { id: 'mr-wink', dataset: 'MR test', file: join(d, 'mr-test.jsonl'), target: 'local:wink', trainOnFile: false },
    { id: 'mr-vader', dataset: 'MR test', file: join(d, 'mr-test.jsonl'), target: 'local:vader', trainOnFile: false },
    {
      id: 'fp-nb',
      dataset: 'Financial PhraseBank (allagree), held-out split',
      file: join(d, 'financial-phrasebank-allagree.jsonl'),
      target: 'local:nb',
      trainOnFile: true,
    },
    {
      id: 'ag-nb',
      dataset: "AG's News test, held-out split",
      file: join(d, 'ag-news-test.jsonl'),
      target: 'local:nb',
      trainOnFile: true,
    },
    {
      id: 'sst2-openai',
      dataset: 'SST-2 dev',
      file: join(d, 'sst2-dev.jsonl'),
      target: 'openai:afinn',
      trainOnFile: false,
      served: {
        model: 'local:afinn',
        answer: 'logprobs',
        methods: ['abs', 'abs-noprior', 'abs-beam', 'abs-loo', 'pwws', 'textfooler'],
      },
    },
  ];
}

/** The literature's methods take their search settings from the matching recipe in experiments/recipes/. */
export function methods(): Method[] {
  const fromRecipe = (id: string, label: string, recipe: string): Method => ({
    id,
    label,
    search: loadRecipe(recipe).search,
    source: `recipe ${recipe}`,
  });
  return [
    {
      id: 'abs',
      label: 'ABS (Quiver defaults, prior from the dataset)',
      search: { name: 'abs', options: {} },
      source:
        "abs defaults, with `prior` set to the cell's dataset " +
        '(a naive Bayes surrogate, each example left out of its own prior)',
      priorFromExamples: true,
    },
    {
      id: 'abs-noprior',
      label: 'ABS (Quiver defaults, no prior)',
      search: { name: 'abs', options: {} },
      source: 'abs defaults',
    },
    {
      id: 'abs-beam',
      label: 'ABS (Quiver defaults, prior from the dataset, beam of 6)',
      search: { name: 'abs', options: { beamWidth: 6 } },
      source: "abs defaults with the paper's beam width, and the same prior as the default row",
      priorFromExamples: true,
    },
    {
      id: 'abs-loo',
      label: 'ABS (previous defaults: leave-one-out ranking, every typo)',
      search: { name: 'abs', options: { ranking: 'delete', interchangeable: [], beamWidth: 6 } },
      source: 'abs defaults before issue #18',
    },
    fromRecipe('abs-paper-faithful', 'ABS paper-faithful (code as released)', 'abs-xiao-2024'),
    {
      id: 'abs-paper-intent',
      label: 'ABS paper intent (Algorithm 1)',
      search: { name: 'abs', options: { paperIntent: true } },
      source: 'abs paperIntent',
    },
    fromRecipe('pwws', 'PWWS', 'pwws-ren-2019'),
    fromRecipe('textfooler', 'TextFooler-style', 'textfooler-jin-2020'),
    fromRecipe('deepwordbug', 'DeepWordBug-style', 'deepwordbug-gao-2018'),
    {
      id: 'beam',
      label: 'beam (width 8)',
      search: { name: 'beam', options: { beamWidth: 8 } },
      source: 'TextAttack BeamSearch',
    },
    fromRecipe('abfs', 'ABFS', 'abfs-xiao-2025'),
    fromRecipe('genetic', 'genetic (Alzantot)', 'alzantot-2018'),
    fromRecipe('pso', 'PSO (Zang)', 'pso-zang-2020'),
    { id: 'random', label: 'random sampling', search: { name: 'random', options: {} }, source: 'random defaults' },
  ];
}

/** Does `method` run on `cell`? Every method on a local cell; the listed ones on a served cell. */
export function runsOn(cell: Cell, method: Method): boolean {
  return cell.served === undefined || cell.served.methods.includes(method.id);
}

/**
 * `priorFile`: the cell's dataset as JSONL, for methods with `priorFromExamples`; `baseURL`: where the served cell's
 * model answers.
 */
export function attackConfig(
  cell: Cell,
  method: Method,
  cacheDir: string,
  priorFile?: string,
  baseURL?: string,
): AttackConfig {
  const search =
    method.priorFromExamples === true && priorFile !== undefined
      ? { name: method.search.name, options: { ...method.search.options, prior: { train: priorFile } } }
      : method.search;
  return {
    target: cell.target,
    targetOptions: cell.trainOnFile
      ? { train: cell.file, cacheDir }
      : cell.served !== undefined
        ? servedTargetOptions(cell, baseURL)
        : {},
    goal: { name: 'untargeted' },
    search,
    perturbations: PERTURBATIONS,
    maxPerturbRatio: MAX_PERTURB_RATIO,
    protect: [],
    seed: SEED,
    maxQueries: null,
    stabilitySamples: 0,
    verifyRepeats: 1,
  };
}

/**
 * What a user would pick against a chat endpoint: the default prompt of the answer mode (the text last, after
 * `Text:`), the dataset's labels, no response cache (every query reaches the endpoint and is counted in tokens).
 */
function servedTargetOptions(cell: Cell, baseURL: string | undefined): Record<string, unknown> {
  if (baseURL === undefined) throw new Error(`cell ${cell.id}: the served model's base URL is missing`);
  return { baseURL, apiKeyEnv: 'QUIVER_BENCH_API_KEY', labels: ['negative', 'positive'], answer: cell.served!.answer };
}
