/** Data releases: the catalogue of bundled and added releases, `data add` recognisers and validation. */
export { RELEASE_KINDS, type ReleaseKind, type ReleaseInfo, type ReleaseProblem } from './types.js';
export { listReleases, findRelease, bundledReleases, addedReleases, releasesDir, fileSha256 } from './catalogue.js';
export { addRelease, RECOGNISERS, ReleaseRefusedError, formatProblem, type AddResult } from './add.js';
export { periodSortKey, financialYear } from './period.js';
export { readWorkbook, zipEntryCount, type Workbook, type WorkbookLimits } from './xlsx.js';
export { QOF_CCG_CORE_REGISTERS } from './qofCcgWorkbook.js';
export { qofCcgPrevalence, type QofCcgPrevalence, type QofCcgSeries, type QofCcgPoint } from './qofCcgSeries.js';
export { streamWorkbook, checkZipLimits, STREAM_LIMITS, type StreamLimits, type WorkbookVisitor } from './xlsxStream.js';
export { readZipDirectory, workbookSheetNames, type ZipEntry } from './zipDirectory.js';
export { QOF_MAPPING_LAYOUTS } from './qofMapping.js';
