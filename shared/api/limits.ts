/**
 * Size limits every transport and the UI state the same way. An import file travels as an upload (streamed HTTP
 * in the browser host, a local file in the desktop), never inside a WebSocket message.
 */

/** The largest file an import accepts (needs feeds of a whole province, proposal workbooks, Pabulib files). */
export const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;

/** The largest WebSocket message the host reads: calls carry arguments, not files. */
export const MAX_MESSAGE_BYTES = 1024 * 1024;

/** What one decompression may produce (gzip, zip entries): beyond it the input is refused as a bomb. */
export const MAX_INFLATED_BYTES = 256 * 1024 * 1024;

/** Reference data (population JSON/CSV, GeoJSON boundaries of one province): parsed whole, so kept small. */
export const MAX_REFERENCE_BYTES = 64 * 1024 * 1024;

/** A Pabulib file (the largest real city elections are tens of MB). */
export const MAX_PB_BYTES = 256 * 1024 * 1024;
