/**
 * The profile's first section, "Key messages": five or six plain-language sentences for a board,
 * each with the place's rank among its peers ("3rd highest Core20 share of the 151 upper-tier
 * authorities", "highest recorded diabetes of the 42 ICBs"), all from the same indicators as the
 * sections that follow. No statistical jargon: the methods are in the appendix.
 */
import type { Section } from '../../types.js';
import { about, countText, gapDecimals, ind, num, pct, type SectionContext } from '../context.js';
import { indicatorSet, type PlaceIndicator } from '../indicators.js';
import type { ProfileLevel } from '../place.js';
import { ordinal } from '../text.js';

/** Short plural name of a level's peers for sentences. */
const PEER_SHORT: Readonly<Record<ProfileLevel, string>> = {
  utla: 'upper-tier local authorities',
  lad: 'local authority districts',
  icb: 'ICBs',
  region: 'regions',
};

/** A place's rank among its peers (in the indicator's peer set), 1 = the highest or lowest value. */
export interface PeerRank {
  rank: number;
  of: number;
  /** "3rd highest of the 151 upper-tier local authorities", "highest of the 42 ICBs". */
  text: string;
}

/**
 * Rank of the place's value among the peers with a value in the indicator's peer set, counting
 * from the highest (`'high'`) or the lowest (`'low'`) value; ties share the better rank
 * (1 + the number of peers strictly beyond the place). Null when the place has no value.
 *
 * @example peerRank(ctx, 'core20-share', 'high') // { rank: 3, of: 151, text: '3rd highest of the 151 upper-tier local authorities' }
 */
export function peerRank(ctx: SectionContext, id: string, from: 'high' | 'low'): PeerRank | null {
  const level = ctx.place.level;
  const result = indicatorSet(level).get(id);
  const v = ctx.indicators.get(id)?.place.value;
  if (!result || v === null || v === undefined || !Number.isFinite(v)) return null;
  const skip = new Set(result.def.peerExclude?.codes ?? []);
  const values = [...result.peers.values()].filter((p) => !skip.has(p.code) && p.value !== null && Number.isFinite(p.value)).map((p) => p.value as number);
  const rank = 1 + values.filter((x) => (from === 'high' ? x > v : x < v)).length;
  const word = from === 'high' ? 'highest' : 'lowest';
  return { rank, of: values.length, text: `${rank === 1 ? '' : `${ordinal(rank)} `}${word} of the ${values.length} ${PEER_SHORT[level]}` };
}

/** "2.4 years shorter than", "1.4 years longer than" England, at the decimals given. */
function yearsWord(place: number, england: number, d: number): string {
  const diff = place - england;
  return `${num(Math.abs(diff), d)} years ${diff < 0 ? 'shorter' : 'longer'} than`;
}

/** Whichever end of the ranking the place is nearer ("2nd highest of …", "5th lowest of …"), or "in the middle half of …" when it is in neither quarter. */
function nearerEnd(ctx: SectionContext, id: string): PeerRank | null {
  const hi = peerRank(ctx, id, 'high');
  const lo = peerRank(ctx, id, 'low');
  if (!hi || !lo) return hi ?? lo;
  const best = hi.rank <= lo.rank ? hi : lo;
  // Far from both ends a rank means little to a board: say where it sits instead.
  if (best.rank > best.of / 4) return { ...best, text: `in the middle half of the ${best.of} ${PEER_SHORT[ctx.place.level]}` };
  return best;
}

/**
 * The key messages of a place profile, in order: deprivation (Core20), life expectancy, early
 * deaths, recorded diabetes, hypertension against a crude expected count, and the overall count
 * of indicators worse than England. Each sentence has one denominator and says what it is.
 */
