/**
 * Primary care networks (PCNs) from NHS ODS ePCN (January 2023): each open practice membership,
 * the PCN's sub-ICB location and, through the sub-ICB location (ODS code) of the April 2024
 * lookup, its ICB. PCNs are groups of practices, not of LSOAs, so they are not a level of the LSOA
 * geography: a PCN's population is its practices' registered patients.
 */
import { readEpcn2023 } from '../io/epcn.js';
import { readLsoa21Icb2024 } from '../io/lookups2021.js';
import { UnknownAreaError } from '../core/errors.js';
import { normalisePlaceName, closeMatches } from './names.js';
import type { AreaRef } from './levels.js';

/** A PCN with its member practices and parents. */
export interface Pcn {
  code: string;
  name: string;
  /** The PCN's sub-ICB location (ODS code, e.g. `15E`) and, when it exists in April 2024, its GSS code, name and ICB. */
  sicblOdsCode: string;
  sicbl: AreaRef | null;
  icb: AreaRef | null;
  /** Member practices (open memberships), sorted by code. */
  practices: { code: string; name: string }[];
}

let index: { byCode: Map<string, Pcn>; byPractice: Map<string, string> } | null = null;

function build(): { byCode: Map<string, Pcn>; byPractice: Map<string, string> } {
  if (index) return index;
  const t = readEpcn2023();
  const s = readLsoa21Icb2024();
  const sicbl = new Map<string, { sicbl: AreaRef; icb: AreaRef }>();
  const ods = s.array('sicbl24_ods_code') as string[];
  ods.forEach((o, i) => {
    if (!sicbl.has(o)) {
      sicbl.set(o, {
        sicbl: { code: s.get('sicbl24_code', i) as string, name: s.get('sicbl24_name', i) as string, level: 'sicbl' },
        icb: { code: s.get('icb24_code', i) as string, name: s.get('icb24_name', i) as string, level: 'icb' },
      });
    }
  });
  const byCode = new Map<string, Pcn>();
  const byPractice = new Map<string, string>();
  const n = t.numRows();
  for (let i = 0; i < n; i++) {
    const code = t.get('pcn_code', i) as string;
    let p = byCode.get(code);
    if (!p) {
      const o = t.get('pcn_sicbl_ods_code', i) as string;
      const parent = sicbl.get(o) ?? null;
      byCode.set(
        code,
        (p = { code, name: t.get('pcn_name', i) as string, sicblOdsCode: o, sicbl: parent?.sicbl ?? null, icb: parent?.icb ?? null, practices: [] }),
      );
    }
    p.practices.push({ code: t.get('practice_code', i) as string, name: t.get('practice_name', i) as string });
    byPractice.set(t.get('practice_code', i) as string, code);
  }
  for (const p of byCode.values()) p.practices.sort((a, b) => a.code.localeCompare(b.code));
  index = { byCode, byPractice };
  return index;
}

/**
 * Every PCN with an open practice membership in ePCN January 2023, sorted by code.
 *
 * @example allPcns().length // 1,250-odd PCNs
 */
export function allPcns(): Pcn[] {
  return [...build().byCode.values()].sort((a, b) => a.code.localeCompare(b.code));
}

/**
 * The PCN of a practice (open membership, ePCN January 2023), or null.
 *
 * @example pcnOfPractice('A81001')?.name // 'STOCKTON PCN'
 */
export function pcnOfPractice(practice: string): Pcn | null {
  const b = build();
  const c = b.byPractice.get(practice.trim().toUpperCase());
  return c ? b.byCode.get(c)! : null;
}

/**
 * A PCN by code (`U89141`) or name (case and punctuation forgiven); an unknown one is an
 * `UnknownAreaError` with close matches.
 *
 * @example resolvePcn('stockton pcn').code // 'U89141'
 */
export function resolvePcn(query: string): Pcn {
  const b = build();
  const q = query.trim();
  const byCode = b.byCode.get(q.toUpperCase());
  if (byCode) return byCode;
  const norm = normalisePlaceName(q);
  const names = new Map<string, Pcn[]>();
  for (const p of b.byCode.values()) {
    const k = normalisePlaceName(p.name);
    names.set(k, [...(names.get(k) ?? []), p]);
    const short = k.replace(/ pcn$/, '');
    if (short !== k) names.set(short, [...(names.get(short) ?? []), p]);
  }
  const hit = names.get(norm);
  if (hit && hit.length === 1) return hit[0];
  if (hit && hit.length > 1)
    throw new UnknownAreaError(
      q,
      hit.map((p) => `${p.name} (${p.code})`),
      'PCN (several PCNs have this name; give the code)',
    );
  const close = closeMatches(norm, [...names.keys()], 5).flatMap((k) => names.get(k)!.map((p) => `${p.name} (${p.code})`));
  throw new UnknownAreaError(q, close, 'PCN');
}
