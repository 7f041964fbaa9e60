/** Checks of free text shared by the API's schemas. */
import type { z } from 'zod';
import { findControlChar } from '../domain/import/problems';

/**
 * A zod refinement refusing text that holds a control character, a bidi override or half of a UTF-16 surrogate pair,
 * naming it and its place in English (the issue's message) and Thai (`params.th`, which the dispatcher passes on).
 */
export function refuseControlChars(value: string, ctx: z.RefinementCtx): void {
  const found = findControlChar(value);
  if (!found) return;
  const at = found.at + 1;
  const [en, th] =
    found.kind === 'surrogate'
      ? [`contains half of a UTF-16 surrogate pair ${found.char} at position ${at}`, `มีอักขระเสียหาย ${found.char} ที่ตำแหน่ง ${at}`]
      : [`contains the control character ${found.char} at position ${at}`, `มีอักขระควบคุม ${found.char} ที่ตำแหน่ง ${at}`];
  ctx.addIssue({ code: 'custom', message: en, params: { th } });
}
