/** @module Every `quiver` command, registered in help order. Each file defines flags only and loads its work lazily. */
import type { Command } from 'commander';
import { registerMerge } from './merge.js';
import { registerRun } from './run.js';
import { registerStatus } from './status.js';
import { registerVectors } from './vectors.js';

export const commands: readonly ((program: Command) => void)[] = [registerRun, registerStatus, registerMerge, registerVectors];
