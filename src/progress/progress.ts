/**
 * @module Progress on stderr: a redrawn bar with counts and ETA on a terminal, plain lines at most every few seconds
 * otherwise (logs, nohup, CI), so a long campaign never looks like a hang and never floods a log. A heartbeat
 * prints the line even while no example finishes (a throttled endpoint), with what the workers wait on.
 */
import type { Budgets } from '../contracts/campaign.js';
import type { Progress, Reporter } from './reporter.js';

export interface ProgressOptions {
  readonly stream: NodeJS.WriteStream | { write(s: string): boolean; isTTY?: boolean; columns?: number };
  /** Without a terminal: a line at most this often when examples finish, and at least this often when none do. */
  readonly plainIntervalMs: number;
  /** On a terminal: the bar is redrawn at least this often (elapsed time and what the workers wait on move on). */
  readonly redrawIntervalMs: number;
}

/** Examples finished after the first one of this run before an ETA is shown: a rate needs a few to mean anything. */
const ETA_MIN_EXAMPLES = 5;

export function progressReporter(options: Partial<ProgressOptions> = {}): Reporter {
  const stream = options.stream ?? process.stderr;
  const tty = stream.isTTY === true;
  const plainIntervalMs = options.plainIntervalMs ?? 5000;
  const redrawIntervalMs = options.redrawIntervalMs ?? 1000;
  let lastDraw = 0;
  let budgets: Budgets | undefined;
  let waitingOn: (() => string | null) | undefined;
  let started = 0;
  let latest: Progress | undefined;
  let heartbeat: NodeJS.Timeout | undefined;
  const rate = new RateMeter();
  /** What the screen or log shows last: the end draws again unless it already shows the final counts. */
  let shown: { done: number; final: boolean } = { done: -1, final: false };

  const draw = (p: Progress, last: boolean) => {
    lastDraw = Date.now();
    shown = { done: p.done, final: last };
    const eta = rate.eta(p);
    if (tty)
      stream.write(`\r${fitLine(p, stream.columns ?? 80, budgets, waitingOn?.(), eta)}\x1b[K${last ? '\n' : ''}`);
    else stream.write(`${line(p, budgets, waitingOn?.(), eta)}\n`);
  };

  return {
    onStart(info) {
      budgets = info.budgets;
      waitingOn = info.waitingOn;
      started = Date.now();
      lastDraw = 0; // the first finished example is shown at once
      latest = {
        done: info.alreadyDone,
        doneThisRun: 0,
        total: info.total,
        succeeded: 0,
        failed: 0,
        skipped: 0,
        errored: 0,
        queries: 0,
        elapsedMs: 0,
      };
      const resumed = info.alreadyDone > 0 ? ` (resuming: ${info.alreadyDone} already done)` : '';
      stream.write(
        `quiver: attacking ${info.total} ${info.unit ?? 'example'}s with ${info.search} against ${info.target} ` +
          `on ${info.workers} worker(s) -> ${info.outDir}${resumed}\n`,
      );
      const every = tty ? redrawIntervalMs : plainIntervalMs;
      heartbeat = setInterval(
        () => {
          if (latest === undefined || Date.now() - Math.max(lastDraw, started) < every) return;
          // Nothing finished for a while: the same counts, the time moved on, and what the workers wait on.
          draw({ ...latest, elapsedMs: Date.now() - started }, false);
        },
        Math.min(every, 1000),
      );
      heartbeat.unref();
    },
    onResult(_record, p) {
      latest = p;
      rate.add(p);
      const last = p.done === p.total;
      if (last) clearInterval(heartbeat);
      const now = Date.now();
      if (last || now - lastDraw >= (tty ? 100 : plainIntervalMs)) draw(p, last);
    },
    onEnd() {
      clearInterval(heartbeat);
      // Stopped early (Ctrl-C, a budget): examples in flight finished after the last draw; show the counts the
      // summary has, and end the terminal's line.
      if (latest !== undefined && !(shown.final && shown.done === latest.done))
        draw({ ...latest, elapsedMs: Date.now() - started }, true);
    },
  };
}

