/**
 * @module The part of JSON Schema that `is-json` and `contains-json` values use in practice, validated as ajv (which
 * promptfoo runs) validates it: type (incl. integer and type lists), properties, required, additionalProperties,
 * items, enum, const, minimum/maximum (and exclusive), minLength/maxLength, pattern, minItems/maxItems, format
 * (email, date, date-time) and allOf/anyOf/oneOf/not. Any other keyword is refused when the schema is compiled, as
 * ajv's strict mode refuses unknown keywords, so a schema is never half-checked.
 */
import { isDeepStrictEqual } from 'node:util';

export type Validate = (data: unknown) => string | null;

const ANNOTATIONS = new Set(['$schema', '$id', 'title', 'description', 'default', 'examples', '$comment']);
const FORMATS: Record<string, RegExp> = {
  // ajv-formats' "fast" forms.
  email:
    /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i,
  date: /^\d\d\d\d-[0-1]\d-[0-3]\d$/,
  'date-time':
    /^\d\d\d\d-[0-1]\d-[0-3]\d[t\s](?:[0-2]\d:[0-5]\d:[0-5]\d|23:59:60)(?:\.\d+)?(?:z|[+-]\d\d(?::?\d\d)?)$/i,
};

/** A schema that cannot be compiled: the message names the keyword and where in the schema it is. */
export class SchemaError extends Error {}

function typeOf(data: unknown): string {
  if (data === null) return 'null';
  if (Array.isArray(data)) return 'array';
  if (typeof data === 'number') return Number.isInteger(data) ? 'integer' : 'number';
  return typeof data;
}

function hasType(data: unknown, type: string): boolean {
  const t = typeOf(data);
  return t === type || (type === 'number' && t === 'integer');
}

function isSchema(s: unknown): s is Record<string, unknown> | boolean {
  return typeof s === 'boolean' || (typeof s === 'object' && s !== null && !Array.isArray(s));
}

