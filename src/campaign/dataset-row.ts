/** @module One record of a dataset file as its reader gives it: the values by field name, or why it cannot be used. */

/** `line` is the physical line the record starts on. */
export type Row =
  | { readonly line: number; readonly value: Record<string, unknown> }
  | { readonly line: number; readonly error: string; readonly field: string };
