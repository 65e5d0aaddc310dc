import { TooManyRequestsError } from './TooManyRequestsError';

const MINUTE_MS = 60_000;

/**
 * At most `perMinute` uses per caller in any sliding minute, counted in this
 * process (so with N replicas behind a load balancer a caller gets at most N
 * times as many). Memory is bounded by callers × `perMinute` timestamps;
 * callers idle for a minute are forgotten.
 */
export class UserRateLimit {
  readonly #perMinute: number;
  readonly #what: string;
  readonly #now: () => number;
  readonly #uses = new Map<string, number[]>();
  #sweptAt = 0;

  constructor(options: {
    perMinute: number;
    /** What is limited, for the error message, e.g. 'refreshes'. */
    what: string;
    now?: () => number;
  }) {
    this.#perMinute = options.perMinute;
    this.#what = options.what;
    this.#now = options.now ?? Date.now;
  }

  /**
   * Counts one use by `caller`.
   *
   * @throws TooManyRequestsError when the caller used up its minute.
   */
  take(caller: string): void {
    const now = this.#now();
    this.#forgetIdle(now);
    const uses = (this.#uses.get(caller) ?? []).filter(
      at => at > now - MINUTE_MS,
    );
    if (uses.length >= this.#perMinute) {
      this.#uses.set(caller, uses);
      throw new TooManyRequestsError(
        `Too many ${this.#what}: at most ${
          this.#perMinute
        } per minute per user`,
        uses[0] + MINUTE_MS - now,
      );
    }
    uses.push(now);
    this.#uses.set(caller, uses);
  }

  #forgetIdle(now: number) {
    if (now - this.#sweptAt < MINUTE_MS) return;
    this.#sweptAt = now;
    for (const [caller, uses] of this.#uses) {
      if (uses[uses.length - 1] <= now - MINUTE_MS) this.#uses.delete(caller);
    }
  }
}
