/**
 * @module The perturbation space of one example: perturbations + constraints, with the pre-stage narrowing the
 * positions and the post-stage filtering candidates. Candidates are deduplicated and sorted by text so the search is
 * deterministic whatever order the perturbations produce them in.
 */
import type { AttackText } from '../core/attack-text.js';
import type { AnchorMode, Constraint, ConstraintContext } from '../core/constraint.js';
import type { Perturbation, PerturbContext } from '../core/perturbation.js';

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
    if (text === this.original) return [...(this.originalPositions ??= this.computePositions(text))];
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
    for (const c of this.constraints) if (c.allowsIndex !== undefined && !c.allowsIndex(text, index, this.cctx, mode)) return false;
    return true;
  }

  private allowsCandidate(candidate: AttackText, parent: AttackText): boolean {
    for (const c of this.constraints) if (c.allowsCandidate !== undefined && !c.allowsCandidate(candidate, parent, this.cctx)) return false;
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
    const seen = new Set<string>([text.text]);
    const out: AttackText[] = [];
    // Whether each anchor mode is allowed here, asked once per mode rather than once per family.
    let change: boolean | undefined;
    let move: boolean | undefined;
    for (const p of this.perturbations) {
      const allowed =
        (p.anchor ?? 'change') === 'change'
          ? (change ??= this.allowsIndex(text, index, 'change'))
          : (move ??= this.allowsIndex(text, index, 'move'));
      if (!allowed) continue;
      for (const cand of p.candidates(text, index, this.pctx)) {
        if (seen.has(cand.text)) continue;
        if (!this.allowsCandidate(cand, text)) continue;
        seen.add(cand.text);
        out.push(cand);
      }
    }
    return out.sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
  }

}
