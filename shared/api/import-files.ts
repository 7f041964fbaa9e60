/**
 * The kinds of file the imports read (`electron/core/import/read.ts`), as the file pickers offer them: a kind missing
 * here is one a user cannot choose in the dialog, though the import would read it.
 */

/**
 * Workbooks and tables: Excel (2007 on, binary, 97–2003 and 5.0/95), XML Spreadsheet 2003, OpenDocument, CSV, HTML
 * saved as .xls, and zips of these.
 */
const TABLE_EXTENSIONS = ['.xlsx', '.xlsm', '.xlsb', '.xls', '.xml', '.ods', '.csv', '.txt', '.tsv', '.html', '.htm', '.zip'];

/** Needs: tables, and the platform's feeds (NDJSON, JSON). */
export const NEEDS_IMPORT_EXTENSIONS: readonly string[] = [...TABLE_EXTENSIONS, '.json', '.ndjson', '.jsonl'];

/** Proposals: tables only (a proposal has no feed). */
export const PROPOSALS_IMPORT_EXTENSIONS: readonly string[] = TABLE_EXTENSIONS;

/**
 * The province's reference data: population tables, our reference JSON and GeoJSON layers of boundaries
 * (`electron/core/sync/reference-import.ts`).
 */
export const REFERENCE_IMPORT_EXTENSIONS: readonly string[] = [...TABLE_EXTENSIONS, '.json', '.geojson'];
