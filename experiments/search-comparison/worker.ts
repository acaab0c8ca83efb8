/**
 * @module A benchmark worker process: runs the jobs its parent sends, one at a time, and reports each one's
 * metrics.
 */
import { AUDIT, runAudit, runJob, type JobSpec } from './job.js';

process.on('message', (spec: JobSpec) => {
  (spec.method === AUDIT ? runAudit(spec) : runJob(spec)).then(
    (metrics) => process.send!({ ok: true, metrics }),
    (err: unknown) =>
      process.send!({ ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
  );
});

// The parent went away (finished, killed or interrupted): stop too, rather than run on as an orphan.
process.on('disconnect', () => process.exit(0));
