/**
 * Local authority code history: map old LA codes (as found in Fingertips exports and older ONS
 * files) to the codes of the toolkit's geography (LAD 2019 / UTLA 2019, matching IMD 2019 and
 * the mid-2019 population estimates) or to the current codes (the newest in the bundled
 * code-history lookup, drkane/geo-lookups `la_all_codes.csv`, 2024).
 *
 * Method: every local authority of any year is treated as a set of LSOA 2011 (LSOAs nest in
 * local authorities; the few boundary changes since 2011 — Gateshead/Northumberland 2013,
 * Hertfordshire 2018, Barnsley/Sheffield 2023 — moved no whole LSOA in the 2011 lookups):
 * - a LAD 2019 or UTLA 2019: its LSOAs in the LSOA 2011 → LAD19/UTLA19 lookup;
 * - a pre-2019 district or unitary code (E06000028 Bournemouth, E07000190 Taunton Deane): the
 *   LSOAs whose 2011 name starts with its 2011 name ("Taunton Deane 005A");
 * - a current (2020–2024) district or unitary: all codes the code-history lookup sends to it;
 * - a current UTLA: its current districts; the pre-2019 Dorset county (E10000009): its six
 *   districts (The Bournemouth, Dorset and Poole (Structural Changes) Order 2018, SI 2018/648).
 * A code then maps to the target areas its LSOAs fall in: `unchanged` (same code, same area),
 * `recoded` (one target, same area, new code), `merged` (one target that is larger: the old
 * area was merged with others) or `split` (several targets; `share` gives the fraction of the
 * old area's LSOAs in each).
 */
import { readLaCodeHistory, readUtlaCodes, readLsoaGeography } from '../io/lookups.js';
import { HealthgapError } from '../core/errors.js';

/** The geography to map codes to: the toolkit's (`'2019'`, default) or the current one (`'current'`). */
export type CodeTarget = '2019' | 'current';
/** How a code changed: see the module comment. `unmapped` codes are also listed separately. */
export type CodeChange = 'unchanged' | 'recoded' | 'merged' | 'split' | 'unmapped';

export interface CodeMapping {
  /** The code as given (trimmed, upper case). */
  code: string;
  /** Its name, when the code is known. */
  name: string | null;
  /** Tier the code was read at. */
  level: 'lad' | 'utla' | null;
  change: CodeChange;
  /** Target codes with names and the share of the old area's LSOAs in each (1 unless split). */
  to: { code: string; name: string; share: number }[];
}

export interface CodeMappingResult {
  target: CodeTarget;
  mappings: CodeMapping[];
  /** Codes that could not be mapped (unknown, or outside England without a code-history entry). */
  unmapped: string[];
}

export interface MapCodesOptions {
  /** `'2019'` (LAD/UTLA 2019, the toolkit's geography; default) or `'current'`. */
  target?: CodeTarget;
  /**
   * Read codes as districts (`'lad'`) or upper-tier authorities (`'utla'`). By default county
   * codes (E10) are UTLAs, shire districts (E07) LADs, and unitary/metropolitan/London codes
   * (E06/E08/E09), which are both, are UTLAs — the tier of Fingertips "County & UA" exports.
   */
  level?: 'lad' | 'utla';
}

/** Pre-2019 Dorset county, abolished 1 April 2019 (SI 2018/648), and its six districts. */
const FORMER_COUNTIES: Record<string, { name: string; districts: string[] }> = {
  E10000009: { name: 'Dorset (county council area to March 2019)', districts: ['E07000048', 'E07000049', 'E07000050', 'E07000051', 'E07000052', 'E07000053'] },
};

interface Unit {
  code: string;
  name: string;
  lsoas: Set<number>;
}

interface History {
  lad19: Map<string, Unit>;
  utla19: Map<string, Unit>;
  ladNow: Map<string, Unit>;
  utlaNow: Map<string, Unit>;
  /** Any other known code (pre-2019 districts and unitaries, the former Dorset county). */
  other: Map<string, Unit>;
  /** Non-English code-history rows: code → active code (no LSOAs to compare). */
  nonEnglish: Map<string, { name: string; active: string; activeName: string; current: boolean }>;
}

