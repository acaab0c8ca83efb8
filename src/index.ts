/**
 * @module The package API of `quiver-robustness` (what `import ... from 'quiver-robustness'` gives): run campaigns,
 * attack single texts, read campaign folders, export them, and the interfaces to plug in your own components. The
 * test-runner assertions are in `quiver-robustness/testing` (src/api/testing.ts).
 */

// Running.
export {
  runCampaign,
  type AttackOptions,
  type CampaignOptions,
  type ComponentChoice,
  type ComponentSpec,
  type DatasetFile,
  type RunOutcome,
} from './api/campaign.js';
export type { ExampleInput } from './api/examples-file.js';
export { attackExample, type AttackExampleOptions } from './api/attack.js';
export type { CampaignStart, Progress, Reporter } from './progress/reporter.js';
export { perturbationNames, type PerturbationName } from '../perturbations/index.js';
export { searchNames, type SearchName } from './search/index.js';
export { quiverVersion } from './version.js';

// Reading and exporting campaigns.
export { loadCampaign, type CampaignData } from './storage/campaign-data.js';
export { exportCampaign } from './api/export.js';
export {
  exportFormats,
  exporters,
  getExporter,
  type Exporter,
  type ExportInput,
  type ExportOptions,
  type Provenance,
  type SuiteCase,
} from './exporters/index.js';
export type { Summary } from './metrics/summary.js';
export type {
  Example,
  PredictionRecord,
  RecordedEdit,
  ResultRecord,
  ResultStatus,
  Validity,
  Verification,
} from './contracts/record.js';
export type { AttackConfig, Budgets, CampaignConfig, ComponentRef, GoalSpec, Shard } from './contracts/campaign.js';

// Components: implement these to plug in your own.
export { predictionFrom, type PredictOptions, type Prediction, type Target, type Usage } from './core/target.js';
export type { Perturbation, PerturbContext } from './core/perturbation.js';
export type { AnchorMode, Constraint, ConstraintContext } from './core/constraint.js';
export type { Evaluated, SearchContext, SearchMethod } from './core/search.js';
export type { Goal } from './core/goal.js';
export type { TextAnalysis, WordInfo } from './core/analysis.js';
export type { Rng } from './core/rng.js';
export { AttackText, type AppliedEdit, type Edit, type EditOp } from './core/attack-text.js';

// Errors: a ConfigError (and its InputError, UnknownComponentError) is bad input, named by file, line or field.
export { ConfigError, InputError, UnknownComponentError } from './core/errors.js';
