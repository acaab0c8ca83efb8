/**
 * @module `quiver run`: its flags and help, and the command itself (flags -> a RunRequest -> runCampaign or the dry-run
 * estimate, with terminal reporting). The heavy modules load only when the command runs, so `quiver --help` stays fast.
 */
import { Option, type Command } from 'commander';
import { collect, collectComponent, parseFraction, parseInteger, parseJsonObject, parseList, parsePositive } from '../../options/parsers.js';
import { DEFAULT_EXAMPLE_TIMEOUT_MS, DEFAULT_MAX_CHARS, DEFAULT_MAX_WORDS, DEFAULT_STOP_TIMEOUT_MS } from '../../contracts/campaign.js';
import { parseDuration } from '../../options/duration.js';
import { addJudgeFlags } from '../../options/judge.js';
import { addTargetFlags } from '../../options/target.js';
import type { RunFlags } from '../../campaign/run-request.js';

export function registerRun(program: Command): void {
  const cmd = program
    .command('run')
    .description('run a robustness campaign (with no options: the bundled demo reviews against local:wink)')
    .option('--target <spec>', 'model under test: local:wink, local:afinn, local:vader, local:nb (with --train), openai:<model>, module:<path>', 'local:wink')
    .option('--preset <name>', 'smoke, nightly or release: sample size, search depth, query budget, verification')
    .option('--dataset <file>', 'dataset: JSONL ({"id"?, "text", "label"} per line), CSV or TSV with a header (default: bundled demo reviews)')
    .option('--format <name>', 'jsonl, csv or tsv (default: from the file extension)')
    .option('--text-field <name>', 'field or column holding the text', 'text')
    .option('--label-field <name>', 'field or column holding the label', 'label')
    .option('--id-field <name>', 'field or column holding the id; a line without it gets its line number', 'id')
    .option('--label-map <pairs>', 'map dataset label values to the target\'s labels, e.g. 0=negative,1=positive')
    .option('--skip-invalid', 'skip invalid dataset lines (counted in the summary) instead of stopping')
    .option('--max-words <n>', 'refuse dataset texts longer than N words (or skip them with --skip-invalid)', parseInteger('--max-words', 1), DEFAULT_MAX_WORDS)
    .option('--max-chars <n>', 'refuse dataset texts longer than N characters (or skip them with --skip-invalid)', parseInteger('--max-chars', 1), DEFAULT_MAX_CHARS)
    .option('--example-timeout <duration>', 'record an example still running after this long as failed (time-limit); 0: no limit', parseDuration('--example-timeout'), DEFAULT_EXAMPLE_TIMEOUT_MS)
    .option('--recipe <name>', 'a published attack recipe (search + perturbations + constraints); see quiver recipes')
    .option('--search <name>', 'search method: abs, greedy-wir, beam, abfs, genetic, pso, random', 'abs')
    .option('--ranking <name>', 'word-importance ranking for WIR searches: weighted-saliency, unk, delete, random')
    .option('--perturb <list>', 'comma-separated perturbation families', parseList, ['typo', 'synonym', 'reorder', 'rare-word'])
    .option('--perturb-options <json>', 'options per family, e.g. \'{"typo":{"preset":"textbugger"},"synonym":{"minCosine":0.5}}\'', parseJsonObject('--perturb-options'))
    .option('--constraint <name[=json]>', 'add an opt-in constraint: protect, char-budget, embedding-cosine, or tune the default typo-density (repeatable)', collectComponent('--constraint'), [])
    .option('--no-pos-consistency', 'do not require synonym and rare-word replacements to keep their part of speech (on by default)')
    .addOption(new Option('--scope <part>', 'what may be perturbed with a prompt template (openai: targets): example, prompt or both').choices(['example', 'prompt', 'both']))
    .option('--seed <n>', 'campaign seed: all randomness flows from it', parseInteger('--seed', 0), 42)
    .option('--workers <n>', 'worker threads (default: available cores; at most 2 x cores without --allow-many-workers)', parseInteger('--workers', 1))
    .option('--allow-many-workers', 'allow --workers above 2 x cores (each worker costs 200-320 MB)')
    .option('--limit <n>', 'attack only the first N examples', parseInteger('--limit', 1))
    .option('--shard <i/n>', 'attack only shard i of n (a stable hash of the example id); combine with quiver merge')
    .option('--max-queries <n>', 'texts sent to the target per example (default: unlimited)', parseInteger('--max-queries', 1))
    .option('--max-perturb-ratio <x>', 'largest share of words an adversarial example may change', parseFraction('--max-perturb-ratio'), 0.25)
    .option('--protect <regex>', 'never edit words overlapping this regular expression (repeatable)', collect, [])
    .option('--target-label <label>', 'targeted attack: succeed only when the model predicts this label')
    .option('--stability-samples <n>', 'random perturbations per example for the stability score', parseInteger('--stability-samples', 0), 20)
    .option('--verify <k>', 're-query each flip K times; it counts only if it holds every time', parseInteger('--verify', 1), 1)
    .option('--stop-timeout <duration>', 'after a first Ctrl-C or SIGTERM, how long examples in flight may take before they are abandoned (attacked again on resume)', parseDuration('--stop-timeout'), DEFAULT_STOP_TIMEOUT_MS)
    .option('--max-total-queries <n>', 'stop the campaign once this many texts were sent to the target (search, stability samples and verification)', parseInteger('--max-total-queries', 1))
    .option('--max-time <duration>', 'stop starting examples after this long (90s, 30m, 8h)', parseDuration('--max-time'))
    .option('--max-tokens <n>', 'stop once the endpoint used this many tokens', parseInteger('--max-tokens', 1))
    .option('--max-cost <usd>', 'stop once the endpoint cost this many US dollars', parsePositive('--max-cost'))
    .option('--out <dir>', 'campaign folder (default: runs/<timestamp>-<target>); the same command on the same folder resumes')
    .option('--resume <dir>', 'continue the campaign in DIR with the configuration in its campaign.json')
    .option('--force', 'start over in --out; an existing campaign there is moved aside, never deleted')
    .option('--retry-errored', 'when resuming, attack again the examples that errored (e.g. once a failing endpoint works)')
    .option('--dry-run', 'attack a small pilot and estimate queries, tokens, cost and time for the whole campaign')
    .option('--pilot <n>', 'pilot size for --dry-run', parseInteger('--pilot', 2), 12)
    .addOption(new Option('--json', 'print summary.json to stdout instead of the table'));
  addJudgeFlags(addTargetFlags(cmd)).action(async (flags: Record<string, unknown>) => {
    // Which flags the user typed (not defaults): a recipe may not be contradicted silently.
    const explicit = new Set(Object.keys(flags).filter((k) => cmd.getOptionValueSource(k) === 'cli'));
    await runCommand(flags as never, explicit);
  });
}

