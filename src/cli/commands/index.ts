/**
 * @module Every `quiver` command, registered in help order. Each file holds one command (options and work); heavy
 * modules load when it runs.
 */
import type { Command } from 'commander';
import { registerCompare } from './compare.js';
import { registerExport } from './export.js';
import { registerMerge } from './merge.js';
import { registerRecipes } from './recipes.js';
import { registerReplay } from './replay.js';
import { registerReport } from './report.js';
import { registerRun } from './run.js';
import { registerServe } from './serve.js';
import { registerStatus } from './status.js';
import { registerVectors } from './vectors.js';

export const commands: readonly ((program: Command) => void)[] = [
  registerRun,
  registerRecipes,
  registerStatus,
  registerMerge,
  registerVectors,
  registerServe,
  registerExport,
  registerReplay,
  registerCompare,
  registerReport,
];
