/**
 * Names of GP practices and PCNs as they are published and read (title case), not the upper
 * case strings of the NHS ODS extracts ("THE OAKESWELL HEALTH CENTRE" → "The Oakeswell Health
 * Centre", "DR S AHMED'S PRACTICE" → "Dr S Ahmed's Practice", "STOKE-ON-TRENT" → "Stoke-on-Trent").
 */

/** Words kept in capitals (NHS acronyms and initialisms seen in practice and PCN names). */
const ACRONYMS = new Set(['NHS', 'PCN', 'GP', 'GPS', 'UK', 'HC', 'MC', 'PMS', 'GMS', 'APMS', 'LLP', 'CIC', 'LTD', 'PLC', 'ICB', 'CCG', 'II', 'III', 'IV']);
/** Small words in lower case except at the start. */
const SMALL = new Set(['and', 'of', 'the', 'at', 'on', 'in', 'upon', 'under', 'by', 'for', 'with', 'de', 'la']);

function capitalise(word: string): string {
  const lower = word.toLowerCase();
  if (/^mc[a-z]{2,}$/.test(lower)) return `Mc${lower[2].toUpperCase()}${lower.slice(3)}`;
  // Letters after an apostrophe stay lower case ("Ahmed's"), except O'Brien-style names.
  if (/^o'[a-z]/.test(lower)) return `O'${lower[2].toUpperCase()}${lower.slice(3)}`;
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}

/**
 * A published-style name from an upper case ODS string; names already in mixed case are
 * returned as they are. Words joined by hyphens are cased one by one ("on" in Stoke-on-Trent
 * stays lower case); acronyms (NHS, PCN, GP) stay in capitals; "&" is kept.
 *
 * @example publishedName('THE OAKESWELL HEALTH CENTRE') // 'The Oakeswell Health Centre'
 * @example publishedName('NORTH STOCKTON PCN') // 'North Stockton PCN'
 */
export function publishedName(name: string): string {
  const text = name.trim().replace(/\s+/g, ' ');
  if (text === '' || /[a-z]/.test(text)) return text;
  let first = true;
  return text
    .split(' ')
    .map((token) => {
      const parts = token.split('-').map((part, k) => {
        const m = /^([^A-Za-z0-9]*)([A-Za-z0-9'’.]*)(.*)$/.exec(part) as RegExpExecArray;
        const [, lead, core, tail] = m;
        const bare = core.replace(/\./g, '');
        let out: string;
        if (core === '') out = core;
        else if (ACRONYMS.has(bare.toUpperCase())) out = core.toUpperCase();
        else if (/^\d/.test(core)) out = core.toUpperCase();
        else if (!first && (k > 0 || !lead) && SMALL.has(core.toLowerCase())) out = core.toLowerCase();
        else out = capitalise(core);
        if (core !== '') first = false;
        return `${lead}${out}${tail}`;
      });
      return parts.join('-');
    })
    .join(' ');
}

/** How practices are labelled in a profile: published names (default) or ODS codes only. */
export type PracticeLabels = 'names' | 'codes';

/**
 * A practice's label in charts and tables: "Name (CODE)" with names, "CODE" with codes (for
 * papers published with practices not named).
 * @example practiceLabel('M88006', 'THE OAKESWELL HEALTH CENTRE', 'codes') // 'M88006'
 */
export function practiceLabel(code: string, odsName: string, labels: PracticeLabels = 'names'): string {
  return labels === 'codes' ? code : `${publishedName(odsName)} (${code})`;
}
