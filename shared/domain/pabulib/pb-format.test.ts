import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { parsePb, PbParseError, splitPbLine, writePb } from './pb-format';
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
