/**
 * healthgap/verb-kit: the kit for writing a new PHEindicatormethods-style table verb, `import { … }
 * from 'healthgap/verb-kit'`. The toolkit's own verbs (`proportion`, `rate`, `dsr`, `sii`, …) are
 * built with it; see the sketch at the top of `src/stats/verb.ts`.
 *
 * - {@link VerbContext}: reads columns of a (grouped) arquero table as typed arrays and checks
 *   them, with errors naming the row and column.
 * - {@link buildOutput}: assembles the output table and keeps the columns PHEim's `type` asks for.
 * - {@link ciColumns}, {@link metaColumns}: the limit columns and `confidence`/`statistic`/`method`.
 * - Confidence helpers: {@link normaliseConfidence}, {@link zFor}, {@link ciColumnNames}.
 */
// ── verb-kit: writing new PHEindicatormethods-style table verbs.
export {
  buildOutput,
  checkOutputType,
  ciColumns,
  formatMultiplier,
  formatRNumber,
  gatherRows,
  groupPartition,
  metaColumns,
  OUTPUT_TYPES,
  sumRows,
  sumRowsNaZero,
  VerbContext,
} from './stats/verb.js';
export type { ColumnRole, GroupPartition, OutputColumn, OutputType, VerbSource } from './stats/verb.js';
export { ciColumnNames, confidenceLabel, confidenceSuffix, normaliseConfidence, normalizeConfidence, zFor } from './stats/confidence.js';
export type { ConfidenceInput } from './stats/confidence.js';
