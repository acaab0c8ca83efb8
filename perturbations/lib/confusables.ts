/**
 * @module Visual confusables for the `homoglyph` typo: Latin letters and a Cyrillic, Greek or Armenian letter that
 * renders (nearly) identically, after Unicode TR39's confusables list. Every replacement is a letter (\p{L}) of the
 * Basic Multilingual Plane, so words stay words and the text stays well-formed UTF-16.
 */
const PAIRS =
  'aа cс dԁ eе gɡ hһ iі jј lӏ nո oо pр qԛ sѕ uս vѵ wԝ xх yу ' + 'AА BВ CС EЕ HН IІ JЈ KК MМ NΝ OО PР SЅ TТ XХ YҮ ZΖ';

const MAP: ReadonlyMap<string, string> = new Map(
  PAIRS.split(' ')
    .filter((p) => p !== '')
    .map((p) => [p[0]!, p.slice(1)] as [string, string]),
);

/** The confusable of a Latin letter, or undefined. */
export function confusable(letter: string): string | undefined {
  return MAP.get(letter);
}

/** Latin letters that have a confusable. */
export const CONFUSABLE_LETTERS: readonly string[] = Object.freeze([...MAP.keys()]);
