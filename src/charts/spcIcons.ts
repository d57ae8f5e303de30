/**
 * The NHS England "Making Data Count" icons, drawn by healthgap as small inline SVGs (no image
 * files, nothing fetched): a variation icon (common cause; special cause improving, concerning
 * or neutral, with H or L for higher or lower values) and an assurance icon (consistently pass,
 * consistently fail, hit and miss). Each SVG has `role="img"`, a `<title>` and `aria-label`
 * with its text alternative, so a screen reader says what the icon means; colours follow
 * Making Data Count (blue improvement, orange concern, purple neutral, grey common cause) and the
 * letter inside (H, L, P, F, ?) says the same without colour.
 */

/** Variation icons (the same keys as NHSRplotthedots' icon files). */
export type SpcVariationIconKey = 'common_cause' | 'improvement_high' | 'improvement_low' | 'concern_high' | 'concern_low' | 'neutral_high' | 'neutral_low';
/** Assurance icons (NHSRplotthedots' assurance types). */
export type SpcAssuranceIconKey = 'consistent_pass' | 'consistent_fail' | 'inconsistent';

/** Making Data Count colours (NHSRplotthedots `ptd_spc_colours()`), darkened where text sits on white. */
export const SPC_COLOURS = {
  commonCause: '#7f7f7f',
  improvement: '#0072c6',
  concern: '#c55a00',
  neutral: '#490092',
  valueLine: '#a6a6a6',
  mean: '#000000',
  limits: '#6f6f6f',
  target: '#de1b1b',
  trajectory: '#490092',
} as const;

/** Text alternatives of the variation icons. */
export const SPC_VARIATION_ICON_TEXT: Readonly<Record<SpcVariationIconKey, string>> = {
  common_cause: 'Common cause variation: no significant change',
  improvement_high: 'Special cause variation of an improving nature: higher values',
  improvement_low: 'Special cause variation of an improving nature: lower values',
  concern_high: 'Special cause variation of a concerning nature: higher values',
  concern_low: 'Special cause variation of a concerning nature: lower values',
  neutral_high: 'Special cause variation, neither improving nor concerning: higher values',
  neutral_low: 'Special cause variation, neither improving nor concerning: lower values',
};

/** Text alternatives of the assurance icons. */
export const SPC_ASSURANCE_ICON_TEXT: Readonly<Record<SpcAssuranceIconKey, string>> = {
  consistent_pass: 'The system is expected to consistently pass the target',
  consistent_fail: 'The system is expected to consistently fail the target',
  inconsistent: 'Hit and miss: the system will pass and fail the target at random',
};

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function frame(colour: string, label: string, body: string, size: number): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 100 100" role="img" aria-label="${esc(label)}">` +
    `<title>${esc(label)}</title>` +
    `<circle cx="50" cy="50" r="45" fill="#ffffff" stroke="${colour}" stroke-width="8"/>` +
    body +
    `</svg>`
  );
}

/** Seven dots along a path: the mini run chart inside a variation icon. */
function dots(ys: number[], colours: string[]): string {
  return ys.map((y, i) => `<circle cx="${22 + i * 9.3}" cy="${y}" r="4.2" fill="${colours[i]}"/>`).join('');
}

/**
 * The SVG of a variation icon with its text alternative.
 * @example spcVariationIconSvg('concern_low') // '<svg … aria-label="Special cause variation of a concerning nature: lower values">…'
 */
export function spcVariationIconSvg(icon: SpcVariationIconKey, size = 64): string {
  const label = SPC_VARIATION_ICON_TEXT[icon];
  if (icon === 'common_cause') {
    const g = SPC_COLOURS.commonCause;
    return frame(g, label, dots([60, 52, 64, 55, 61, 50, 58], Array(7).fill(g)), size);
  }
  const [kind, side] = icon.split('_') as ['improvement' | 'concern' | 'neutral', 'high' | 'low'];
  const colour = SPC_COLOURS[kind];
  const grey = SPC_COLOURS.commonCause;
  const high = side === 'high';
  const ys = high ? [72, 66, 70, 56, 48, 42, 36] : [40, 46, 42, 56, 64, 70, 76];
  const cols = [grey, grey, grey, colour, colour, colour, colour];
  const letter = `<text x="50" y="${high ? 78 : 38}" text-anchor="middle" font-family="Arial, sans-serif" font-size="26" font-weight="bold" fill="${colour}">${high ? 'H' : 'L'}</text>`;
  return frame(colour, label, dots(ys, cols) + letter, size);
}

/**
 * The SVG of an assurance icon with its text alternative.
 * @example spcAssuranceIconSvg('inconsistent') // '<svg … aria-label="Hit and miss: …">…'
 */
export function spcAssuranceIconSvg(type: SpcAssuranceIconKey, size = 64): string {
  const label = SPC_ASSURANCE_ICON_TEXT[type];
  const colour = type === 'consistent_pass' ? SPC_COLOURS.improvement : type === 'consistent_fail' ? SPC_COLOURS.concern : SPC_COLOURS.commonCause;
  const letter = type === 'consistent_pass' ? 'P' : type === 'consistent_fail' ? 'F' : '?';
  const body =
    `<text x="50" y="62" text-anchor="middle" font-family="Arial, sans-serif" font-size="38" font-weight="bold" fill="${colour}">${letter}</text>` +
    `<line x1="18" y1="${type === 'consistent_pass' ? 78 : type === 'consistent_fail' ? 24 : 50}" x2="82" y2="${type === 'consistent_pass' ? 78 : type === 'consistent_fail' ? 24 : 50}" stroke="${SPC_COLOURS.target}" stroke-width="4" stroke-dasharray="8 5"/>`;
  return frame(colour, label, body, size);
}

/**
 * An SVG as a `data:` URI, for plotly layout images (which cannot take inline markup).
 * @example svgDataUri('<svg …/>') // 'data:image/svg+xml;charset=utf-8,%3Csvg…'
 */
export function svgDataUri(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
