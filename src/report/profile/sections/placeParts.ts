/**
 * The parts of a place side by side: an ICB's places (its upper-tier authorities: for the Black
 * Country, Dudley, Sandwell, Walsall and Wolverhampton) and a two-tier county's districts (for
 * Worcestershire, Bromsgrove, Malvern Hills, Redditch, Worcester, Wychavon and Wyre Forest).
 * Each part's values come from the same indicator calculation as its own profile (the parts'
 * level), the whole's from the place's; an ICB also gets its rank among the 42 ICBs and a PCN
 * view of Core20 and recorded prevalence from its practices.
 */
import { getGeography } from '../../../geography/vintages.js';
import { practiceDeprivation } from '../../../geography/practices.js';
import { practiceWeights } from '../../../prevalence/membership.js';
import { placeBarChart } from '../../../charts/placeBars.js';
import type { DataTable, ReportFigure, Section } from '../../types.js';
import { ind, int, num, type SectionContext } from '../context.js';
import { indicatorSet, type PlaceIndicator } from '../indicators.js';
import { placeDisplayName, PEER_NAMES, type ProfileLevel } from '../place.js';
import { qofIndicatorId } from '../providers.js';
import { ageSexPopulation, sumAges } from '../data.js';
import { placePractices } from './practices.js';
import { publishedName } from '../names.js';

/** The measures shown for each part: indicator id and short column label. */
const PART_MEASURES: readonly (readonly [string, string])[] = [
  ['core20-share', 'Core20 (%)'],
  ['pop-65plus', 'Aged 65+ (%)'],
  ['le0-male', 'LE males'],
  ['le0-female', 'LE females'],
  ['mort-u75', 'Under-75 deaths per 100,000'],
  [qofIndicatorId('HYP'), 'Hypertension (%)'],
  [qofIndicatorId('DM'), 'Diabetes 17+ (%)'],
  [qofIndicatorId('COPD'), 'COPD (%)'],
  [qofIndicatorId('DEP'), 'Depression 18+ (%)'],
];

/** "1st", "2nd", "3rd", "11th", "42nd". */
export function ordinal(n: number): string {
  const t = n % 100;
  const s = t >= 11 && t <= 13 ? 'th' : n % 10 === 1 ? 'st' : n % 10 === 2 ? 'nd' : n % 10 === 3 ? 'rd' : 'th';
  return `${n}${s}`;
}

/**
 * Rank of a place's value among its peers, highest first (ties share the better rank), as
 * "3rd highest of 42" (or "lowest" when it is in the lower half, counted from the bottom).
 */
export function rankText(p: PlaceIndicator, level: ProfileLevel): string | null {
  const set = indicatorSet(level).get(p.def.id);
  const v = p.place.value;
  if (!set || v === null) return null;
  const values = [...set.peers.values()].map((x) => x.value).filter((x): x is number => x !== null && Number.isFinite(x));
  const higher = values.filter((x) => x > v).length;
  const lower = values.filter((x) => x < v).length;
  if (higher <= lower) return `${higher === 0 ? '' : `${ordinal(higher + 1)} `}highest of ${values.length}`;
  return `${lower === 0 ? '' : `${ordinal(lower + 1)} `}lowest of ${values.length}`;
}

/**
 * "NHS Black Country Integrated Care Board" → "Black Country ICB" (other names unchanged).
 * @example shortIcbName('NHS Black Country Integrated Care Board') // 'Black Country ICB'
 */
export function shortIcbName(name: string): string {
  return name.replace(/^NHS /, '').replace(/ Integrated Care Board$/, ' ICB');
}

/** The table of the parts, the whole and England, one column per measure. */
function partsTable(ctx: SectionContext, parts: { code: string; name: string }[], partLevel: ProfileLevel, partWord: string): DataTable {
  const set = indicatorSet(partLevel);
  const g = getGeography();
  const popOf = (code: string, level: ProfileLevel | 'england') => {
    const p = ageSexPopulation(
      level === 'england' ? 'england' : level === 'lad' ? [{ code, name: code, level: 'lad' }] : g.childrenOf(code, 'lad', { fromLevel: level as never }),
    );
    return Math.round(sumAges(p.male, 0) + sumAges(p.female, 0));
  };
  const row = (name: string, pop: number, value: (id: string) => number | null) => {
    const out: Record<string, string | number | null> = { place: name, population: pop };
    for (const [id] of PART_MEASURES) out[id] = value(id);
    return out;
  };
  const dec = (id: string) => ind(ctx, id).def.decimals;
  const rows = [
    ...parts.map((p) => row(placeDisplayName(p.name), popOf(p.code, partLevel), (id) => set.get(id)?.peers.get(p.code)?.value ?? null)),
    row(`${ctx.name} (whole)`, popOf(ctx.place.code, ctx.place.level), (id) => ind(ctx, id).place.value),
    row('England', popOf('', 'england'), (id) => ind(ctx, id).england.value),
  ];
  return {
    caption: `${ctx.name}: its ${partWord} side by side`,
    columns: [
      { key: 'place', label: partWord === 'districts' ? 'District' : 'Place' },
      { key: 'population', label: 'Population, mid-2019', format: 'integer' },
      ...PART_MEASURES.map(([id, label]) => ({ key: id, label, format: 'number' as const, decimals: dec(id) })),
    ],
    rows,
    notes: `Core20: share of residents in England's most deprived 20% of neighbourhoods (IMD 2019, IoD2019 mid-2015 populations). LE: life expectancy at birth in years, 2014. Under-75 deaths: directly age-standardised rate, 2014. Prevalence: QOF 2019-20 recorded prevalence of registered patients living in the area. Each ${partWord === 'districts' ? 'district' : 'place'} is compared in its own profile with England's ${PEER_NAMES[partLevel]}.`,
  };
}

