/**
 * @module promptfoo 0.115's `is-json` and `contains-json`, including their uneven `not-` forms:
 * - `is-json`: the whole output must `JSON.parse`; with a schema value it must also conform. `not-is-json` fails
 *   on any JSON output; on other output it passes only if the schema accepts `undefined` (promptfoo validates the
 *   never-parsed value), so `not-is-json` with `type: object` can never pass.
 * - `contains-json`: some object found in the text (see json-extract.ts) must conform to the schema, the first
 *   conforming one wins; without a schema, finding one is enough. `not-contains-json` passes when no object is
 *   found, but once objects are found *with a schema* the schema verdict stands un-inverted (promptfoo's loop
 *   overwrites the inverted verdict), so `not-contains-json` with a schema passes when an object conforms.
 */
import { passFail, type Check } from './check.js';
import { extractJsonObjects } from './json-extract.js';
import type { Validate } from './json-schema.js';

export function isJson(output: string, validate: Validate | null, inverse: boolean): Check {
  let parsed: unknown;
  let pass: boolean;
  try {
    parsed = JSON.parse(output);
    pass = !inverse;
  } catch {
    pass = inverse;
  }
  if (pass && validate !== null) {
    const problem = validate(parsed);
    if (problem !== null)
      return {
        pass: false,
        score: 0,
        reason: `JSON does not conform to the provided schema. Errors: data${problem.slice(1)}`,
      };
  }
  return passFail(pass, 'Expected output to be valid JSON');
}

export function containsJson(output: string, validate: Validate | null, inverse: boolean): Check {
  const objects = extractJsonObjects(output);
  let pass = inverse ? objects.length === 0 : objects.length > 0;
  let reason = 'Expected output to contain valid JSON';
  if (validate !== null) {
    for (const object of objects) {
      const problem = validate(object);
      pass = problem === null;
      if (problem === null) break;
      reason = `JSON does not conform to the provided schema. Errors: data${problem.slice(1)}`;
    }
  }
  return passFail(pass, reason);
}
