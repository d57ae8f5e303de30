#!/usr/bin/env node
/**
 * Rebuild the bundled IoD2025, LSOA 2021 lookup, ePCN 2023 and Census 2021 files in data/ from
 * the published files (see data/SOURCES.md, sections "IoD2025" to "Census 2021 ethnic group").
 *
 *   node data/tools/build-geo-data.mjs <folder with the published files>
 *
 * The folder holds the layout described in data/SOURCES.md (iod2025/, lookups/, population/,
 * ethnicity/, gp-practice-maps/). The script only selects rows (England) and columns, reshapes
 * (Census age groups long → wide) and gzips (`gzip -n -9` equivalent: no name, no timestamp); it
 * never changes a value. It stops with an error if a check fails:
 *   - IoD2025: every LSOA's IMD rank and decile in the derived CSV equal File 1's (xlsx), and
 *     File 3's IMD rank/decile equal File 1's too; the published deciles are the ones written.
 *   - every output has the expected number of English rows.
 * Needs exceljs (a dependency of healthgap).
 */
import { readFileSync, writeFileSync, renameSync, mkdirSync } from 'node:fs';
import { gzipSync, gunzipSync } from 'node:zlib';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';

const SRC = process.argv[2];
if (!SRC) {
  console.error('usage: node data/tools/build-geo-data.mjs <folder with iod2025/, lookups/, population/, ethnicity/, gp-practice-maps/>');
  process.exit(2);
}
const OUT = join(dirname(fileURLToPath(import.meta.url)), '..');

// ---------- small CSV helpers (RFC 4180; quoted fields may hold commas and newlines) ----------
function parseCsv(text) {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const rows = [];
  let row = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') { field += '"'; i += 2; continue; }
        quoted = false; i++; continue;
      }
      field += c; i++; continue;
    }
    if (c === '"') { quoted = true; i++; continue; }
    if (c === ',') { row.push(field); field = ''; i++; continue; }
    if (c === '\r') { i++; continue; }
    if (c === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; continue; }
    field += c; i++;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows;
}
function readCsv(rel) {
  const buf = readFileSync(join(SRC, rel));
  const text = (rel.endsWith('.gz') ? gunzipSync(buf) : buf).toString('utf8');
  const rows = parseCsv(text);
  const header = rows.shift();
  return { header, rows, col: (name) => { const k = header.indexOf(name); if (k < 0) throw new Error(`${rel}: no column ${name}`); return k; } };
}
const q = (v) => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
function writeOut(rel, header, rows, { gzip = true } = {}) {
  const text = [header, ...rows].map((r) => r.map(q).join(',')).join('\n') + '\n';
  const file = join(OUT, rel + (gzip ? '.gz' : ''));
  mkdirSync(dirname(file), { recursive: true });
  const tmp = file + '.tmp';
  writeFileSync(tmp, gzip ? gzipSync(Buffer.from(text, 'utf8'), { level: 9 }) : text);
  renameSync(tmp, file);
  console.log(`wrote ${rel}${gzip ? '.gz' : ''}: ${rows.length} rows`);
}
function expect(what, got, want) {
  if (got !== want) throw new Error(`check failed: ${what}: got ${got}, expected ${want}`);
}
async function sheetRows(rel, sheetName) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(SRC, rel));
  const ws = wb.getWorksheet(sheetName);
  if (!ws) throw new Error(`${rel}: no sheet ${sheetName}`);
  const out = [];
  ws.eachRow((r) => out.push(r.values.slice(1).map((v) => (v && typeof v === 'object' && 'result' in v ? v.result : v))));
  return out;
}
const isEnglandLsoa = (c) => /^E01\d{6}$/.test(c);

// ---------- IoD2025 ----------
const file1 = await sheetRows('iod2025/File_1_IoD2025_Index_of_Multiple_Deprivation.xlsx', 'IMD25');
const file1Header = file1.shift();
expect('File 1 first header', file1Header[0], 'LSOA code (2021)');
const f1 = new Map(file1.map((r) => [r[0], { name: r[1], lad: r[2], ladName: r[3], rank: Number(r[4]), decile: Number(r[5]) }]));
expect('File 1 LSOAs', f1.size, 33755);

