/** Amounts in Thai words (จำนวนเงินเป็นตัวอักษร), as official exports write them. */
import thaiBahtText from 'thai-baht-text';
import { SATANG_PER_BAHT } from './money';

/**
 * Thai words for an amount in satang, with "เอ็ด" for a trailing one and "ศูนย์บาทถ้วน" for zero
 * (the underlying package returns an empty string for zero).
 * @example bahtText(100_100) // 'หนึ่งพันเอ็ดบาทถ้วน'
 */
export function bahtText(satang: number): string {
  if (!Number.isSafeInteger(satang) || satang < 0) throw new RangeError(`not an amount of satang: ${satang}`);
  if (satang === 0) return 'ศูนย์บาทถ้วน';
  const whole = Math.trunc(satang / SATANG_PER_BAHT);
  const rest = satang % SATANG_PER_BAHT;
  // Pass a decimal string so that float rounding can never turn .29 into .28.
  return thaiBahtText(`${whole}.${String(rest).padStart(2, '0')}`);
}
