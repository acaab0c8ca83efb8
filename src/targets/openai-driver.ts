/**
 * @module The `openai:<model>` driver: a chat model behind an OpenAI-compatible endpoint. Its workers share one
 * limiter (concurrency, rate caps, circuit breaker), prepared in the main thread; its labels are an option; it keeps
 * enough examples in flight to use the endpoint's allowed concurrency; its status line reads the limiter.
 */
import { defineTargetDriver } from './driver.js';
import { openAILabels, resolveOpenAIOptions } from './openai/options.js';

export const openAIDriver = defineTargetDriver({
  sharedKind: 'openai-limiter',
  // Main thread, before any worker starts, so a missing key fails the campaign up front (exit 2).
  prepareShared: async (spec, options) => (await import('./openai/target.js')).prepareOpenAIShared(spec, options),
  create: async (spec, options, shared) =>
    (await import('./openai/target.js')).createOpenAITarget(spec, options, shared),
  labels: openAILabels,
  inFlight: { kind: 'endpoint', concurrency: (options) => resolveOpenAIOptions(options).concurrency },
  statusLine: async (shared) => (await import('./openai/status-line.js')).limiterStatusLine(shared),
});
