/**
 * `buildNeighbourhoodProfile`: a profile (a {@link Report}, the same accessible self-contained HTML
 * as place profiles) for a neighbourhood area: a PCN, an electoral ward, or an area the analyst
 * defines by LSOAs, practices or a drawn polygon (`Neighbourhood` of src/geography).
 */
import type { Neighbourhood } from '../../../geography/neighbourhood.js';
import { NEIGHBOURHOOD_REGISTRATIONS } from '../../../geography/neighbourhoodLinks.js';
import { resolveSuppressionRule } from '../../suppression.js';
import type { MethodsEntry, PlotlyMode, Report, SuppressionRule } from '../../types.js';
import { deprivationSection, parentMeasuresSection, practicesSection, prevalenceSection, whoSection, type NeighbourhoodContext } from './sections.js';

/** Options of {@link buildNeighbourhoodProfile}. */
export interface NeighbourhoodProfileOptions {
  title?: string;
  subtitle?: string;
  logoText?: string;
  /** Date text; none unless given (keeps regeneration byte-identical). */
  date?: string;
  audience?: string;
  /** Small-number suppression (default counts of 1 to 4). */
  suppression?: SuppressionRule;
  plotly?: PlotlyMode;
  /** QOF register for the practice table and funnel (default DM). */
  funnelRegister?: string;
  /** Practices shown by name and code (default) or code only. */
  practiceLabels?: 'names' | 'codes';
}

const KIND: Readonly<Record<Neighbourhood['level'], string>> = {
  pcn: 'Primary care network',
  ward: 'Ward',
  'lsoa-list': 'Neighbourhood',
  'practice-list': 'Practice group',
  polygon: 'Neighbourhood',
};

function appendix(n: Neighbourhood): MethodsEntry[] {
  const apportioned = n.basis === 'registered patients';
  return [
    {
      indicator: 'The area',
      definition:
        n.basis === 'residents'
          ? 'The residents of a set of lower-layer super output areas (LSOAs 2021, about 1,500 residents each): for a ward, the LSOAs the ONS best-fit lookup places in it; for an analyst-defined neighbourhood, the listed LSOAs or those whose centroid falls in the drawn polygon.'
          : 'The registered patients of a group of GP practices (for a primary care network, its member practices in NHS ODS ePCN, January 2023).',
      period: 'Ward boundaries May 2024; LSOA 2021; ePCN January 2023',
      source: 'ONS LSOA (2021) to electoral ward (2024) to LAD (2024) best-fit lookup; ONS LSOA (2011) to LSOA (2021) exact lookup; NHS ODS ePCN',
      method: n.notes.join(' '),
      ciMethod: 'Not applicable',
    },
    {
      indicator: 'Residents by age and ethnic group; Core20 share',
      definition:
        'Census 2021 usual residents by age group (TS007 grouped) and ethnic group (TS021); Core20 = residents of LSOAs 2021 in national IMD 2025 deciles 1-2.',
      period: 'Census 21 March 2021; IMD 2025',
      source: 'ONS Census 2021; MHCLG English Indices of Deprivation 2025 (File 1)',
      method: apportioned
        ? 'Apportioned to the practices: each LSOA 2021 counts with the share of its registered patients who are registered with these practices (registrations by LSOA 2011 carried to LSOA 2021 in proportion to Census 2021 residents). The practices’ own Core20 share is also given on IMD 2019 from the registrations directly.'
        : 'Sums over the LSOAs 2021 of the area; comparators (local authority, ICB, England) summed the same way.',
      ciMethod: 'Not applicable: whole-population counts',
    },
    {
      indicator: 'Registered patients living in the area',
      definition: 'GP registered patients by the LSOA they live in.',
      period: 'January 2021',
      source: NEIGHBOURHOOD_REGISTRATIONS,
      method:
        'Registrations are published by LSOA 2011. Within each group of LSOAs that the ONS exact lookup links (an unchanged LSOA, a split LSOA with its parts, merged or redrawn LSOAs together), patients are shared between the LSOAs 2021 in proportion to their Census 2021 residents: exact for unchanged and merged LSOAs, an assumption for split and redrawn ones.',
      ciMethod: 'Not applicable',
    },
    {
      indicator: 'QOF recorded prevalence',
      definition: 'Patients on a QOF disease register over the registered patients at the register’s ages.',
      period: '2019/20',
      source: 'NHS Digital Quality and Outcomes Framework 2019-20',
      method: apportioned
        ? 'Sum of the member practices’ registers over the sum of their list sizes.'
        : 'Apportioned by where registered patients live: each practice counts with the share s of its patients living in the area (register × s, list × s), as Fingertips rolls practice data up to local authorities. Limit: it assumes each practice’s patients with a condition live across its catchment like its other patients, so it shows the practices that serve the area more than the area itself; the smaller the area, the stronger this effect.',
      ciMethod: '95% Wilson score interval on the (apportioned) counts: sampling variation only, not the uncertainty of the apportioning',
    },
    {
      indicator: 'Practice variation (funnel plot within the ICB)',
      definition: 'Recorded prevalence of the chosen register at each practice of the parent ICB (ePCN January 2023), the area’s practices ringed.',
      period: '2019/20',
      source: 'NHS Digital QOF 2019-20; NHS ODS ePCN',
      method:
        'Funnel plot limits around the average of the ICB’s practices, widened for overdispersion (additive random effects, Spiegelhalter 2005) as in the place profiles; practices whose register count is suppressed are left out.',
      ciMethod: '95% and 99.8% control limits',
    },
    {
      indicator: 'Life expectancy (parent local authority only)',
      definition: 'Life expectancy at birth of the whole local authority the area lies in; never divided down to the area.',
      period: '2014',
      source: 'ONS deaths registered in 2014; ONS mid-2014 population estimates',
      method: 'Abridged life table (Chiang II), as the place profiles',
      ciMethod: '95% confidence interval (Chiang)',
    },
  ];
}

