/**
 * @module promptfoo providers Quiver can call: `openai:<model>` and `openai:chat:<model>` (with `config.apiBaseUrl`,
 * `config.baseURL` or `config.apiHost` for OpenAI-compatible servers such as `quiver serve`), and Quiver's own
 * targets (`local:`, `module:`, `hf:`, `task:`). Any other provider is refused, naming it.
 */
import { isRecord, SuiteConfigError, type ProviderSpec } from './types.js';

const QUIVER_TARGET = /^(local|module|hf|task):/;
const BASE_URL_KEYS = ['apiBaseUrl', 'baseURL', 'apiHost'];

function promptFilter(raw: unknown, file: string, where: string): readonly string[] | null {
  if (raw === undefined) return null;
  if (!Array.isArray(raw) || !raw.every((p) => typeof p === 'string'))
    throw new SuiteConfigError(file, `${where}.prompts`, 'must be a list of prompt labels');
  return raw;
}

export function readProvider(raw: unknown, file: string, where: string): ProviderSpec {
  let id: unknown;
  let options: Record<string, unknown> = {};
  if (typeof raw === 'string') id = raw;
  else if (isRecord(raw) && typeof raw.id === 'string') [id, options] = [raw.id, raw];
  else if (isRecord(raw) && Object.keys(raw).length === 1 && isRecord(Object.values(raw)[0]))
    [id, options] = [Object.keys(raw)[0], Object.values(raw)[0] as Record<string, unknown>];
  else
    throw new SuiteConfigError(
      file,
      where,
      'a provider must be an id string, an object with "id", or { "<id>": {options} }',
    );
  const spec = String(id);
  const label = typeof options.label === 'string' ? options.label : spec;
  const prompts = promptFilter(options.prompts, file, where);
  if (QUIVER_TARGET.test(spec)) return { kind: 'quiver', id: spec, label, prompts };
  const m = /^openai:(?:chat:)?([^:]+(?::[^:]+)*)$/.exec(spec);
  if (m === null || /^openai:(completion|embedding|embeddings|assistant|realtime|responses|image):/.test(spec)) {
    throw new SuiteConfigError(
      file,
      `${where}.id`,
      `provider "${spec}" cannot be called by Quiver; use an OpenAI-compatible chat provider (openai:chat:<model> ` +
        `with config.apiBaseUrl) or a Quiver target (local:, module:, hf:, task:)`,
    );
  }
  const config = isRecord(options.config) ? options.config : {};
  const rest = Object.fromEntries(Object.entries(config).filter(([k]) => !BASE_URL_KEYS.includes(k)));
  let baseURL: string | null = null;
  if (typeof config.apiBaseUrl === 'string') baseURL = config.apiBaseUrl;
  else if (typeof config.baseURL === 'string') baseURL = config.baseURL;
  else if (typeof config.apiHost === 'string') baseURL = `https://${config.apiHost}/v1`;
  return { kind: 'openai', id: spec, label, model: m[1]!, baseURL, config: rest, prompts };
}

export function readProviders(raw: unknown, file: string): ProviderSpec[] {
  if (raw === undefined || (Array.isArray(raw) && raw.length === 0))
    throw new SuiteConfigError(
      file,
      'providers',
      'at least one provider is needed (promptfoo refuses a config without one)',
    );
  const list = Array.isArray(raw) ? raw : [raw];
  return list.map((p, i) => readProvider(p, file, `providers[${i}]`));
}
