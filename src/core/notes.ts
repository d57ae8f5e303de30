/**
 * Reader notes: the side channel that carries what a reader or verb did to the data (suppressed
 * cells read as missing, codes remapped, groups left out) alongside the table it returns, without
 * adding columns. A table concept, not a CSV one: readers, statistics verbs and domain modules all
 * attach notes, and the CLI, notebooks and profiles show them.
 *
 * Floor 0: this module imports nothing of healthgap's.
 */

/** Notes recorded for each table (weakly held: a table that is dropped takes its notes with it). */
const notesByTable = new WeakMap<object, string[]>();

/**
 * The notes recorded for a table read or computed by healthgap (empty when there are none).
 *
 * @example readerNotes(readQofPrevalence()) // ['data/qof/…: 12 suppressed values ("*") in column "REGISTER" read as missing (null), not zero']
 */
export function readerNotes(table: object): string[] {
  return notesByTable.get(table) ?? [];
}

/**
 * Attach notes to a table (appending to any it already has) and return the same table.
 *
 * @example withNotes(aq.table({ n: [null] }), ['n: 1 suppressed value read as missing'])
 */
export function withNotes<T extends object>(table: T, notes: string[]): T {
  if (notes.length) notesByTable.set(table, [...(notesByTable.get(table) ?? []), ...notes]);
  return table;
}
