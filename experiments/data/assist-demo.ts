/**
 * @module The assist demo config's location, and each of its tests' output from the in-process bundled task (the text
 * after the prompt's `Text:` marker, as `quiver serve` answers it), for the tests that check the demo.
 */
import { fileURLToPath } from 'node:url';
import { evalCells, localTaskFor, readPromptfooConfig, renderCell } from '../../src/promptfoo-config/index.js';
import { classifiedPart } from '../../src/serve/input.js';

export const DEMO_CONFIG = fileURLToPath(new URL('./assist-demo.yaml', import.meta.url));

/** Each test's output from the in-process task, as `quiver serve` would answer it (text after the `Text:` marker). */
export function demoOutputs(): Map<string, string> {
  const suite = readPromptfooConfig(DEMO_CONFIG);
  const outputs = new Map<string, string>();
  for (const cell of evalCells(suite)) {
    const task = localTaskFor(cell.provider);
    if (task === undefined) throw new Error(`${cell.test.where}: provider ${cell.provider.id} is not a bundled task`);
    outputs.set(cell.test.description!, task.answer(classifiedPart(renderCell(cell), 'Text:')));
  }
  return outputs;
}
