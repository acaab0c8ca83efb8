/**
 * @module Reads and checks a Hugging Face model folder (as Optimum and transformers.js export it): `config.json` with
 * `id2label`, `tokenizer.json` (plus `tokenizer_config.json` when present), and `onnx/model.onnx` or `model.onnx`.
 * Every problem is a ConfigError naming the file and what is missing, so a campaign stops (exit 2) before it writes
 * anything.
 */
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError, errorMessage } from '../../core/errors.js';

export interface HfFolder {
  readonly dir: string;
  /** Labels in id order (id2label[0], id2label[1], …). */
  readonly labels: readonly string[];
  readonly tokenizerJson: Readonly<Record<string, unknown>>;
  readonly tokenizerConfig: Readonly<Record<string, unknown>>;
  readonly modelFile: string;
  /**
   * Longest token sequence the model takes (tokenizer_config model_max_length, else max_position_embeddings, else 512).
   */
  readonly maxLength: number;
}

const MODEL_FILES = ['onnx/model.onnx', 'model.onnx'];

const isFile = (p: string): boolean => statSync(p, { throwIfNoEntry: false })?.isFile() === true;

function readJson(file: string, what: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const missing = (err as { code?: unknown }).code === 'ENOENT';
    throw new ConfigError(`${file}: ${missing ? `missing (${what})` : `cannot read it (${errorMessage(err)})`}`, {
      cause: err,
    });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`${file}: not valid JSON (${errorMessage(err)})`, { cause: err });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new ConfigError(`${file}: must be a JSON object`);
  return value as Record<string, unknown>;
}

/** id2label as a label list in id order; ids must be 0 … n-1, labels distinct non-empty strings, at least two. */
export function labelsFromConfig(config: Readonly<Record<string, unknown>>, file: string): readonly string[] {
  const raw = config.id2label;
  const fix = 'a classifier export has "id2label": {"0": "negative", "1": "positive"}';
  if (raw === undefined) throw new ConfigError(`${file}: no "id2label" (the model's label names; ${fix})`);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new ConfigError(`${file}: "id2label" must be an object of id -> label (${fix})`);
  const entries = Object.entries(raw as Record<string, unknown>);
  const labels: string[] = [];
  for (const [id, label] of entries) {
    const k = Number(id);
    if (!Number.isInteger(k) || k < 0 || k >= entries.length || String(k) !== id.trim()) {
      throw new ConfigError(`${file}: "id2label" ids must be 0 … ${entries.length - 1}, got "${id}"`);
    }
    if (typeof label !== 'string' || label === '')
      throw new ConfigError(`${file}: "id2label"["${id}"] must be a non-empty string`);
    labels[k] = label;
  }
  if (labels.length < 2) throw new ConfigError(`${file}: "id2label" needs at least 2 labels, got ${labels.length}`);
  if (new Set(labels).size !== labels.length)
    throw new ConfigError(`${file}: "id2label" has duplicate labels (${labels.join(', ')})`);
  return Object.freeze(labels);
}

export function readHfFolder(spec: string, dirArg: string): HfFolder {
  if (dirArg.trim() === '')
    throw new ConfigError(`target "${spec}" needs a model folder, e.g. hf:./distilbert-sst2-onnx/`);
  const dir = resolve(process.cwd(), dirArg);
  if (statSync(dir, { throwIfNoEntry: false })?.isDirectory() !== true) {
    throw new ConfigError(`model folder not found: ${dir} (from "${spec}", resolved against ${process.cwd()})`);
  }
  const configFile = join(dir, 'config.json');
  const config = readJson(configFile, 'a Hugging Face model folder needs config.json with "id2label"');
  const labels = labelsFromConfig(config, configFile);
  const tokenizerFile = join(dir, 'tokenizer.json');
  const tokenizerJson = readJson(
    tokenizerFile,
    'the fast tokenizer; export it with the model, e.g. optimum-cli export onnx … or tokenizer.save_pretrained()',
  );
  if (typeof tokenizerJson.model !== 'object' || tokenizerJson.model === null) {
    throw new ConfigError(`${tokenizerFile}: no "model" section (not a Hugging Face tokenizers file)`);
  }
  const tokenizerConfigFile = join(dir, 'tokenizer_config.json');
  const tokenizerConfig = isFile(tokenizerConfigFile) ? readJson(tokenizerConfigFile, '') : {};
  const modelFile = MODEL_FILES.map((f) => join(dir, f)).find(isFile);
  if (modelFile === undefined) throw new ConfigError(`${dir}: no ONNX model (looked for ${MODEL_FILES.join(' and ')})`);
  const limit = (v: unknown): number | undefined =>
    typeof v === 'number' && Number.isInteger(v) && v > 0 && v <= 1_000_000 ? v : undefined;
  const maxLength = limit(tokenizerConfig.model_max_length) ?? limit(config.max_position_embeddings) ?? 512;
  return { dir, labels, tokenizerJson, tokenizerConfig, modelFile, maxLength };
}
