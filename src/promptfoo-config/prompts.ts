/**
 * @module promptfoo prompts Quiver renders: inline strings, `{ raw, label }` objects, and `file://` text files
 * (.txt, .md, .j2; several prompts split at `---` lines and trimmed, as promptfoo reads them). Chat-format (.json,
 * .yaml), script (.js, .py) and glob prompts are refused, naming the prompt.
 */
import { readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { isRecord, SuiteConfigError, type PromptTemplate } from './types.js';

const TEXT_EXTENSIONS = new Set(['.txt', '.md', '.j2', '.prompt', '']);

function fromFile(
  ref: string,
  label: string | undefined,
  file: string,
  baseDir: string,
  where: string,
): PromptTemplate[] {
  const rel = ref.slice('file://'.length);
  if (/[*?[]/.test(rel))
    throw new SuiteConfigError(file, where, `glob prompts (${ref}) are not supported; list the files`);
  const path = resolve(baseDir, rel);
  const ext = extname(path).toLowerCase();
  if (!TEXT_EXTENSIONS.has(ext))
    throw new SuiteConfigError(
      file,
      where,
      `${ref}: only text prompt files (.txt, .md, .j2) are supported; chat-format and script prompts are not`,
    );
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new SuiteConfigError(file, where, `cannot read ${path}: ${(err as Error).message}`);
  }
  const prompts: PromptTemplate[] = [];
  let buffer: string[] = [];
  const flush = () => {
    const raw = buffer.join('\n').trim();
    if (raw.length > 0) prompts.push({ label: label ?? `${rel}: ${raw}`, template: raw, source: path });
    buffer = [];
  };
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '---') flush();
    else buffer.push(line);
  }
  flush();
  if (prompts.length === 0) throw new SuiteConfigError(file, where, `${ref} holds no prompt`);
  return prompts;
}

function readOne(raw: unknown, file: string, baseDir: string, where: string): PromptTemplate[] {
  if (typeof raw === 'string')
    return raw.startsWith('file://')
      ? fromFile(raw, undefined, file, baseDir, where)
      : [{ label: raw, template: raw, source: file }];
  if (isRecord(raw)) {
    const label = typeof raw.label === 'string' ? raw.label : undefined;
    if (typeof raw.raw === 'string') return [{ label: label ?? raw.raw, template: raw.raw, source: file }];
    if (typeof raw.id === 'string')
      return raw.id.startsWith('file://')
        ? fromFile(raw.id, label, file, baseDir, where)
        : [{ label: label ?? raw.id, template: raw.id, source: file }];
  }
  throw new SuiteConfigError(file, where, 'a prompt must be a string, "file://prompt.txt", or { raw | id, label }');
}

export function readPrompts(raw: unknown, file: string, baseDir: string): PromptTemplate[] {
  if (raw === undefined)
    throw new SuiteConfigError(
      file,
      'prompts',
      'at least one prompt is needed (promptfoo refuses a config without one)',
    );
  let entries: [unknown, string][];
  if (Array.isArray(raw)) entries = raw.map((p, i) => [p, `prompts[${i}]`]);
  else if (typeof raw === 'string') entries = [[raw, 'prompts']];
  // The map form: { "file://a.txt": "label a" }.
  else if (isRecord(raw)) entries = Object.entries(raw).map(([id, label]) => [{ id, label }, `prompts["${id}"]`]);
  else throw new SuiteConfigError(file, 'prompts', 'must be a list of prompts');
  const prompts = entries.flatMap(([p, where]) => readOne(p, file, baseDir, where));
  if (prompts.length === 0) throw new SuiteConfigError(file, 'prompts', 'at least one prompt is needed');
  return prompts;
}
