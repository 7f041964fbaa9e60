/**
 * Exact rational numbers over bigint. Values are always normalised: the denominator is positive and coprime with the
 * numerator, so structural equality (`num === num && den === den`) is value equality.
 */

/** An exact rational `num / den` (den > 0, gcd(|num|, den) = 1). */
export type Rational = Readonly<{ num: bigint; den: bigint }>;

const ZERO_N = 0n;
const ONE_N = 1n;

function absBig(a: bigint): bigint {
  return a < ZERO_N ? -a : a;
}

/**
 * Greatest common divisor of two bigints (non-negative result).
 *
 * @example gcd(12n, -18n) // 6n
 */
export function gcd(a: bigint, b: bigint): bigint {
  let x = absBig(a);
  let y = absBig(b);
  // Small operands are the common case (costs, voter counts): Euclid on numbers is far cheaper there.
  if (x <= 0x1fffffffffffffn && y <= 0x1fffffffffffffn) {
    let u = Number(x);
    let v = Number(y);
    while (v !== 0) {
      const t = u % v;
      u = v;
      v = t;
    }
    return BigInt(u);
  }
  while (y !== ZERO_N) {
    const t = x % y;
    x = y;
    y = t;
  }
  return x;
}

/**
 * Builds a normalised rational from a numerator and a non-zero denominator.
 *
 * @example make(6n, -4n) // { num: -3n, den: 2n }
 */
export function make(num: bigint, den: bigint): Rational {
  if (den === ZERO_N) throw new RangeError('Rational with zero denominator');
  if (den < ZERO_N) {
    num = -num;
    den = -den;
  }
  if (num === ZERO_N) return { num: ZERO_N, den: ONE_N };
  if (den === ONE_N) return { num, den };
  const g = gcd(num, den);
  return g === ONE_N ? { num, den } : { num: num / g, den: den / g };
}

/**
 * The rational equal to an integer (number must be a safe integer, or pass a bigint).
 *
 * @example fromInt(7) // { num: 7n, den: 1n }
 */
export function fromInt(n: number | bigint): Rational {
  if (typeof n === 'number' && !Number.isSafeInteger(n)) throw new RangeError(`Not a safe integer: ${n}`);
  return { num: BigInt(n), den: ONE_N };
}

/** The rational 0. */
export const ZERO: Rational = { num: ZERO_N, den: ONE_N };
/** The rational 1. */
export const ONE: Rational = { num: ONE_N, den: ONE_N };

const DECIMAL_RE = /^([+-]?)(\d*)(?:[.,](\d*))?(?:[eE]([+-]?\d+))?$/;
const FRACTION_RE = /^([+-]?\d+)\s*\/\s*([+-]?\d+)$/;

/**
 * The most digits {@link fromDecimalString} writes out: those of the text plus the exponent's shift (`1e999999999`
 * would otherwise build a billion-digit bigint and take the process's memory). Far more than any amount needs.
 */
export const MAX_DECIMAL_DIGITS = 1000;

/** A decimal whose written-out value has more than {@link MAX_DECIMAL_DIGITS} digits. */
export class DecimalTooLongError extends RangeError {
  constructor(readonly maxDigits: number) {
    super(`Decimal number with more than ${maxDigits} digits (exponent included)`);
    this.name = 'DecimalTooLongError';
  }
}

/**
 * Parses an exact decimal such as `"2828094.61"`, `"1,5"` (comma decimal separator), `"-3"`, `"1e3"`, or a fraction
 * `"8106479329266893/9007199254740992"`. Surrounding whitespace is ignored. Throws a RangeError on anything else, and
 * a {@link DecimalTooLongError} when the digits, once the exponent is written out (`1e5` has six), exceed `maxDigits`.
 *
 * @example fromDecimalString('1,5') // { num: 3n, den: 2n }
 */
