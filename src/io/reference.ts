/**
 * Reference tables: the 2013 European Standard Population and HSE 2022 hypertension rates.
 */
import { aq } from '../core/arquero.js';
import type { ColumnTable } from 'arquero';
import { readCsvRecords, typedTable, withNotes, parseNumberCell } from './csv.js';
import { HealthgapError, InputError } from '../core/errors.js';
import { dataPath } from './paths.js';
import { cachedRead } from './cache.js';
import { parseAgeBand } from './agebands.js';
import { normaliseSex } from './deaths.js';

/**
 * The 2013 European Standard Population (ESP2013), summing to 100,000: `age_band`,
 * `age_lower`, `age_upper` (null for the open band), `esp2013`. 19 bands: 0-4, 5-9 … 85-89, 90+
 * (the PHEindicatormethods `esp2013` vector, used for DSRs). 21 bands: 0, 1-4, 5-9 … 85-89,
 * 90-94, 95+ (abridged life tables and DSRs with an infant band).
 *
 * Source: Eurostat, Revision of the European Standard Population (2013), KS-RA-13-028
 * (© European Union, reuse with acknowledgement). Checked to sum to 100,000 on read.
 *
 * @example readEsp2013().array('esp2013') // [5000, 5500, 5500, 5500, 6000, …, 1000]
 */
export function readEsp2013(bands: 19 | 21 = 19): ColumnTable {
  if (bands !== 19 && bands !== 21) throw new HealthgapError(`ESP2013 comes in 19 or 21 bands, not ${String(bands)}`);
  const file = dataPath(bands === 19 ? 'reference/esp2013_5yr_19bands.csv' : 'reference/esp2013_21bands.csv');
  return cachedRead(`esp2013:${file}`, () => {
    const rec = readCsvRecords(file);
    const t = typedTable(rec, [
      { name: 'age_band', type: 'string', allowMissing: false },
      { name: 'age_lower', type: 'count', allowMissing: false },
      { name: 'age_upper', type: 'count' },
      { name: 'esp2013', type: 'count', allowMissing: false },
    ]);
    const total = (t.array('esp2013') as number[]).reduce((a, b) => a + b, 0);
    if (total !== 100000 || t.numRows() !== bands)
      throw new InputError(`expected ${bands} bands summing to 100,000, found ${t.numRows()} summing to ${total}`, { file: rec.file });
    return t;
  });
}

/**
 * Health Survey for England 2022 (Part 2): hypertension status by age band and sex, in long
 * form: `sex` (`Male`, `Female`, `Persons` for HSE's Men, Women, Adults), `status`
 * (`Normotensive untreated`, `Hypertensive controlled`, `Hypertensive uncontrolled`,
 * `Hypertensive untreated`, `All with hypertension`), `age_band` (16-34 … 75+), `age_lower`,
 * `age_upper` (null for 75+), `percent` (whole-number percentages as published).
 *
 * Source: NHS England, Health Survey for England 2022 Part 2, adult health tables (OGL v3).
 * Quirks: `-` (a base too small or a zero cell, 2 cells) is read as null with a note. Survey-based
 * expected prevalence, not the PHE modelled practice estimates.
 *
 * @example readHse2022Hypertension().filter((d) => d.status === 'All with hypertension' && d.sex === 'Persons')
 */
export function readHse2022Hypertension(path?: string): ColumnTable {
  const file = path ?? dataPath('reference/hse2022_hypertension_by_age_sex.csv');
  const build = () => {
    const rec = readCsvRecords(file);
    const sexIdx = rec.header.findIndex((h) => h.toLowerCase() === 'sex');
    const groupIdx = rec.header.findIndex((h) => h.toLowerCase() === 'group');
    if (sexIdx < 0 || groupIdx < 0)
      throw new InputError(`missing column ${sexIdx < 0 ? '"Sex"' : '"Group"'}; the header has: ${rec.header.join(', ')}`, { file: rec.file, row: 1 });
    const bandCols = rec.header.map((h, i) => ({ h, i })).filter(({ i }) => i !== sexIdx && i !== groupIdx);
    const bands = bandCols.map(({ h }) => parseAgeBand(h));
    const out = {
      sex: [] as string[],
      status: [] as string[],
      age_band: [] as string[],
      age_lower: [] as number[],
      age_upper: [] as (number | null)[],
      percent: [] as (number | null)[],
    };
    let suppressed = 0;
    rec.rows.forEach((row, r) => {
      const sex = normaliseSex(row[sexIdx]);
      if (!sex)
        throw new InputError(`unknown sex "${row[sexIdx]}"; expected Men, Women or Adults`, { file: rec.file, row: rec.lines[r], column: rec.header[sexIdx] });
      bandCols.forEach(({ h, i }, k) => {
        const v = parseNumberCell(row[i], 'number', { file: rec.file, row: rec.lines[r], column: h }, true);
        if (v !== null && v > 100) throw new InputError(`expected a percentage from 0 to 100, found ${v}`, { file: rec.file, row: rec.lines[r], column: h });
        if (v === null) suppressed++;
        out.sex.push(sex);
        out.status.push(row[groupIdx].trim());
        out.age_band.push(h);
        out.age_lower.push(bands[k].lower);
        out.age_upper.push(bands[k].upper);
        out.percent.push(v);
      });
    });
    return withNotes(
      aq.table(out),
      suppressed ? [`${rec.file}: ${suppressed} cell${suppressed === 1 ? '' : 's'} marked "-" (base too small or zero) read as missing (null), not zero`] : [],
    );
  };
  return path === undefined ? cachedRead(`hse2022:${file}`, build) : build();
}