/** PCNs of the practices serving the place: registered patients, Core20 share, hypertension and diabetes prevalence. */
function pcnTable(ctx: SectionContext): DataTable | null {
  const hyp = placePractices(ctx.place.code, ctx.place.level, 'HYP');
  const dm = new Map(placePractices(ctx.place.code, ctx.place.level, 'DM').map((p) => [p.code, p]));
  if (hyp.length === 0) return null;
  const w = practiceWeights('pcn').weights;
  const pcnOf = new Map<string, { code: string; name: string }>();
  (w.objects() as { practice_code: string; area_code: string; area_name: string }[]).forEach((r) =>
    pcnOf.set(r.practice_code, { code: r.area_code, name: r.area_name }),
  );
  const dep = practiceDeprivation();
  const core = new Map<string, [number, number]>();
  (dep.objects() as { practice_code: string; core20_patients: number; patients_english: number }[]).forEach((r) =>
    core.set(r.practice_code, [r.core20_patients, r.patients_english]),
  );
  const acc = new Map<string, { name: string; practices: number; c20: number; eng: number; hyp: number; hypList: number; dm: number; dmList: number }>();
  for (const p of hyp) {
    const pcn = pcnOf.get(p.code) ?? { code: 'none', name: 'Not in a PCN' };
    const a = acc.get(pcn.code) ?? { name: pcn.name, practices: 0, c20: 0, eng: 0, hyp: 0, hypList: 0, dm: 0, dmList: 0 };
    a.practices += 1;
    const c = core.get(p.code);
    if (c) {
      a.c20 += c[0];
      a.eng += c[1];
    }
    a.hyp += p.count;
    a.hypList += p.list;
    const d = dm.get(p.code);
    if (d) {
      a.dm += d.count;
      a.dmList += d.list;
    }
    acc.set(pcn.code, a);
  }
  const rows = [...acc.values()]
    .map((a) => ({
      pcn: publishedName(a.name),
      practices: a.practices,
      patients: a.hypList,
      core20: a.eng > 0 ? (100 * a.c20) / a.eng : null,
      hyp: a.hypList > 0 ? (100 * a.hyp) / a.hypList : null,
      dm: a.dmList > 0 ? (100 * a.dm) / a.dmList : null,
    }))
    .sort((a, b) => (b.core20 ?? -1) - (a.core20 ?? -1));
  return {
    caption: `Primary care networks serving ${ctx.name}: Core20 share of registered patients and recorded prevalence, most deprived first`,
    columns: [
      { key: 'pcn', label: 'PCN' },
      { key: 'practices', label: 'Practices', format: 'integer' },
      { key: 'patients', label: 'Registered patients', format: 'integer' },
      { key: 'core20', label: 'Core20 (%)', format: 'number', decimals: 1 },
      { key: 'hyp', label: 'Hypertension (%)', format: 'number', decimals: 2 },
      { key: 'dm', label: 'Diabetes 17+ (%)', format: 'number', decimals: 2 },
    ],
    rows,
    notes: `Practices where most registered patients live in ${ctx.name} (NHS Digital registrations by neighbourhood of residence, January 2021), grouped by their PCN (ePCN December 2019; NHS Digital practice map January 2022). Core20 share: registered patients living in IMD 2019 deciles 1-2. Prevalence: QOF 2019-20 registers over list sizes (crude, not age-standardised). The practice funnel in the practice variation section shows each practice.`,
  };
}

