import { downloadPath, type DownloadRef } from '../../shared/api/downloads';

/**
 * Saves a file an export made (the answer names it; its bytes wait on the host) with the file's name: the browser
 * fetches `/api/download/<id>` (`app://chipao/…` in the desktop shell) and streams it to disk itself, so a file of
 * hundreds of MB is never held in the page. The id serves one fetch, from this device, within 10 minutes.
 */
export function downloadFile(file: DownloadRef): void {
  save(downloadPath(file.downloadId), file.fileName);
}

/**
 * Saves bytes as a file through a temporary `<a download>`: the browser's download flow, and in
 * Electron the session's will-download (save dialog), with no extra API.
 */
export function downloadBytes(bytes: Uint8Array<ArrayBuffer>, fileName: string, mimeType: string): void {
  const url = URL.createObjectURL(new Blob([bytes], { type: mimeType }));
  save(url, fileName);
  // Revoking at once can cancel the download in some engines; a minute is plenty to start it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function save(url: string, fileName: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
}
