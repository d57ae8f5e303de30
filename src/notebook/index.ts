/**
 * healthgap/notebook: show tables, figures and report sections inline in Jupyter (tslab kernel),
 * and move data to and from danfo DataFrames.
 *
 * ```ts
 * import { show, showTable, showFigure, showSection, toDanfo, fromDanfo } from 'healthgap/notebook';
 * ```
 *
 * Importing this module also makes arquero tables (and danfo DataFrames) display as compact
 * tables when a cell ends with one, and turns arquero's "Invalid variable reference" error
 * into one line with the fix (see `installTableDisplay`, `installClosureHints`).
 */
export { show, showTable, showFigure, showSection, showHtml, showMarkdown, type ShowPlotly } from './show.js';
export {
  tableHtml,
  tableText,
  tableView,
  isArqueroTable,
  isTableLike,
  type TableLike,
  type TableOptions,
  type TableColumnSpec,
  type TableView,
} from './tables.js';
export {
  figureHtml,
  figureText,
  plotlySource,
  plotlyBundlePath,
  isFigureSpec,
  isChartLike,
  type FigureSpec,
  type ChartLike,
  type FigureLike,
  type FigureOptions,
  type PlotlyInclude,
} from './figures.js';
export { sectionHtml, sectionText, markdownHtml, isSectionLike, type SectionLike } from './sections.js';
export { formatCell, isMissing, MISSING_MARK, type CellFormat } from './format.js';
export { setNotebookDisplay, tslabDisplay, type NotebookDisplay } from './display.js';
export { toDanfo, fromDanfo, loadDanfo, danfoDtype, DANFO_INSTALL_HINT, type DanfoFrameLike } from './danfo.js';
export { isDanfoFrame } from './frames.js';
export { columnDecimals, MAX_AUTO_DECIMALS } from './tables.js';
export { NotebookError, closureHint, installClosureHints } from './hints.js';
export { installTableDisplay, installDanfoDisplay, compactTableText, compactTableHtml, tableSummary, columnTypes, INSPECT_ROWS } from './inspect.js';
export { whereEquals, practicesServing, withConfidenceLevel, type WhereValue, type PracticesServingOptions } from './where.js';

import { createRequire } from 'node:module';
import { installClosureHints } from './hints.js';
import { installDanfoDisplay, installTableDisplay } from './inspect.js';

installTableDisplay();
installClosureHints();
// A danfojs-node the notebook has already loaded (it is a CommonJS module: look in the cache).
for (const [file, mod] of Object.entries(createRequire(import.meta.url).cache)) {
  if (/[\\/]danfojs-node[\\/]dist[\\/]danfojs-node[\\/]src[\\/]index\.js$/.test(file)) installDanfoDisplay(mod?.exports as { DataFrame?: unknown });
}
