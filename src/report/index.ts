/**
 * The report engine: turn sections (headline, narrative, charts, tables) into one
 * self-contained, accessible HTML place profile. See docs/suppression.md for the small-number rule.
 */
export type {
  CellValue,
  ChartDataTableLike,
  ColumnFormat,
  DataColumn,
  DataTable,
  FigureCountField,
  MethodsEntry,
  ReportFigure,
  PlotlyMode,
  Report,
  ReportIndexEntry,
  Section,
  SuppressionRule,
  TableSuppression,
} from './types.js';
export { renderReport, renderReportWithStats, renderDataTable, suppressReport } from './render.js';
export type { SuppressedReport } from './render.js';
export { writeReport, writeIndexPage } from './write.js';
export type { WrittenReport } from './write.js';
export { renderIndexPage } from './indexPage.js';
export type { IndexPageOptions } from './indexPage.js';
export {
  DEFAULT_SUPPRESSION,
  applySuppression,
  applyChartSuppression,
  chartDataTable,
  isDataTable,
  describeSuppressionRule,
  isSuppressedCount,
  resolveSuppressionRule,
} from './suppression.js';
export { renderMarkdown, isSafeHref } from './markdown.js';
export { escapeHtml, jsonForScript, scriptSafe, slugId } from './escape.js';
export { formatCell, MISSING_TEXT } from './format.js';
export {
  writePlotlyAsset,
  plotlyBundlePath,
  plotlyInlineSource,
  plotlyVersion,
  chooseBundle,
  BASIC_TRACE_TYPES,
  PLOTLY_ASSET_NAME,
  FIGURE_BOOT_SCRIPT,
} from './plotly.js';
export type { PlotlyBundle } from './plotly.js';
export { REPORT_CSS } from './css.js';
export { healthgapVersion } from './version.js';
export { printFooterCss } from './render.js';
export { dataTableFromArquero } from './arquero.js';
export { spcFromCsv, spcSection, spcMethodsEntry, spcReport } from './spcReport.js';
export type { SpcSectionOptions } from './spcReport.js';
