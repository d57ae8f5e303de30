/**
 * `healthgap fingertips …`: the OHID Fingertips API from the command line, through the cache.
 *
 *   healthgap fingertips profiles
 *   healthgap fingertips domains --profile 19
 *   healthgap fingertips indicators [--profile ID | --domain ID] [--search TEXT]
 *   healthgap fingertips metadata <indicator IDs>
 *   healthgap fingertips area-types
 *   healthgap fingertips areas --area-type ID [--parent CODE]
 *   healthgap fingertips data <indicator IDs> --area-type ID [--parent-area-type ID] [--profile ID] [--area CODE] [--output f.csv]
 *   healthgap fingertips import <export.csv> <indicator IDs> --area-type ID [--parent-area-type ID]
 *   healthgap fingertips promote <indicator IDs> --area-type ID [--parent-area-type ID] [--profile ID]
 *   healthgap fingertips cache
 *
 * Every command takes --api-url URL (else HEALTHGAP_FINGERTIPS_URL, else the public API),
 * --cache-dir DIR (else <data dir>/cache/fingertips), --data-dir DIR, --offline, --max-age HOURS,
 * --timeout SECONDS and --retries N. Tables go to the screen (the first rows) or, with --output,
 * to a CSV file (written atomically). Notes (a stale cached copy used, offline) go to stderr.
 */
import type { Command } from 'commander';
import type { ColumnTable } from 'arquero';
import { writeFileAtomic } from '../../io/atomicWrite.js';
import { tableToCsv } from '../../io/csvWrite.js';
import { displayPath, readText } from '../../io/csv.js';
import { HealthgapError } from '../../core/errors.js';
import { FingertipsClient, parseIdList, DEFAULT_PARENT_AREA_TYPE, type FingertipsDataOptions } from '../../fingertips/client.js';
import { closeHttpAgents } from '../../fingertips/http.js';
import { promoteToRelease, fingertipsReleaseDir } from '../../fingertips/release.js';
import { FINGERTIPS_AREA_TYPE_BY_LEVEL, parseFingertipsSelection } from '../../fingertips/selection.js';
import { fingertipsDataFingerprint } from '../../fingertips/place.js';
import { defaultFingertipsCacheDir } from '../../fingertips/cache.js';
import type { PlaceProfileOptions } from '../../report/profile/types.js';

interface Common {
  apiUrl?: string;
  cacheDir?: string;
  dataDir?: string;
  offline?: boolean;
  maxAge?: string;
  timeout?: string;
  retries?: string;
  output?: string;
  limit?: string;
}

function positive(text: string | undefined, name: string, whole: boolean): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0 || (whole && !Number.isInteger(n)))
    throw new HealthgapError(`${name} must be ${whole ? 'a whole number' : 'a number'} of 0 or more, found "${text}"`, 2);
  return n;
}

function id(text: string | undefined, name: string): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw new HealthgapError(`${name} must be a whole-number ID, found "${text}"`, 2);
  return n;
}

/** The client for a command's options. */
export function clientFor(opts: Common): FingertipsClient {
  const timeout = positive(opts.timeout, '--timeout', false);
  return new FingertipsClient({
    apiUrl: opts.apiUrl,
    cacheDir: opts.cacheDir,
    dataDir: opts.dataDir,
    offline: opts.offline,
    maxAgeHours: positive(opts.maxAge, '--max-age', false),
    timeoutMs: timeout === undefined ? undefined : timeout * 1000,
    retries: positive(opts.retries, '--retries', true),
    onNote: (n) => process.stderr.write(`note: ${n}\n`),
  });
}

function common(cmd: Command): Command {
  return cmd
    .option('--api-url <url>', 'Fingertips API base URL (default: HEALTHGAP_FINGERTIPS_URL, else https://fingertips.phe.org.uk/api/)')
    .option('--cache-dir <dir>', 'cache folder (default: <data dir>/cache/fingertips)')
    .option('--data-dir <dir>', 'your data directory (default: HEALTHGAP_DATA_DIR, else the per-user folder)')
    .option('--offline', 'use only the cache; fail saying what is missing')
    .option('--max-age <hours>', 'use cached responses younger than this without asking the API (default 24)')
    .option('--timeout <seconds>', 'time-out of each request (default 60)')
    .option('--retries <n>', 'retries on time-outs, 429 and 5xx (default 3)')
    .option('--output <file>', 'write the table as CSV to this file instead of the screen')
    .option('--limit <n>', 'rows shown on screen (default 25)');
}

function cell(v: unknown): string {
  if (v === null || v === undefined) return '–';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toLocaleString('en-GB', { maximumFractionDigits: 2, minimumFractionDigits: 1 });
  return String(v);
}

