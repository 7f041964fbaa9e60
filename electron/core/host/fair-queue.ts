/**
 * Fairness between clients of the browser host. Each connection has a bounded queue, a bounded number of calls in
 * flight and a token-bucket rate limit; calls are started round-robin across connections, one per turn of the event
 * loop, so a client that floods the host waits behind everyone else instead of everyone waiting behind it.
 */
export type FairQueueLimits = Readonly<{
  /** Calls of one connection running at once. */
  maxInFlight: number;
  /** Calls of one connection waiting to start; beyond it a call is refused at once. */
  maxQueued: number;
  /** Sustained calls per second per connection. */
  ratePerSecond: number;
  /** Calls a connection may send in one burst. */
  burst: number;
}>;

export const DEFAULT_LIMITS: FairQueueLimits = { maxInFlight: 4, maxQueued: 256, ratePerSecond: 500, burst: 1000 };

export type Refusal = 'rate' | 'queue';

export type Lane = Readonly<{
  /** Queues a call; returns why it was refused, or null when it will run. */
  submit(run: () => Promise<void>): Refusal | null;
  /** Calls waiting to start. */
  waiting(): number;
  /** Drops what is still waiting (the connection closed). */
  close(): void;
}>;

type LaneState = {
  queue: (() => Promise<void>)[];
  inFlight: number;
  tokens: number;
  refilledAt: number;
  waiting: boolean;
  closed: boolean;
};

export type FairQueue = Readonly<{ lane(): Lane }>;

export function createFairQueue(
  limits: FairQueueLimits = DEFAULT_LIMITS,
  now: () => number = () => performance.now(),
): FairQueue {
  const ready: LaneState[] = [];
  let scheduled = false;

  const schedule = (): void => {
    if (scheduled || ready.length === 0) return;
    scheduled = true;
    setImmediate(turn);
  };
  const markReady = (lane: LaneState): void => {
    if (lane.waiting || lane.closed || lane.queue.length === 0 || lane.inFlight >= limits.maxInFlight) return;
    lane.waiting = true;
    ready.push(lane);
    schedule();
  };
  const turn = (): void => {
    scheduled = false;
    const lane = ready.shift();
    if (lane) {
      lane.waiting = false;
      const run = lane.queue.shift();
      if (run && !lane.closed) {
        lane.inFlight++;
        void run()
          .catch(() => undefined)
          .finally(() => {
            lane.inFlight--;
            markReady(lane);
          });
      }
      markReady(lane);
    }
    schedule();
  };

  return {
    lane() {
      const state: LaneState = { queue: [], inFlight: 0, tokens: limits.burst, refilledAt: now(), waiting: false, closed: false };
      return {
        submit(run) {
          const t = now();
          state.tokens = Math.min(limits.burst, state.tokens + ((t - state.refilledAt) / 1000) * limits.ratePerSecond);
          state.refilledAt = t;
          if (state.tokens < 1) return 'rate';
          if (state.queue.length >= limits.maxQueued) return 'queue';
          state.tokens -= 1;
          state.queue.push(run);
          markReady(state);
          return null;
        },
        waiting: () => state.queue.length,
        close() {
          state.closed = true;
          state.queue.length = 0;
        },
      };
    },
  };
}
