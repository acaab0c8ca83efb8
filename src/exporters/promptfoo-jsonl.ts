/** @module promptfoo's JSONL test form: one test object per line (`tests: file://FILE` in a promptfoo config). */
import { promptfooTests } from './promptfoo-tests.js';
import type { Exporter } from './types.js';

export const promptfooJsonlExporter: Exporter = {
  name: 'promptfoo-jsonl',
  description: 'promptfoo JSONL tests (`tests: file://FILE` in a promptfoo config)',
  extension: 'jsonl',
  render(input) {
    return (
      promptfooTests(input)
        .map((t) => JSON.stringify(t))
        .join('\n') + (input.cases.length > 0 ? '\n' : '')
    );
  },
};
