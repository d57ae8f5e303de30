/**
 * The QOF geography mapping file, `MAPPING_NHS_GEOGRAPHIES_yyyy.csv`, published by NHS Digital /
 * NHS England with each QOF year from 2019-20: one row per practice, practice → PCN → commissioner
 * → its parent → NHS England region, with ODS codes, ONS codes and names. Its columns changed with
 * the NHS structures (names as published; order is not relied on):
 *
 * | QOF years | commissioner columns | parent columns |
 * |---|---|---|
 * | 2019-20, 2020-21 | `CCG_ODS_CODE, CCG_ONS_CODE, CCG_NAME` | `STP_ODS_CODE, STP_ONS_CODE, STP_NAME` |
 * | 2021-22 | `SUB_ICB_LOC_ODS_CODE, SUB_ICB_LOC_ONS_CODE, SUB_ICB_LOC_NAME` | `ICB_ODS_CODE, ICB_ONS_CODE, ICB_NAME` |
 * | 2022-23, 2023-24 | `SUB_ICB_ODS_CODE, SUB_ICB_ONS_CODE, SUB_ICB_NAME` | `ICB_ODS_CODE, ICB_ONS_CODE, ICB_NAME` |
 *
 * and in every year `PRACTICE_CODE, PRACTICE_NAME, PCN_ODS_CODE, PCN_NAME, REGION_ODS_CODE,
 * REGION_ONS_CODE, REGION_NAME`. Stored as kind `practice-map` (level `practice-qof`) with the
 * columns `practice_code, practice_name, pcn_code, pcn_name`, then `ccg_…, stp_…` or `sub_icb_…,
 * icb_…` (the 2021-22 sub-ICB location columns stored as `sub_icb_…`), then `region_…`.
 *
 * Checks: practice codes of 6 characters, no practice twice; ONS codes of the right entity
 * (E38 CCG / sub-ICB location, E54 STP / ICB, E40 NHS England region); a consistent hierarchy
 * (each commissioner one ONS code and one parent, each parent one region); and, where a QOF
 * practice prevalence release of the same year is in the catalogue (bundled 2019-20, or added),
 * practices against it: those missing from either side listed (more than 10% of the mapping's
 * practices unknown to it refuses the file: the wrong year).
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { listReleases } from './catalogue.js';
import { financialYear } from './period.js';
import { OGL, type AddHints, type ParsedRelease, type Recogniser, type TidyValue } from './recogniser.js';
import type { SourceInput } from './source.js';
import type { ReleaseProblem } from './types.js';

interface Level {
  /** Published column prefix (`CCG`, `SUB_ICB_LOC`, …). */
  prefix: string;
  /** Stored column prefix (`ccg`, `sub_icb`, …). */
  stored: string;
  label: string;
  /** Pattern of the ONS code. */
  ons: RegExp;
}

interface MappingLayout {
  layout: string;
  years: string;
  commissioner: Level;
  parent: Level;
}

const CCG: Level = { prefix: 'CCG', stored: 'ccg', label: 'CCG', ons: /^E38\d{6}$/ };
const STP: Level = { prefix: 'STP', stored: 'stp', label: 'STP', ons: /^E54\d{6}$/ };
const ICB: Level = { prefix: 'ICB', stored: 'icb', label: 'ICB', ons: /^E54\d{6}$/ };
const REGION: Level = { prefix: 'REGION', stored: 'region', label: 'NHS England region', ons: /^E40\d{6}$/ };

/** The documented layouts, newest first. */
export const QOF_MAPPING_LAYOUTS: readonly MappingLayout[] = [
  {
    layout: 'qof-mapping-sub-icb',
    years: '2022-23 onward',
    commissioner: { prefix: 'SUB_ICB', stored: 'sub_icb', label: 'sub-ICB location', ons: /^E38\d{6}$/ },
    parent: ICB,
  },
  {
    layout: 'qof-mapping-sub-icb-loc',
    years: '2021-22',
    commissioner: { prefix: 'SUB_ICB_LOC', stored: 'sub_icb', label: 'sub-ICB location', ons: /^E38\d{6}$/ },
    parent: ICB,
  },
  { layout: 'qof-mapping-ccg', years: '2019-20 and 2020-21', commissioner: CCG, parent: STP },
];

