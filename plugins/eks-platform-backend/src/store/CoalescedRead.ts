/**
 * Shares one database read among the callers that arrive while another read
 * is running. Every caller gets the result of a read that started after its
 * call: a caller that arrives while a read runs waits for the next one, which
 * starts when the running one ends and serves every caller queued meanwhile.
 * So a caller never sees data older than the database held at its call, and
 * under load the database gets one read per round instead of one per caller.
 */
export class CoalescedRead<A, T> {
  readonly #read: (args: A[]) => Promise<T>;
  #running?: Promise<unknown>;
  #next?: { args: A[]; result: Promise<T> };

  /** @param read - reads once for all the arguments of the callers it serves. */
  constructor(read: (args: A[]) => Promise<T>) {
    this.#read = read;
  }

  read(arg: A): Promise<T> {
    if (this.#next) {
      this.#next.args.push(arg);
      return this.#next.result;
    }
    if (!this.#running) {
      return this.#start([arg]);
    }
    const args = [arg];
    const running = this.#running;
    const result = running.then(
      () => this.#startQueued(),
      () => this.#startQueued(),
    );
    this.#next = { args, result };
    return result;
  }

  #startQueued(): Promise<T> {
    const next = this.#next!;
    this.#next = undefined;
    return this.#start(next.args);
  }

  #start(args: A[]): Promise<T> {
    const result = this.#read(args);
    const running = result.then(
      () => undefined,
      () => undefined,
    );
    this.#running = running;
    running.then(() => {
      if (this.#running === running) this.#running = undefined;
    });
    return result;
  }
}
