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

/** Why a call was refused: over the rate, the lane's queue full, or the host closing (its queue stopped). */
export type Refusal = 'rate' | 'queue' | 'stopped';

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

export type FairQueue = Readonly<{
  lane(): Lane;
  /**
   * Starts nothing more (every call still waiting is dropped, and any submitted later) and resolves once the calls
   * already running have ended, or after `waitMs` if one is still running then: the host stops its queue before the
   * core closes, so no call starts against a closed database.
   */
  stop(waitMs: number): Promise<void>;
}>;

export function createFairQueue(
  limits: FairQueueLimits = DEFAULT_LIMITS,
  now: () => number = () => performance.now(),
): FairQueue {
  const ready: LaneState[] = [];
  let scheduled = false;
  let stopped = false;
  /** Calls started and not yet ended, for `stop` to wait on. */
  const running = new Set<Promise<void>>();

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
      if (run && !lane.closed && !stopped) {
        lane.inFlight++;
        const ended = run()
          .catch(() => undefined)
          .finally(() => {
            running.delete(ended);
            lane.inFlight--;
            markReady(lane);
          });
        running.add(ended);
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
          if (stopped) return 'stopped';
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
    async stop(waitMs) {
      stopped = true;
      for (const lane of ready) lane.queue.length = 0;
      if (running.size === 0) return;
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([
        Promise.all([...running]),
        new Promise<void>((done) => {
          timer = setTimeout(done, waitMs);
        }),
      ]);
      clearTimeout(timer);
    },
  };
}
