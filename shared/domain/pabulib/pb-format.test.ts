import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  parsePb,
  PB_LIMITS,
  PbParseError,
  pbBudget,
  pbCountMismatches,
  pbDuplicateVoters,
  splitPbLine,
  writePb,
} from './pb-format';
import type { PbInstance } from './pb-format';
import * as Q from '../allocation/rational';

const SAMPLE = [
  '\uFEFFMETA',
  'key;value',
  'description;Test; with semicolon',
  'budget;2828094,61',
  'vote_type;approval',
  'PROJECTS',
  'project_id;cost;votes;name;selected',
  '81;68000;233;"Park ""Stok pod Baranem"";x";0',
  'L010;1000,5;none;Plain;1',
  'VOTES',
  'voter_id;vote;age',
  'v1;81,L010;24',
  'v2;;none',
  'v3;none;30',
].join('\r\n');

describe('parsePb', () => {
  it('reads BOM, CRLF, quotes, none and comma decimals', () => {
    const inst = parsePb(SAMPLE);
    expect(inst.meta['budget']).toBe('2828094,61');
    expect(inst.meta['description']).toBe('Test; with semicolon');
    expect(inst.projects.map((p) => p.id)).toEqual(['81', 'L010']);
    expect(inst.projects[0]!.name).toBe('Park "Stok pod Baranem";x');
    expect(Q.eq(inst.projects[1]!.cost, Q.make(2001n, 2n))).toBe(true);
    expect(inst.projects[1]!.fields).toEqual({ name: 'Plain', selected: '1' });
    expect(inst.votes.map((v) => v.vote)).toEqual([['81', 'L010'], [], []]);
    expect(inst.votes[0]!.fields).toEqual({ age: '24' });
  });

  it('splits quoted fields like Python csv', () => {
    expect(splitPbLine('a;"b;c";"d""e"')).toEqual(['a', 'b;c', 'd"e']);
    expect(splitPbLine('')).toEqual(['']);
  });

  const bad: [string, string, number][] = [
    ['missing VOTES', SAMPLE.split('\r\nVOTES')[0]!, 9],
    ['bad cost', SAMPLE.replace('68000', '68x00'), 8],
    ['unknown project in a vote', SAMPLE.replace('v1;81,L010', 'v1;81,ZZZ'), 12],
    ['duplicate project', SAMPLE.replace('L010;1000,5', '81;1000,5'), 9],
    ['missing budget', SAMPLE.replace('budget;2828094,61', 'budgetx;1'), 1],
    ['data before META', 'x;y\n' + SAMPLE.slice(1), 1],
    [
      'points mismatch',
      SAMPLE.replace('vote_type;approval', 'vote_type;cumulative')
        .replace('voter_id;vote;age', 'voter_id;vote;points')
        .replace('v1;81,L010;24', 'v1;81,L010;3'),
      12,
    ],
  ];
  for (const [what, text, line] of bad) {
    it(`rejects ${what} naming line ${line}`, () => {
      try {
        parsePb(text);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(PbParseError);
        expect((e as PbParseError).line).toBe(line);
        expect((e as PbParseError).messageTh.length).toBeGreaterThan(0);
        expect((e as PbParseError).message).toContain(`line ${line}`);
      }
    });
  }

  /** A small approval file: budget on line 3, projects from line 7, votes from line 9 + projects. */
  const small = (o: { budget?: string; costs?: string[]; votes?: string[]; voteHeader?: string; voteType?: string } = {}) =>
    [
      'META',
      'key;value',
      `budget;${o.budget ?? '100'}`,
      `vote_type;${o.voteType ?? 'approval'}`,
      'PROJECTS',
      'project_id;cost;name',
      ...(o.costs ?? ['50', '60']).map((c, i) => `${i + 1};${c};p${i + 1}`),
      'VOTES',
      o.voteHeader ?? 'voter_id;vote',
      ...(o.votes ?? ['v1;1,2', 'v2;2']),
    ].join('\n');

  const refusal = (text: string, limits = PB_LIMITS): PbParseError => {
    try {
      parsePb(text, limits);
    } catch (e) {
      expect(e).toBeInstanceOf(PbParseError);
      const err = e as PbParseError;
      expect(err.messageTh.length).toBeGreaterThan(0);
      // Long values are shortened: a 200,000-digit cost must not come back as a 200,000-character message.
      expect(err.message.length).toBeLessThan(400);
      expect(err.messageTh.length).toBeLessThan(400);
      return err;
    }
    return expect.unreachable('parsed');
  };

  it('refuses amounts a double cannot carry, huge exponents and long digit strings, naming the line', () => {
    const t0 = performance.now();
    const cases: [string, string, number, RegExp][] = [
      ['budget 1e999999999', small({ budget: '1e999999999' }), 3, /budget: "1e999999999" has more than 1000 digits/],
      ['budget 1e1000', small({ budget: '1e1000' }), 3, /more than 1000 digits/],
      ['budget 1e16', small({ budget: '1e16' }), 3, /budget: "1e16" is larger than 1,000,000,000,000,000/],
      ['cost 1e-1000', small({ costs: ['50', '1e-1000'] }), 8, /cost of project "2": "1e-1000" has more than 1000 digits/],
      ['cost 1e-16', small({ costs: ['1e-16', '5'] }), 7, /cost of project "1": "1e-16" is finer than 10\^-15/],
      [
        'a 200,000-digit cost',
        small({ costs: ['9'.repeat(200_000), '1'] }),
        7,
        /\(200,000 characters\) has more than 1000 digits/,
      ],
      ['cost -5', small({ costs: ['50', '-5'] }), 8, /is not a non-negative amount/],
      // Thousands separators: the comma would be read as a decimal separator ("180,000" as 180).
      [
        'budget 180,000',
        small({ budget: '180,000' }),
        3,
        /budget: "180,000" is written with thousands separators.*write 180000$/,
      ],
      ['cost 1,250,000.50', small({ costs: ['1,250,000.50', '5'] }), 7, /cost of project "1": .*write 1250000.50$/],
    ];
    for (const [what, text, line, message] of cases) {
      const err = refusal(text);
      expect(err.line, what).toBe(line);
      expect(err.message, what).toMatch(message);
    }
    // Each is refused at once (the first one alone took minutes and gigabytes).
    expect(performance.now() - t0).toBeLessThan(2_000);
    // At the bounds: 10^15 and 10^-15 are amounts.
    expect(() => parsePb(small({ budget: '1e15', costs: ['0.000000000000001', '1000000000000000'] }))).not.toThrow();
  });

  it('reads decimal commas as pabutools does, and says which META counts the file does not hold', () => {
    expect(Q.eq(pbBudget(parsePb(small({ budget: '180,5' }))), Q.make(361n, 2n))).toBe(true);
    expect(Q.eq(pbBudget(parsePb(small({ budget: '1234,56' }))), Q.make(123456n, 100n))).toBe(true);
    expect(pbCountMismatches({ num_projects: '2', num_votes: '378' }, 2, 190)).toEqual([
      { key: 'num_votes', declared: 378, found: 190 },
    ]);
    expect(pbCountMismatches({ num_projects: '3', num_votes: ' 2 ' }, 2, 2)).toEqual([
      { key: 'num_projects', declared: 3, found: 2 },
    ]);
    // Absent or not a count: nothing to compare.
    expect(pbCountMismatches({ num_votes: 'many' }, 2, 2)).toEqual([]);
    expect(pbCountMismatches({}, 2, 2)).toEqual([]);
    expect(pbDuplicateVoters(parsePb(small({ votes: ['v1;1', 'v2;2', 'v1;2', 'v3;1', 'v1;1', 'v3;2'] })).votes)).toEqual({
      ids: 2,
      first: 'v1',
      times: 3,
    });
    expect(pbDuplicateVoters(parsePb(small()).votes)).toBeNull();
  });

  it('refuses a budget or vote type given twice with two values, naming both lines; the same value twice reads', () => {
    const twice = small().replace('budget;100', 'budget;100\nbudget;5');
    const err = refusal(twice);
    expect(err.line).toBe(4);
    expect(err.messageEn).toBe('META gives budget twice: "100" on line 3 and "5" here; keep one');
    expect(err.messageTh).toBe('ส่วน META ระบุ budget สองครั้ง: "100" ที่บรรทัด 3 และ "5" ที่บรรทัดนี้ ให้เหลือค่าเดียว');
    const type = refusal(small().replace('vote_type;approval', 'vote_type;approval\nvote_type;ordinal'));
    expect(type.line).toBe(5);
    expect(type.messageEn).toContain('vote_type twice');
    // A repeat of the same value changes nothing; other keys may repeat (the last is kept, as pabutools keeps it).
    expect(parsePb(small().replace('budget;100', 'budget;100\nbudget;100')).meta['budget']).toBe('100');
    expect(parsePb(small().replace('budget;100', 'budget;100\ncomment;a\ncomment;b')).meta['comment']).toBe('b');
  });

  it('refuses a file saved with tabs or commas between its fields, at the first header, saying so', () => {
    const tabs = refusal(small().replace(/;/gu, '\t'));
    expect(tabs.line).toBe(2);
    expect(tabs.message).toMatch(/the META header is separated by tabs: a \.pb file separates its fields with semicolons/u);
    expect(refusal(small().replace(/;/gu, ',')).message).toMatch(/separated by commas/u);
  });

  it('refuses a ballot naming a project twice, and points that are negative, not numbers or absurdly large', () => {
    expect(refusal(small({ votes: ['v1;1', 'v2;2,1,2'] })).line).toBe(12);
    expect(refusal(small({ votes: ['v1;1', 'v2;2,1,2'] })).message).toMatch(/vote of "v2" names project "2" more than once/);
    const cumulative = (points: string): string =>
      small({ voteType: 'cumulative', voteHeader: 'voter_id;vote;points', votes: ['v1;1;3', `v2;1,2;${points}`] });
    expect(parsePb(cumulative('2,0')).votes[1]!.points).toEqual([2, 0]);
    expect(parsePb(cumulative('2.5,1e2')).votes[1]!.points).toEqual([2.5, 100]);
    for (const bad of ['-5,1', '1,Infinity', '1,1e308', '1,', '0x10,1', '1,NaN']) {
      const err = refusal(cumulative(bad));
      expect(err.line, bad).toBe(12);
      expect(err.message, bad).toMatch(/points value ".*" of "v2" is not a number from 0 to/);
    }
    expect(refusal(cumulative('1,2,3')).message).toMatch(/do not match the vote/);
    expect(refusal(cumulative('1,2' + ','.repeat(1_000_000))).message).toMatch(/do not match the vote/);
  });

  it('refuses files beyond its limits, naming the limit and the line that passes it', () => {
    const tight = { metaRows: 3, columns: 4, projects: 2, votes: 2, approvals: 3, cells: 4 };
    const cases: [string, string, number, RegExp][] = [
      ['META rows', small().replace('vote_type;approval', 'vote_type;approval\nx;1\ny;2'), 6, /META has more than 3 rows/],
      ['projects', small({ costs: ['1', '2', '3'] }), 9, /more than 2 projects/],
      ['votes', small({ votes: ['v1;1', 'v2;2', 'v3;1'] }), 13, /more than 2 votes/],
      ['approvals', small({ votes: ['v1;1,2', 'v2;1,2'] }), 12, /more than 3 approvals and points/],
      // Two project names, then a vote with three more cells.
      ['cells', small({ voteHeader: 'voter_id;vote;a;b', votes: ['v1;1;x;y', 'v2;1;x;none'] }), 12, /more than 4 other/],
      ['columns', small({ voteHeader: 'voter_id;vote;a;b;c' }), 10, /more than 4 columns/],
      ['a wide row', small({ votes: ['v1;1' + ';'.repeat(1_000_000)] }), 11, /more than 4 columns/],
    ];
    for (const [what, text, line, message] of cases) {
      const err = refusal(text, tight);
      expect(err.message, what).toMatch(message);
      expect(err.line, what).toBe(line);
    }
    // The default limits, at the first one a real file could come near: 10,000 projects.
    const many = small({ costs: Array.from({ length: PB_LIMITS.projects + 1 }, () => '1'), votes: [] });
    const err = refusal(many);
    expect(err.line).toBe(7 + PB_LIMITS.projects);
    expect(err.message).toMatch(/more than 10,000 projects/);
    expect(err.messageTh).toContain('10,000');
    // A scenario's own export writes one line per person who raised a need: the sample province's is over a million.
    const people = Array.from({ length: 1_200_000 }, (_, i) => `p${i};${(i % 2) + 1}`);
    expect(parsePb(small({ votes: people })).votes).toHaveLength(1_200_000);
  });

  it('reads CR, LF and CRLF line ends alike, one line at a time', () => {
    const lf = parsePb(SAMPLE.replace(/\r\n/g, '\n'));
    expect(parsePb(SAMPLE)).toEqual(lf);
    expect(parsePb(SAMPLE.replace(/\r\n/g, '\r'))).toEqual(lf);
    expect(parsePb(SAMPLE.replace(/\r\n/g, '\r\n\r\n\n'))).toEqual(lf);
    // A section line with nothing after it names the section's line; a missing section, the last line (blank or not).
    expect(refusal('META\n\n').line).toBe(1);
    expect(refusal(SAMPLE.split('\r\nVOTES')[0]! + '\n').line).toBe(10);
  });

  const token = fc
    .stringMatching(/^[A-Za-z0-9_\-]{1,6}$/)
    .filter((s) => s.toLowerCase() !== 'none' && !['meta', 'projects', 'votes'].includes(s.toLowerCase()));
  const text = fc
    .string({ minLength: 1, maxLength: 12 })
    .map((s) => s.trim())
    .filter(
      (s) =>
        s !== '' &&
        s.toLowerCase() !== 'none' &&
        !/[\r\n\u2028\u2029]/.test(s) &&
        !['meta', 'projects', 'votes'].includes(s.toLowerCase()),
    );
  const instanceArb: fc.Arbitrary<PbInstance> = fc
    .uniqueArray(token, { minLength: 1, maxLength: 8 })
    .chain((ids) =>
      fc.record({
        meta: fc.record({
          budget: fc.integer({ min: 0, max: 10 ** 9 }).map(String),
          vote_type: fc.constant('approval'),
          description: text,
        }),
        projects: fc.tuple(
          ...ids.map((id) =>
            fc.record({
              id: fc.constant(id),
              cost: fc.integer({ min: 0, max: 10 ** 8 }).map((c) => Q.make(BigInt(c), 100n)),
              fields: fc.record({ name: text }),
            }),
          ),
        ),
        votes: fc.array(fc.record({ voterId: token, vote: fc.subarray(ids) }), { maxLength: 10 }),
      }),
    )
    .map((i) => ({ ...i, projects: i.projects.map((p) => ({ ...p, name: p.fields.name })) }));

  it('write → parse round-trips (property)', () => {
    fc.assert(
      fc.property(instanceArb, (inst) => {
        expect(parsePb(writePb(inst))).toEqual(inst);
      }),
    );
  });

  it('text with line breaks or control characters cannot add lines or sections (property)', () => {
    const hostile = fc.string({ unit: 'binary', maxLength: 40 }).map((s) => `${s}\nMETA\nbudget;0\r\nVOTES\u2028x`);
    fc.assert(
      fc.property(hostile, hostile, (description, name) => {
        const inst = {
          meta: { budget: '100', vote_type: 'approval', description },
          projects: [{ id: 'p1', cost: Q.make(5n, 1n), name, fields: { name } }],
          votes: [{ voterId: 'v1', vote: ['p1'] }],
        };
        const text = writePb(inst);
        // META, key;value, 3 meta lines, PROJECTS, header, 1 project, VOTES, header, 1 vote.
        expect(text.split('\n').filter((l) => l !== '')).toHaveLength(11);
        const back = parsePb(text);
        expect(back.meta['budget']).toBe('100');
        expect(back.projects).toHaveLength(1);
        expect(back.votes).toHaveLength(1);
        expect(back.meta['description']).not.toMatch(/[\r\n]/u);
      }),
    );
  });

  it('refuses a project id with a line break', () => {
    expect(() =>
      writePb({ meta: { budget: '1' }, projects: [{ id: 'a\nb', cost: Q.make(1n, 1n), fields: {} }], votes: [] }),
    ).toThrow(/line break/u);
  });
});
