/**
 * Failed sign-in attempts counted per key (a device's address, a participant's name) in a sliding window: past
 * the limit, further attempts for that key are refused until the oldest failure leaves the window. Successful
 * sign-ins clear a participant's count; a device's failures stay (a guesser cannot reset them by signing in as
 * someone whose secret it knows).
 */
export type SignInLimiter = Readonly<{
  /** Milliseconds until this key may try again; 0 when it may try now. */
  waitFor(key: string): number;
  fail(key: string): void;
  /** Takes back one failure counted for `key` (an attempt counted before it was checked, which then succeeded). */
  retract(key: string): void;
  clear(key: string): void;
}>;

export function createSignInLimiter(maxFailures: number, windowMs: number, now: () => number): SignInLimiter {
  const failures = new Map<string, number[]>();
  const recent = (key: string): number[] => {
    const cutoff = now() - windowMs;
    const list = (failures.get(key) ?? []).filter((t) => t > cutoff);
    if (list.length === 0) failures.delete(key);
    else failures.set(key, list);
    return list;
  };
  return {
    waitFor(key) {
      const list = recent(key);
      return list.length < maxFailures ? 0 : list[list.length - maxFailures]! + windowMs - now();
    },
    fail(key) {
      const list = recent(key);
      list.push(now());
      failures.set(key, list);
    },
    retract(key) {
      const list = recent(key);
      list.pop();
      if (list.length === 0) failures.delete(key);
    },
    clear(key) {
      failures.delete(key);
    },
  };
}
