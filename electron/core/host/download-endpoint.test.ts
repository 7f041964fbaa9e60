/**
 * Exported files over the browser host: the call answers a download id, and the device that made the export fetches
 * the bytes once from `GET /api/download/<id>` (a real SQLite file, loopback only).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ExportedDocument } from '../../../shared/api/exports';
import type { ExportedFile } from '../../../shared/api/types';
import { createCore, type Core } from '../core';
import { startHost, type Host } from './server';

let dir: string;
let core: Core;
let host: Host;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'chipao-dl-'));
  const staticDir = join(dir, 'static');
  mkdirSync(staticDir, { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
  core = await createCore({ dbPath: join(dir, 'data', 'chipao.sqlite'), sample: { needs: 500, projects: 20 } });
  host = await startHost({ core, staticDir, host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  await host?.close();
  await core?.close();
  rmSync(dir, { recursive: true, force: true });
});

type Reply = { id?: number; result?: { ok: boolean; value?: unknown; error?: { code: string } } };

/** The owner's page: a WebSocket with the owner secret, calling one method at a time. */
async function ownerPage(): Promise<{ call<T>(method: string, args: unknown): Promise<T>; close(): Promise<void> }> {
  const ws = new WebSocket(`${host.url.replace(/^http/u, 'ws')}/api/ws`, ['chipao', `chipao-owner.${host.ownerToken}`], {
    origin: host.url,
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let next = 1;
  return {
    call: <T>(method: string, args: unknown) =>
      new Promise<T>((resolve, reject) => {
        const id = next++;
        const onMessage = (data: WebSocket.RawData): void => {
          const m = JSON.parse(String(data)) as Reply;
          if (m.id !== id) return;
          ws.off('message', onMessage);
          if (m.result?.ok) resolve(m.result.value as T);
          else reject(new Error(`${method}: ${JSON.stringify(m.result)}`));
        };
        ws.on('message', onMessage);
        ws.send(JSON.stringify({ id, method, args }));
      }),
    close: () =>
      new Promise<void>((resolve) => {
        ws.once('close', () => resolve());
        ws.close();
      }),
  };
}

type Fetched = { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer };

/** A GET of a download, from the owner's 127.0.0.1 or (`localAddress`) another device on the loopback network. */
function get(id: string, o: Readonly<{ localAddress?: string; headers?: Record<string, string> }> = {}): Promise<Fetched> {
  const { hostname, port } = new URL(host.url);
  return new Promise((resolve, reject) => {
    const req = request(
      { hostname, port, path: `/api/download/${id}`, method: 'GET', headers: o.headers ?? {}, localAddress: o.localAddress },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const sha = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
const auditSha = (kind: string): string => {
  const row = core.store.sqlite
    .prepare('SELECT payload_json FROM audit_event WHERE kind = ? ORDER BY id DESC LIMIT 1')
    .get(kind) as { payload_json: string };
  return (JSON.parse(row.payload_json) as { sha256: string }).sha256;
};
const downloadsHeld = (): string[] => readdirSync(join(dir, 'data', 'chipao.sqlite.downloads'));
const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 50));

describe('exported files are downloads, not answers', () => {
  it('answers an export by id; its bytes, fetched once, have the SHA-256 its audit event recorded', async () => {
    const page = await ownerPage();
    const file = await page.call<ExportedDocument & { base64?: string }>('exports.plan', { roundId: 1, format: 'csv' });
    expect(file.base64).toBeUndefined();
    expect(file.downloadId).toMatch(/^[0-9a-f]{32}$/u);
    expect(file.sha256).toBe(auditSha('plan.exported'));

    const res = await get(file.downloadId, { headers: { origin: host.url, 'sec-fetch-site': 'same-origin' } });
    expect(res.status).toBe(200);
    expect(res.body.length).toBe(file.size);
    expect(sha(res.body)).toBe(file.sha256);
    expect(res.body.toString('utf8')).toMatch(/^\uFEFF/u);
    expect(res.headers['content-type']).toBe(file.mimeType);
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="${file.fileName}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    );
    expect(res.headers['cache-control']).toBe('no-store');
    await settle();
    expect(downloadsHeld()).toEqual([]);

    // Fetched once: the id is used up, and the answer says so in Thai and English.
    const again = await get(file.downloadId);
    expect(again.status).toBe(404);
    const error = (
      JSON.parse(again.body.toString('utf8')) as { ok: false; error: { code: string; message: string; messageTh: string } }
    ).error;
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toMatch(/export it again/u);
    expect(error.messageTh).toMatch(/ส่งออกอีกครั้ง/u);
    await page.close();
  });

  it('refuses another device, a foreign page, an unknown id; none of them uses the id up', async () => {
    const page = await ownerPage();
    const file = await page.call<ExportedFile>('audit.export', {});
    expect(file.sha256).toBe(auditSha('audit.exported'));
    const foreign = await get(file.downloadId, { localAddress: '127.0.0.2' });
    expect(foreign.status).toBe(404);
    expect(foreign.body.toString('utf8')).toContain('"NOT_FOUND"');
    const crossSite = await get(file.downloadId, { headers: { origin: 'http://evil.example' } });
    expect(crossSite.status).toBe(403);
    expect(crossSite.body.toString('utf8')).toContain('ดาวน์โหลดได้จากหน้าของโปรแกรมนี้เท่านั้น');
    expect((await get(file.downloadId, { headers: { 'sec-fetch-site': 'cross-site' } })).status).toBe(403);
    expect((await get('0'.repeat(32))).status).toBe(404);
    expect((await get('not-an-id')).status).toBe(404);
    expect((await get('%E0')).status).toBe(400);

    const mine = await get(file.downloadId);
    expect(mine.status).toBe(200);
    expect(sha(mine.body)).toBe(file.sha256);
    expect(mine.body.toString('utf8')).toMatch(/^\uFEFFid,at,actor,kind,payload,hash\r\n/u);
    await page.close();
  });

  it('gives each export a new id, and drops what a closed connection left unfetched', async () => {
    const page = await ownerPage();
    const a = await page.call<ExportedFile>('plan.exportXlsx', { roundId: 1 });
    const b = await page.call<ExportedFile>('plan.exportXlsx', { roundId: 1 });
    expect(a.downloadId).not.toBe(b.downloadId);
    expect(downloadsHeld().sort()).toEqual([a.downloadId, b.downloadId].sort());
    expect((await get(a.downloadId)).status).toBe(200);
    await page.close();
    await settle();
    expect(downloadsHeld()).toEqual([]);
    expect((await get(b.downloadId)).status).toBe(404);
  });
});
