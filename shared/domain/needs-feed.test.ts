import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { formatBaht } from './money';
import { FEED_FIELDS, MAX_FEED_LINE_CHARS, MAX_FEED_PROBLEMS, parseNeedsFeed, type FeedContext } from './needs-feed';
import { NEED_CATEGORIES } from './taxonomy';

const TAMBONS = ['190101', '190201', '190301', '191301'];
const ctx: FeedContext = {
  tambonCodes: new Set(TAMBONS),
  categoryIds: new Set(NEED_CATEGORIES.map((c) => c.id)),
};

const HEADER = JSON.stringify({ feed: 'chipao.needs', version: 1, source: 'saraburi-participation' });
const need = (over: Record<string, unknown> = {}): string =>
  JSON.stringify({
    id: 'SRB-N-1',
    version: 1,
    updated_at: '2026-11-21T10:00:00+07:00',
    title: 'ขอถนน',
    category: 'roads_transport',
    tambon: '190101',
    people_affected: 10,
    ...over,
  });
const feed = (...lines: string[]): string => lines.join('\n');

describe('parseNeedsFeed: a valid feed', () => {
  it('reads the header, needs and tombstones with their lines', () => {
    const text = feed(
      HEADER,
      need({
        id: 'A1',
        version: 3,
        village_no: 4,
        households: 12,
        people_affected: 45,
        times_raised: 2,
        channel: 'LINE',
        reported_date: '15 ต.ค. 2569',
        estimated_cost: '1,250,000.00 บาท',
        lat: 14.5,
        lon: 100.9,
      }),
      need({ id: 'A2', tambon: 190201, estimated_cost: 85000 }),
      '',
      JSON.stringify({ op: 'delete', id: 'A3', version: 2 }),
    );
    const out = parseNeedsFeed(text, ctx);
    expect(out.problems).toEqual([]);
    expect(out.source).toBe('saraburi-participation');
    expect(out.lines).toBe(4); // blank lines are not records
    expect(out.needs).toHaveLength(2);
    const [a1, a2] = out.needs;
    expect(a1).toMatchObject({
      line: 2,
      externalId: 'A1',
      version: 3,
      tambonCode: '190101',
      villageNo: 4,
      households: 12,
      peopleAffected: 45,
      timesRaised: 2,
      channel: 'LINE',
      reportedDate: '2026-10-15',
      estimatedCost: 125_000_000,
      status: 'active',
      lat: 14.5,
      lon: 100.9,
    });
    expect(a2).toMatchObject({
      line: 3,
      tambonCode: '190201',
      estimatedCost: 8_500_000,
      channel: 'ประชาคม',
      timesRaised: 1,
      villageNo: null,
    });
    expect(out.tombstones).toEqual([{ line: 5, externalId: 'A3', version: 2 }]);
  });

  it('accepts a BOM and CRLF line ends, and defaults the source without a header', () => {
    const out = parseNeedsFeed(`\uFEFF${need({ id: 'X' })}\r\n${need({ id: 'Y' })}\r\n`, ctx);
    expect(out.problems).toEqual([]);
    expect(out.needs.map((n) => n.externalId)).toEqual(['X', 'Y']);
    expect(out.source).toBe('file');
  });

  it('accepts a later version of the same id in one file', () => {
    const out = parseNeedsFeed(feed(need({ id: 'D', version: 1 }), need({ id: 'D', version: 2 })), ctx);
    expect(out.problems).toEqual([]);
  });
});

