/**
 * Build the two vintages of the healthgap geography from the bundled ONS lookups, once per
 * process each ({@link getGeography}).
 *
 * - 2024 (current): LSOA 2021 → ward 2024 → LAD 2024 (ONS best fit; LAD 2023 and 2024 codes are
 *   the same 296), LAD 2023 → UTLA 2023 and → region, LSOA 2021 → sub-ICB location → ICB April 2024
 *   (official), ICB → NHS England region (July 2022 lookup; the two ICBs recoded in April 2024,
 *   Frimley and Surrey Heartlands, take the region of the 2022 ICBs their LSOAs came from).
 * - 2019: LSOA 2011 → MSOA 2011, LAD 2019, UTLA 2019, region, CCG April 2020, STP 2020 (ONS
 *   lookups), LSOA 2011 → sub-ICB location → ICB July 2022 (official ONS lookup, replacing the
 *   former derivation by district centroids), → NHS England region. Authorities created since
 *   2019 are added as successor areas, each the exact union of its LAD 2019 predecessors (every
 *   change from 2019 to 2024 merged whole districts, so they nest exactly).
 */
import { readLsoaGeography, readLaCodeHistory } from '../io/lookups.js';
import {
  readLsoa21Ward2024,
  readLad23Utla23,
  readLad23Region23,
  readLsoa21Icb2024,
  readLsoa11Icb2022,
  readSubIcbIcbRegion2022,
  readLsoa11Lsoa21,
} from '../io/lookups2021.js';
import { HealthgapError } from '../core/errors.js';
import { Geography, type SuccessorArea } from './geography.js';
import { CURRENT_VINTAGE, VINTAGE_SHORT_LABELS, parseVintage, type AreaRef, type GeographyVintage, type GeoLevel } from './levels.js';

const cache = new Map<GeographyVintage, Geography>();

/**
 * The geography of a vintage, built once per process: `'2019'` (LSOA 2011, LAD 2019, CCG 2020,
 * ICB 2022; the default, as most bundled data are on LSOA 2011) or `'2024'` (current: LSOA 2021,
 * LAD 2023/2024, UTLA 2023, ICB 2024). `'current'`, `2023` and `2025` mean `'2024'`.
 *
 * @example getGeography().size // 32844 (LSOA 2011)
 * @example getGeography('2024').size // 33755 (LSOA 2021)
 */
export function getGeography(vintage: GeographyVintage | 'current' | string = '2019'): Geography {
  const v = parseVintage(vintage);
  if (!v) throw new HealthgapError(`unknown geography vintage "${vintage}"; expected 2019 or 2024 (current)`);
  const hit = cache.get(v);
  if (hit) return hit;
  const t0 = performance.now();
  const g = v === '2024' ? build2024() : build2019();
  g.buildMs = performance.now() - t0;
  cache.set(v, g);
  return g;
}

/** The current geography (`getGeography('2024')`). */
export function currentGeography(): Geography {
  return getGeography(CURRENT_VINTAGE);
}

function col(t: { array(name: string): unknown }, name: string): string[] {
  return t.array(name) as string[];
}

/** Map a parallel code column through a lookup table (code → value); a missing code is an error. */
function through(codes: string[], map: Map<string, string>, what: string): string[] {
  return codes.map((c) => {
    const v = map.get(c);
    if (v === undefined) throw new HealthgapError(`geography: ${what} has no entry for ${c}`);
    return v;
  });
}

function pairs(t: { array(name: string): unknown }, key: string, value: string): Map<string, string> {
  const k = col(t, key);
  const v = col(t, value);
  const m = new Map<string, string>();
  k.forEach((c, i) => m.set(c, v[i]));
  return m;
}

/** NHS England region of each sub-ICB location 2022 and each ICB 2022 (July 2022 lookup). */
function nhsRegions2022(): { code: Map<string, string>; name: Map<string, string>; icbName: Map<string, string>; sicblName: Map<string, string> } {
  const t = readSubIcbIcbRegion2022();
  const code = new Map<string, string>();
  for (const [k, v] of pairs(t, 'sicbl22_code', 'nhser22_code')) code.set(k, v);
  for (const [k, v] of pairs(t, 'icb22_code', 'nhser22_code')) code.set(k, v);
  return {
    code,
    name: pairs(t, 'nhser22_code', 'nhser22_name'),
    icbName: pairs(t, 'icb22_code', 'icb22_name'),
    sicblName: pairs(t, 'sicbl22_code', 'sicbl22_name'),
  };
}

