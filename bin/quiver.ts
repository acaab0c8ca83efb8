#!/usr/bin/env node
/**
 * @module The `quiver` command line. Commands load their implementation lazily so `quiver --help` stays fast; this is
 * the only place that decides exit codes (2 for usage and input errors, 1 for anything unexpected).
 */
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../src/core/errors.js';
import { StorageError } from '../src/storage/errors.js';
import { commands } from '../src/cli/commands/index.js';
import { quiverVersion } from '../src/version.js';

const program = new Command('quiver')
  .description('Robustness search for NLP and LLM software: finds minimal perturbations that flip a model’s output.')
  .version(quiverVersion, '-V, --version', "print Quiver's version")
  .exitOverride()
  .showHelpAfterError('(run quiver <command> --help for usage)');

for (const register of commands) register(program);

// `quiver recipes | head`: a reader that stops early is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

try {
  await program.parseAsync(process.argv);
} catch (err) {
  process.exitCode = exitCodeFor(err);
}

function exitCodeFor(err: unknown): number {
  if (err instanceof CommanderError) {
    // Commander has already printed its message; help and version are not failures.
    return err.exitCode === 0 ? 0 : 2;
  }
  if (err instanceof StorageError) {
    process.stderr.write(
      `quiver: error: ${err.message}; fix the disk, then continue with quiver run --resume <its folder>\n`,
    );
    return 1;
  }
  if (err instanceof ConfigError) {
    process.stderr.write(`quiver: error: ${err.message}\n`);
    return 2;
  }
  process.stderr.write(
    `quiver: unexpected ` +
      `error: ${err instanceof Error ? (process.env.QUIVER_DEBUG ? err.stack : err.message) : String(err)}\n`,
  );
  return 1;
}