const file3 = await sheetRows('iod2025/File_3_IoD2025_Supplementary_Indices_IDACI_and_IDAOPI.xlsx', 'IoD2025 IDACI & IDAOPI');
file3.shift();
const f3 = new Map(file3.map((r) => [r[0], { imdRank: Number(r[4]), imdDecile: Number(r[5]), idaciRank: Number(r[6]), idaciDecile: Number(r[7]), idaopiRank: Number(r[8]), idaopiDecile: Number(r[9]) }]));
expect('File 3 LSOAs', f3.size, 33755);

const hv = readCsv('iod2025/imd2025_england_lsoa21.csv');
expect('derived IoD2025 CSV LSOAs', hv.rows.length, 33755);
const DOMAINS = [
  ['imd', 'IMD'],
  ['income', 'Income'],
  ['employment', 'Employment'],
  ['education', 'Education'],
  ['health', 'Health'],
  ['crime', 'Crime'],
  ['barriers', 'Housing_and_Services'],
  ['living_environment', 'Environment'],
];
const imdHeader = ['lsoa21cd', 'lsoa21nm', 'lad24cd', 'lad24nm'];
for (const [d] of DOMAINS) imdHeader.push(`${d}_rank`, `${d}_decile`, `${d}_score`);
imdHeader.push('idaci_rank', 'idaci_decile', 'idaopi_rank', 'idaopi_decile');
const imdRows = [];
let decileMismatch = 0;
for (const r of hv.rows) {
  const code = r[hv.col('lsoa21_code')];
  const p = f1.get(code);
  const s = f3.get(code);
  if (!p || !s) throw new Error(`LSOA ${code} of the derived CSV is not in File 1 / File 3`);
  if (Number(r[hv.col('IMD_rank')]) !== p.rank) throw new Error(`${code}: IMD rank ${r[hv.col('IMD_rank')]} in derived CSV, ${p.rank} in File 1`);
  if (Number(r[hv.col('IMD_decile')]) !== p.decile) decileMismatch++;
  if (s.imdRank !== p.rank || s.imdDecile !== p.decile) throw new Error(`${code}: File 3 IMD rank/decile differ from File 1`);
  const out = [code, p.name, p.lad, p.ladName];
  for (const [d, src] of DOMAINS) {
    if (d === 'imd') out.push(p.rank, p.decile, r[hv.col('IMD_score')]);
    else out.push(r[hv.col(`${src}_rank`)], r[hv.col(`${src}_decile`)], r[hv.col(`${src}_score`)]);
  }
  out.push(s.idaciRank, s.idaciDecile, s.idaopiRank, s.idaopiDecile);
  imdRows.push(out);
}
expect('IMD deciles differing between derived CSV and File 1', decileMismatch, 0);
const decileCounts = new Array(11).fill(0);
for (const p of f1.values()) decileCounts[p.decile]++;
expect('LSOAs in IMD 2025 deciles 1-2 (File 1)', decileCounts[1] + decileCounts[2], 6751);
imdRows.sort((a, b) => a[0].localeCompare(b[0]));
writeOut('imd/imd2025_lsoa21_england.csv', imdHeader, imdRows);

for (const [src, dst, n] of [
  ['iod2025/imd2025_england_ltla24.csv', 'imd/imd2025_lad24_summary.csv', 296],
  ['iod2025/imd2025_england_icb24.csv', 'imd/imd2025_icb24_summary.csv', 42],
]) {
  const t = readCsv(src);
  expect(`${src} rows`, t.rows.length, n);
  writeOut(dst, t.header, t.rows);
}

