import { describe, expect, it } from 'vitest';
import {
  CATEGORICAL_COLOURS,
  MUTED_TEXT_COLOUR,
  SIGNIFICANCE_STYLES,
  TEXT_COLOUR,
  contrastRatio,
  escapePlotlyText,
  formatNumber,
  roundTo,
  sequentialColours,
  significanceStyle,
  textColourOn,
  viridis,
  wrapPlotlyText,
} from './theme.js';

describe('theme', () => {
  it('computes WCAG contrast ratios (black/white 21, #767676 on white ≈ 4.54)', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 10);
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
  });
  it('text colours meet AA (≥ 4.5:1) on white', () => {
    expect(contrastRatio(TEXT_COLOUR, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(MUTED_TEXT_COLOUR, '#ffffff')).toBeGreaterThanOrEqual(4.5);
  });
  it('picks white text on dark fills and dark text on light fills', () => {
    expect(textColourOn('#440154')).toBe('#ffffff');
    expect(textColourOn('#fde725')).toBe(TEXT_COLOUR);
  });
  it('gives every significance label a distinct shape', () => {
    const symbols = Object.values(SIGNIFICANCE_STYLES).map((s) => s.symbol);
    expect(new Set(symbols).size).toBe(symbols.length);
    expect(significanceStyle(null).label).toBe('Not compared');
    expect(significanceStyle('Better')).toMatchObject({ colour: '#92D050', symbol: 'triangle-up' });
  });
  it('samples viridis at its ends and keeps categorical colours distinct', () => {
    expect(viridis(0)).toBe('#440154');
    expect(viridis(1)).toBe('#fde725');
    expect(sequentialColours(10)).toHaveLength(10);
    expect(new Set(CATEGORICAL_COLOURS).size).toBe(CATEGORICAL_COLOURS.length);
  });
  it('formats and rounds numbers deterministically', () => {
    expect(formatNumber(12345.678, 1)).toBe('12,345.7');
    expect(formatNumber(-0.04, 1)).toBe('0.0');
    expect(formatNumber(-1234.5, 0)).toBe('-1,235');
    expect(formatNumber(null)).toBe('-');
    expect(roundTo(2.345, 2)).toBe(2.35);
    expect(roundTo(-2.345, 2)).toBe(-2.35);
  });
  it('escapes text for plotly labels and wraps long text', () => {
    expect(escapePlotlyText('<script>alert("x")</script> & co')).toBe('&lt;script&gt;alert("x")&lt;/script&gt; &amp; co');
    expect(wrapPlotlyText('Life expectancy at birth', 10)).toBe('Life<br>expectancy<br>at birth');
  });
});
