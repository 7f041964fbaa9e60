/**
 * A network or socket failure (Node's error codes) in English and Thai, for the people who read it: a needs feed that
 * cannot be reached or a workshop address that cannot be opened says why in the reader's language, with Node's code
 * for whoever helps. The Thai text never carries Node's English message.
 */
import { errorCode } from './system-failure';

/** The common codes: what happened, in Thai (the English keeps Node's own message). */
const REASONS_TH: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'เซิร์ฟเวอร์ปฏิเสธการเชื่อมต่อ',
  ECONNRESET: 'การเชื่อมต่อถูกตัดกลางทาง',
  ECONNABORTED: 'การเชื่อมต่อถูกตัดกลางทาง',
  EPIPE: 'การเชื่อมต่อถูกปิด',
  ETIMEDOUT: 'การเชื่อมต่อหมดเวลา',
  ENOTFOUND: 'ไม่พบชื่อเซิร์ฟเวอร์นี้',
  EAI_AGAIN: 'ค้นหาชื่อเซิร์ฟเวอร์ไม่ได้ในขณะนี้ (DNS)',
  EHOSTUNREACH: 'ติดต่อเซิร์ฟเวอร์ไม่ได้',
  ENETUNREACH: 'ไม่มีเส้นทางเครือข่ายไปยังเซิร์ฟเวอร์',
  EADDRINUSE: 'พอร์ตนี้ถูกใช้งานอยู่แล้ว',
  EADDRNOTAVAIL: 'เครื่องนี้ไม่มีที่อยู่นี้',
  EACCES: 'ไม่มีสิทธิ์ใช้พอร์ตนี้',
  CERT_HAS_EXPIRED: 'ใบรับรองความปลอดภัยของเซิร์ฟเวอร์หมดอายุ',
  HPE_HEADER_OVERFLOW: 'ส่วนหัว (headers) ของคำตอบจากเซิร์ฟเวอร์ใหญ่เกินกำหนด',
};

/** Node's HTTP parser's codes: the server's answer is no valid HTTP (the code says what was wrong). */
const HTTP_PARSER = /^HPE_[A-Z_]{1,40}$/u;

/** TLS codes that mean the server's certificate is not trusted (self-signed, unknown issuer, another name). */
const UNTRUSTED =
  /^(DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT(_LOCALLY)?|ERR_TLS_CERT_ALTNAME_INVALID|CERT_UNTRUSTED|CERT_REJECTED)$/u;

/**
 * What a network failure means, in English (Node's code and message kept) and in Thai (the reason and the code).
 * @example networkFailure(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }))
 *   // { en: 'network error: ECONNREFUSED connect ECONNREFUSED 127.0.0.1:9', th: 'เซิร์ฟเวอร์ปฏิเสธการเชื่อมต่อ (ECONNREFUSED)' }
 */
export function networkFailure(error: unknown): { en: string; th: string } {
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  const en = `network error: ${code ? `${code} ` : ''}${message}`.trim();
  const reason = code ? REASONS_TH[code] : undefined;
  if (reason) return { en, th: `${reason} (${code})` };
  if (code && UNTRUSTED.test(code)) return { en, th: `ใบรับรองความปลอดภัยของเซิร์ฟเวอร์ไม่น่าเชื่อถือ (${code})` };
  if (code && HTTP_PARSER.test(code)) return { en, th: `คำตอบของเซิร์ฟเวอร์ไม่ใช่ HTTP ที่ถูกต้อง (${code})` };
  return { en, th: code ? `ข้อผิดพลาดของเครือข่าย (${code})` : 'ข้อผิดพลาดของเครือข่าย' };
}