export function keyMessages(ctx: SectionContext): string[] {
  const { name } = ctx;
  const out: string[] = [];
  const c20 = ind(ctx, 'core20-share');
  const r20 = nearerEnd(ctx, 'core20-share');
  if (c20.place.value !== null) {
    out.push(
      `**Deprivation.** ${pct(c20.place.value)} of ${name}'s residents (as counted for the 2019 deprivation index) live in the most deprived fifth of neighbourhoods in England (England ${pct(c20.england.value)})${r20 ? `: ${r20.text.startsWith('in the') ? '' : 'the '}${r20.text}` : ''}.`,
    );
  }
  const m = ind(ctx, 'le0-male');
  const f = ind(ctx, 'le0-female');
  if (m.place.value !== null && f.place.value !== null && m.england.value !== null && f.england.value !== null) {
    const d = gapDecimals([
      [m.place.value, m.england.value],
      [f.place.value, f.england.value],
    ]);
    const rm = nearerEnd(ctx, 'le0-male');
    out.push(
      `**Life expectancy.** In 2014 men in ${name} could expect to live ${num(m.place.value, d)} years, ${yearsWord(m.place.value, m.england.value, d)} in England (${num(m.england.value, d)})${rm ? `, ${rm.text.startsWith('in the') ? '' : 'the '}${rm.text}` : ''}; women ${num(f.place.value, d)} years, ${yearsWord(f.place.value, f.england.value, d)} in England (${num(f.england.value, d)}).`,
    );
  }
  const u75 = ind(ctx, 'mort-u75');
  if (u75.place.value !== null && u75.england.value !== null) {
    const ru = nearerEnd(ctx, 'mort-u75');
    const rel = Math.round((100 * (u75.place.value - u75.england.value)) / u75.england.value);
    out.push(
      `**Early deaths.** Deaths before age 75 were ${num(u75.place.value, 0)} per 100,000 residents aged under 75 in 2014, age-standardised (England ${num(u75.england.value, 0)}; ${rel === 0 ? 'about the same' : `${Math.abs(rel)}% ${rel > 0 ? 'higher' : 'lower'}`})${ru ? `, ${ru.text.startsWith('in the') ? '' : 'the '}${ru.text}` : ''}.`,
    );
  }
  const dm = ind(ctx, 'qof-dm');
  if (dm.place.value !== null) {
    const rd = nearerEnd(ctx, 'qof-dm');
    out.push(
      `**Diabetes.** ${pct(dm.place.value, 1)} of registered patients aged 17 and over are on a GP diabetes register (England ${pct(dm.england.value, 1)})${rd ? `, ${rd.text.startsWith('in the') ? '' : 'the '}${rd.text}` : ''}; recorded figures are not adjusted for age.`,
    );
  }
  const cf = ind(ctx, 'hyp-case-finding');
  if (cf.place.value !== null && cf.place.count !== null && cf.place.denominator !== null) {
    const missing = cf.place.denominator - cf.place.count;
    out.push(
      `**High blood pressure.** GP registers hold ${countText(ctx, cf.place.count)} people with hypertension, ${pct(cf.place.value, 0)} of the ${about(cf.place.denominator).replace(/^about /, 'roughly ')} that England-wide survey rates would predict${missing > 0 ? `, which suggests ${about(missing)} residents have it undiagnosed` : ''}; a rough guide only: the prediction takes no account of deprivation or ethnicity (so it is probably too low in deprived areas) or of GP lists differing from resident numbers.`,
    );
  }
  const rag = [...ctx.indicators.values()].filter(
    (p: PlaceIndicator) => p.def.compared && (p.def.polarity === 'high-is-good' || p.def.polarity === 'low-is-good'),
  );
  const worse = rag.filter((p) => p.vsEngland === 'Worse' || p.vsEngland === 'Worst').length;
  const better = rag.filter((p) => p.vsEngland === 'Better' || p.vsEngland === 'Best').length;
  out.push(
    `**Overall.** Of the ${rag.length} measures where higher or lower is clearly better (life expectancy and deaths), ${name} is significantly worse than England on ${worse === 0 ? 'none' : worse} and better on ${better === 0 ? 'none' : better}.`,
  );
  return out;
}

/** Build the "Key messages" section (first in the profile). */
export function keyMessagesSection(ctx: SectionContext): Section {
  return {
    id: 'key-messages',
    heading: 'Key messages',
    headline: `What the numbers say about ${ctx.name}, compared with England. Data: deaths in 2014, GP registers 2019/20, deprivation index 2019, population mid-2019.`,
    narrative: keyMessages(ctx)
      .map((m) => `- ${m}`)
      .join('\n'),
    figures: [],
    tables: [],
  };
}
