/**
 * Statistical neighbours of a place on the bundled (or the analyst's own) variables, and how a
 * place compares with its neighbours on an indicator: rank, average and range.
 */
import { readCsvRecords } from '../io/csv.js';
import { HealthgapError, InputError, UnknownAreaError } from '../core/errors.js';
import { nearestNeighbours, type AreaVariables, type NeighbourResult } from './model.js';
import { comparatorVariables, DEFAULT_COMPARATOR_VARIABLES, type ComparatorLevel } from './variables.js';

/** Options of {@link findNeighbours}. */
export interface FindNeighboursOptions {
  /** Level: lad (LAD 2024), utla (UTLA 2023) or icb (ICB 2024). Default: from the code, or the first level whose names match. */
  level?: ComparatorLevel;
  /** Number of neighbours (default 15). */
  k?: number;
  /** Variables to use (default the documented defaults, plus every analyst variable given). */
  variables?: readonly string[];
  /** Weights by variable (default: the documented default weights; 1 for analyst variables). */
  weights?: Readonly<Record<string, number>>;
  /** The analyst's own variables, joined to the bundled ones by code (see {@link readVariablesCsv}). */
  extra?: readonly AreaVariables[];
  /** Variables compared on the log10 scale (default population and density). */
  log?: readonly string[];
}

/** The result of {@link findNeighbours}: the model's result and the level. */
export interface PlaceNeighbours extends NeighbourResult {
  level: ComparatorLevel;
}