/**
 * The campaign's pace, measured on examples this run finished after its first one: worker start-up, warm-up and
 * records of an earlier run (a resume) are not extrapolated. No ETA until enough examples have finished.
 */
export class RateMeter {
  private first: { at: number; done: number } | undefined;
  private last: { at: number; done: number } | undefined;

  add(p: Progress): void {
    if (p.doneThisRun === 0) return;
    const point = { at: p.elapsedMs, done: p.doneThisRun };
    this.first ??= point;
    this.last = point;
  }

  eta(p: Progress): string {
    if (p.done >= p.total) return '0s';
    const { first, last } = this;
    if (first === undefined || last === undefined) return '?';
    const examples = last.done - first.done;
    const span = last.at - first.at;
    if (examples < ETA_MIN_EXAMPLES || span <= 0) return '?';
    return formatDuration((span / examples) * (p.total - p.done));
  }
}

interface Field {
  readonly text: string;
  /** Fields are dropped lowest first when the line does not fit the terminal. */
  readonly keep: number;
}

function fields(p: Progress, budgets: Budgets | undefined, waiting: string | null | undefined, eta: string): Field[] {
  const queries =
    budgets?.maxTotalQueries != null ? `${p.queries}/${budgets.maxTotalQueries} queries` : `${p.queries} queries`;
  const elapsed =
    budgets?.maxTimeMs != null
      ? `${formatDuration(p.elapsedMs)}/${formatDuration(budgets.maxTimeMs)}`
      : formatDuration(p.elapsedMs);
  const rate = p.elapsedMs > 0 ? ` (${Math.round((p.queries / p.elapsedMs) * 1000)}/s)` : '';
  return [
    { text: `${p.done}/${p.total} done`, keep: 10 },
    { text: `${p.succeeded} flipped`, keep: 8 },
    { text: `${p.failed} robust`, keep: 5 },
    { text: `${p.skipped} skipped`, keep: 2 },
    { text: `${p.errored} errored`, keep: p.errored > 0 ? 6 : 1 },
    { text: `${queries}${rate}`, keep: 3 },
    { text: `${elapsed} elapsed`, keep: 7 },
    { text: `ETA ${eta}`, keep: 9 },
    ...(waiting ? [{ text: waiting, keep: 4 }] : []),
  ];
}

export function line(p: Progress, budgets?: Budgets, waiting?: string | null, eta = new RateMeter().eta(p)): string {
  return fields(p, budgets, waiting, eta)
    .map((f) => f.text)
    .join(' · ');
}

const BAR_MIN = 10;
const BAR_MAX = 30;

/**
 * The terminal line: a bar and the fields that fit in `columns - 1` characters (a line as wide as the terminal wraps
 * on some terminals, and every redraw would then leave a line behind). Fields are dropped by priority, the bar
 * shrinks and then goes, and whatever still overflows (a narrow terminal) is cut.
 */
export function fitLine(p: Progress, columns: number, budgets?: Budgets, waiting?: string | null, eta = '?'): string {
  const width = Math.max(1, columns - 1);
  const kept = fields(p, budgets, waiting, eta);
  const text = () => kept.map((f) => f.text).join(' · ');
  while (kept.length > 1 && text().length + BAR_MIN + 3 > width) {
    const lowest = kept.reduce((a, b) => (b.keep < a.keep ? b : a));
    kept.splice(kept.indexOf(lowest), 1);
  }
  const body = text();
  const barWidth = Math.min(BAR_MAX, width - body.length - 3);
  if (barWidth < BAR_MIN) return body.slice(0, width);
  const filled = p.total === 0 ? barWidth : Math.round((p.done / p.total) * barWidth);
  return `[${'#'.repeat(filled)}${'.'.repeat(barWidth - filled)}] ${body}`;
}

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}
