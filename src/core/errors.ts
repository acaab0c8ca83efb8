/** @module Error classes with stable codes. Library code throws these; only bin/ turns them into exit codes. */

/** Bad usage, configuration or input: exit code 2. */
export class ConfigError extends Error {
  readonly code: string = 'QUIVER_CONFIG';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ConfigError';
  }
}

/** An input file line that cannot be used: names the file, line and field. */
export class InputError extends ConfigError {
  override readonly code = 'QUIVER_INPUT';
  constructor(
    readonly file: string,
    readonly line: number,
    readonly field: string,
    problem: string,
  ) {
    super(`${file}:${line}: field "${field}": ${problem}`);
    this.name = 'InputError';
  }
}

function plural(noun: string): string {
  return /(?:s|sh|ch|x)$/.test(noun) ? `${noun}es` : `${noun}s`;
}

/** An unknown component name: lists the valid ones. */
export class UnknownComponentError extends ConfigError {
  override readonly code = 'QUIVER_UNKNOWN_COMPONENT';
  constructor(kind: string, name: string, valid: readonly string[]) {
    super(`unknown ${kind} "${name}"; valid ${plural(kind)}: ${valid.join(', ')}`);
    this.name = 'UnknownComponentError';
  }
}

/**
 * A failure that must stop the whole campaign rather than mark one example `errored` (an endpoint that keeps failing,
 * a circuit breaker that opened). The example is not recorded, so a resumed campaign attacks it again.
 */
export class CampaignAbortError extends Error {
  readonly code = 'QUIVER_ABORT';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CampaignAbortError';
  }
}

/**
 * An example ran past its time limit (`--example-timeout`). Caught by the engine, which records the example `failed`
 * with reason `time-limit`; never seen by the campaign.
 */
export class TimeLimitError extends Error {
  readonly code = 'QUIVER_TIME_LIMIT';
  constructor(limitMs: number) {
    super(`example ran past its time limit of ${limitMs} ms`);
    this.name = 'TimeLimitError';
  }
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
