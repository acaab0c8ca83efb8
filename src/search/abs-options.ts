/**
 * @module The options of the `abs` search: what each one does, Quiver's defaults, and the two presets that reproduce
 * the paper (`paperIntent`) and the released code (`paperFaithful`). Options arrive as plain JSON; a bad one is a
 * ConfigError naming it.
 */
import { ConfigError } from '../core/errors.js';
import { boolean, integerAtLeast, oneOf, resolveOptions, type Check } from './options.js';
import type { PriorSource } from './surrogate/load-prior.js';
import { rankings, type Ranking } from './word-importance.js';

export type AbsQuirk = 'a' | 'b' | 'c' | 'd' | 'e' | 'f' | 'g';
export const absQuirks: readonly AbsQuirk[] = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];

/**
 * How words are ordered: a WIR ranking, or `sweep`: the original's whole one-edit neighbourhood is scored first (one
 * candidate per class, see one-edit-sweep.ts), a one-edit flip ends the search, and words are ranked by their best
 * measured edit.
 */
export type AbsRanking = Ranking | 'sweep';
export const absRankings: readonly AbsRanking[] = [...rankings, 'sweep'];

export interface AbsOptions {
  /**
   * The beam's widest (Eq. 5's b_max). Quiver's default is 1, greedy composition: on every cell of the search
   * comparison a beam of 6 found no flip that width 1 missed, and asked 1-4 % more queries. The paper's presets use 6.
   */
  readonly beamWidth: number;
  readonly minBeamWidth: number;
  readonly ranking: AbsRanking;
  /**
   * Perturbation families whose candidates at one word are variants of one slip (the typos of a word): the search
   * asks the target about the first of them only, at every text it expands.
   */
  readonly interchangeable: readonly string[];
  /** Return a success met while ranking (weighted-saliency scores every candidate) instead of searching on. */
  readonly reuseRankingSuccess: boolean;
  /**
   * How much of the beam a step expands. `all`: every member in one batch (the paper). `success`: one batch per
   * member, best first, stopping at the first success. `improvement`: also stopping at the first member with a child
   * that beats the best member, so the beam only widens its spending when the best path stalls.
   */
  readonly lazy: 'all' | 'success' | 'improvement';
  /**
   * Beam members compete with their children for the next beam, so a word whose edits do not help is skipped
   * instead of spending the edit budget on it (the paper keeps only children).
   */
  readonly keepParents: boolean;
  /** Only each member's best child at a word may enter the next beam, so the beam holds distinct edit sets. */
  readonly bestChildOnly: boolean;
  /**
   * At a word whose deletion does not help (importance <= 0), expand only the best beam member that has candidates
   * there: such words rarely pay for a whole beam.
   */
  readonly headOnlyUnimportant: boolean;
  /**
   * A surrogate trained on labelled texts (the campaign's dataset, say) that orders the one-edit sweep, so a one-edit
   * flip is met early; null: text order. It never decides what counts: every text still goes to the target.
   */
  readonly prior: PriorSource | null;
  /**
   * After a sweep without a flip, where the target answers like a dense, additive model (dense-target.ts): give up
   * when even the best composite is forecast (and, asked, found) to keep the original label, or ask straight away for
   * the fewest edits forecast to flip it.
   */
  readonly forecast: boolean;
  /** Code-as-released behaviours to reproduce (see the module comment). */
  readonly quirks: readonly AbsQuirk[];
  /** Algorithm 1 as the paper intends: weighted-saliency ranking, one batch per step. */
  readonly paperIntent: boolean;
  /** The released code: paperIntent plus every quirk. */
  readonly paperFaithful: boolean;
}

export const absDefaults: AbsOptions = {
  beamWidth: 1,
  minBeamWidth: 1,
  ranking: 'sweep',
  interchangeable: ['typo'],
  reuseRankingSuccess: true,
  lazy: 'improvement',
  keepParents: true,
  headOnlyUnimportant: true,
  bestChildOnly: true,
  prior: null,
  forecast: true,
  quirks: [],
  paperIntent: false,
  paperFaithful: false,
};