/** The section for an ICB's places or a county's districts. */
function partsSection(full: SectionContext, parts: { code: string; name: string }[], partLevel: ProfileLevel, kind: 'icb-places' | 'districts'): Section {
  const ctx: SectionContext = { ...full, name: shortIcbName(full.name) };
  const partWord = kind === 'districts' ? 'districts' : 'places';
  const set = indicatorSet(partLevel);
  const c20 = ind(ctx, 'core20-share');
  const bars = (id: string, title: string, measure: string): ReportFigure => {
    const r = set.get(id)!;
    const p = ind(ctx, id);
    return placeBarChart(
      parts.map((x) => ({
        name: placeDisplayName(x.name),
        value: r.peers.get(x.code)?.value ?? null,
        lower: r.peers.get(x.code)?.lower ?? null,
        upper: r.peers.get(x.code)?.upper ?? null,
      })),
      {
        title,
        measure,
        wholeName: ctx.name,
        wholeValue: p.place.value,
        englandValue: p.england.value,
        decimals: p.def.decimals,
        partLabel: partWord,
      },
    );
  };
  const figures: ReportFigure[] = [
    bars('core20-share', `Share of residents in Core20 neighbourhoods: the ${partWord} of ${ctx.name}`, 'Core20 share (%)'),
    bars('le0-male', `Life expectancy at birth, males, 2014: the ${partWord} of ${ctx.name}`, 'Life expectancy at birth, males (years)'),
  ];
  const values = parts
    .map((x) => ({ name: placeDisplayName(x.name), v: set.get('core20-share')!.peers.get(x.code)?.value ?? null }))
    .filter((x) => x.v !== null)
    .sort((a, b) => (b.v as number) - (a.v as number));
  const le = parts
    .map((x) => ({ name: placeDisplayName(x.name), v: set.get('le0-male')!.peers.get(x.code)?.value ?? null }))
    .filter((x) => x.v !== null)
    .sort((a, b) => (a.v as number) - (b.v as number));
  const names = parts.map((x) => placeDisplayName(x.name));
  const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : names.join('');
  const narrative: string[] = [
    `${ctx.name} is made up of ${parts.length} ${partWord}: ${list}. The table sets out each ${kind === 'districts' ? 'district' : 'place'} beside the whole and England.`,
  ];
  if (values.length >= 2)
    narrative.push(
      `The share of residents living in Core20 neighbourhoods ranges from ${num(values[values.length - 1].v)}% in ${values[values.length - 1].name} to ${num(values[0].v)}% in ${values[0].name} (${ctx.name} ${num(c20.place.value)}%, England ${num(c20.england.value)}%).`,
    );
  if (le.length >= 2)
    narrative.push(
      `Male life expectancy at birth (2014) ranges from ${num(le[0].v)} years in ${le[0].name} to ${num(le[le.length - 1].v)} years in ${le[le.length - 1].name}.`,
    );
  const tables = [partsTable(ctx, parts, partLevel, partWord)];
  if (kind === 'icb-places') {
    const ranked: [string, string, string][] = [
      ['core20-share', 'Core20 share', '%'],
      ['le0-male', 'male life expectancy', ' years'],
      ['le0-female', 'female life expectancy', ' years'],
      [qofIndicatorId('DM'), 'recorded diabetes', '%'],
      [qofIndicatorId('HYP'), 'recorded hypertension', '%'],
    ];
    const ranks = ranked
      .map(([id, label, unit]) => ({ p: ind(ctx, id), label, unit, r: rankText(ind(ctx, id), 'icb') }))
      .filter((x) => x.r !== null)
      .map((x) => `${x.label} ${num(x.p.place.value, x.p.def.decimals)}${x.unit} (${x.r})`);
    if (ranks.length) narrative.push(`Among England's ${indicatorSet('icb').get('core20-share')!.peers.size} ICBs: ${ranks.join('; ')}.`);
    const pcns = pcnTable(ctx);
    if (pcns) tables.push(pcns);
  }
  return {
    id: kind,
    heading: kind === 'districts' ? `The districts of ${ctx.name}` : `The places of ${ctx.name}`,
    headline:
      values.length >= 2
        ? `Across the ${parts.length} ${partWord} of ${ctx.name}, the Core20 share runs from ${num(values[values.length - 1].v)}% (${values[values.length - 1].name}) to ${num(values[0].v)}% (${values[0].name}).`
        : `${ctx.name} has ${parts.length} ${partWord}.`,
    narrative,
    figures,
    tables,
    notes: `Population ${int(tables[0].rows[tables[0].rows.length - 2].population as number)} in mid-2019 (ONS).`,
  };
}

/**
 * The "places" section: an ICB's places (its upper-tier authorities) or a two-tier county's
 * districts side by side; null for a place with no such parts (a unitary authority, a district,
 * a region).
 *
 * @example placePartsSection(sectionContext(resolveProfilePlace('Worcestershire'), {}))?.id // 'districts'
 */
export function placePartsSection(ctx: SectionContext): Section | null {
  const g = getGeography();
  if (ctx.place.level === 'icb') {
    const utlas = g.childrenOf(ctx.place.code, 'utla', { fromLevel: 'icb' });
    return utlas.length >= 2 ? partsSection(ctx, utlas, 'utla', 'icb-places') : null;
  }
  if (ctx.place.level === 'utla' && ctx.place.lads.length >= 2) return partsSection(ctx, ctx.place.lads, 'lad', 'districts');
  return null;
}
