/**
 * @module Registries keyed by spec patterns: an exact name (`local:wink`) or a prefix followed by a placeholder
 * (`openai:<model>` matches every spec that starts with `openai:`). The keys are also the valid specs that help and
 * error texts list, so a new entry cannot be left out of them.
 */

const PLACEHOLDER = /<[^<>]+>$/;

/** The entry for `spec`: by exact name first, else by the first prefix it starts with; undefined when none fits. */
export function findBySpec<T>(registry: Readonly<Record<string, T>>, spec: string): T | undefined {
  if (Object.hasOwn(registry, spec) && !PLACEHOLDER.test(spec)) return registry[spec];
  for (const [pattern, entry] of Object.entries(registry)) {
    const prefix = pattern.replace(PLACEHOLDER, '');
    if (prefix !== pattern && spec.startsWith(prefix)) return entry;
  }
  return undefined;
}