/** A plain-text table of the first `limit` rows of some columns. */
export function formatTable(table: ColumnTable, columns: readonly string[], limit: number): string {
  const cols = columns.filter((c) => table.columnNames().includes(c));
  const n = Math.min(limit, table.numRows());
  const cells = Array.from({ length: n }, (_, i) =>
    cols.map((c) => {
      const s = cell(table.get(c, i));
      return s.length > 60 ? `${s.slice(0, 59)}…` : s;
    }),
  );
  const width = cols.map((c, j) => Math.max(c.length, ...cells.map((r) => r[j].length)));
  const line = (r: string[]) =>
    r
      .map((s, j) => (j === r.length - 1 ? s : s.padEnd(width[j])))
      .join('  ')
      .trimEnd();
  const out = [line(cols), line(width.map((w) => '-'.repeat(w))), ...cells.map(line)];
  out.push(
    table.numRows() > n ? `${n} of ${table.numRows()} rows shown; --output FILE writes them all` : `${table.numRows()} row${table.numRows() === 1 ? '' : 's'}`,
  );
  return out.join('\n') + '\n';
}

function emit(table: ColumnTable, opts: Common, columns: readonly string[]): void {
  if (opts.output) {
    try {
      writeFileAtomic(opts.output, tableToCsv(table));
    } catch (e) {
      throw new HealthgapError(`cannot write ${opts.output} (${(e as NodeJS.ErrnoException).code ?? String(e)})`, 1);
    }
    process.stdout.write(`wrote ${opts.output} (${table.numRows()} rows, ${table.numCols()} columns)\n`);
    return;
  }
  process.stdout.write(formatTable(table, columns, positive(opts.limit, '--limit', true) ?? 25));
}

function dataOptions(opts: { areaType?: string; parentAreaType?: string; profile?: string }): FingertipsDataOptions {
  const areaTypeId = id(opts.areaType, '--area-type');
  if (areaTypeId === undefined)
    throw new HealthgapError(
      '--area-type <ID> is required (see "healthgap fingertips area-types"; e.g. 502 Counties & UAs, 501 Districts & UAs, 6 regions)',
      2,
    );
  return { areaTypeId, parentAreaTypeId: id(opts.parentAreaType, '--parent-area-type') ?? DEFAULT_PARENT_AREA_TYPE, profileId: id(opts.profile, '--profile') };
}

/** Run an async action and close the HTTP connections afterwards (so the process can exit). */
function run<A extends unknown[]>(fn: (...args: A) => Promise<void> | void): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await fn(...args);
    } finally {
      await closeHttpAgents();
    }
  };
}

const DATA_COLUMNS = [
  'indicator_id',
  'area_code',
  'area_name',
  'sex',
  'age',
  'category',
  'time_period',
  'value',
  'lowercl',
  'uppercl',
  'count',
  'denominator',
  'compared_to_england',
  'recent_trend',
];