let history: History | null = null;

function build(): History {
  const g = readLsoaGeography();
  const lsoaName = g.array('lsoa11_name') as string[];
  const lad19c = g.array('lad19_code') as string[];
  const lad19n = g.array('lad19_name') as string[];
  const utla19c = g.array('utla19_code') as string[];
  const utla19n = g.array('utla19_name') as string[];
  const add = (m: Map<string, Unit>, code: string, name: string, i: number) => {
    let u = m.get(code);
    if (!u) m.set(code, (u = { code, name, lsoas: new Set() }));
    u.lsoas.add(i);
  };
  const lad19 = new Map<string, Unit>();
  const utla19 = new Map<string, Unit>();
  const byLsoaPrefix = new Map<string, Set<number>>();
  for (let i = 0; i < lsoaName.length; i++) {
    add(lad19, lad19c[i], lad19n[i], i);
    add(utla19, utla19c[i], utla19n[i], i);
    const prefix = lsoaName[i].replace(/ \d{3}[A-Z]$/, '').toLowerCase();
    let s = byLsoaPrefix.get(prefix);
    if (!s) byLsoaPrefix.set(prefix, (s = new Set()));
    s.add(i);
  }

  const h = readLaCodeHistory();
  const rows = h.objects() as {
    lad_code: string;
    lad_name: string;
    lad_active_code: string;
    lad_active_name: string;
    utla_code: string | null;
    utla_name: string | null;
    ctry_code: string | null;
    current: boolean;
  }[];
  const lsoasOfOld = (code: string, name: string): Set<number> | undefined => {
    if (lad19.has(code)) return lad19.get(code)!.lsoas;
    return byLsoaPrefix.get(name.toLowerCase()) ?? byLsoaPrefix.get(name.replace(/,\s*(County|City) of$/i, '').toLowerCase());
  };
  const other = new Map<string, Unit>();
  const ladNow = new Map<string, Unit>();
  const nonEnglish = new Map<string, { name: string; active: string; activeName: string; current: boolean }>();
  const activeUtla = new Map<string, { code: string; name: string }>();
  for (const r of rows) {
    if (!r.lad_code.startsWith('E')) {
      nonEnglish.set(r.lad_code, { name: r.lad_name, active: r.lad_active_code, activeName: r.lad_active_name, current: r.current });
      continue;
    }
    const set = lsoasOfOld(r.lad_code, r.lad_name);
    if (set && !lad19.has(r.lad_code) && !r.current) other.set(r.lad_code, { code: r.lad_code, name: r.lad_name, lsoas: set });
    let now = ladNow.get(r.lad_active_code);
    if (!now) ladNow.set(r.lad_active_code, (now = { code: r.lad_active_code, name: r.lad_active_name, lsoas: new Set() }));
    if (set) for (const i of set) now.lsoas.add(i);
    if (r.utla_code) activeUtla.set(r.lad_active_code, { code: r.utla_code, name: r.utla_name ?? r.utla_code });
  }
  const utlaNames = new Map((readUtlaCodes().objects() as { utla_code: string; utla_name: string }[]).map((r) => [r.utla_code, r.utla_name]));
  const utlaNow = new Map<string, Unit>();
  for (const [code, unit] of ladNow) {
    const u = activeUtla.get(code);
    if (!u) continue;
    let t = utlaNow.get(u.code);
    if (!t) utlaNow.set(u.code, (t = { code: u.code, name: utlaNames.get(u.code) ?? u.name, lsoas: new Set() }));
    for (const i of unit.lsoas) t.lsoas.add(i);
  }
  for (const [code, c] of Object.entries(FORMER_COUNTIES)) {
    const s = new Set<number>();
    for (const d of c.districts) for (const i of other.get(d)?.lsoas ?? []) s.add(i);
    other.set(code, { code, name: c.name, lsoas: s });
  }
  return { lad19, utla19, ladNow, utlaNow, other, nonEnglish };
}

function getHistory(): History {
  return (history ??= build());
}

