/** Time as the notifications code sees it: injectable, so tests run reminders and Retry-After in virtual time. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)).unref?.()),
};

/**
 * Virtual time for tests: `sleep` moves the clock forward and resolves at once, so a test of
 * "waits 30 s after a 429" takes no real time and asserts on `now()` instead of the wall clock.
 */
export class VirtualClock implements Clock {
  readonly sleeps: number[] = [];
  constructor(private current = Date.parse('2026-01-15T12:00:00Z')) {}
  now(): number {
    return this.current;
  }
  advance(ms: number): void {
    this.current += ms;
  }
  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    // Quick I/O already under way (in-memory storage) finishes before the sleeper wakes, as in real time.
    await new Promise((resolve) => setImmediate(resolve));
    this.current += Math.max(0, ms);
  }
}