// ---------- ONS lookups ----------
{
  const t = readCsv('lookups/lookup_lsoa11_lsoa21_ltla22.csv');
  const rows = t.rows.filter((r) => isEnglandLsoa(r[t.col('lsoa21_code')]) || isEnglandLsoa(r[t.col('lsoa11_code')]))
    .map((r) => [r[t.col('lsoa11_code')], r[t.col('lsoa21_code')], r[t.col('change_code')], r[t.col('ltla22_code')]]);
  expect('England LSOA21 in exact lookup', new Set(rows.map((r) => r[1])).size, 33755);
  expect('England LSOA11 in exact lookup', new Set(rows.map((r) => r[0])).size, 32844);
  writeOut('lookups/lsoa11_lsoa21_exact_england.csv', ['lsoa11_code', 'lsoa21_code', 'change_code', 'lad22_code'], rows);
}
{
  const t = readCsv('lookups/lookup_lsoa21_icb24.csv');
  const cols = ['lsoa21_code', 'sicbl24_code', 'sicbl24_code_nhs', 'sicbl24_name', 'icb24_code', 'icb24_code_nhs', 'icb24_name'];
  const rows = t.rows.map((r) => cols.map((c) => r[t.col(c)]));
  expect('LSOA21 → ICB24 rows', rows.length, 33755);
  writeOut('lookups/lsoa21_sicbl24_icb24_england.csv', cols, rows);
}
{
  const t = readCsv('lookups/lookup_lsoa21_ward24_ltla24.csv');
  const cols = ['lsoa21_code', 'lsoa21_name', 'ward24_code', 'ward24_name', 'ltla24_code', 'ltla24_name'];
  const rows = t.rows.filter((r) => isEnglandLsoa(r[t.col('lsoa21_code')])).map((r) => cols.map((c) => r[t.col(c)]));
  expect('England LSOA21 → ward24', rows.length, 33755);
  writeOut('lookups/lsoa21_ward24_lad24_england.csv', ['lsoa21_code', 'lsoa21_name', 'ward24_code', 'ward24_name', 'lad24_code', 'lad24_name'], rows);
}
{
  const t = readCsv('lookups/lookup_lsoa11_sicbl22_icb22_ltla22.csv');
  const cols = ['lsoa11_code', 'sicbl22_code', 'icb22_code'];
  const rows = t.rows.map((r) => cols.map((c) => r[t.col(c)]));
  expect('LSOA11 → sub-ICB 2022 rows', rows.length, 32844);
  writeOut('lookups/lsoa11_sicbl22_icb22_england.csv', cols, rows);
}
for (const [src, dst, cols, n] of [
  ['lookups/lookup_ltla22_ltla23.csv', 'lookups/lad22_lad23.csv', ['ltla22_code', 'ltla22_name', 'ltla23_code', 'ltla23_name'], 374],
  ['lookups/lookup_ltla23_utla23.csv', 'lookups/lad23_utla23.csv', ['ltla23_code', 'ltla23_name', 'utla23_code', 'utla23_name'], 318],
  ['lookups/lookup_ltla23_region23.csv', 'lookups/lad23_region23.csv', ['ltla23_code', 'ltla23_name', 'region23_code', 'region23_name'], 296],
  ['lookups/Sub_ICB_Locations_to_Integrated_Care_Boards_to_NHS_England_(Region)_(July_2022)_Lookup_in_England.csv', 'lookups/sicbl22_icb22_nhser22_england.csv',
    ['SICBL22CD', 'SICBL22CDH', 'SICBL22NM', 'ICB22CD', 'ICB22CDH', 'ICB22NM', 'NHSER22CD', 'NHSER22CDH', 'NHSER22NM'], 106],
  ['lookups/Local_Authority_District_to_Region_(December_2022)_Lookup_in_England.csv', 'lookups/lad22_region22_england.csv', ['LAD22CD', 'LAD22NM', 'RGN22CD', 'RGN22NM'], 309],
]) {
  const t = readCsv(src);
  expect(`${src} rows`, t.rows.length, n);
  writeOut(dst, cols, t.rows.map((r) => cols.map((c) => r[t.col(c)])), { gzip: false });
}

