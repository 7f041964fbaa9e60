/** Bounds on what one import may read, so a hostile or broken file is refused within bounded memory and time. */
export { MAX_INFLATED_BYTES, MAX_UPLOAD_BYTES } from '../../../shared/api/limits';

/** The longest cell text (Excel's own limit is 32,767 characters). */
export const MAX_CELL_CHARS = 32_767;
/** Rows per sheet or CSV file. */
export const MAX_ROWS = 1_100_000;
/** Columns per row. */
export const MAX_COLUMNS = 512;
/** Sheets in a workbook (a province's workbooks have one per district or agency: a few dozen). */
export const MAX_SHEETS = 1000;
/** Entries in a zip (including those skipped). */
export const MAX_ZIP_ENTRIES = 1000;
/** A spreadsheet (XLSX, XLS, HTML) larger than this is refused: use CSV or NDJSON for bigger sets. */
export const MAX_WORKBOOK_BYTES = 128 * 1024 * 1024;
/** A JSON document (not NDJSON) larger than this is refused: NDJSON streams, one JSON document does not. */
export const MAX_JSON_BYTES = 128 * 1024 * 1024;
/**
 * Lists and objects one JSON document may hold (counted before it is parsed): a record is one object, a field's value
 * may be a list or an object of its own, so a few per row of the largest sheet. 128 MB of `{},{},…` would be 42
 * million heap objects, gigabytes on the compute worker; four million take a few hundred MB.
 */
export const MAX_JSON_CONTAINERS = 4_000_000;
/**
 * The page cache (KiB) an import's write holds while it runs (`withPageCache`): enough of the needs table's indexes
 * for 100,000 rows that their pages are not written out and read back again and again during the transaction.
 */
export const IMPORT_PAGE_CACHE_KIB = 64 * 1024;
