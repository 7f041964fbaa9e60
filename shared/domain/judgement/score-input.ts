/**
 * What a member may type as a score: a number on the criterion's scale, in Arabic digits, whole when the scale's
 * ends are whole numbers. Anything else is refused with a message that says why (never dropped silently); an
 * empty cell means "not scored", which is not zero.
 */

export type ScoreScale = Readonly<{ scaleMin: number; scaleMax: number }>;

export type ScoreParse = Readonly<{ ok: true; value: number | null }> | Readonly<{ ok: false; en: string; th: string }>;

/** Whole-number scale: both ends are integers (1–5, 0–10). */
export function isIntegerScale(scale: ScoreScale): boolean {
  return Number.isInteger(scale.scaleMin) && Number.isInteger(scale.scaleMax);
}

/**
 * Checks a number against the scale.
 * @example checkScore(3.5, { scaleMin: 1, scaleMax: 5 }) // { ok: false, en: '3.5 is not a whole number on the scale 1–5', … }
 */
export function checkScore(value: number, scale: ScoreScale): ScoreParse {
  const range = `${scale.scaleMin}–${scale.scaleMax}`;
  if (!Number.isFinite(value)) return { ok: false, en: `${value} is not a number`, th: `${value} ไม่ใช่ตัวเลข` };
  if (value < scale.scaleMin || value > scale.scaleMax)
    return { ok: false, en: `${value} is outside the scale ${range}`, th: `${value} อยู่นอกช่วงคะแนน ${range}` };
  if (isIntegerScale(scale) && !Number.isInteger(value))
    return {
      ok: false,
      en: `${value} is not a whole number on the scale ${range}`,
      th: `${value} ไม่ใช่จำนวนเต็มในช่วงคะแนน ${range}`,
    };
  return { ok: true, value };
}

/**
 * Reads typed or pasted text as a score: '' (or spaces) is "not scored"; Thai digits, letters, thousands separators
 * and fractions on a whole-number scale are refused.
 * @example parseScore(' 4 ', { scaleMin: 1, scaleMax: 5 }) // { ok: true, value: 4 }
 * @example parseScore('๔', { scaleMin: 1, scaleMax: 5 }).ok // false
 */
export function parseScore(text: string, scale: ScoreScale): ScoreParse {
  const t = text.trim();
  if (t === '') return { ok: true, value: null };
  if (/[\u0e50-\u0e59]/u.test(t))
    return {
      ok: false,
      en: `'${t}' uses Thai digits; type the score in Arabic digits 0–9`,
      th: `'${t}' เป็นเลขไทย กรุณากรอกคะแนนเป็นเลขอารบิก 0–9`,
    };
  if (!/^-?\d+(\.\d+)?$/u.test(t))
    return { ok: false, en: `'${t}' is not a score (a number on the scale)`, th: `'${t}' ไม่ใช่คะแนน (ต้องเป็นตัวเลขในช่วงคะแนน)` };
  return checkScore(Number(t), scale);
}