const stringList: Check = (v) =>
  Array.isArray(v) && v.every((x) => typeof x === 'string') ? null : 'must be a list of perturbation family names';

const priorSource: Check = (v) => {
  const o = v as Record<string, unknown> | null;
  const ok =
    typeof o === 'object' &&
    o !== null &&
    !Array.isArray(o) &&
    typeof o.train === 'string' &&
    o.train !== '' &&
    Object.keys(o).every((k) => ['train', 'textField', 'labelField', 'skipInvalid'].includes(k)) &&
    ['textField', 'labelField'].every((k) => o[k] === undefined || (typeof o[k] === 'string' && o[k] !== '')) &&
    (o.skipInvalid === undefined || typeof o.skipInvalid === 'boolean');
  return ok
    ? null
    : 'must be {"train": "<labelled JSONL file>"} (optionally with "textField", "labelField" and "skipInvalid")';
};

const quirkList: Check = (v) =>
  Array.isArray(v) && v.every((q) => (absQuirks as readonly unknown[]).includes(q))
    ? null
    : `must be a list of quirk letters from ${absQuirks.join(', ')}`;

export function resolveAbsOptions(options: Partial<AbsOptions> | Readonly<Record<string, unknown>> = {}): AbsOptions {
  const given = options as Readonly<Record<string, unknown>>;
  const o = resolveOptions('abs', absDefaults, given, {
    beamWidth: integerAtLeast(1),
    minBeamWidth: integerAtLeast(1),
    ranking: oneOf(absRankings),
    interchangeable: stringList,
    prior: priorSource,
    forecast: boolean,
    reuseRankingSuccess: boolean,
    lazy: oneOf(['all', 'success', 'improvement']),
    keepParents: boolean,
    headOnlyUnimportant: boolean,
    bestChildOnly: boolean,
    quirks: quirkList,
    paperIntent: boolean,
    paperFaithful: boolean,
  });
  const resolved = o.paperIntent || o.paperFaithful ? withPreset(o, given) : o;
  if (resolved.minBeamWidth > resolved.beamWidth) {
    throw new ConfigError(
      `search abs: need minBeamWidth <= beamWidth, got ${resolved.minBeamWidth} and ${resolved.beamWidth}`,
    );
  }
  if (resolved.prior !== null && resolved.ranking !== 'sweep') {
    throw new ConfigError(
      `search abs: option "prior" orders the one-edit sweep, so it needs ranking "sweep", got "${resolved.ranking}"`,
    );
  }
  return withPriorDefaults(resolved);
}

/** A preset sets what it names; options given alongside it still win. */
function withPreset(o: AbsOptions, given: Readonly<Record<string, unknown>>): AbsOptions {
  const preset: Partial<AbsOptions> = {
    beamWidth: 6,
    ranking: 'weighted-saliency',
    interchangeable: [],
    lazy: 'all',
    keepParents: false,
    headOnlyUnimportant: false,
    bestChildOnly: false,
    ...(o.paperFaithful ? { quirks: absQuirks, reuseRankingSuccess: false } : {}),
  };
  const explicit = Object.fromEntries(
    Object.entries(given).filter(([k, v]) => v !== undefined && k !== 'paperIntent' && k !== 'paperFaithful'),
  );
  return { ...o, ...preset, ...explicit } as AbsOptions;
}

function withPriorDefaults(o: AbsOptions): AbsOptions {
  if (o.prior === null) return o;
  const p = o.prior as Partial<PriorSource>;
  return {
    ...o,
    prior: {
      train: p.train!,
      textField: p.textField ?? 'text',
      labelField: p.labelField ?? 'label',
      ...(p.skipInvalid === true ? { skipInvalid: true } : {}),
    },
  };
}
