/** @module Every `quiver` command, registered in help order. Each file defines flags only and loads its work lazily. */
import type { Command } from 'commander';
import { registerRun } from './run.js';

export const commands: readonly ((program: Command) => void)[] = [registerRun];
