/** @module promptfoo's CSV test form: vars as columns, `__expected` assertions, `__metadata:<key>` provenance. */
import { promptfooTests } from './promptfoo-tests.js';
import { csvText } from './text-formats.js';
import type { Exporter } from './types.js';

const META = [
  'quiverKind',
  'exampleId',
  'recordedLabel',
  'families',
  'edits',
  'flipDistance',
  'stability',
  'model',
  'campaign',
  'campaignId',
  'seed',
  'date',
  'datasetSha256',
] as const;

export const promptfooCsvExporter: Exporter = {
  name: 'promptfoo-csv',
  description: 'promptfoo CSV tests (`tests: file://FILE` in a promptfoo config)',
  extension: 'csv',
  render(input) {
    const header = [
      'text',
      'original',
      'expected',
      '__expected',
      '__description',
      '__metric',
      ...META.map((k) => `__metadata:${k}`),
    ];
    const rows = promptfooTests(input).map((t) => {
      const meta = META.map((k) => {
        const v = t.metadata[k];
        // promptfoo reads every CSV cell as a string; structured values travel as JSON.
        return v === null || v === undefined ? null : typeof v === 'object' ? JSON.stringify(v) : v;
      });
      return [
        t.vars.text,
        t.vars.original,
        t.vars.expected,
        `equals:${t.assert[0]!.value}`,
        t.description,
        t.assert[0]!.metric,
        ...meta,
      ];
    });
    return csvText([header, ...rows]);
  },
};