/**
 * Build a neighbourhood profile: who lives here (Census 2021 ages, children, ethnic groups),
 * deprivation (IMD 2025 deciles, Core20 share, a map where boundaries are bundled) against the
 * parent LA, ICB and England, the GP practices (Core20 share of their patients, a funnel plot within
 * the parent ICB), QOF recorded prevalence (members' registers for a PCN, apportioned by
 * registrations for a residents area), and life expectancy shown for the parent authority only,
 * with a methods appendix. Small counts are suppressed by the report's rule.
 *
 * @example
 * const report = buildNeighbourhoodProfile(wardNeighbourhood('E05001260'));
 * writeReport(report, 'reports/abbey.html');
 */
export function buildNeighbourhoodProfile(n: Neighbourhood, options: NeighbourhoodProfileOptions = {}): Report {
  const rule = resolveSuppressionRule(options.suppression);
  const ctx: NeighbourhoodContext = {
    n,
    name: n.name,
    rule,
    funnelRegister: options.funnelRegister ?? 'DM',
    practiceLabels: options.practiceLabels ?? 'names',
    figures: new Map(),
  };
  const sections = [whoSection(ctx), deprivationSection(ctx), practicesSection(ctx), prevalenceSection(ctx), parentMeasuresSection(ctx)];
  const kind = KIND[n.level];
  const within = [n.parentLa?.name, n.parentIcb?.name.replace(/^NHS /, '').replace(/ Integrated Care Board$/, ' ICB')].filter(Boolean).join(', ');
  return {
    title: options.title ?? `${n.name} neighbourhood profile`,
    subtitle:
      options.subtitle ??
      `${kind}${within ? ` in ${within}` : ''}: who lives here, deprivation, GP practices and recorded long-term conditions, compared with the local authority, the ICB and England`,
    placeName: n.name,
    placeCode: n.code,
    audience:
      options.audience ??
      (n.level === 'pcn' ? `${n.name} and its integrated neighbourhood team` : n.parentLa ? `${n.parentLa.name} Health and Wellbeing Board` : undefined),
    logoText: options.logoText,
    date: options.date,
    dataPeriods: 'Census 2021, IMD 2025, GP registrations January 2021, QOF 2019/20, ePCN January 2023',
    keyFigures: [
      { label: n.basis === 'residents' ? 'Residents (Census 2021)' : 'Residents served, estimated (Census 2021)', value: ctx.figures.get('population') ?? '–' },
      { label: 'Living in Core20 areas (IMD 2025)', value: ctx.figures.get('core20') ?? '–' },
      { label: 'Diabetes recorded, aged 17+ (QOF 2019/20)', value: ctx.figures.get('dm') ?? '–' },
      { label: n.basis === 'residents' ? 'GP practices serving it (2%+ of residents)' : 'Member practices', value: ctx.figures.get('practices') ?? '–' },
    ],
    sections,
    appendix: appendix(n),
    suppression: options.suppression,
    plotly: options.plotly,
  };
}
