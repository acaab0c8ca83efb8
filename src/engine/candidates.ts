/**
 * @module The perturbation space of one example: perturbations + constraints, with the pre-stage narrowing the
 * positions and the post-stage filtering candidates. Candidates are deduplicated and sorted by text so the search is
 * deterministic whatever order the perturbations produce them in.
 */
import type { AttackText } from '../core/attack-text.js';
import type { AnchorMode, Constraint, ConstraintContext } from '../core/constraint.js';
import type { Perturbation, PerturbContext } from '../core/perturbation.js';
import { compareWindows, isUnchanged, type TextWindow } from '../core/text-window.js';

/** A candidate and where it differs from the text it was expanded from. */
interface Found {
  readonly cand: AttackText;
  readonly window: TextWindow;
}

export class CandidateSpace {
  private readonly cctx: ConstraintContext;
  /**
   * Expansions of the original text by index. The original is expanded again and again (word-importance ranking,
   * the first search step, stability sampling); its neighbours never change, so they are computed once.
   */
  private readonly originalExpansions = new Map<number, AttackText[]>();
  /** The anchor modes the perturbations use ('change' first): constraints only see the mode, not the family. */
  private readonly modes: readonly AnchorMode[];

  constructor(
    readonly original: AttackText,
    private readonly perturbations: readonly Perturbation[],
    private readonly constraints: readonly Constraint[],
    private readonly pctx: PerturbContext,
  ) {
    this.cctx = { original };
    this.modes = (['change', 'move'] as const).filter((m) => perturbations.some((p) => (p.anchor ?? 'change') === m));
  }

  private originalPositions: number[] | undefined;

  /** Indices where at least one perturbation may anchor an edit. */
  positions(text: AttackText): number[] {
    // The original's positions are asked for by every ranking and every stability sample; they never change.
    if (text === this.original) {
      this.originalPositions ??= this.computePositions(text);
      return [...this.originalPositions];
    }
    return this.computePositions(text);
  }

  private computePositions(text: AttackText): number[] {
    const out: number[] = [];
    for (let i = 0; i < text.length; i++) {
      for (const mode of this.modes) {
        if (this.allowsIndex(text, i, mode)) {
          out.push(i);
          break;
        }
      }
    }
    return out;
  }

  // Plain loops: these run for every position of every text and every candidate, and closures there showed in
  // profiles as allocation.
  private allowsIndex(text: AttackText, index: number, mode: AnchorMode): boolean {
    for (const c of this.constraints)
      if (c.allowsIndex !== undefined && !c.allowsIndex(text, index, this.cctx, mode)) return false;
    return true;
  }

  private allowsCandidate(candidate: AttackText, parent: AttackText): boolean {
    for (const c of this.constraints)
      if (c.allowsCandidate !== undefined && !c.allowsCandidate(candidate, parent, this.cctx)) return false;
    return true;
  }

  expand(text: AttackText, index: number): AttackText[] {
    if (text === this.original) {
      let known = this.originalExpansions.get(index);
      if (known === undefined) {
        known = this.generate(text, index);
        this.originalExpansions.set(index, known);
      }
      return [...known];
    }
    return this.generate(text, index);
  }

  private generate(text: AttackText, index: number): AttackText[] {
    const base = text.text;
    const found: Found[] = [];
    // Whether each anchor mode is allowed here, asked once per mode rather than once per family.
    const allowedByMode: Partial<Record<AnchorMode, boolean>> = {};
    for (const p of this.perturbations) {
      const mode = p.anchor ?? 'change';
      allowedByMode[mode] ??= this.allowsIndex(text, index, mode);
      const allowed = allowedByMode[mode];
      if (!allowed) continue;
      for (const cand of p.candidates(text, index, this.pctx)) {
        const window = cand.windowIn(text);
        if (isUnchanged(base, window)) continue;
        if (!this.allowsCandidate(cand, text)) continue;
        found.push({ cand, window });
      }
    }
    // Sorted by text, each text once: the sort is stable, so of equal texts the one produced first stays (the
    // earlier family in the list), and no candidate's string is built for this.
    found.sort((a, b) => compareWindows(base, a.window, b.window));
    const out: AttackText[] = [];
    for (let k = 0; k < found.length; k++) {
      if (k > 0 && compareWindows(base, found[k - 1]!.window, found[k]!.window) === 0) continue;
      out.push(found[k]!.cand);
    }
    return out;
  }
}
