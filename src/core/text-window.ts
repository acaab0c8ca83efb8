/**
 * @module A one-edit text described as its parent's text with one span replaced ("the window"). The candidates of
 * one expansion all share a parent, so they can be compared, deduplicated and sorted in the order of their texts
 * without building those texts: most of them are never queried (the stability sampler keeps one in about ten), and
 * building, hashing and comparing their strings was a quarter of a campaign's own work.
 */

/** The text `base.slice(0, start) + middle + base.slice(end)`. */
export interface TextWindow {
  readonly start: number;
  /** Exclusive; start <= end <= base.length. */
  readonly end: number;
  readonly middle: string;
}

export function windowText(base: string, w: TextWindow): string {
  return base.slice(0, w.start) + w.middle + base.slice(w.end);
}

/** Whether the window leaves `base` unchanged. */
export function isUnchanged(base: string, w: TextWindow): boolean {
  return w.middle.length === w.end - w.start && base.startsWith(w.middle, w.start);
}

/**
 * The order of the two texts as `<` orders strings (UTF-16 code units; a prefix first), read through the windows.
 * Both texts equal `base` before the earlier window; once both are past their windows with the same shift, the rest
 * is the same text on both sides, so equal texts are found without reading to the end.
 */
export function compareWindows(base: string, a: TextWindow, b: TextWindow): number {
  const aTail = a.start + a.middle.length;
  const bTail = b.start + b.middle.length;
  // Past its window, character k of a text is base[k + shift].
  const aShift = a.end - aTail;
  const bShift = b.end - bTail;
  const aLength = base.length - aShift;
  const bLength = base.length - bShift;
  for (let k = Math.min(a.start, b.start); ; k++) {
    if (k >= aTail && k >= bTail && aShift === bShift) return 0;
    if (k >= aLength || k >= bLength) return aLength - bLength;
    const ca =
      k < a.start ? base.charCodeAt(k) : k < aTail ? a.middle.charCodeAt(k - a.start) : base.charCodeAt(k + aShift);
    const cb =
      k < b.start ? base.charCodeAt(k) : k < bTail ? b.middle.charCodeAt(k - b.start) : base.charCodeAt(k + bShift);
    if (ca !== cb) return ca - cb;
  }
}
