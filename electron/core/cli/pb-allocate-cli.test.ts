/**
 * `pb-allocate` on hostile files, as a script runs it: every refusal exits 2 with one Thai and one English line that
 * say what is wrong and where, never a stack trace, and comes quickly (huge exponents, oversized files, elections whose
 * add1 scan cannot end).
 */
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_PB_BYTES } from '../../../shared/api/limits';
import { cli } from './test-cli';

const dir = mkdtempSync(join(tmpdir(), 'chipao-pb-allocate-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function pb(budget: string, projects: readonly string[], votes: readonly string[]): string {
  return ['META', 'key;value', `budget;${budget}`, 'vote_type;approval', 'PROJECTS', 'project_id;cost;name']
    .concat(projects, ['VOTES', 'voter_id;vote'], votes)
    .join('\n');
}

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** Runs the rule and checks the refusal's form: exit 2, a Thai line then an English line, no stack, no fallback. */
function refused(path: string, rule = 'mes_cost_add1'): { th: string; en: string } {
  const t0 = performance.now();
  const r = cli('pb-allocate', '--rule', rule, path);
  expect(r.stdout).toBe('');
  expect(r.status).toBe(2);
  expect(performance.now() - t0).toBeLessThan(20_000);
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(2);
  expect(lines[0]).toMatch(/[\u0E00-\u0E7F]/u);
  expect(r.stderr).not.toMatch(/\n\s+at /u);
  expect(r.stderr).not.toContain('เกิดข้อผิดพลาด');
  return { th: lines[0]!, en: lines[1]! };
}

describe('cli pb-allocate on hostile files', { timeout: 120_000 }, () => {
  it('computes an ordinary file, plain and gzipped', () => {
    const text = pb('100', ['1;50;a', '2;60;b', '3;40;c'], ['v1;1,2', 'v2;2,3', 'v3;1']);
    for (const path of [file('ok.pb', text), file('ok.pb.gz', gzipSync(text))]) {
      const r = cli('pb-allocate', '--rule', 'mes_cost_add1', path);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect((JSON.parse(r.stdout) as { selected: string[] }).selected).toEqual(['1', '3']);
    }
  });

  it('notes on stderr a META count the file does not hold, and refuses amounts with thousands separators', () => {
    const text = pb('100', ['1;50;a', '2;60;b', '3;40;c'], ['v1;1,2', 'v2;2,3', 'v3;1']).replace(
      'vote_type;approval',
      'vote_type;approval\nnum_votes;378\nnum_projects;3',
    );
    const r = cli('pb-allocate', '--rule', 'mes_cost_add1', file('short.pb', text));
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as { selected: string[] }).selected).toEqual(['1', '3']);
    expect(r.stderr).toBe(
      'หมายเหตุ: META ระบุ num_votes 378 แต่ไฟล์มี 3 (ไฟล์อาจถูกตัดหรือถูกแก้ไขโดยไม่ได้ปรับ META)\n' +
        'note: META declares num_votes 378 but the file holds 3 (it may be cut short, or edited without its META)\n',
    );
    const { th, en } = refused(file('thousands.pb', pb('180,000', ['1;50;a'], ['v1;1'])));
    expect(th).toContain('บรรทัด 3');
    expect(en).toBe(
      'invalid .pb file: line 3: budget: "180,000" is written with thousands separators, which a .pb file does not use ' +
        '(its comma is a decimal separator, so it would read as a different amount): write 180000',
    );
  });

  it('notes on stderr voter ids given twice, and says a gzip cut short is cut short', () => {
    const text = pb('100', ['1;50;a', '2;60;b', '3;40;c'], ['v1;1,2', 'v2;2,3', 'v1;1']);
    const r = cli('pb-allocate', '--rule', 'mes_cost_add1', file('twice.pb', text));
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('note: 1 voter_ids appear more than once ("v1" 2 times): every ballot is counted');
    const gz = gzipSync(text);
    const { th, en } = refused(file('cut.pb.gz', gz.subarray(0, gz.length - 12)));
    expect(th).toContain('ไฟล์ gzip ไม่ครบ');
    expect(en).toBe('cut.pb.gz: the gzip file is cut short (its compressed data ends early, as after an interrupted download)');
  });

  it('notes on stderr that ordinal votes are read as approvals', () => {
    const text = pb('100', ['1;50;a', '2;60;b', '3;40;c'], ['v1;1,2', 'v2;2,3', 'v3;1']).replace(
      'vote_type;approval',
      'vote_type;ordinal',
    );
    const r = cli('pb-allocate', '--rule', 'mes_cost_add1', file('ordinal.pb', text));
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('note: the ordinal votes are read as approvals');
    expect(r.stderr).toContain('หมายเหตุ: คะแนนแบบจัดอันดับ (ordinal)');
    expect((JSON.parse(r.stdout) as { selected: string[] }).selected).toEqual(['1', '3']);
  });

  it('refuses a budget of 1e999999999 at once, naming its line', () => {
    const { th, en } = refused(file('exp-huge.pb', pb('1e999999999', ['1;50;a'], ['v1;1'])));
    expect(en).toBe('invalid .pb file: line 3: budget: "1e999999999" has more than 1000 digits (exponent included)');
    expect(th).toContain('(บรรทัด 3)');
  });

  it('refuses amounts a double cannot carry (budget 1e1000, cost 1e-1000) instead of crashing MES', () => {
    const { en } = refused(file('exp-1000.pb', pb('1e1000', ['1;50;a', '2;1e-1000;b'], ['v1;1,2', 'v2;2'])));
    expect(en).toMatch(/^invalid \.pb file: line 3: budget: "1e1000"/u);
    expect(refused(file('exp-16.pb', pb('1e16', ['1;50;a'], ['v1;1']))).en).toMatch(/larger than 1,000,000,000,000,000/u);
    expect(refused(file('cost-fine.pb', pb('100', ['1;50;a', '2;1e-20;b'], ['v1;1,2']))).en).toMatch(
      /line 8: cost of project "2": "1e-20" is finer than/u,
    );
  });

  it('refuses a 200,000-digit cost with a short message', () => {
    const { en } = refused(file('digits.pb', pb('100', [`1;${'9'.repeat(200_000)};a`, '2;1;b'], ['v1;1,2'])));
    expect(en).toMatch(/line 7: cost of project "1": "9{32}…" \(200,000 characters\) has more than 1000 digits/u);
    expect(en.length).toBeLessThan(200);
  });

  it('refuses a ballot naming a project twice and negative points, naming the line', () => {
    expect(refused(file('dup.pb', pb('100', ['1;50;a', '2;60;b'], ['v1;1,1', 'v2;2']))).en).toMatch(
      /line 11: vote of "v1" names project "1" more than once/u,
    );
    const cumulative = pb('100', ['1;50;a', '2;60;b'], ['v1;1,2;3,-5'])
      .replace('approval', 'cumulative')
      .replace('voter_id;vote', 'voter_id;vote;points');
    expect(refused(file('neg-points.pb', cumulative)).en).toMatch(/line 11: points value "-5" of "v1"/u);
  });

  it('refuses a file holding a NUL byte (binary, or UTF-16 read as UTF-8) naming its line, and never echoes a control character', () => {
    const text = pb('100', ['1;50;a', '2;60;b'], ['v1;1', 'v2;2']);
    const nul = refused(file('nul.pb', text.replace('2;60;b', '2\u0000;60;b')));
    expect(nul.en).toBe(
      'invalid .pb file: line 8: the file holds a NUL byte, which no text file does: it is not a .pb text file, or it ' +
        'was saved as UTF-16 ("Unicode"); save it as UTF-8',
    );
    expect(nul.th).toContain('(บรรทัด 8)');
    // Notepad's "Unicode" without its byte order mark: every other byte is NUL.
    const utf16 = Buffer.from(text.replace(/\n/gu, '\r\n'), 'utf16le');
    expect(refused(file('utf16.pb', utf16)).en).toMatch(/^invalid \.pb file: line 1: the file holds a NUL byte/u);
    // An escape sequence in a project id is shown by its code, not sent to the terminal.
    const esc = refused(file('esc.pb', text.replace('v2;2', 'v2;\u001b[2J')));
    expect(esc.en).toBe('invalid .pb file: line 12: vote of "v2" names unknown project "\\u001b[2J"');
    expect(esc.th + esc.en).not.toMatch(/[\u0000-\u001f]/u);
  });

  it('an add1 scan that cannot settle exits 2 with its reason, not the generic error', () => {
    // One of two voters alone approves 9e11 of a 1e12 budget: add1 would raise each share by 1 about 4e11 times.
    const { th, en } = refused(file('unsettled.pb', pb('1000000000000', ['1;900000000000;a'], ['v1;1', 'v2;none'])));
    expect(en).toMatch(/^MES add1 did not settle within 10,000,000 runs/u);
    expect(th).toMatch(/^MES แบบ add1 หาผลไม่ได้ภายใน 10,000,000 รอบ/u);
    // Without add1 the same election is computed.
    expect(cli('pb-allocate', '--rule', 'mes_cost', join(dir, 'unsettled.pb')).status).toBe(0);
  });

  it('refuses a plain .pb larger than MAX_PB_BYTES without reading it, and a broken gzip', () => {
    const big = join(dir, 'big.pb');
    writeFileSync(big, pb('100', ['1;50;a'], ['v1;1']));
    // Sparse: the size is what the check reads, so the test writes nothing like 256 MB.
    truncateSync(big, MAX_PB_BYTES + 1);
    const { th, en } = refused(big);
    expect(en).toBe('big.pb: larger than 256 MB, the most a .pb file may be; refused');
    expect(th).toContain('256 MB');
    // A gzip's header, then bytes that are no compressed data at all.
    const header = gzipSync(pb('100', ['1;50;a'], ['v1;1'])).subarray(0, 10);
    expect(refused(file('broken.pb.gz', Buffer.concat([header, Buffer.alloc(20, 0xff)]))).en).toBe(
      'broken.pb.gz: not a valid gzip file',
    );
  });
});
