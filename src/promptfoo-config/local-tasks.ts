/**
 * @module Which providers Quiver answers in-process with a bundled task instead of calling an endpoint: a Quiver
 * `task:<name>` target, and an OpenAI-compatible provider for model `quiver-<name>` whose base URL is on the loopback
 * interface (a local `quiver serve --model task:all`, e.g. http://127.0.0.1:4917/v1 in the demo config). The served
 * and the in-process answers are the same function of the same text, so the port does not matter and no server
 * needs to run for `quiver run`.
 */
import { taskForModel, taskNamed, type BundledTask } from '../tasks/index.js';
import type { ProviderSpec } from './types.js';

const LOOPBACK = /^https?:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?(\/|$)/i;

export function localTaskFor(provider: ProviderSpec): BundledTask | undefined {
  if (provider.kind === 'quiver')
    return provider.id.startsWith('task:') ? taskNamed(provider.id.slice('task:'.length)) : undefined;
  if (provider.baseURL === null || !LOOPBACK.test(provider.baseURL)) return undefined;
  return taskForModel(provider.model);
}
