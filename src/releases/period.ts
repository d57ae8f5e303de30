/**
 * Periods of releases: parse what publishers write (`2019-20`, `2019/20`, `201920`, `1920`,
 * `mid-2019`, `IoD2025`, `January 2022`, `01Jan2022`) to a sortable key and a canonical label.
 */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * Sortable number for a period label: the first year, plus a fraction for the month when one is
 * given (financial years sort by their first year). `null` when no year can be read.
 *
 * @example periodSortKey('2019-20') // 2019
 * @example periodSortKey('January 2022') // 2022
 */
export function periodSortKey(period: string): number | null {
  const p = period.trim().toLowerCase();
  const fy = /(\d{4})\s*[-/]\s*(\d{2}|\d{4})\b/.exec(p);
  if (fy) return Number(fy[1]);
  const y = /(\d{4})/.exec(p);
  if (!y) return null;
  const m = MONTHS.findIndex((mm) => p.includes(mm));
  return Number(y[1]) + (m >= 0 ? m / 12 : 0);
}

/**
 * Canonical financial-year label (`2019-20`) from `2019-20`, `2019/20`, `2019-2020`, `201920` or
 * `1920`; `null` when the text is not a financial year (the second year must follow the first).
 *
 * @example financialYear('2019/20') // '2019-20'
 * @example financialYear('1920') // '2019-20'
 */
export function financialYear(text: string): string | null {
  const t = text.trim();
  let a: number;
  let b: number;
  let m = /^(\d{4})\s*[-/]\s*(\d{2}|\d{4})$/.exec(t);
  if (m) {
    a = Number(m[1]);
    b = Number(m[2]) % 100;
  } else if ((m = /^(\d{4})(\d{2})$/.exec(t))) {
    a = Number(m[1]);
    b = Number(m[2]);
  } else if ((m = /^(\d{2})(\d{2})$/.exec(t))) {
    a = 2000 + Number(m[1]);
    b = Number(m[2]);
  } else return null;
  if ((a + 1) % 100 !== b) return null;
  return `${a}-${String(b).padStart(2, '0')}`;
}
