/**
 * healthgap/notebook: show tables, figures and report sections inline in Jupyter (tslab kernel),
 * and move data to and from danfo DataFrames.
 *
 * ```ts
 * import { show, showTable, showFigure, showSection, toDanfo, fromDanfo } from 'healthgap/notebook';
 * ```
 */
export { show, showTable, showFigure, showSection, showHtml, showMarkdown, type ShowPlotly } from './show.js';
export { tableHtml, tableText, tableView, isArqueroTable, isTableLike, type TableLike, type TableOptions, type TableColumnSpec, type TableView } from './tables.js';
export { figureHtml, figureText, plotlySource, plotlyBundlePath, isFigureSpec, isChartLike, type FigureSpec, type ChartLike, type FigureLike, type FigureOptions, type PlotlyInclude } from './figures.js';
export { sectionHtml, sectionText, markdownHtml, isSectionLike, type SectionLike } from './sections.js';
export { formatCell, isMissing, MISSING_MARK, type CellFormat } from './format.js';
export { setNotebookDisplay, tslabDisplay, type NotebookDisplay } from './display.js';
export { toDanfo, fromDanfo, loadDanfo, danfoDtype, DANFO_INSTALL_HINT, type DanfoFrameLike } from './danfo.js';
