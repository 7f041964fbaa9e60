import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { duplicateJsonName, jsonShapeProblem, jsonSyntaxError, notJsonReason } from './json-syntax';

describe('jsonSyntaxError', () => {
  it.each([
    ['{"a": [1, 2,]}', 1, 13, "a comma before ']' with no item after it"],
    ['{\n  "a": 1,\n}', 3, 1, "a comma before '}' with no item after it"],
    ['{\n  // ปีงบ\n  "a": 1\n}', 2, 3, 'a comment (// or /* */)'],
    ["{'a': 1}", 1, 2, 'text in single quotes'],
    ['{"a": True}', 1, 7, "'True' is not JSON"],
    ['{"a": None}', 1, 7, "'None' is not JSON"],
    ['{"a": 1,000}', 1, 9, 'a thousands separator'],
    ['{"a": 01}', 1, 8, 'a leading zero'],
    ['{"a": "x\ny"}', 1, 7, 'text not closed by a double quote on its line'],
    ['{"a": "x\ty"}', 1, 7, 'a control character inside text'],
    ['{"a": "\\q"}', 1, 7, 'a backslash escape'],
    ['{"a" 1}', 1, 6, 'a colon (:) is missing'],
    ['{"a": 1 "b": 2}', 1, 9, 'a comma (,) is missing'],
    ['[1, 2', 1, 6, "']' expected here"],
    ['{"a": 1}\n{"b": 2}', 2, 1, 'more text after the JSON value ended'],
    ['{"a": ก}', 1, 7, "an unexpected character 'ก'"],
    ['{"a": 1}\u00A0', 1, 9, 'an unexpected character U+00A0, a character one cannot see'],
    ['\uFEFF{"a": 1}', 1, 1, 'a byte-order mark (U+FEFF) inside the file'],
    ['  ', 1, 1, 'the file is empty'],
  ])('%j: line %d, column %d, %s', (text, line, column, en) => {
    const e = jsonSyntaxError(text);
    expect(() => JSON.parse(text)).toThrow();
    expect(e).toMatchObject({ line, column, en: expect.stringContaining(en), th: expect.any(String) });
    expect(e!.th).toMatch(/[\u0E00-\u0E7F]/u);
  });

  it('property: finds nothing in JSON, and finds the place of any text JSON.parse refuses', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(jsonSyntaxError(JSON.stringify(v, null, 2))).toBeNull();
      }),
      { numRuns: 300 },
    );
    const near = fc.stringMatching(/^[\s{}[\]",:0-9a-z\\'/.\-+eE]{0,24}$/u);
    fc.assert(
      fc.property(near, (text) => {
        let refused = false;
        try {
          JSON.parse(text);
        } catch {
          refused = true;
        }
        const e = jsonSyntaxError(text);
        expect(e !== null).toBe(refused);
        if (e) expect(e.line).toBeGreaterThan(0);
      }),
      { numRuns: 3000 },
    );
  });

  it('says nothing of a nesting too deep to scan, and keeps V8 words only then', () => {
    const deep = '['.repeat(200_000);
    expect(jsonSyntaxError(deep)).toBeNull();
    const why = notJsonReason(deep, new SyntaxError('Unexpected end of JSON input'));
    expect(why).toEqual({ en: 'Unexpected end of JSON input', th: 'รูปแบบไม่ถูกต้อง', line: null });
    expect(notJsonReason('{"a": 1,}', new SyntaxError('x'))).toEqual({
      en: "line 1, column 9: a comma before '}' with no item after it: JSON allows no comma after the last item; remove it",
      th: "บรรทัด 1 คอลัมน์ 9: มีจุลภาคก่อน '}' โดยไม่มีรายการตามหลัง: JSON ไม่ให้มีจุลภาคหลังรายการสุดท้าย กรุณาลบออก",
      line: 1,
    });
    expect(notJsonReason('{"a": 1,}', new SyntaxError('x'), 'column').en).toMatch(/^column 9: a comma/u);
  });
});

describe('duplicateJsonName', () => {
  it('finds the first name given twice in one object, at its second place; the same name in two objects is no duplicate', () => {
    expect(duplicateJsonName('{"fiscal_year": 2572,\n  "fiscal_year": 2573}')).toEqual({
      name: 'fiscal_year',
      line: 2,
      column: 3,
    });
    expect(duplicateJsonName('{"a": [{"no": 1}, {"no": 2}], "b": {"a": 1}}')).toBeNull();
    expect(duplicateJsonName('{"a": {"x": 1, "y": {"x": 2}, "x": 3}}')).toEqual({ name: 'x', line: 1, column: 31 });
    expect(duplicateJsonName('[1, 2]')).toBeNull();
  });
});

describe('jsonShapeProblem', () => {
  const loose = { maxDepth: 1000, maxContainers: 1_000_000 };

  it('names the first bound passed and where, skipping brackets inside strings and escaped quotes', () => {
    expect(jsonShapeProblem('[[[]]]', { maxDepth: 2, maxContainers: 10 })).toEqual({ kind: 'depth', limit: 2, at: 3 });
    expect(jsonShapeProblem('[{},{},{}]', { maxDepth: 5, maxContainers: 3 })).toEqual({ kind: 'containers', limit: 3, at: 8 });
    expect(jsonShapeProblem('["[[[[", "\\"[[[["]', { maxDepth: 1, maxContainers: 1 })).toBeNull();
    expect(jsonShapeProblem('{"a\\\\": [1]}', { maxDepth: 1, maxContainers: 5 })).toEqual({ kind: 'depth', limit: 1, at: 9 });
    expect(jsonShapeProblem('', loose)).toBeNull();
  });

  it('counts what JSON.parse would build: lists and objects, and their greatest depth (property)', () => {
    const shape = (v: unknown, depth = 1): { containers: number; depth: number } => {
      if (typeof v !== 'object' || v === null) return { containers: 0, depth: depth - 1 };
      const children = Object.values(v).map((c) => shape(c, depth + 1));
      return {
        containers: 1 + children.reduce((s, c) => s + c.containers, 0),
        depth: Math.max(depth, ...children.map((c) => c.depth)),
      };
    };
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const text = JSON.stringify(v);
        const { containers, depth } = shape(JSON.parse(text));
        expect(jsonShapeProblem(text, { maxDepth: depth, maxContainers: containers })).toBeNull();
        if (containers > 0) {
          expect(jsonShapeProblem(text, { maxDepth: depth, maxContainers: containers - 1 })?.kind).toBe('containers');
          expect(jsonShapeProblem(text, { maxDepth: depth - 1, maxContainers: containers })?.kind).toBe('depth');
        }
      }),
    );
  });
});
