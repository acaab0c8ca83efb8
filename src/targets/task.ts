/**
 * @module `task:<name>`: a bundled rule-based task (src/tasks/: extract, route, policy) as an in-process text target.
 * It answers what `quiver serve --model task:<name>` answers for the same message: the task applied to the text after
 * the input marker (`Text:`, option `marker`), so a campaign needs no server and agrees with promptfoo run against one;
 * asked for token logprobs, it returns the ones the server sends.
 */
import { ConfigError } from '../core/errors.js';
import { INPUT_MARKER, textAfterMarker } from '../core/prompt-template.js';
import { textPrediction, type Target } from '../core/target.js';
import { BUNDLED_TASKS, taskNamed } from '../tasks/index.js';
import { TASK_PREFIX } from './local-drivers.js';

export interface TaskOptions {
  /** The text after its first occurrence is the task's input (the whole text when absent). */
  readonly marker: string;
}

export function resolveTaskOptions(raw: Readonly<Record<string, unknown>>): TaskOptions {
  for (const key of Object.keys(raw))
    if (key !== 'marker')
      throw new ConfigError(`task target: unknown option "${key}" (task targets take only "marker")`);
  if (raw.marker !== undefined && typeof raw.marker !== 'string')
    throw new ConfigError(`task target: "marker" must be a string, got ${JSON.stringify(raw.marker)}`);
  return { marker: raw.marker ?? INPUT_MARKER };
}

/** The task a `task:<name>` spec names; a ConfigError lists the valid names. */
export function taskOfSpec(spec: string): NonNullable<ReturnType<typeof taskNamed>> {
  const task = taskNamed(spec.slice(TASK_PREFIX.length));
  if (task === undefined)
    throw new ConfigError(
      `target "${spec}": no such task; valid: ${BUNDLED_TASKS.map((t) => `${TASK_PREFIX}${t.name}`).join(', ')}`,
    );
  return task;
}

export function createTaskTarget(spec: string, raw: Readonly<Record<string, unknown>>): Target {
  const task = taskOfSpec(spec);
  const { marker } = resolveTaskOptions(raw);
  return {
    id: spec,
    labels: [],
    // Asked for logprobs, it gives what `quiver serve` gives for the same message (src/tasks/answer-tokens.ts).
    predict: async (texts, options) =>
      texts.map((t) => {
        const input = textAfterMarker(t, marker);
        const output = task.answer(input);
        if (options?.tokenLogprobs !== true) return textPrediction(output);
        const tokenLogprobs = task.answerTokens(input).map(({ token, logprob }) => ({ token, logprob }));
        return { ...textPrediction(output), tokenLogprobs };
      }),
  };
}
