/**
 * @module Sums of V8's --trace-opt and --trace-gc-nvp lines (experiments/bench/jit-cost.ts): what the optimizing
 * compiler and the garbage collector cost a run.
 */

/** Sums of one run's --trace-opt and --trace-gc-nvp lines. */
export interface JitGcCost {
  compiles: number;
  functions: number;
  compileMs: number;
  recompileMs: number;
  scavenges: number;
  scavengePauseMs: number;
  markCompacts: number;
  markCompactPauseMs: number;
  gcHelpersMs: number;
}

// "[completed compiling 0x… <JSFunction name (sfi = 0x…)> (target TURBOFAN) - took 0.05, 6.65, 0.02 ms]"
const COMPILED =
  /completed compiling 0x[0-9a-f]+ <JSFunction \S* \(sfi = (0x[0-9a-f]+)\)>.*took ([\d.]+), ([\d.]+), ([\d.]+) ms/;
const GC_EVENT = /pause=([\d.]+) .*?gc=(\w+)/;
const GC_HELPERS = /\bbackground\.(?:scavenge\.parallel|mark|sweep|evacuate\.copy|evacuate\.update_pointers)=([\d.]+)/g;

export function sumTraces(stdout: string): JitGcCost {
  const cost: JitGcCost = {
    compiles: 0,
    functions: 0,
    compileMs: 0,
    recompileMs: 0,
    scavenges: 0,
    scavengePauseMs: 0,
    markCompacts: 0,
    markCompactPauseMs: 0,
    gcHelpersMs: 0,
  };
  // Function ids (sfi) are per isolate: with several workers two isolates may reuse an address, which only moves a
  // compile between "first" and "again".
  const seen = new Set<string>();
  for (const line of stdout.split('\n')) {
    const compiled = COMPILED.exec(line);
    if (compiled !== null) {
      const ms = Number(compiled[2]) + Number(compiled[3]) + Number(compiled[4]);
      cost.compiles++;
      cost.compileMs += ms;
      if (seen.has(compiled[1]!)) cost.recompileMs += ms;
      else seen.add(compiled[1]!);
      continue;
    }
    const gc = GC_EVENT.exec(line);
    if (gc === null) continue;
    if (gc[2] === 's') {
      cost.scavenges++;
      cost.scavengePauseMs += Number(gc[1]);
    } else if (gc[2] === 'mc') {
      cost.markCompacts++;
      cost.markCompactPauseMs += Number(gc[1]);
    }
    for (const helper of line.matchAll(GC_HELPERS)) cost.gcHelpersMs += Number(helper[1]);
  }
  cost.functions = seen.size;
  return cost;
}
