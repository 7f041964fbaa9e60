import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSignInLimiter } from './sign-in-limiter';

describe('createSignInLimiter', () => {
  it('refuses after the limit until the oldest failure leaves the window; clear forgets a key', () => {
    let now = 0;
    const limiter = createSignInLimiter(3, 1000, () => now);
    for (const t of [0, 100, 200]) {
      now = t;
      expect(limiter.waitFor('a')).toBe(0);
      limiter.fail('a');
    }
    now = 300;
    expect(limiter.waitFor('a')).toBe(700);
    expect(limiter.waitFor('b')).toBe(0);
    now = 1000;
    expect(limiter.waitFor('a')).toBe(0);
    limiter.fail('a');
    expect(limiter.waitFor('a')).toBe(100);
    limiter.clear('a');
    expect(limiter.waitFor('a')).toBe(0);
  });

  it('never asks to wait longer than the window, and only once the limit is reached', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.array(fc.integer({ min: 0, max: 5000 }), { maxLength: 40 }),
        (max, window, steps) => {
          let now = 0;
          const limiter = createSignInLimiter(max, window, () => now);
          const failures: number[] = [];
          for (const step of steps) {
            now += step;
            const wait = limiter.waitFor('k');
            const recent = failures.filter((t) => t > now - window).length;
            if (wait < 0 || wait > window || wait > 0 !== recent >= max) return false;
            if (wait === 0) {
              limiter.fail('k');
              failures.push(now);
            }
          }
          return true;
        },
      ),
    );
  });

  it('takes back one failure counted for a key, and no more than were counted', () => {
    const limiter = createSignInLimiter(2, 60_000, () => 0);
    limiter.fail('k');
    limiter.fail('k');
    expect(limiter.waitFor('k')).toBeGreaterThan(0);
    limiter.retract('k');
    expect(limiter.waitFor('k')).toBe(0);
    limiter.retract('k');
    limiter.retract('k');
    limiter.fail('k');
    expect(limiter.waitFor('k')).toBe(0);
  });
});
