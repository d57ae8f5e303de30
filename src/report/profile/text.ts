/**
 * Small wording helpers shared by the profile's sections: lists, plurals and ordinal ranks.
 */

/**
 * "a", "a and b", "a, b and c".
 * @example listAnd(['diabetes', 'COPD', 'asthma']) // 'diabetes, COPD and asthma'
 */
export function listAnd(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * A count with its noun in the right number: "1 practice", "50 practices".
 * @example plural(1, 'practice') // '1 practice'
 */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}

/**
 * English ordinal: 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 112th.
 * @example ordinal(3) // '3rd'
 */
export function ordinal(n: number): string {
  const m100 = n % 100;
  const suffix = m100 >= 11 && m100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${n % 10 > 3 ? 'th' : suffix}`;
}
