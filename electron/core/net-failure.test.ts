import { connect, createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { networkFailure } from './net-failure';

const failure = (code: unknown, message = 'boom'): unknown => Object.assign(new Error(message), { code });

describe('networkFailure', () => {
  it('names the common failures in Thai with their code, and keeps Node’s code and message in English', () => {
    expect(networkFailure(failure('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:9'))).toEqual({
      en: 'network error: ECONNREFUSED connect ECONNREFUSED 127.0.0.1:9',
      th: 'เซิร์ฟเวอร์ปฏิเสธการเชื่อมต่อ (ECONNREFUSED)',
    });
    expect(networkFailure(failure('ENOTFOUND')).th).toBe('ไม่พบชื่อเซิร์ฟเวอร์นี้ (ENOTFOUND)');
    expect(networkFailure(failure('EADDRINUSE')).th).toBe('พอร์ตนี้ถูกใช้งานอยู่แล้ว (EADDRINUSE)');
    expect(networkFailure(failure('DEPTH_ZERO_SELF_SIGNED_CERT')).th).toBe(
      'ใบรับรองความปลอดภัยของเซิร์ฟเวอร์ไม่น่าเชื่อถือ (DEPTH_ZERO_SELF_SIGNED_CERT)',
    );
    expect(networkFailure(failure('ERR_TLS_CERT_ALTNAME_INVALID')).th).toMatch(/^ใบรับรอง/u);
    expect(networkFailure(failure('CERT_HAS_EXPIRED')).th).toMatch(/หมดอายุ/u);
    expect(networkFailure(failure('HPE_HEADER_OVERFLOW')).th).toBe(
      'ส่วนหัว (headers) ของคำตอบจากเซิร์ฟเวอร์ใหญ่เกินกำหนด (HPE_HEADER_OVERFLOW)',
    );
    expect(networkFailure(failure('HPE_INVALID_CONSTANT', 'Parse Error: Expected HTTP/')).th).toBe(
      'คำตอบของเซิร์ฟเวอร์ไม่ใช่ HTTP ที่ถูกต้อง (HPE_INVALID_CONSTANT)',
    );
  });

  it('never puts Node’s English message, or a code that is not a plain code, into the Thai text', () => {
    expect(networkFailure(failure('EWHATEVER', 'socket hang up'))).toEqual({
      en: 'network error: EWHATEVER socket hang up',
      th: 'ข้อผิดพลาดของเครือข่าย (EWHATEVER)',
    });
    expect(networkFailure(new Error('socket hang up')).th).toBe('ข้อผิดพลาดของเครือข่าย');
    expect(networkFailure(failure('x y <script>')).th).toBe('ข้อผิดพลาดของเครือข่าย');
    expect(networkFailure(failure('E'.repeat(100))).th).toBe('ข้อผิดพลาดของเครือข่าย');
    expect(networkFailure('plain text').en).toBe('network error: plain text');
    expect(networkFailure(null).th).toBe('ข้อผิดพลาดของเครือข่าย');
  });

  it('describes a real refused port and a real port in use', async () => {
    const first = createServer();
    await new Promise<void>((resolve) => first.listen(0, '127.0.0.1', resolve));
    const { port } = first.address() as { port: number };
    const second = createServer();
    const inUse = await new Promise<unknown>((resolve) => {
      second.once('error', resolve);
      second.listen(port, '127.0.0.1');
    });
    expect(networkFailure(inUse).th).toBe('พอร์ตนี้ถูกใช้งานอยู่แล้ว (EADDRINUSE)');
    await new Promise<void>((resolve) => first.close(() => resolve()));
    const refused = await new Promise<unknown>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('error', resolve);
      socket.once('connect', () => {
        socket.destroy();
        resolve(null);
      });
    });
    expect(networkFailure(refused).th).toBe('เซิร์ฟเวอร์ปฏิเสธการเชื่อมต่อ (ECONNREFUSED)');
  });
});
