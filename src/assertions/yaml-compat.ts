/**
 * @module YAML read as promptfoo reads it (js-yaml 4's default schema): the YAML 1.2 core schema plus timestamps
 * (an unquoted 2025-06-02 is a Date, so it no longer equals the string "2025-06-02") and `<<` merge keys. Used for
 * configs, test files and schema values, so Quiver and promptfoo see the same values.
 */
import { parse } from 'yaml';

export function parsePromptfooYaml(text: string): unknown {
  return parse(text, { schema: 'core', customTags: ['timestamp'], merge: true });
}
