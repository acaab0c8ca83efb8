/**
 * @module Flags that configure a target (endpoint, prompt, answer parsing, rate limits...) and their mapping into the
 * campaign's plain `targetOptions`. Secrets never pass through here: only the name of the variable holding a key.
 */
import type { Command } from 'commander';

export function addTargetFlags(cmd: Command): Command {
  return cmd;
}

export function targetOptionsFromFlags(_flags: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return {};
}