export function register(program: Command): void {
  const ft = program
    .command('fingertips')
    .description('OHID Fingertips API: profiles, indicators, areas and data, cached on disk (works offline from the cache)');

  common(ft.command('profiles').description('list Fingertips profiles (ID, name, number of domains)')).action(
    run(async (opts: Common) => {
      emit(await clientFor(opts).profiles(), opts, ['profile_id', 'profile_name', 'profile_key', 'domain_count']);
    }),
  );

  common(ft.command('domains').description('list the domains of a profile').requiredOption('--profile <ID>', 'profile ID')).action(
    run(async (opts: Common & { profile: string }) => {
      emit(await clientFor(opts).domains(id(opts.profile, '--profile') as number), opts, ['profile_id', 'domain_id', 'domain_name', 'sequence']);
    }),
  );

  common(
    ft
      .command('indicators')
      .description('list indicators (of a profile or domain; --search filters by name or ID)')
      .option('--profile <ID>', 'profile ID (e.g. 19, Public Health Outcomes Framework)')
      .option('--domain <ID>', 'domain (group) ID')
      .option('--search <text>', 'keep indicators whose name contains this text (case-insensitive) or whose ID is this'),
  ).action(
    run(async (opts: Common & { profile?: string; domain?: string; search?: string }) => {
      const t = await clientFor(opts).indicators({ profileId: id(opts.profile, '--profile'), domainId: id(opts.domain, '--domain'), search: opts.search });
      emit(t, opts, ['indicator_id', 'indicator_name', 'domain_id', 'domain_name', 'profile_id']);
    }),
  );

  common(
    ft
      .command('metadata')
      .description('indicator metadata (definition, source, unit, value type, polarity …)')
      .argument('<ids>', 'indicator IDs, comma-separated')
      .option('--profile <ID>', 'profile ID'),
  ).action(
    run(async (ids: string, opts: Common & { profile?: string }) => {
      emit(await clientFor(opts).indicatorMetadata(parseIdList(ids), id(opts.profile, '--profile')), opts, [
        'indicator_id',
        'indicator',
        'unit',
        'value_type',
        'polarity',
        'frequency',
      ]);
    }),
  );

  common(ft.command('area-types').description('list area types (ID and name)')).action(
    run(async (opts: Common) => {
      emit(await clientFor(opts).areaTypes(), opts, ['area_type_id', 'area_type_name', 'area_type_short']);
    }),
  );

  common(
    ft
      .command('areas')
      .description('list the areas of an area type (optionally within a parent area)')
      .option('--area-type <ID>', 'area type ID (required)')
      .option('--parent <code>', 'parent area code (e.g. E12000005)'),
  ).action(
    run(async (opts: Common & { areaType?: string; parent?: string }) => {
      const areaTypeId = id(opts.areaType, '--area-type');
      if (areaTypeId === undefined) throw new HealthgapError('--area-type <ID> is required (see "healthgap fingertips area-types")', 2);
      emit(await clientFor(opts).areas(areaTypeId, opts.parent), opts, ['area_code', 'area_name', 'area_type_id']);
    }),
  );

  common(
    ft
      .command('data')
      .description('data for indicators at an area type (one request to all_data/csv/by_indicator_id): the export columns plus value, lowercl, uppercl')
      .argument('<ids>', 'indicator IDs, comma-separated (e.g. 90362,90366)')
      .option('--area-type <ID>', 'child area type ID (required; e.g. 502 Counties & UAs, 501 Districts & UAs, 6 regions)')
      .option('--parent-area-type <ID>', `parent (comparator) area type ID (default ${DEFAULT_PARENT_AREA_TYPE}, England)`)
      .option('--profile <ID>', 'profile whose polarity and comparisons to use')
      .option('--area <codes>', 'keep only these area codes (comma-separated), e.g. E08000028,E92000001'),
  ).action(
    run(async (ids: string, opts: Common & { areaType?: string; parentAreaType?: string; profile?: string; area?: string }) => {
      const list = parseIdList(ids);
      let t = await clientFor(opts).data(list, dataOptions(opts));
      if (opts.area) {
        const keep = new Set(
          opts.area
            .split(',')
            .map((s) => s.trim().toUpperCase())
            .filter(Boolean),
        );
        const codes = t.array('area_code') as string[];
        t = t.reify(codes.flatMap((c, i) => (keep.has(c) ? [i] : [])));
      }
      if (t.numRows() === 0)
        process.stderr.write(
          `note: no rows for indicator${list.length === 1 ? '' : 's'} ${list.join(', ')}${opts.area ? ` in ${opts.area}` : ''} at area type ${opts.areaType}\n`,
        );
      emit(t, opts, DATA_COLUMNS);
    }),
  );

  common(
    ft
      .command('import')
      .description('put a Fingertips export file you downloaded into the cache, as the answer to a data request (for offline use)')
      .argument('<file>', 'Fingertips CSV export (plain or .gz)')
      .argument('<ids>', 'the indicator IDs it holds')
      .option('--area-type <ID>', 'its child area type ID (required)')
      .option('--parent-area-type <ID>', `its parent area type ID (default ${DEFAULT_PARENT_AREA_TYPE})`)
      .option('--profile <ID>', 'profile ID'),
  ).action(
    run(async (file: string, ids: string, opts: Common & { areaType?: string; parentAreaType?: string; profile?: string }) => {
      const text = readText(file);
      const client = clientFor(opts);
      const meta = client.importExport(text, parseIdList(ids), { ...dataOptions(opts), file: displayPath(file) });
      process.stdout.write(
        `cached ${displayPath(file)} (${meta.bytes.toLocaleString('en-GB')} bytes, sha256 ${meta.sha256.slice(0, 12)}…) as ${meta.url} in ${client.cacheDir}\n`,
      );
    }),
  );

  common(
    ft
      .command('promote')
      .description('write cached data as a data release (tidy gzip CSV + JSON provenance) in <data dir>/releases/fingertips')
      .argument('<ids>', 'indicator IDs, as fetched')
      .option('--area-type <ID>', 'child area type ID (required)')
      .option('--parent-area-type <ID>', `parent area type ID (default ${DEFAULT_PARENT_AREA_TYPE})`)
      .option('--profile <ID>', 'profile ID, as fetched'),
  ).action(
    run(async (ids: string, opts: Common & { areaType?: string; parentAreaType?: string; profile?: string }) => {
      const client = clientFor({ ...opts, offline: true });
      const info = promoteToRelease(client, parseIdList(ids), { ...dataOptions(opts), dataDir: opts.dataDir });
      process.stdout.write(
        `wrote release ${info.name}: ${info.rows.toLocaleString('en-GB')} rows, sha256 ${info.sha256.slice(0, 12)}…, from ${info.source.url} (fetched ${info.source.fetchedAt}) in ${fingertipsReleaseDir(opts.dataDir)}\n`,
      );
    }),
  );

  common(ft.command('cache').description('list the cached responses (URL, when fetched, size)')).action(
    run(async (opts: Common) => {
      const client = clientFor(opts);
      const entries = client.cacheEntries();
      if (entries.length === 0) {
        process.stdout.write(`the cache ${client.cacheDir} is empty\n`);
        return;
      }
      for (const e of entries)
        process.stdout.write(`${e.fetchedAt}  ${String(e.bytes).padStart(10)}  ${e.origin === 'file' ? `[imported ${e.importedFrom}] ` : ''}${e.url}\n`);
      process.stdout.write(`${entries.length} cached response${entries.length === 1 ? '' : 's'} in ${client.cacheDir}\n`);
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// The --fingertips option of `profile` and `profiles`
// ---------------------------------------------------------------------------------------------

/** Options that `profile` / `profiles` take for their Fingertips section. */
export interface FingertipsProfileCliOptions {
  fingertips?: string;
  fingertipsAreaType?: string;
  fingertipsParentAreaType?: string;
  apiUrl?: string;
  cacheDir?: string;
  dataDir?: string;
  offline?: boolean;
}

/** Add `--fingertips` and its companions to a profile command. */
export function addFingertipsProfileOptions(cmd: Command): Command {
  return cmd
    .option(
      '--fingertips <ids|profile:ID|domain:ID|default>',
      'add a Fingertips section (spine, trends, table) for these indicators, from the cache (fetched first unless --offline); default = PHOF overarching indicators 90362, 90366, 92901',
    )
    .option('--fingertips-area-type <ID>', 'Fingertips area type of the place (default 502 for upper-tier, 501 for lower-tier authorities, 6 for regions)')
    .option('--fingertips-parent-area-type <ID>', `Fingertips parent area type (default ${DEFAULT_PARENT_AREA_TYPE}, England)`)
    .option('--api-url <url>', 'Fingertips API base URL (default: HEALTHGAP_FINGERTIPS_URL, else the public API)')
    .option('--cache-dir <dir>', 'Fingertips cache folder (default: <data dir>/cache/fingertips)')
    .option('--data-dir <dir>', 'your data directory (Fingertips cache and releases)')
    .option('--offline', 'do not fetch from Fingertips: use only the cache and releases');
}

/**
 * Fetch into the cache what the Fingertips section of profiles at these levels will need (unless
 * offline), then return the section's options. A failed fetch is a note, not an error: the
 * section then says what is missing.
 */
export async function prepareFingertipsSection(opts: FingertipsProfileCliOptions, levels: readonly string[]): Promise<PlaceProfileOptions['fingertips']> {
  if (!opts.fingertips) return undefined;
  const selection = parseFingertipsSelection(opts.fingertips);
  const options = { selection, cacheDir: opts.cacheDir, dataDir: opts.dataDir };
  const withFingerprint = () => ({
    ...options,
    fingerprint: fingertipsDataFingerprint({ cacheDir: opts.cacheDir ?? defaultFingertipsCacheDir({ dataDir: opts.dataDir }), dataDir: opts.dataDir }),
  });
  if (opts.offline) return withFingerprint();
  const client = clientFor({ apiUrl: opts.apiUrl, cacheDir: opts.cacheDir, dataDir: opts.dataDir });
  const given = id(opts.fingertipsAreaType, '--fingertips-area-type');
  const parentAreaTypeId = id(opts.fingertipsParentAreaType, '--fingertips-parent-area-type') ?? DEFAULT_PARENT_AREA_TYPE;
  const areaTypes =
    given !== undefined ? [given] : [...new Set(levels.map((l) => FINGERTIPS_AREA_TYPE_BY_LEVEL[l]).filter((x): x is number => x !== undefined))];
  if (areaTypes.length === 0)
    process.stderr.write(
      `note: no default Fingertips area type for ${levels.join(', ')}; pass --fingertips-area-type to fetch (the section uses what is cached)\n`,
    );
  try {
    for (const areaTypeId of areaTypes) {
      try {
        if (selection.kind === 'profile') await client.dataByProfile(selection.profileId, { areaTypeId, parentAreaTypeId });
        else if (selection.kind === 'domain') await client.dataByDomain(selection.domainId, { areaTypeId, parentAreaTypeId });
        else await client.data(selection.indicatorIds, { areaTypeId, parentAreaTypeId, profileId: selection.profileId });
      } catch (e) {
        if (!(e instanceof HealthgapError)) throw e;
        process.stderr.write(`note: ${e.message}; the Fingertips section uses what is already cached\n`);
      }
    }
  } finally {
    await closeHttpAgents();
  }
  return withFingerprint();
}
