/**
 * @module Targets built on demand from plain refs, once per spec and options (each with its own prepared shared
 * state), for commands that replay texts on the targets campaigns recorded (compare, replay); `close` closes them all.
 */
import type { TargetRef } from '../contracts/campaign.js';
import type { Target } from '../core/target.js';
import { createTarget, prepareTargetShared } from './index.js';

export interface BuiltTargets {
  get(ref: TargetRef): Promise<Target>;
  close(): Promise<void>;
}

export function builtTargets(): BuiltTargets {
  const built = new Map<string, Promise<Target>>();
  return {
    get(ref) {
      const key = JSON.stringify([ref.spec, ref.options]);
      let t = built.get(key);
      if (t === undefined) {
        t = prepareTargetShared(ref.spec, ref.options).then((shared) => createTarget(ref.spec, ref.options, shared));
        built.set(key, t);
      }
      return t;
    },
    async close() {
      for (const t of built.values()) await (await t.catch(() => undefined))?.close?.();
    },
  };
}
