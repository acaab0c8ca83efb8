/**
 * @module A complete promptfoo config (`promptfoo eval -c suite.yaml`): the prompt is the case's input as is, the
 * provider an OpenAI-compatible endpoint (for instance `quiver serve`), one test per case.
 */
import { renderAssertionSuite } from './promptfoo-assertions.js';
import { PROMPT_VAR, promptfooTests } from './promptfoo-tests.js';
import type { Exporter, ExportInput } from './types.js';
import { toYaml, type YamlValue } from './yaml.js';

/**
 * The provider entry: the given id, or an OpenAI-compatible chat provider named after the campaign's model. A
 * campaign against an `openai:<model>` endpoint keeps its model, base URL and key variable (never a key).
 */
export function promptfooProvider(input: ExportInput): YamlValue {
  const { options, provenance: p } = input;
  const t = p.targetOptions;
  const endpoint = p.model.startsWith('openai:') ? p.model.slice('openai:'.length) : undefined;
  const model = endpoint ?? p.model;
  const baseUrl =
    options.apiBaseUrl ?? (endpoint !== undefined && typeof t.baseURL === 'string' ? t.baseURL : undefined);
  const keyEnv = endpoint !== undefined && typeof t.apiKeyEnv === 'string' ? t.apiKeyEnv : undefined;
  return {
    id: options.provider ?? `openai:chat:${model}`,
    label: p.model,
    config: {
      ...(baseUrl === undefined ? {} : { apiBaseUrl: baseUrl }),
      // A local `quiver serve` needs no key; an endpoint campaign names the variable its key was read from.
      ...(keyEnv === undefined ? { apiKeyRequired: false } : { apiKeyEnvar: keyEnv }),
      temperature: 0,
    },
  };
}

export const promptfooExporter: Exporter = {
  name: 'promptfoo',
  assertionCampaigns: true,
  description: 'promptfoo config (YAML): `promptfoo eval -c FILE` against an OpenAI-compatible endpoint',
  extension: 'yaml',
  render(input) {
    // An assertion campaign exports its own tests, with their prompts, providers and assertions.
    if (input.suite !== undefined) return renderAssertionSuite(input);
    const p = input.provenance;
    const tests = promptfooTests(input);
    const adversarial = input.cases.filter((c) => c.kind === 'adversarial').length;
    const doc: YamlValue = {
      description: `Quiver regression suite: ${p.model}, campaign ${p.campaign} (seed ${p.seed})`,
      prompts: [`{{${PROMPT_VAR}}}`],
      providers: [promptfooProvider(input)],
      defaultTest: { options: { transform: 'output.trim()' } },
      tests,
    };
    const comment = [
      `Quiver regression suite for promptfoo, exported from campaign ${p.campaign} (${p.campaignId}).`,
      `Model ${p.model}, seed ${p.seed}, campaign started ${p.date}, dataset sha256 ${p.dataset.sha256}.`,
      `${adversarial} adversarial cases (metric "adversarial": inputs the model got wrong; they fail until it is ` +
        `fixed)`,
      `and ${input.cases.length - adversarial} controls (metric "control": originals it got right; they should pass).`,
      'Run: promptfoo eval -c <this file>   (set providers[0].config.apiBaseUrl or OPENAI_BASE_URL to your endpoint).',
      'The prompt is the case text as is; for a chat model behind a prompt template, edit `prompts` to match it.',
    ];
    return toYaml(doc, comment);
  },
};
