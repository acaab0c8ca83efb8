/**
 * @module `module:<path>` as a judge: a user's JS/TS module exporting (named, or on its default export)
 *   judge(items: { label, original, perturbed }[]):
 *     Promise<{ verdict: 'valid' | 'questionable' | 'invalid', answer?: string }[]>
 * Every answer is validated; a bad one is an error (the verdict `error`), never read as valid.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError, errorMessage } from '../core/errors.js';
import { judgeVerdicts, type Judge, type JudgeAnswer, type JudgeItem, type JudgeVerdict } from '../core/judge.js';
import { importModule, MODULE_PREFIX } from '../targets/module.js';

/** The module file of a `module:` judge spec, resolved against the working directory; a ConfigError when missing. */
export function judgeModuleFile(spec: string): string {
  const path = spec.slice(MODULE_PREFIX.length);
  if (path.trim() === '') throw new ConfigError(`--judge "${spec}" needs a path, e.g. module:./my-judge.js`);
  const file = resolve(process.cwd(), path);
  if (!statSync(file, { throwIfNoEntry: false })?.isFile()) {
    throw new ConfigError(
      `judge module not found: ${file} (from --judge "${spec}", resolved against ${process.cwd()})`,
    );
  }
  return file;
}

export async function createModuleJudge(spec: string): Promise<Judge> {
  const file = judgeModuleFile(spec);
  const ns = (await importModule(file, 'judge')) as Record<string, unknown>;
  const def = ns.default as Record<string, unknown> | undefined;
  const source = typeof ns.judge === 'function' ? ns : typeof def?.judge === 'function' ? def : undefined;
  if (source === undefined) {
    throw new ConfigError(
      `judge module ${file} must export a function judge(items: {label, original, perturbed}[]): ` +
        `Promise<{verdict: "valid"|"questionable"|"invalid", answer?: string}[]> (as a named export or on its ` +
        `default export)`,
    );
  }
  const where = `judge module ${file}`;
  return {
    id: spec,
    async judge(items: readonly JudgeItem[]): Promise<JudgeAnswer[]> {
      let raw: unknown;
      try {
        raw = await (source.judge as (items: JudgeItem[]) => unknown).call(
          source,
          items.map((i) => ({ ...i })),
        );
      } catch (err) {
        throw new Error(`${where}: judge failed: ${errorMessage(err)}`, { cause: err });
      }
      if (!Array.isArray(raw) || raw.length !== items.length) {
        throw new Error(
          `${where}: judge must return an array of ${items.length} answer(s), ` +
            `got ${Array.isArray(raw) ? raw.length : typeof raw}`,
        );
      }
      return raw.map((a: unknown, i) => checkAnswer(a, `${where}: answer ${i}`));
    },
  };
}

function checkAnswer(a: unknown, where: string): JudgeAnswer {
  const { verdict, answer } = (typeof a === 'object' && a !== null ? a : {}) as { verdict?: unknown; answer?: unknown };
  if (!(judgeVerdicts as readonly unknown[]).includes(verdict)) {
    throw new Error(`${where}: verdict must be one of ${judgeVerdicts.join(', ')}, got ${JSON.stringify(verdict)}`);
  }
  if (answer !== undefined && typeof answer !== 'string')
    throw new Error(`${where}: answer must be a string when given`);
  return { verdict: verdict as JudgeVerdict, ...(answer === undefined ? {} : { answer }) };
}
