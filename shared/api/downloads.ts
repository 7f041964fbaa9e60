/**
 * Files the core makes for a caller (exports) travel apart from the call's answer: the answer names the file and the
 * caller's device fetches its bytes once from `GET /api/download/<downloadId>` (the browser host; `app://chipao/…` in
 * the desktop shell). A province's open data is ~200 MB: carried in the answer as base64 it held the host's thread
 * and doubled the memory on both sides.
 */

/** A file ready to fetch: an unguessable id, valid for one fetch from the device that asked, within 10 minutes. */
export type DownloadRef = Readonly<{
  downloadId: string;
  fileName: string;
  mimeType: string;
  /** Bytes of the file. */
  size: number;
  /** SHA-256 (hex) of the file. */
  sha256: string;
}>;

/** Where a download is fetched, relative to the page's own origin. */
export const DOWNLOAD_PATH = '/api/download/';

/** How a download id is written: 32 hex digits (128 random bits). */
export const DOWNLOAD_ID = /^[0-9a-f]{32}$/u;

/** The address a download is fetched from (the page's own origin). */
export function downloadPath(downloadId: string): string {
  return `${DOWNLOAD_PATH}${downloadId}`;
}