describe('parseNeedsFeed: problems carry line and column', () => {
  const problemsOf = (text: string) => parseNeedsFeed(text, ctx).problems;

  it('malformed JSON', () => {
    const p = problemsOf(feed(HEADER, need(), '{"id":"N4","version":1, "title": broken'));
    expect(p).toHaveLength(1);
    expect(p[0]).toMatchObject({ line: 3 });
    expect(p[0]!.en).toMatch(/JSON/u);
  });

  it('a JSON value that is not an object', () => {
    expect(problemsOf(feed(need(), '[1,2]', '42'))).toMatchObject([{ line: 2 }, { line: 3 }]);
  });

  it('unknown tambon', () => {
    const p = problemsOf(feed(HEADER, need({ tambon: '999999' })));
    expect(p).toEqual([expect.objectContaining({ line: 2, column: 'tambon' })]);
    expect(p[0]!.en).toContain('999999');
  });

  it('unknown category', () => {
    expect(problemsOf(need({ category: 'spaceports' }))).toEqual([expect.objectContaining({ line: 1, column: 'category' })]);
  });

  it('negative amount', () => {
    const p = problemsOf(feed(need({ id: 'a' }), need({ id: 'b', estimated_cost: -500 })));
    expect(p).toEqual([expect.objectContaining({ line: 2, column: 'estimated_cost' })]);
    expect(p[0]!.en).toMatch(/negative/u);
  });

  it('non-numeric amount names the value', () => {
    const p = problemsOf(need({ estimated_cost: '1,2x0' }));
    expect(p).toEqual([expect.objectContaining({ line: 1, column: 'estimated_cost' })]);
    expect(p[0]!.en).toContain('1,2x0');
    expect(p[0]!.th).toContain('1,2x0');
  });

  it('negative or fractional counts', () => {
    expect(problemsOf(need({ people_affected: -3 }))).toEqual([expect.objectContaining({ line: 1, column: 'people_affected' })]);
    expect(problemsOf(need({ households: 2.5 }))).toEqual([expect.objectContaining({ line: 1, column: 'households' })]);
  });

  it('missing required field', () => {
    const line = JSON.stringify({
      id: 'Z',
      version: 1,
      updated_at: '2026-11-21T10:00:00+07:00',
      category: 'water',
      tambon: '190101',
      people_affected: 1,
    });
    expect(problemsOf(line)).toEqual([expect.objectContaining({ line: 1, column: 'title' })]);
  });

  it('duplicate id with an older or equal version points back to the first line', () => {
    const p = problemsOf(
      feed(
        HEADER,
        need({ id: 'D', version: 2 }),
        need({ id: 'E' }),
        need({ id: 'D', version: 1 }),
        need({ id: 'D', version: 2 }),
      ),
    );
    expect(p).toEqual([
      expect.objectContaining({ line: 4, column: 'version' }),
      expect.objectContaining({ line: 5, column: 'version' }),
    ]);
    expect(p[0]!.en).toContain('line 2');
  });

  it('header not on the first line', () => {
    const p = problemsOf(feed(need(), HEADER));
    expect(p).toEqual([expect.objectContaining({ line: 2 })]);
    expect(p[0]!.en).toMatch(/header/u);
  });

  it('header of another feed or version', () => {
    expect(problemsOf(feed(JSON.stringify({ feed: 'chipao.needs', version: 2 }), need()))).toMatchObject([{ line: 1 }]);
  });

  it('empty file', () => {
    for (const text of ['', '\n\n', '   \r\n']) {
      const p = problemsOf(text);
      expect(p).toHaveLength(1);
      expect(p[0]).toMatchObject({ line: 1 });
    }
  });

  it('bad dates', () => {
    expect(problemsOf(need({ reported_date: '31 ก.พ. 2569' }))).toEqual([
      expect.objectContaining({ line: 1, column: 'reported_date' }),
    ]);
    expect(problemsOf(need({ updated_at: 'yesterday' }))).toEqual([expect.objectContaining({ line: 1, column: 'updated_at' })]);
  });

  it('collects every problem in the file, not just the first', () => {
    const p = problemsOf(
      feed(HEADER, need({ id: 'a', tambon: '999999' }), 'nope', need({ id: 'b', estimated_cost: 'x' }), HEADER),
    );
    expect(p.map((x) => x.line)).toEqual([2, 3, 4, 5]);
    for (const x of p) {
      expect(x.en.length).toBeGreaterThan(0);
      expect(x.th.length).toBeGreaterThan(0);
    }
  });

  it('reports the five problems in the shipped bad fixture', async () => {
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(new URL('../../test/fixtures/needs-feed-bad.ndjson', import.meta.url), 'utf8');
    const p = parseNeedsFeed(text, ctx).problems;
    expect(p.map((x) => [x.line, x.column])).toEqual([
      [2, 'estimated_cost'],
      [3, 'tambon'],
      [4, 'estimated_cost'],
      [5, undefined],
      [7, 'version'],
    ]);
  });
});

