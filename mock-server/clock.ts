/**
 * Injectable clock. Every time-dependent check in the sandbox reads `clock.now()`, so tests and
 * scenarios that carry `@needs:clock-control` can move time instead of sleeping.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Whole seconds since the epoch, as JWT NumericDate (RFC 7519 §2). */
  nowSeconds(): number;
}

export class SystemClock implements Clock {
  now(): number {
    return Date.now();
  }
  nowSeconds(): number {
    return Math.floor(this.now() / 1000);
  }
}

/** A clock that follows real time plus an offset that tests can move forward or back. */
export class ControllableClock implements Clock {
  #offsetMs = 0;
  #frozenAt: number | undefined;

  now(): number {
    return (this.#frozenAt ?? Date.now()) + this.#offsetMs;
  }
  nowSeconds(): number {
    return Math.floor(this.now() / 1000);
  }
  /** Move time by `seconds` (negative goes back). */
  advance(seconds: number): void {
    if (!Number.isFinite(seconds)) throw new RangeError(`clock advance must be a finite number, got ${seconds}`);
    this.#offsetMs += seconds * 1000;
  }
  /** Stop time at its current value until `reset()`. */
  freeze(): void {
    this.#frozenAt = Date.now();
  }
  /** Back to real time. */
  reset(): void {
    this.#offsetMs = 0;
    this.#frozenAt = undefined;
  }
  get offsetSeconds(): number {
    return this.#offsetMs / 1000;
  }
}
