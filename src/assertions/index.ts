/** @module Output assertions with promptfoo 0.115's semantics, each with a search margin (see README.md). */
export { compileAssertion, type CompiledAssertion, type CompileOptions } from './compile.js';
export { SUPPORTED_TYPES, MODEL_GRADED_TYPES, type SupportedType } from './catalog.js';
export { outputDistance } from './distance.js';
export { sameOutput, normalizeOutput } from './changed.js';
export { testPasses, type WeightedOutcome } from './verdict.js';
export {
  AssertionConfigError,
  UnsupportedAssertionError,
  type AssertionOutcome,
  type AssertionSite,
  type AssertionSpec,
  type EvaluationContext,
  type SearchSignal,
} from './types.js';
