/**
 * @module JUnit XML of a campaign's outcomes, one testcase per example: a verified flip is a failure, a robust example
 * passes, an example the model already got wrong is skipped, an example the target failed on is an error.
 */
import type { ResultRecord } from '../contracts/record.js';
import { renderJUnit, type JUnitCase } from './junit-xml.js';
import type { Exporter } from './types.js';

function outcomeCase(r: ResultRecord, classname: string): JUnitCase {
  const name = `${r.id}: ${r.original?.text ?? ''}`;
  const time = r.elapsedMs / 1000;
  switch (r.status) {
    case 'succeeded': {
      const edits = r.edits.map(
        (e) => `${e.family} @${e.position}: ${JSON.stringify(e.from)} -> ${JSON.stringify(e.to)}`,
      );
      // An assertion campaign's flip is a test that fails: name the assertion and show both outputs.
      const failed = r.adversarial?.failed;
      const outputs =
        r.original?.output === undefined
          ? []
          : [`original output:    ${r.original.output}`, `adversarial output: ${r.adversarial?.output ?? ''}`];
      return {
        name,
        classname,
        time,
        outcome: {
          kind: 'failure',
          type: 'adversarial-flip',
          message:
            failed != null
              ? `${r.edits.length} edit(s) make ${failed.type} fail (${failed.where}): ${failed.reason}`
              : `${r.edits.length} edit(s) flip ${r.groundTruth} to ${r.adversarial?.label ?? '?'}`,
          details: [
            `original:    ${r.original?.text ?? ''}`,
            `adversarial: ${r.adversarial?.text ?? ''}`,
            ...outputs,
            ...edits,
          ].join('\n'),
        },
      };
    }
    case 'failed':
      // A flip that did not reproduce is worth a note; "no flip found" on every robust example is not.
      return {
        name,
        classname,
        time,
        outcome: { kind: 'passed' },
        ...(r.adversarial === null || r.reason === undefined
          ? {}
          : { systemOut: `${r.reason}: ${r.adversarial.text}` }),
      };
    case 'skipped':
      return {
        name,
        classname,
        time,
        outcome: {
          kind: 'skipped',
          message:
            r.original?.failed != null
              ? (r.reason ?? 'the test fails on the original output')
              : `the model already answers ${r.original?.label ?? '?'} (expected ${r.groundTruth})`,
        },
      };
    case 'errored':
      return {
        name,
        classname,
        time,
        outcome: { kind: 'error', type: 'target-error', message: r.reason ?? 'the target failed' },
      };
  }
}

export const junitExporter: Exporter = {
  name: 'junit',
  assertionCampaigns: true,
  description: "JUnit XML of the campaign's outcomes (flip = failure, robust = pass, already wrong = skipped)",
  extension: 'xml',
  render({ records, provenance: p }) {
    const classname = `quiver.${p.model}`;
    return renderJUnit(`quiver ${p.campaign}`, [
      {
        name: `${p.model} (${p.campaign})`,
        timestamp: p.date,
        time: records.reduce((s, r) => s + r.elapsedMs, 0) / 1000,
        properties: {
          model: p.model,
          campaign: p.campaign,
          campaignId: p.campaignId,
          seed: String(p.seed),
          datasetSha256: p.dataset.sha256,
          quiverVersion: p.quiverVersion,
        },
        cases: records.map((r) => outcomeCase(r, classname)),
      },
    ]);
  },
};