// ---------- NHS ODS ePCN (January 2023): open practice → PCN memberships ----------
{
  const rows = await sheetRows('gp-practice-maps/ePCN_2023-01.xlsx', 'PCN Core Partner Details');
  const header = rows.shift().map((h) => String(h).replace(/\s+/g, ' ').trim());
  const k = (name) => { const i = header.indexOf(name); if (i < 0) throw new Error(`ePCN: no column ${name}`); return i; };
  expect('ePCN membership rows', rows.length, 7455);
  const open = rows.filter((r) => r[k('Practice to PCN Relationship End Date')] === null || r[k('Practice to PCN Relationship End Date')] === undefined || r[k('Practice to PCN Relationship End Date')] === '');
  const out = open.map((r) => [
    r[k('Partner Organisation Code')], r[k('Partner Name')], r[k('Practice Parent Sub ICB Loc Code')],
    r[k('PCN Code')], r[k('PCN Name')], r[k('PCN Parent Sub ICB Loc Code')], r[k('Practice to PCN Relationship Start Date')],
  ].map((v) => (v === null || v === undefined ? '' : String(v))));
  out.sort((a, b) => a[0].localeCompare(b[0]) || a[3].localeCompare(b[3]));
  const practices = new Set(out.map((r) => r[0]));
  if (practices.size !== out.length) throw new Error(`ePCN: ${out.length - practices.size} practices have more than one open PCN membership`);
  writeOut('lookups/epcn_2023-01_practice_pcn.csv', ['practice_code', 'practice_name', 'practice_sicbl_ods_code', 'pcn_code', 'pcn_name', 'pcn_sicbl_ods_code', 'start_date'], out);
}

// ---------- Census 2021 ----------
{
  const t = readCsv('population/census21_pop_lsoa21_age6.csv.gz');
  const GROUPS = [
    ['Aged 15 years and under', 'age_0_15'],
    ['Aged 16 to 24 years', 'age_16_24'],
    ['Aged 25 to 34 years', 'age_25_34'],
    ['Aged 35 to 49 years', 'age_35_49'],
    ['Aged 50 to 64 years', 'age_50_64'],
    ['Aged 65 years and over', 'age_65_plus'],
  ];
  const by = new Map();
  for (const r of t.rows) {
    const code = r[t.col('lsoa21_code')];
    if (!isEnglandLsoa(code)) continue;
    const g = GROUPS.findIndex(([label]) => label === r[t.col('age_group')]);
    if (g < 0) throw new Error(`Census age group ${r[t.col('age_group')]} unknown`);
    let v = by.get(code);
    if (!v) by.set(code, (v = new Array(GROUPS.length).fill(null)));
    v[g] = Number(r[t.col('usual_residents')]);
  }
  expect('Census 2021 England LSOAs', by.size, 33755);
  const rows = [...by].sort((a, b) => a[0].localeCompare(b[0])).map(([code, v]) => {
    if (v.some((x) => x === null)) throw new Error(`Census: ${code} lacks an age group`);
    return [code, v.reduce((a, b) => a + b, 0), ...v];
  });
  expect('Census 2021 England usual residents', rows.reduce((a, r) => a + r[1], 0), 56489608);
  writeOut('population/census21_lsoa21_age6_england.csv', ['lsoa21_code', 'all_ages', ...GROUPS.map(([, n]) => n)], rows);
}
{
  const t = readCsv('ethnicity/census2021-ts021-lsoa.csv');
  const keep = t.header.map((h, i) => i).filter((i) => t.header[i] !== 'date' && t.header[i] !== 'geography');
  const rows = t.rows.filter((r) => isEnglandLsoa(r[t.col('geography code')])).map((r) => keep.map((i) => r[i]));
  expect('TS021 England LSOAs', rows.length, 33755);
  rows.sort((a, b) => a[0].localeCompare(b[0]));
  writeOut('population/census21_ts021_ethnicity_lsoa21_england.csv', keep.map((i) => t.header[i]), rows);
}
{
  const t = readCsv('ethnicity/ethnicity21_ltla21.csv');
  const rows = t.rows.filter((r) => r[0].startsWith('E') && r[t.col('ethnic_group')].endsWith('(number)'))
    .map((r) => [r[t.col('ltla21_code')], r[t.col('ltla21_name')], r[t.col('ethnic_group')].replace(/\s*\(number\)$/, ''), r[t.col('value')]]);
  expect('England LAD21 × 19 groups', rows.length, 309 * 19);
  writeOut('population/census21_ethnicity_lad21_england.csv', ['lad21_code', 'lad21_name', 'ethnic_group', 'usual_residents'], rows);
}
console.log('all checks passed');