const levelColumns = (l: Level) => [`${l.prefix}_ODS_CODE`, `${l.prefix}_ONS_CODE`, `${l.prefix}_NAME`];
const storedColumns = (l: Level) => [`${l.stored}_code`, `${l.stored}_ons_code`, `${l.stored}_name`];

/** The published columns of a layout, in the stored order. */
export function qofMappingColumns(layout: MappingLayout): string[] {
  return [
    'PRACTICE_CODE',
    'PRACTICE_NAME',
    'PCN_ODS_CODE',
    'PCN_NAME',
    ...levelColumns(layout.commissioner),
    ...levelColumns(layout.parent),
    ...levelColumns(REGION),
  ];
}

function layoutOf(header: readonly string[]): MappingLayout | null {
  return QOF_MAPPING_LAYOUTS.find((l) => header.includes(`${l.commissioner.prefix}_ODS_CODE`)) ?? null;
}

/** Practice codes of the QOF practice prevalence release of `period` in the catalogue, if any. */
function referencePractices(period: string, dataDir: string | undefined): { id: string; codes: Set<string> } | null {
  const ref = listReleases({ dataDir }).find((r) => r.kind === 'qof-prevalence' && r.level === 'practice' && r.period === period);
  if (!ref) return null;
  try {
    const bytes = readFileSync(ref.path);
    const text = (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString('utf8');
    const rows = parse(text, { bom: true, relax_column_count: true }) as string[][];
    const col = rows[0].findIndex((h) => /^practice_code$/i.test(h.trim()));
    if (col < 0) return null;
    return { id: ref.id, codes: new Set(rows.slice(1).map((r) => (r[col] ?? '').trim())) };
  } catch {
    return null;
  }
}

const list = (xs: readonly string[]) => `${xs.slice(0, 20).join(', ')}${xs.length > 20 ? ', …' : ''}`;

function parseMapping(src: SourceInput, hints: AddHints & { dataDir?: string }): ParsedRelease {
  const layout = layoutOf(src.header)!;
  const problems: ReleaseProblem[] = [];
  const warnings: string[] = [];
  const published = qofMappingColumns(layout);
  const idx = published.map((c) => src.header.indexOf(c));
  published.forEach((c, j) => {
    if (idx[j] < 0)
      problems.push({
        row: 1,
        column: c,
        message: `expected column ${c} (the ${layout.years} layout: ${published.join(', ')}); columns found: ${src.header.join(', ')}`,
      });
  });
  const fromName = /(\d{4})(?!.*\d{4})/.exec(src.name)?.[1];
  const period = financialYear(hints.period ?? fromName ?? '');
  if (!period)
    problems.push({
      message: `expected a QOF year such as 2019-20 (from --period or a file name like MAPPING_NHS_GEOGRAPHIES_1920.csv), found "${hints.period ?? src.name}"`,
    });
  const rows: TidyValue[][] = [];
  const { commissioner: com, parent: par } = layout;
  if (!problems.length) {
    const seen = new Map<string, number>();
    const comOf = new Map<string, { ons: string; parent: string; line: number }>();
    const regionOf = new Map<string, { region: string; line: number }>();
    let noPcn = 0;
    src.records.forEach((rec, i) => {
      const line = i + 2;
      const v = idx.map((j) => (rec[j] ?? '').trim());
      const [practice, , pcn, , comCode, comOns, , parCode, parOns, , regCode, regOns] = v;
      if (v.every((x) => x === '')) return;
      if (!/^[A-Z0-9]{6}$/.test(practice))
        problems.push({ row: line, column: 'PRACTICE_CODE', message: `expected a 6-character practice code, found "${practice}"` });
      const prior = seen.get(practice);
      if (prior !== undefined) problems.push({ row: line, column: 'PRACTICE_CODE', message: `practice ${practice} appears twice (also line ${prior})` });
      else seen.set(practice, line);
      if (!pcn) noPcn++;
      const onsChecks: [string, string, Level][] = [
        [comOns, `${com.prefix}_ONS_CODE`, com],
        [parOns, `${par.prefix}_ONS_CODE`, par],
        [regOns, 'REGION_ONS_CODE', REGION],
      ];
      for (const [code, column, level] of onsChecks)
        if (!level.ons.test(code))
          problems.push({ row: line, column, message: `expected a ${level.label} ONS code (${level.ons.source.slice(1, 4)}……), found "${code}"` });
      const c = comOf.get(comCode);
      if (!c) comOf.set(comCode, { ons: comOns, parent: parCode, line });
      else if (c.ons !== comOns || c.parent !== parCode)
        problems.push({
          row: line,
          column: `${com.prefix}_ODS_CODE`,
          message: `${com.label} ${comCode} has ${c.ons !== comOns ? `ONS code ${comOns}` : `${par.label} ${parCode}`} here but ${c.ons !== comOns ? c.ons : c.parent} on line ${c.line}`,
        });
      const p = regionOf.get(parCode);
      if (!p) regionOf.set(parCode, { region: regCode, line });
      else if (p.region !== regCode)
        problems.push({
          row: line,
          column: 'REGION_ODS_CODE',
          message: `${par.label} ${parCode} is in region ${regCode} here but ${p.region} on line ${p.line}`,
        });
      rows.push(v);
    });
    warnings.push(
      `${rows.length.toLocaleString('en-GB')} practices, ${new Set(rows.map((r) => r[2]).filter(Boolean)).size} PCNs, ${comOf.size} ${com.label}s, ${regionOf.size} ${par.label}s, ${new Set(rows.map((r) => r[10])).size} regions`,
    );
    if (noPcn) warnings.push(`${noPcn} practices with no PCN`);
    const ref = period ? referencePractices(period, hints.dataDir) : null;
    if (!ref) warnings.push(`practice codes not checked against a practice list: no QOF ${period} practice prevalence release in the catalogue`);
    else {
      const mapped = new Set(seen.keys());
      const unknown = [...mapped].filter((c) => !ref.codes.has(c));
      const missing = [...ref.codes].filter((c) => !mapped.has(c));
      if (unknown.length > 0.1 * mapped.size)
        problems.push({
          column: 'PRACTICE_CODE',
          message: `${unknown.length.toLocaleString('en-GB')} of ${mapped.size.toLocaleString('en-GB')} practices are not in ${ref.id} (QOF ${period}): is this the mapping of another year? e.g. ${list(unknown.slice(0, 5))}`,
        });
      else {
        warnings.push(
          unknown.length
            ? `${unknown.length.toLocaleString('en-GB')} practices not in ${ref.id}: ${list(unknown)}`
            : `every practice is in ${ref.id} (${ref.codes.size.toLocaleString('en-GB')} practices)`,
        );
        warnings.push(
          missing.length
            ? `coverage: ${missing.length.toLocaleString('en-GB')} practices of ${ref.id} not mapped: ${list(missing)}`
            : `coverage: every practice of ${ref.id} mapped`,
        );
      }
    }
  }
  const comName = com.label === 'CCG' ? 'CCG → STP' : 'sub-ICB location → ICB';
  return {
    kind: 'practice-map',
    layout: layout.layout,
    title: `QOF ${period ?? ''} geography mapping: practice → PCN → ${comName} → NHS England region`.replace('  ', ' '),
    period: period ?? '',
    vintage: `${com.label === 'CCG' ? 'CCG/STP' : 'sub-ICB/ICB'} ${period ?? ''}`.trim(),
    level: 'practice-qof',
    publisher: 'NHS Digital',
    licence: OGL,
    columns: ['practice_code', 'practice_name', 'pcn_code', 'pcn_name', ...storedColumns(com), ...storedColumns(par), ...storedColumns(REGION)],
    rows,
    problems,
    warnings,
    notes: `Published with QOF ${period ?? ''} (${layout.years} layout); sub-ICB locations keep their former CCG codes.`,
  };
}

/** The QOF geography mapping file `MAPPING_NHS_GEOGRAPHIES_yyyy.csv` (2019-20 onward, every documented layout). */
export const qofMappingCsv: Recogniser = {
  layout: 'qof-mapping',
  kind: 'practice-map',
  expects:
    'a QOF MAPPING_NHS_GEOGRAPHIES_yyyy.csv (columns PRACTICE_CODE, PCN_ODS_CODE, CCG_ODS_CODE/SUB_ICB_LOC_ODS_CODE/SUB_ICB_ODS_CODE, STP_ODS_CODE/ICB_ODS_CODE, REGION_ODS_CODE, with ONS codes and names)',
  match: (src) => src.format === 'csv' && src.header.includes('PRACTICE_CODE') && src.header.includes('PCN_ODS_CODE') && layoutOf(src.header) !== null,
  parse: (src, hints) => parseMapping(src, hints),
};
