/**
 * @module Prompt + example inputs (the AORTA framing: LLM software takes both). The example is placed into the prompt
 * template, and every word of the result is marked as belonging to the prompt or to the example, so a campaign can
 * perturb either part or both and report each part's perturbation rate.
 */
import type { AttackText, Edit } from '../core/attack-text.js';
import type { RenderedInput } from '../core/prompt-template.js';

export type InputPart = 'prompt' | 'example';
export type InputScope = 'example' | 'prompt' | 'both';

/** The part of each original word (by id), from its character offset. */
export function wordParts(original: AttackText, rendered: RenderedInput): InputPart[] {
  const parts: InputPart[] = [];
  let offset = 0;
  for (let k = 0; k < original.words.length; k++) {
    offset += original.seps[k]!.length;
    parts.push(offset >= rendered.exampleStart && offset < rendered.exampleEnd ? 'example' : 'prompt');
    offset += original.words[k]!.length;
  }
  return parts;
}

export function allowsPart(scope: InputScope, part: InputPart): boolean {
  return scope === 'both' || scope === part;
}

/** Edits annotated with the part they touched; an insert belongs to the part of the word it precedes. */
export function editsWithParts(edits: readonly Edit[], parts: readonly InputPart[]): (Edit & { part: InputPart })[] {
  return edits.map((e) => ({ ...e, part: parts[e.position] ?? parts[parts.length - 1] ?? 'example' }));
}

/** Perturbed-word ratio per part: edit costs of that part over its word count. */
export function ratiosByPart(text: AttackText, parts: readonly InputPart[]): Record<InputPart, number> {
  const words = { prompt: 0, example: 0 };
  for (const p of parts) words[p]++;
  const cost = { prompt: 0, example: 0 };
  for (const a of text.applied) cost[parts[a.edit.position] ?? 'example'] += a.cost;
  return {
    prompt: words.prompt === 0 ? 0 : cost.prompt / words.prompt,
    example: words.example === 0 ? 0 : cost.example / words.example,
  };
}