async function runCommand(flags: RunFlags, explicit: ReadonlySet<string>): Promise<void> {
  const { runRequest } = await import('../../campaign/run-request.js');
  const request = runRequest(flags, explicit);
  if (flags.dryRun) {
    const { estimateCampaign, renderEstimate } = await import('../../campaign/estimate.js');
    const estimate = await estimateCampaign(request, flags.pilot);
    process.stdout.write(flags.json ? JSON.stringify(estimate, null, 2) + '\n' : renderEstimate(estimate));
    return;
  }
  const { runCampaign } = await import('../../campaign/run.js');
  const { fanOut } = await import('../../progress/reporter.js');
  const { progressReporter } = await import('../../progress/progress.js');
  const { renderSummaryTable } = await import('../../progress/summary-table.js');
  const outcome = await runCampaign(request, fanOut([progressReporter()]));
  if (flags.json) process.stdout.write(JSON.stringify(outcome.summary, null, 2) + '\n');
  else process.stdout.write(renderSummaryTable(outcome.summary, outcome.outDir));
  if (outcome.stopKind === 'interrupted') process.exitCode = 130;
  if (outcome.stopKind === 'aborted') {
    process.stderr.write(`quiver: stopped: ${outcome.stopReason}\nquiver: resume with: quiver run --resume ${outcome.outDir}\n`);
    process.exitCode = 3;
  }
}
