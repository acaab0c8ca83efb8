/**
 * @module What an endpoint did with the token logprobs a raw-text campaign asked for, shared by every worker thread
 * (one int32 in a SharedArrayBuffer): `refused` (it answered 400 naming logprobs; no thread asks again) or `absent`
 * (it answered without them). The first thread to learn it says so once on stderr; the status line repeats it. Either
 * way the assertions that would use `expected-logprob` keep their fallback signal for every example.
 */
export type LogprobsState = 'ok' | 'refused' | 'absent';

const CODES: readonly LogprobsState[] = ['ok', 'refused', 'absent'];

export function createLogprobsBuffer(): SharedArrayBuffer {
  return new SharedArrayBuffer(4);
}

export class LogprobsNotice {
  private readonly word: Int32Array;

  constructor(
    buffer: SharedArrayBuffer,
    private readonly endpoint: string,
  ) {
    this.word = new Int32Array(buffer, 0, 1);
  }

  state(): LogprobsState {
    return CODES[Atomics.load(this.word, 0)] ?? 'ok';
  }

  /** Records what the endpoint did; the first thread to record anything writes the note. */
  mark(state: Exclude<LogprobsState, 'ok'>, detail: string): void {
    if (Atomics.compareExchange(this.word, 0, 0, CODES.indexOf(state)) !== 0) return;
    const what =
      state === 'refused'
        ? `refused token logprobs (${detail}); Quiver stops asking, and assertions that would use the ` +
          'expected-logprob signal use their fallback (output-distance) in every example'
        : `answered without token logprobs (${detail}); assertions that would use the expected-logprob signal use ` +
          'their fallback (output-distance) in every example whose original answer has none';
    process.stderr.write(`quiver: note: ${this.endpoint} ${what}\n`);
  }
}
