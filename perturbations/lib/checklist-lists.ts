/**
 * @module Small lists for CheckList-style swaps (Ribeiro et al. 2020), written by the Quiver team: common English
 * first names by gender, world cities and countries. Single words only (an AttackText edit replaces one word), and
 * no name that is also a common word ("Will", "May", "Grace", "Bill", "Mark", "Rose", "Hope", "Jack").
 */

export const FEMALE_NAMES: readonly string[] = Object.freeze(
  (
    'Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Lisa Nancy Betty Sandra Margaret ' +
    'Ashley ' +
    'Kimberly Emily Donna Michelle Carol Amanda Melissa Deborah Stephanie Rebecca Sharon Laura Cynthia Amy Kathleen ' +
    'Angela Anna Brenda Emma Nicole Helen Samantha Katherine Christine Rachel Catherine Maria Heather Diane Julie ' +
    'Olivia Sophia Hannah Natalie Victoria Megan Lauren Alice Claire Lucy Chloe Zoe Isabella Fatima Priya Mei Yuki Ana'
  ).split(' '),
);

export const MALE_NAMES: readonly string[] = Object.freeze(
  (
    'James Robert John Michael David William Richard Joseph Thomas Charles Christopher Daniel Matthew Anthony Donald ' +
    'Steven Paul Andrew Joshua Kenneth Kevin Brian George Timothy Ronald Edward Jason Jeffrey Ryan Jacob Gary Eric ' +
    'Jonathan Stephen Larry Justin Scott Brandon Benjamin Samuel Gregory Alexander Patrick Raymond Peter Henry ' +
    'Oliver Lucas Ethan Noah Liam Nathan Adam Simon Carlos Ahmed Rahul Hiroshi Omar Luis'
  ).split(' '),
);

export const CITIES: readonly string[] = Object.freeze(
  (
    'London Paris Berlin Madrid Rome Vienna Amsterdam Brussels Dublin Lisbon Prague Warsaw Budapest Athens Stockholm ' +
    'Oslo Copenhagen Helsinki Zurich Geneva Munich Milan Barcelona Manchester Edinburgh Toronto Montreal Vancouver ' +
    'Chicago Boston Seattle Houston Dallas Denver Atlanta Miami Philadelphia Phoenix Detroit Tokyo Osaka Seoul ' +
    'Beijing Shanghai Mumbai Delhi Bangkok Singapore Jakarta Manila Sydney Melbourne Auckland Cairo Lagos Nairobi ' +
    'Istanbul Dubai Moscow'
  ).split(' '),
);

export const COUNTRIES: readonly string[] = Object.freeze(
  (
    'France Germany Spain Italy Portugal Ireland Belgium Austria Switzerland Sweden Norway Denmark Finland Poland ' +
    'Greece Hungary Romania Canada Mexico Brazil Argentina Chile Peru Colombia Japan China India Pakistan Indonesia ' +
    'Vietnam Thailand Malaysia Philippines Australia Egypt Nigeria Kenya Morocco Ethiopia Turkey Iran Israel Russia ' +
    'Ukraine Iceland Scotland England Wales'
  ).split(' '),
);