const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/^nhs\s+/, '')
    .replace(/\s+integrated care board$|\s+icb$/, '')
    .replace(/,\s*(county|city) of$/, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** Level of a GSS code, for the comparator levels. */
function levelOfCode(code: string): ComparatorLevel | null {
  if (/^E54\d{6}$/.test(code)) return 'icb';
  if (/^E07\d{6}$/.test(code)) return 'lad';
  if (/^E(06|08|09|10)\d{6}$/.test(code)) return 'utla';
  return null;
}

/** Find a place among the areas of a level by code or name (case and "County of" insensitive). */
export function findArea(areas: readonly AreaVariables[], query: string): AreaVariables | null {
  const q = query.trim();
  const byCode = areas.find((a) => a.code.toUpperCase() === q.toUpperCase());
  if (byCode) return byCode;
  const n = norm(q);
  return areas.find((a) => norm(a.name) === n) ?? null;
}

/**
 * Join the analyst's variables onto areas by code: every area keeps its variables and gains the
 * analyst's (null where the analyst's table has no row for it). A name clash is an error.
 */
export function joinVariables(base: readonly AreaVariables[], extra: readonly AreaVariables[]): AreaVariables[] {
  const byCode = new Map(extra.map((e) => [e.code, e]));
  const extraNames = [...new Set(extra.flatMap((e) => Object.keys(e.values)))];
  const baseNames = new Set(base.flatMap((b) => Object.keys(b.values)));
  for (const nm of extraNames) if (baseNames.has(nm)) throw new HealthgapError(`your variable "${nm}" has the name of a bundled variable; rename the column`);
  const matched = base.filter((b) => byCode.has(b.code)).length;
  if (extra.length && matched === 0)
    throw new HealthgapError(
      `none of the ${extra.length} areas in your variables matches an area code of this level (e.g. ${base[0]?.code}): check the codes and --level`,
    );
  return base.map((b) => {
    const e = byCode.get(b.code);
    const values = { ...b.values };
    for (const nm of extraNames) values[nm] = e?.values[nm] ?? null;
    return { ...b, values };
  });
}

/**
 * Read the analyst's own comparator variables: a CSV with an `area_code` column (or `code`), an
 * optional `area_name`, and one numeric column per variable (blank = missing). One-line errors
 * name the file, line and column.
 *
 * @example readVariablesCsv('my_vars.csv') // [{ code: 'E08000028', name: 'Sandwell', values: { smoking: 19.1 } }, …]
 */
export function readVariablesCsv(file: string): AreaVariables[] {
  const rec = readCsvRecords(file);
  const codeIdx = rec.header.findIndex((h) => /^(area_code|code)$/i.test(h.trim()));
  if (codeIdx < 0) throw new InputError(`no area_code column; the header has: ${rec.header.join(', ')}`, { file: rec.file, row: 1 });
  const nameIdx = rec.header.findIndex((h) => /^(area_name|name)$/i.test(h.trim()));
  const varIdx = rec.header.map((h, j) => ({ h: h.trim(), j })).filter((c) => c.j !== codeIdx && c.j !== nameIdx);
  if (!varIdx.length) throw new InputError('no variable columns besides the area code and name', { file: rec.file, row: 1 });
  const seen = new Set<string>();
  return rec.rows.map((row, r) => {
    const code = (row[codeIdx] ?? '').trim();
    if (!code) throw new InputError('expected an area code, found a blank cell', { file: rec.file, row: rec.lines[r], column: rec.header[codeIdx] });
    if (seen.has(code)) throw new InputError(`area ${code} appears twice`, { file: rec.file, row: rec.lines[r], column: rec.header[codeIdx] });
    seen.add(code);
    const values: Record<string, number | null> = {};
    for (const { h, j } of varIdx) {
      const s = (row[j] ?? '').trim();
      if (s === '') values[h] = null;
      else {
        const v = Number(s.replace(/,/g, ''));
        if (!Number.isFinite(v)) throw new InputError(`expected a number, found "${s}"`, { file: rec.file, row: rec.lines[r], column: h });
        values[h] = v;
      }
    }
    return { code, name: nameIdx >= 0 ? (row[nameIdx] ?? '').trim() || code : code, values };
  });
}

/**
 * The k nearest statistical neighbours of a place (LAD 2024, UTLA 2023 or ICB 2024) on the
 * bundled variables and default weights ({@link DEFAULT_COMPARATOR_VARIABLES}), optionally with
 * the analyst's own variables, variable choice and weights. See `nearestNeighbours` for the
 * distance and docs/burden.md for the model and its limits.
 *
 * @example findNeighbours('Sandwell').neighbours.slice(0, 3).map((n) => n.name) // ['Wolverhampton', 'Walsall', 'Bolton']
 */
export function findNeighbours(place: string, options: FindNeighboursOptions = {}): PlaceNeighbours {
  const levels: ComparatorLevel[] = options.level
    ? [options.level]
    : (() => {
        const l = levelOfCode(place.trim().toUpperCase());
        return l ? [l] : ['utla', 'lad', 'icb'];
      })();
  let areas: AreaVariables[] = [];
  let target: AreaVariables | null = null;
  let level: ComparatorLevel = levels[0];
  for (const l of levels) {
    areas = comparatorVariables(l);
    target = findArea(areas, place);
    if (target) {
      level = l;
      break;
    }
  }
  if (!target) {
    const all = levels.flatMap((l) => comparatorVariables(l));
    const n = norm(place);
    const close = all
      .filter((a) => norm(a.name).includes(n) || n.includes(norm(a.name)))
      .slice(0, 5)
      .map((a) => `${a.name} (${a.code})`);
    throw new UnknownAreaError(place, close, `place at ${levels.join('/')} level (LAD 2024, UTLA 2023, ICB 2024)`);
  }
  const extra = options.extra ?? [];
  if (extra.length) areas = joinVariables(areas, extra);
  const extraNames = [...new Set(extra.flatMap((e) => Object.keys(e.values)))];
  const variables = options.variables ? [...options.variables] : [...DEFAULT_COMPARATOR_VARIABLES.map((v) => v.name), ...extraNames];
  const defaults = Object.fromEntries(DEFAULT_COMPARATOR_VARIABLES.map((v) => [v.name, v.weight]));
  const weights: Record<string, number> = {};
  for (const v of variables) weights[v] = options.weights?.[v] ?? defaults[v] ?? 1;
  for (const w of Object.keys(options.weights ?? {}))
    if (!variables.includes(w)) throw new HealthgapError(`a weight is given for "${w}", which is not one of the variables used (${variables.join(', ')})`);
  const log = (options.log ?? DEFAULT_COMPARATOR_VARIABLES.filter((v) => v.log).map((v) => v.name)).filter((v) => variables.includes(v));
  const result = nearestNeighbours(areas, target.code, { k: options.k, variables, weights, log });
  return { ...result, level };
}

/** How a place compares with its neighbours on one indicator. */
export interface NeighbourComparison {
  /** The place's value. */
  value: number | null;
  /** Rank among the place and its neighbours with a value (1 = highest value), and how many were ranked. */
  rank: number | null;
  of: number;
  /** Mean, lowest and highest of the neighbours' values (the place not included). */
  average: number | null;
  min: number | null;
  max: number | null;
  /** Neighbours with a value. */
  neighboursWithValue: number;
}

/**
 * Rank a place among its neighbours on an indicator and give the neighbours' average and range.
 * `values` maps area code → value (null or absent = no value). Rank 1 = the highest value; ties
 * share the best rank. A polarity is applied by the caller (e.g. "rank 3 of 16, where 1 is the
 * highest mortality").
 *
 * @example compareWithNeighbours(new Map([['A', 10], ['B', 12], ['C', 8]]), 'A', ['B', 'C']) // rank 2 of 3, average 10, range 8 to 12
 */
export function compareWithNeighbours(values: ReadonlyMap<string, number | null>, place: string, neighbours: readonly string[]): NeighbourComparison {
  const v = values.get(place) ?? null;
  const nv = neighbours.map((c) => values.get(c)).filter((x): x is number => typeof x === 'number' && Number.isFinite(x));
  const all = v === null ? nv : [v, ...nv];
  const rank = v === null ? null : 1 + all.filter((x) => x > v).length;
  return {
    value: v,
    rank,
    of: all.length,
    average: nv.length ? nv.reduce((a, b) => a + b, 0) / nv.length : null,
    min: nv.length ? Math.min(...nv) : null,
    max: nv.length ? Math.max(...nv) : null,
    neighboursWithValue: nv.length,
  };
}
