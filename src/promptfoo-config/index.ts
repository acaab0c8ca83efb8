/** @module promptfoo configs and Quiver's native JSONL tests, read into suites of tests with checked assertions. */
export { readPromptfooConfig, compileSuiteAssertions } from './read-config.js';
export { readNativeSuite } from './native-jsonl.js';
export { evalCells, renderCell, type EvalCell } from './cells.js';
export { localTaskFor } from './local-tasks.js';
export { SuiteConfigError, type Suite, type SuiteTest, type PromptTemplate, type ProviderSpec } from './types.js';