export function fromDecimalString(text: string, maxDigits: number = MAX_DECIMAL_DIGITS): Rational {
  const s = text.trim();
  const frac = FRACTION_RE.exec(s);
  if (frac) {
    const n = frac[1] ?? '0';
    const d = frac[2] ?? '1';
    // Checked before BigInt(): converting a long digit string is itself quadratic.
    if (n.replace(/^[+-]/, '').length > maxDigits || d.replace(/^[+-]/, '').length > maxDigits)
      throw new DecimalTooLongError(maxDigits);
    return make(BigInt(n), BigInt(d));
  }
  const m = DECIMAL_RE.exec(s);
  const intPart = m?.[2] ?? '';
  const fracPart = m?.[3] ?? '';
  if (!m || (intPart === '' && fracPart === '')) throw new RangeError(`Not a decimal number: "${text}"`);
  // Number() of a long exponent is Infinity, which the bound refuses too.
  const exp = m[4] === undefined ? 0 : Number(m[4]);
  if (!(intPart.length + fracPart.length + Math.abs(exp) <= maxDigits)) throw new DecimalTooLongError(maxDigits);
  let num = BigInt((intPart || '0') + fracPart);
  let den = 10n ** BigInt(fracPart.length);
  if (exp > 0) num *= 10n ** BigInt(exp);
  else if (exp < 0) den *= 10n ** BigInt(-exp);
  if (m[1] === '-') num = -num;
  return make(num, den);
}

/**
 * Exact sum.
 *
 * @example add(fromInt(1), make(1n, 2n)) // 3/2
 */
export function add(a: Rational, b: Rational): Rational {
  if (a.den === b.den) return make(a.num + b.num, a.den);
  return make(a.num * b.den + b.num * a.den, a.den * b.den);
}

/**
 * Exact difference `a - b`.
 *
 * @example sub(fromInt(1), make(1n, 3n)) // 2/3
 */
export function sub(a: Rational, b: Rational): Rational {
  if (a.den === b.den) return make(a.num - b.num, a.den);
  return make(a.num * b.den - b.num * a.den, a.den * b.den);
}

/**
 * Exact product.
 *
 * @example mul(make(2n, 3n), make(3n, 4n)) // 1/2
 */
export function mul(a: Rational, b: Rational): Rational {
  return crossProduct(a.num, a.den, b.num, b.den);
}

/**
 * (an / ad) * (bn / bd) for normalised operands (ad, bd > 0): since gcd(an, ad) = gcd(bn, bd) = 1, the product's gcd is
 * gcd(an, bd) * gcd(bn, ad), so the gcds are taken operand by operand (cheap when one side is short, e.g. a payment
 * divided by a small utility) and the result is normalised without a gcd of the long products.
 */
function crossProduct(an: bigint, ad: bigint, bn: bigint, bd: bigint): Rational {
  if (an === ZERO_N || bn === ZERO_N) return { num: ZERO_N, den: ONE_N };
  const g1 = bd === ONE_N ? ONE_N : gcd(an, bd);
  const g2 = ad === ONE_N ? ONE_N : gcd(bn, ad);
  const num = (g1 === ONE_N ? an : an / g1) * (g2 === ONE_N ? bn : bn / g2);
  const den = (g2 === ONE_N ? ad : ad / g2) * (g1 === ONE_N ? bd : bd / g1);
  return { num, den };
}

/**
 * Exact quotient `a / b` (throws on division by zero).
 *
 * @example div(fromInt(1), fromInt(4)) // 1/4
 */
export function div(a: Rational, b: Rational): Rational {
  if (b.num === ZERO_N) throw new RangeError('Division by zero');
  // a * (1 / b), 1 / b normalised with its sign on the numerator.
  return b.num < ZERO_N ? crossProduct(a.num, a.den, -b.den, -b.num) : crossProduct(a.num, a.den, b.den, b.num);
}

/**
 * Multiplies by an integer without a gcd on the integer side when it is 1.
 *
 * @example mulInt(make(1n, 6n), 3n) // 1/2
 */