function sameSet(a: Set<number>, b: Set<number>): boolean {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

/**
 * Map one LA code to the toolkit's geography (LAD/UTLA 2019, default) or to current codes.
 * See {@link mapToCurrentCodes}.
 *
 * @example currentCode('E06000028').to[0].code // 'E06000058' (Bournemouth → BCP, merged)
 * @example currentCode('E10000021', { target: 'current' }).to.map((t) => t.code) // ['E06000061', 'E06000062'] (split)
 */
export function currentCode(code: string, options: MapCodesOptions = {}): CodeMapping {
  const target = options.target ?? '2019';
  if (target !== '2019' && target !== 'current') throw new HealthgapError(`unknown code target "${String(target)}"; expected "2019" or "current"`);
  const h = getHistory();
  const c = code.trim().toUpperCase();
  const level: 'lad' | 'utla' = options.level ?? (c.startsWith('E07') ? 'lad' : 'utla');
  const targets = target === '2019' ? (level === 'lad' ? h.lad19 : h.utla19) : level === 'lad' ? h.ladNow : h.utlaNow;

  const ne = h.nonEnglish.get(c);
  if (ne) {
    // outside England there are no LSOA sets here: follow the code-history lookup only
    if (ne.current) return { code: c, name: ne.name, level, change: 'unchanged', to: [{ code: c, name: ne.name, share: 1 }] };
    return { code: c, name: ne.name, level, change: 'recoded', to: [{ code: ne.active, name: ne.activeName, share: 1 }] };
  }

  // the source area, read at the requested tier first
  const tiers = level === 'lad' ? [h.lad19, h.ladNow, h.utla19, h.utlaNow, h.other] : [h.utla19, h.utlaNow, h.lad19, h.ladNow, h.other];
  const src = tiers.map((m) => m.get(c)).find((u) => u && u.lsoas.size > 0);
  if (!src) return { code: c, name: null, level: null, change: 'unmapped', to: [] };

  const hit = new Map<string, number>();
  for (const u of targets.values()) {
    let n = 0;
    for (const i of src.lsoas) if (u.lsoas.has(i)) n++;
    if (n) hit.set(u.code, n);
  }
  const to = [...hit.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([t, n]) => ({ code: t, name: targets.get(t)!.name, share: n / src.lsoas.size }));
  let change: CodeChange;
  if (to.length === 0) change = 'unmapped';
  else if (to.length > 1) change = 'split';
  else if (!sameSet(targets.get(to[0].code)!.lsoas, src.lsoas)) change = 'merged';
  else change = to[0].code === c ? 'unchanged' : 'recoded';
  return { code: c, name: src.name, level, change, to };
}

/**
 * Map many LA codes (e.g. the `Area Code` column of a Fingertips export) to the toolkit's
 * geography (LAD/UTLA 2019, default, `{target: '2019'}`) or to current codes
 * (`{target: 'current'}`): for each code the target code(s), the kind of change (unchanged,
 * recoded, merged, split) and the list of codes that could not be mapped. Non-LA codes (regions,
 * England, NHS bodies) and unknown codes come back as `unmapped`. Codes outside England follow
 * the code-history lookup only (current → unchanged, else recoded to the active code).
 *
 * @example mapToCurrentCodes(['E10000009', 'E06000028', 'E08000016'], { target: 'current' })
 * // E10000009 Dorset county → split E06000059 Dorset (88% of its LSOAs) / E06000058 BCP (12%),
 * // E06000028 Bournemouth → merged E06000058, E08000016 Barnsley → recoded E08000038
 */
export function mapToCurrentCodes(codes: Iterable<string>, options: MapCodesOptions = {}): CodeMappingResult {
  const target = options.target ?? '2019';
  const mappings: CodeMapping[] = [];
  const seen = new Set<string>();
  for (const code of codes) {
    const c = String(code).trim().toUpperCase();
    if (seen.has(c)) continue;
    seen.add(c);
    mappings.push(currentCode(c, options));
  }
  return { target, mappings, unmapped: mappings.filter((m) => m.change === 'unmapped').map((m) => m.code) };
}

/** The geography year the toolkit uses for local authorities (matching IMD 2019 and mid-2019 populations). */
export const TOOLKIT_LA_GEOGRAPHY = 'LAD 2019 / UTLA 2019 (April 2019 boundaries and codes)';
