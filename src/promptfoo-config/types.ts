/** @module A test suite read from a promptfoo config (or Quiver's native JSONL form), ready for Quiver to evaluate. */
import { ConfigError } from '../core/errors.js';

/** A config that cannot be used: names the file, where in it (e.g. `tests[3].vars`), and what is wrong. */
export class SuiteConfigError extends ConfigError {
  override readonly code = 'QUIVER_SUITE';
  constructor(
    readonly file: string,
    readonly where: string,
    problem: string,
  ) {
    super(`${file}: ${where}: ${problem}`);
    this.name = 'SuiteConfigError';
  }
}

export interface PromptTemplate {
  /** promptfoo's label (what `providers[].prompts` filters name). */
  readonly label: string;
  readonly template: string;
  /** The file it came from, or the config file for inline prompts. */
  readonly source: string;
}

/** A provider Quiver can call: an OpenAI-compatible chat endpoint, or one of Quiver's own targets. */
export type ProviderSpec =
  | {
      readonly kind: 'openai';
      /** As written, e.g. `openai:chat:quiver-route`. */
      readonly id: string;
      readonly label: string;
      readonly model: string;
      /** The base URL (`config.apiBaseUrl`, `baseURL` or `https://<apiHost>/v1`); null: OpenAI's default. */
      readonly baseURL: string | null;
      /** promptfoo's `config`, minus the base URL keys (temperature, max_tokens, apiKeyEnvar, ...). */
      readonly config: Readonly<Record<string, unknown>>;
      /** Prompt labels this provider runs (`prompts:` in the config); null: all. */
      readonly prompts: readonly string[] | null;
    }
  | {
      readonly kind: 'quiver';
      /** A Quiver target spec, e.g. `local:wink`, `module:./model.mjs` or `task:route`. */
      readonly id: string;
      readonly label: string;
      readonly prompts: readonly string[] | null;
    };

/** One test after `defaultTest` is merged in (promptfoo's rules) and array vars are expanded. */
export interface SuiteTest {
  /** Position in the suite, 0-based, after expansion. */
  readonly index: number;
  /** Where the test is written, for messages: e.g. `tests[3]` or `tests.jsonl:4`. */
  readonly where: string;
  readonly description: string | undefined;
  readonly vars: Readonly<Record<string, unknown>>;
  /** Raw assertions, each with the file and place it is written (`defaultTest.assert[0]`, `tests[3].assert[1]`). */
  readonly assert: readonly { readonly spec: unknown; readonly file: string; readonly where: string }[];
  readonly threshold: number | undefined;
  /** Overrides the suite's providers for this test (`provider:` in the test or defaultTest). */
  readonly provider: ProviderSpec | undefined;
  /** `options.prefix` and `options.suffix`, added around the prompt as promptfoo does. */
  readonly prefix: string;
  readonly suffix: string;
  readonly metadata: Readonly<Record<string, unknown>>;
}

export interface Suite {
  /** The config (or JSONL) file, as given. */
  readonly file: string;
  /** Folder `file://` references are resolved against. */
  readonly baseDir: string;
  readonly description: string | undefined;
  readonly prompts: readonly PromptTemplate[];
  readonly providers: readonly ProviderSpec[];
  readonly tests: readonly SuiteTest[];
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
