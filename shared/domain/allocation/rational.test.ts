import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import * as Q from './rational';

describe('rational', () => {
  it('parses decimals, comma decimals and fractions exactly', () => {
    expect(Q.fromDecimalString('2828094.61')).toEqual(Q.make(282809461n, 100n));
    expect(Q.fromDecimalString(' 1,5 ')).toEqual(Q.make(3n, 2n));
    expect(Q.fromDecimalString('-0.25')).toEqual(Q.make(-1n, 4n));
    expect(Q.fromDecimalString('8106479329266893/9007199254740992')).toEqual(Q.make(8106479329266893n, 9007199254740992n));
    expect(Q.fromDecimalString('1e3')).toEqual(Q.fromInt(1000));
    expect(() => Q.fromDecimalString('1,2x0')).toThrow(RangeError);
    expect(() => Q.fromDecimalString('')).toThrow(RangeError);
  });

  it('refuses decimals whose written-out value has more than MAX_DECIMAL_DIGITS digits, before building them', () => {
    // 1e999999999 once took minutes and gigabytes computing 10n ** 999999999n.
    for (const text of ['1e999999999', '1e-999999999', '1e' + '9'.repeat(400), '9'.repeat(1001), '0.' + '1'.repeat(1000)]) {
      expect(() => Q.fromDecimalString(text)).toThrow(Q.DecimalTooLongError);
    }
    expect(() => Q.fromDecimalString(`${'7'.repeat(1001)}/3`)).toThrow(Q.DecimalTooLongError);
    expect(() => Q.fromDecimalString(`3/${'7'.repeat(1001)}`)).toThrow(Q.DecimalTooLongError);
    // The bound counts the exponent's shift: 1e999 is 1000 digits, 1e-999 needs a 1000-digit denominator.
    expect(Q.fromDecimalString('1e999')).toEqual({ num: 10n ** 999n, den: 1n });
    expect(Q.fromDecimalString('1e-999')).toEqual({ num: 1n, den: 10n ** 999n });
    expect(Q.fromDecimalString('12.5e3', 6)).toEqual(Q.fromInt(12500));
    expect(() => Q.fromDecimalString('12.5e4', 6)).toThrow(Q.DecimalTooLongError);
    // Still a RangeError, as every other refusal of the parser.
    expect(() => Q.fromDecimalString('1e5000')).toThrow(RangeError);
  });

  it('normalises and keeps the sign in the numerator', () => {
    expect(Q.make(6n, -4n)).toEqual({ num: -3n, den: 2n });
    expect(Q.make(0n, -7n)).toEqual({ num: 0n, den: 1n });
  });

  it('floor, toNumber and decimal text', () => {
    expect(Q.floor(Q.make(-3n, 2n))).toBe(-2n);
    expect(Q.floor(Q.make(7n, 2n))).toBe(3n);
    expect(Q.ceil(Q.make(-3n, 2n))).toBe(-1n);
    expect(Q.ceil(Q.make(7n, 2n))).toBe(4n);
    expect(Q.ceil(Q.fromInt(5))).toBe(5n);
    expect(Q.toNumber(Q.make(10n ** 40n, 3n * 10n ** 39n))).toBeCloseTo(10 / 3, 12);
    expect(Q.toDecimalString(Q.fromDecimalString('2828094.61'))).toBe('2828094.61');
    expect(Q.toDecimalString(Q.make(1n, 3n))).toBe('1/3');
  });

  const rat = fc
    .tuple(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.bigInt({ min: 1n, max: 10n ** 20n }))
    .map(([n, d]) => Q.make(n, d));

  it('products and quotients cancel across operands to the normalised textbook result (property)', () => {
    // Operands built from shared small primes, so that each numerator shares factors with the other's denominator.
    const factor = fc.constantFrom<bigint>(1n, 2n, 3n, 5n, 7n, 12n, 35n, 1_000_000_007n);
    const built = fc
      .tuple(fc.array(factor, { maxLength: 6 }), fc.array(factor, { maxLength: 6 }), fc.boolean(), fc.boolean())
      .map(([ns, ds, negative, zero]) => {
        const num = zero ? 0n : ns.reduce((x, y) => x * y, 1n);
        return Q.make(
          negative ? -num : num,
          ds.reduce((x, y) => x * y, 1n),
        );
      });
    fc.assert(
      fc.property(fc.oneof(built, rat), fc.oneof(built, rat), (a, b) => {
        const product = Q.mul(a, b);
        expect(product).toEqual(Q.make(a.num * b.num, a.den * b.den));
        expect(product.den > 0n && Q.gcd(product.num, product.den) === 1n).toBe(true);
        if (b.num !== 0n) {
          const quotient = Q.div(a, b);
          expect(quotient).toEqual(Q.make(a.num * b.den, a.den * b.num));
          expect(quotient.den > 0n).toBe(true);
        } else expect(() => Q.div(a, b)).toThrow(RangeError);
      }),
      { numRuns: 500 },
    );
  });

  it('field laws hold (property)', () => {
    fc.assert(
      fc.property(rat, rat, rat, (a, b, c) => {
        expect(Q.add(a, b)).toEqual(Q.add(b, a));
        expect(Q.mul(a, Q.add(b, c))).toEqual(Q.add(Q.mul(a, b), Q.mul(a, c)));
        expect(Q.sub(Q.add(a, b), b)).toEqual(a);
        if (b.num !== 0n) expect(Q.mul(Q.div(a, b), b)).toEqual(a);
        expect(Q.cmp(a, b)).toBe(-Q.cmp(b, a) || 0);
        expect(Q.eq(Q.min(a, b), Q.cmp(a, b) <= 0 ? a : b)).toBe(true);
        expect(Q.fromDecimalString(Q.toDecimalString(Q.make(a.num, 1n)))).toEqual(Q.make(a.num, 1n));
      }),
    );
  });
});