export function mulInt(a: Rational, k: bigint): Rational {
  if (k === ONE_N) return a;
  return make(a.num * k, a.den);
}

/**
 * Three-way comparison: -1, 0 or 1. Uses cross-multiplication, so it needs no normalisation.
 *
 * @example cmp(make(1n, 3n), make(1n, 2n)) // -1
 */
export function cmp(a: Rational, b: Rational): -1 | 0 | 1 {
  const l = a.den === b.den ? a.num : a.num * b.den;
  const r = a.den === b.den ? b.num : b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
}

/**
 * True when both values are equal.
 *
 * @example eq(make(2n, 4n), make(1n, 2n)) // true
 */
export function eq(a: Rational, b: Rational): boolean {
  return a.num === b.num && a.den === b.den;
}

/**
 * The smaller of two rationals (the first one on equality).
 *
 * @example min(fromInt(2), make(3n, 2n)) // 3/2
 */
export function min(a: Rational, b: Rational): Rational {
  return cmp(b, a) < 0 ? b : a;
}

/**
 * The larger of two rationals (the first one on equality).
 *
 * @example max(fromInt(2), make(3n, 2n)) // 2
 */
export function max(a: Rational, b: Rational): Rational {
  return cmp(b, a) > 0 ? b : a;
}

/**
 * Nearest double (correct to within a couple of ulps even for huge numerators and denominators).
 *
 * @example toNumber(make(1n, 3n)) // 0.3333333333333333
 */
export function toNumber(a: Rational): number {
  const n = a.num;
  const d = a.den;
  if (absBig(n) <= 0x1fffffffffffffn && d <= 0x1fffffffffffffn) return Number(n) / Number(d);
  // Scale so that the integer quotient keeps ~64 significant bits, then divide in floating point.
  const nb = absBig(n).toString(2).length;
  const db = d.toString(2).length;
  const shift = 64 - (nb - db);
  const q = shift >= 0 ? (n << BigInt(shift)) / d : n / (d << BigInt(-shift));
  return Number(q) * 2 ** -shift;
}

/**
 * Largest integer not above the value.
 *
 * @example floor(make(-3n, 2n)) // -2n
 */
export function floor(a: Rational): bigint {
  const q = a.num / a.den;
  return a.num < ZERO_N && q * a.den !== a.num ? q - ONE_N : q;
}

/**
 * Least integer not below the value.
 *
 * @example ceil(make(-3n, 2n)) // -1n
 */
export function ceil(a: Rational): bigint {
  return -floor({ num: -a.num, den: a.den });
}

/**
 * Sign of the value: -1, 0 or 1.
 *
 * @example sign(make(-1n, 2n)) // -1
 */
export function sign(a: Rational): -1 | 0 | 1 {
  return a.num < ZERO_N ? -1 : a.num > ZERO_N ? 1 : 0;
}

/**
 * Exact text: a terminating decimal when the denominator has only factors 2 and 5 (`"2828094.61"`), else `"a/b"`.
 *
 * @example toDecimalString(make(3n, 2n)) // "1.5"
 */
export function toDecimalString(a: Rational): string {
  let d = a.den;
  let twos = 0;
  let fives = 0;
  while (d % 2n === ZERO_N) {
    d /= 2n;
    twos++;
  }
  while (d % 5n === ZERO_N) {
    d /= 5n;
    fives++;
  }
  if (d !== ONE_N) return `${a.num}/${a.den}`;
  const digits = Math.max(twos, fives);
  if (digits === 0) return a.num.toString();
  const scaled = absBig(a.num) * (10n ** BigInt(digits) / a.den);
  const s = scaled.toString().padStart(digits + 1, '0');
  const text = `${s.slice(0, -digits)}.${s.slice(-digits)}`.replace(/\.?0+$/, '');
  return (a.num < ZERO_N ? '-' : '') + text;
}