/** Compiles `schema` into a function returning null when data conforms, else the first problem (ajv-like wording). */
export function compileSchema(schema: unknown, at = '#'): Validate {
  if (typeof schema === 'boolean') return () => (schema ? null : `${at} boolean schema is false`);
  if (!isSchema(schema) || typeof schema === 'boolean')
    throw new SchemaError(`${at}: a schema must be an object or a boolean`);
  const checks: Validate[] = [];
  const sub = (s: unknown, where: string) => compileSchema(s, where);
  for (const [key, v] of Object.entries(schema)) {
    if (ANNOTATIONS.has(key)) continue;
    switch (key) {
      case 'type': {
        const types = Array.isArray(v) ? v.map(String) : [String(v)];
        checks.push((d) => (types.some((t) => hasType(d, t)) ? null : `${at} must be ${types.join(',')}`));
        break;
      }
      case 'properties': {
        if (!isSchema(v) || typeof v === 'boolean') throw new SchemaError(`${at}/properties must be an object`);
        const props = Object.entries(v).map(([name, s]) => [name, sub(s, `${at}/${name}`)] as const);
        checks.push((d) => {
          if (typeOf(d) !== 'object') return null;
          for (const [name, validate] of props) {
            if (!Object.hasOwn(d as object, name)) continue;
            const problem = validate((d as Record<string, unknown>)[name]);
            if (problem !== null) return problem;
          }
          return null;
        });
        break;
      }
      case 'required': {
        const names = Array.isArray(v) ? v.map(String) : [];
        checks.push((d) => {
          if (typeOf(d) !== 'object') return null;
          const missing = names.find((n) => !Object.hasOwn(d as object, n));
          return missing === undefined ? null : `${at} must have required property '${missing}'`;
        });
        break;
      }
      case 'additionalProperties': {
        const known = new Set(Object.keys(isSchema(schema.properties) ? schema.properties : {}));
        const validate = sub(v, `${at}/additionalProperties`);
        checks.push((d) => {
          if (typeOf(d) !== 'object') return null;
          for (const [name, value] of Object.entries(d as object)) {
            if (known.has(name)) continue;
            if (v === false) return `${at} must NOT have additional properties`;
            const problem = validate(value);
            if (problem !== null) return problem;
          }
          return null;
        });
        break;
      }
      case 'items': {
        const validate = sub(v, `${at}/items`);
        checks.push((d) => {
          if (!Array.isArray(d)) return null;
          for (const item of d) {
            const problem = validate(item);
            if (problem !== null) return problem;
          }
          return null;
        });
        break;
      }
      case 'enum':
        if (!Array.isArray(v)) throw new SchemaError(`${at}/enum must be an array`);
        checks.push((d) =>
          v.some((e) => isDeepStrictEqual(e, d)) ? null : `${at} must be equal to one of the allowed values`,
        );
        break;
      case 'const':
        checks.push((d) => (isDeepStrictEqual(v, d) ? null : `${at} must be equal to constant`));
        break;
      case 'minimum':
      case 'maximum':
      case 'exclusiveMinimum':
      case 'exclusiveMaximum': {
        const bound = Number(v);
        const ok = {
          minimum: (x: number) => x >= bound,
          maximum: (x: number) => x <= bound,
          exclusiveMinimum: (x: number) => x > bound,
          exclusiveMaximum: (x: number) => x < bound,
        }[key];
        checks.push((d) => (typeof d !== 'number' || ok(d) ? null : `${at} must be ${key} ${bound}`));
        break;
      }
      case 'minLength':
      case 'maxLength': {
        const n = Number(v);
        // ajv counts code points, not UTF-16 units.
        checks.push((d) =>
          typeof d !== 'string' || (key === 'minLength' ? [...d].length >= n : [...d].length <= n)
            ? null
            : `${at} must NOT have ${key === 'minLength' ? 'fewer' : 'more'} than ${n} characters`,
        );
        break;
      }
      case 'minItems':
      case 'maxItems': {
        const n = Number(v);
        checks.push((d) =>
          !Array.isArray(d) || (key === 'minItems' ? d.length >= n : d.length <= n)
            ? null
            : `${at} must NOT have ${key === 'minItems' ? 'fewer' : 'more'} than ${n} items`,
        );
        break;
      }
      case 'pattern': {
        const re = new RegExp(String(v), 'u');
        checks.push((d) => (typeof d !== 'string' || re.test(d) ? null : `${at} must match pattern "${String(v)}"`));
        break;
      }
      case 'format': {
        const re = FORMATS[String(v)];
        if (re === undefined)
          throw new SchemaError(
            `${at}/format: unknown format "${String(v)}" (Quiver checks ${Object.keys(FORMATS).join(', ')})`,
          );
        checks.push((d) => (typeof d !== 'string' || re.test(d) ? null : `${at} must match format "${String(v)}"`));
        break;
      }
      case 'allOf':
      case 'anyOf':
      case 'oneOf': {
        if (!Array.isArray(v)) throw new SchemaError(`${at}/${key} must be an array`);
        const all = v.map((s, i) => sub(s, `${at}/${key}/${i}`));
        checks.push((d) => {
          const problems = all.map((validate) => validate(d));
          const passed = problems.filter((p) => p === null).length;
          if (key === 'allOf') return problems.find((p) => p !== null) ?? null;
          if (key === 'anyOf') return passed > 0 ? null : `${at} must match a schema in anyOf`;
          return passed === 1 ? null : `${at} must match exactly one schema in oneOf`;
        });
        break;
      }
      case 'not': {
        const validate = sub(v, `${at}/not`);
        checks.push((d) => (validate(d) === null ? `${at} must NOT be valid` : null));
        break;
      }
      default:
        throw new SchemaError(
          `${at}: unknown keyword "${key}" (Quiver checks type, properties, required, additionalProperties, items, ` +
            `enum, const, minimum, maximum, exclusiveMinimum, exclusiveMaximum, minLength, maxLength, minItems, ` +
            `maxItems, pattern, format, allOf, anyOf, oneOf, not)`,
        );
    }
  }
  return (data) => {
    for (const check of checks) {
      const problem = check(data);
      if (problem !== null) return problem;
    }
    return null;
  };
}