function build2024(): Geography {
  const w = readLsoa21Ward2024();
  const lsoa = col(w, 'lsoa21_code');
  const lad = col(w, 'lad24_code');
  const utla = readLad23Utla23();
  const rgn = readLad23Region23();
  const icbT = readLsoa21Icb2024();
  const icbRow = new Map<string, number>();
  col(icbT, 'lsoa21_code').forEach((c, i) => icbRow.set(c, i));
  const rows = lsoa.map((c) => {
    const r = icbRow.get(c);
    if (r === undefined) throw new HealthgapError(`geography: LSOA 2021 ${c} has no ICB 2024 in the ONS lookup`);
    return r;
  });
  const pick = (name: string) => {
    const a = col(icbT, name);
    return rows.map((r) => a[r]);
  };
  const icb = pick('icb24_code');
  // NHS England region: the July 2022 lookup, through the LSOA 2011 → 2021 exact lookup for ICBs recoded since
  const reg = nhsRegions2022();
  const icb22OfLsoa11 = pairs(readLsoa11Icb2022(), 'lsoa11_code', 'icb22_code');
  const ex = readLsoa11Lsoa21();
  const l11 = col(ex, 'lsoa11_code');
  const l21 = col(ex, 'lsoa21_code');
  const icbOfLsoa21 = new Map(lsoa.map((c, i) => [c, icb[i]]));
  const votes = new Map<string, Map<string, number>>();
  for (let i = 0; i < l11.length; i++) {
    const i24 = icbOfLsoa21.get(l21[i]);
    const i22 = icb22OfLsoa11.get(l11[i]);
    if (!i24 || !i22) continue;
    const r = reg.code.get(i22)!;
    let m = votes.get(i24);
    if (!m) votes.set(i24, (m = new Map()));
    m.set(r, (m.get(r) ?? 0) + 1);
  }
  const nhserOfIcb = new Map<string, string>();
  for (const [i24, m] of votes) {
    const best = [...m].sort((a, b) => b[1] - a[1])[0][0];
    nhserOfIcb.set(i24, reg.code.get(i24) ?? best);
  }
  const nhser = through(icb, nhserOfIcb, 'ICB 2024 → NHS England region');
  return new Geography({
    vintage: '2024',
    levels: {
      lsoa: { codes: lsoa, names: col(w, 'lsoa21_name') },
      ward: { codes: col(w, 'ward24_code'), names: col(w, 'ward24_name') },
      lad: { codes: lad, names: col(w, 'lad24_name') },
      utla: {
        codes: through(lad, pairs(utla, 'lad23_code', 'utla23_code'), 'LAD 2023 → UTLA 2023'),
        names: through(lad, pairs(utla, 'lad23_code', 'utla23_name'), 'LAD 2023 → UTLA 2023'),
      },
      region: {
        codes: through(lad, pairs(rgn, 'lad23_code', 'rgn23_code'), 'LAD 2023 → region'),
        names: through(lad, pairs(rgn, 'lad23_code', 'rgn23_name'), 'LAD 2023 → region'),
      },
      sicbl: { codes: pick('sicbl24_code'), names: pick('sicbl24_name') },
      icb: { codes: icb, names: pick('icb24_name') },
      nhser: { codes: nhser, names: through(nhser, reg.name, 'NHS England region names') },
    },
  });
}

function build2019(): Geography {
  const t = readLsoaGeography();
  const lsoa = col(t, 'lsoa11_code');
  const lad = col(t, 'lad19_code');
  const ladName = col(t, 'lad19_name');
  const icbT = readLsoa11Icb2022();
  const sicblOf = pairs(icbT, 'lsoa11_code', 'sicbl22_code');
  const icbOf = pairs(icbT, 'lsoa11_code', 'icb22_code');
  const reg = nhsRegions2022();
  const sicbl = through(lsoa, sicblOf, 'LSOA 2011 → sub-ICB 2022');
  const icb = through(lsoa, icbOf, 'LSOA 2011 → ICB 2022');
  const nhser = through(icb, reg.code, 'ICB 2022 → NHS England region');

  // successor areas: current LADs that are unions of LAD 2019s with another code
  const hist = readLaCodeHistory();
  const active = pairs(hist, 'lad_code', 'lad_active_code');
  const activeName = pairs(hist, 'lad_active_code', 'lad_active_name');
  const lad19Name = new Map(lad.map((c, i) => [c, ladName[i]]));
  const lad19Lsoas = new Map<string, string[]>();
  lad.forEach((c, i) => {
    let l = lad19Lsoas.get(c);
    if (!l) lad19Lsoas.set(c, (l = []));
    l.push(lsoa[i]);
  });
  const groups = new Map<string, string[]>();
  for (const c of lad19Lsoas.keys()) {
    const a = active.get(c);
    if (!a || a === c || lad19Lsoas.has(a)) continue;
    let g = groups.get(a);
    if (!g) groups.set(a, (g = []));
    g.push(c);
  }
  const successors: SuccessorArea[] = [...groups].map(([code, preds]) => {
    preds.sort();
    const name = activeName.get(code) ?? code;
    const levels: GeoLevel[] = code.startsWith('E07') ? ['lad'] : ['lad', 'utla'];
    const predecessors: AreaRef[] = preds.map((p) => ({ code: p, name: lad19Name.get(p)!, level: 'lad' }));
    const how =
      preds.length === 1
        ? `the same area as ${predecessors[0].name} (${preds[0]}), recoded`
        : `the exact union of ${predecessors.map((p) => `${p.name} (${p.code})`).join(', ')}`;
    return {
      area: { code, name, level: 'lad' },
      levels,
      predecessors,
      lsoas: preds.flatMap((p) => lad19Lsoas.get(p)!),
      note: `${name} (${code}, ${VINTAGE_SHORT_LABELS['2024'].lad}) is ${how} (${VINTAGE_SHORT_LABELS['2019'].lad}): data on 2019 codes are summed over ${preds.length === 1 ? 'it' : 'them'}; nothing is split.`,
    };
  });

  return new Geography({
    vintage: '2019',
    levels: {
      lsoa: { codes: lsoa, names: col(t, 'lsoa11_name') },
      msoa: { codes: col(t, 'msoa11_code'), names: col(t, 'msoa11_name') },
      lad: { codes: lad, names: ladName },
      utla: { codes: col(t, 'utla19_code'), names: col(t, 'utla19_name') },
      region: { codes: col(t, 'rgn11_code'), names: col(t, 'rgn11_name') },
      ccg: { codes: col(t, 'ccg20_code'), names: col(t, 'ccg20_name') },
      stp: { codes: col(t, 'stp20_code'), names: col(t, 'stp20_name') },
      sicbl: { codes: sicbl, names: through(sicbl, reg.sicblName, 'sub-ICB 2022 names') },
      icb: { codes: icb, names: through(icb, reg.icbName, 'ICB 2022 names') },
      nhser: { codes: nhser, names: through(nhser, reg.name, 'NHS England region names') },
    },
    successors,
  });
}