describe('parseNeedsFeed properties', () => {
  const titleArb = fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim().length > 0);
  const dateArb = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true });
  const costArb = fc.oneof(
    fc.constant(undefined),
    fc.constant(null),
    fc.integer({ min: 0, max: 10_000_000_00 }).map((s) => s / 100),
    fc.integer({ min: 0, max: 10_000_000_00 }).map((s) => `${formatBaht(s)} บาท`),
  );
  const recordArb = fc.record(
    {
      version: fc.integer({ min: 1, max: 1000 }),
      updated_at: dateArb.map((d) => d.toISOString()),
      title: titleArb,
      description: fc.string({ maxLength: 60 }),
      category: fc.constantFrom(...NEED_CATEGORIES.map((c) => c.id)),
      tambon: fc.constantFrom(...TAMBONS),
      village_no: fc.option(fc.integer({ min: 1, max: 99 }), { nil: null }),
      households: fc.nat({ max: 10_000 }),
      people_affected: fc.nat({ max: 100_000 }),
      times_raised: fc.integer({ min: 1, max: 50 }),
      channel: fc.constantFrom('ประชาคม', 'online', 'LINE', 'survey'),
      reported_date: fc.option(
        dateArb.map((d) => `${d.getUTCDate()}/${d.getUTCMonth() + 1}/${d.getUTCFullYear() + 543}`),
        { nil: null },
      ),
      estimated_cost: costArb,
    },
    { requiredKeys: ['version', 'updated_at', 'title', 'category', 'tambon', 'people_affected'] },
  );

  it('N valid lines give N needs and no problems', () => {
    fc.assert(
      fc.property(fc.array(recordArb, { minLength: 1, maxLength: 30 }), fc.boolean(), (records, withHeader) => {
        const lines = records.map((r, i) => JSON.stringify({ ...r, id: `SRB-N-${i}` }));
        const text = (withHeader ? [HEADER, ...lines] : lines).join('\n');
        const out = parseNeedsFeed(text, ctx);
        expect(out.problems).toEqual([]);
        expect(out.needs).toHaveLength(records.length);
        expect(out.tombstones).toHaveLength(0);
        out.needs.forEach((n, i) => {
          expect(n.line).toBe(i + 1 + (withHeader ? 1 : 0));
          expect(n.externalId).toBe(`SRB-N-${i}`);
          expect(n.peopleAffected).toBe(records[i]!.people_affected);
          const cost = records[i]!.estimated_cost;
          if (typeof cost === 'number') expect(n.estimatedCost).toBe(Math.round(cost * 100));
          if (cost === undefined || cost === null) expect(n.estimatedCost).toBeNull();
        });
      }),
      { numRuns: 200 },
    );
  });
});

