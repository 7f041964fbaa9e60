/**
 * Sending a file for an import: never inside a WebSocket message. The browser streams it as an HTTP request body
 * (`uploads.begin` → POST), the desktop hands the core its path. Files over the limit are refused here already,
 * with the same message the host would give.
 */
import { useCallback } from 'react';
import type { Result } from '../../shared/api/errors';
import { MAX_UPLOAD_BYTES } from '../../shared/api/limits';
import { en } from '../i18n/en';
import { th } from '../i18n/th';
import { useApi } from './api-context';
import type { UploadDone, UploadProgress } from './transport';

export const MAX_UPLOAD_MB = Math.round(MAX_UPLOAD_BYTES / (1024 * 1024));

export type Upload = (file: File, onProgress?: UploadProgress) => Promise<Result<UploadDone>>;

/** Returns the upload function of the current transport, with the size check in front of it. */
export function useUpload(): Upload {
  const { upload } = useApi();
  return useCallback<Upload>(
    async (file, onProgress) => {
      if (file.size > MAX_UPLOAD_BYTES) {
        const mb = Math.ceil(file.size / (1024 * 1024));
        return {
          ok: false,
          error: {
            code: 'TOO_LARGE',
            message: en.errors.fileTooLarge(mb, MAX_UPLOAD_MB),
            messageTh: th.errors.fileTooLarge(mb, MAX_UPLOAD_MB),
          },
        };
      }
      return upload(file, onProgress);
    },
    [upload],
  );
}