describe('parseNeedsFeed: strict records', () => {
  it.each([
    ['NUL', '\u0000'],
    ['BEL', '\u0007'],
    ['CR', '\r'],
    ['DEL', '\u007f'],
    ['C1', '\u0085'],
    ['bidi override RLO', '\u202e'],
    ['bidi isolate LRI', '\u2066'],
  ])('refuses %s in a text field with its line, field and code', (_name, ch) => {
    const out = parseNeedsFeed(feed(need({ id: 'ok' }), need({ id: 'bad', description: `ก่อน${ch}หลัง` })), ctx);
    expect(out.problems).toEqual([expect.objectContaining({ line: 2, column: 'description', code: 'CONTROL_CHAR' })]);
    expect(out.problems[0]!.en).toContain(`U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
    expect(out.needs.map((n) => n.externalId)).toEqual(['ok']);
  });

  it('accepts tab and newline inside text', () => {
    const out = parseNeedsFeed(need({ description: 'บรรทัด 1\nบรรทัด\t2' }), ctx);
    expect(out.problems).toEqual([]);
    expect(out.needs[0]!.description).toBe('บรรทัด 1\nบรรทัด\t2');
  });

  it('refuses a control character in the id and in the header source', () => {
    expect(parseNeedsFeed(need({ id: 'A\u0000' }), ctx).problems).toEqual([
      expect.objectContaining({ line: 1, column: 'id', code: 'CONTROL_CHAR' }),
    ]);
    const header = JSON.stringify({ feed: 'chipao.needs', version: 1, source: 'x\u202ey' });
    expect(parseNeedsFeed(feed(header, need()), ctx).problems).toEqual([
      expect.objectContaining({ line: 1, column: 'source', code: 'CONTROL_CHAR' }),
    ]);
  });

  it('drops unknown fields, counts them by name, and keeps only known fields in raw', () => {
    const out = parseNeedsFeed(
      feed(need({ id: 'A', secret: 'x'.repeat(50), extra: 1 }), need({ id: 'B', extra: { deep: true } }), need({ id: 'C' })),
      ctx,
    );
    expect(out.problems).toEqual([]);
    expect({ ...out.droppedFields }).toEqual({ secret: 1, extra: 2 });
    for (const n of out.needs) {
      const raw = JSON.parse(n.raw) as Record<string, unknown>;
      expect(Object.keys(raw).every((k) => (FEED_FIELDS as readonly string[]).includes(k))).toBe(true);
      expect(n.raw).not.toContain('secret');
      expect(n.raw).not.toContain('deep');
    }
  });

  it('does not let a "__proto__" field reach an object prototype', () => {
    const out = parseNeedsFeed(
      '{"__proto__":{"polluted":1},"id":"P","version":1,"updated_at":"2026-11-21T10:00:00+07:00","title":"t","category":"water","tambon":"190101","people_affected":1}',
      ctx,
    );
    expect(out.problems).toEqual([]);
    expect(out.droppedFields['__proto__']).toBe(1);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(out.needs[0]!.raw).not.toContain('polluted');
  });

  it('refuses a line longer than the bound without parsing it', () => {
    const long = need({ description: 'ก'.repeat(MAX_FEED_LINE_CHARS) });
    const out = parseNeedsFeed(feed(need({ id: 'ok' }), long), ctx);
    expect(out.problems).toEqual([expect.objectContaining({ line: 2, code: 'LINE_TOO_LONG' })]);
  });

  it('lists at most MAX_FEED_PROBLEMS problems but counts them all', () => {
    const lines = Array.from({ length: MAX_FEED_PROBLEMS + 50 }, () => 'not json');
    const out = parseNeedsFeed(lines.join('\n'), ctx);
    expect(out.problems).toHaveLength(MAX_FEED_PROBLEMS);
    expect(out.problemCount).toBe(MAX_FEED_PROBLEMS + 50);
  });

  it('property: a control character anywhere in any text field is refused on that line and field', () => {
    const controls = [
      ...'\u0000\u0001\u0008\u000b\u000c\u000d\u001b\u001f\u007f\u0080\u009f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069',
    ];
    fc.assert(
      fc.property(
        fc.constantFrom('title', 'description', 'id', 'updated_at', 'reported_date', 'category'),
        fc.constantFrom(...controls),
        fc.string({ maxLength: 10 }),
        fc.string({ maxLength: 10 }),
        fc.nat({ max: 5 }),
        (field, ch, before, after, lineBefore) => {
          const lines = Array.from({ length: lineBefore }, (_, i) => need({ id: `ok${i}` }));
          lines.push(need({ id: 'bad', [field]: `${before}${ch}${after}` }));
          const out = parseNeedsFeed(lines.join('\n'), ctx);
          expect(out.problems).toEqual([expect.objectContaining({ line: lineBefore + 1, column: field, code: 'CONTROL_CHAR' })]);
        },
      ),
    );
  });
});
