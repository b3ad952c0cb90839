import type { Db } from './database.ts';

/**
 * Single-use JWT ids (OIDC Core §9 client assertions, RFC 7523 §3 item 7, registration
 * requests). A jti is remembered until its JWT expires; `claim` is atomic.
 */
const SWEEP_INTERVAL_S = 60;

export class UsedJtiTable {
  readonly #db: Db;
  constructor(db: Db) {
    this.#db = db;
  }

  /**
   * Record the jti; false when it was already used and has not expired. A jti whose JWT has
   * expired may be used again (its row is taken over), so expired rows need no purge before the
   * check; they are swept at most once a minute to bound the table.
   */
  claim(namespace: string, jti: string, expiresAt: number, now: number): boolean {
    this.#sweep(now);
    const res = this.#db
      .prepare(
        `INSERT INTO used_jtis (namespace, jti, expires_at) VALUES (?, ?, ?)
         ON CONFLICT (namespace, jti) DO UPDATE SET expires_at = excluded.expires_at WHERE used_jtis.expires_at < ?`,
      )
      .run(namespace, jti, expiresAt, now);
    return res.changes === 1;
  }

  /** Whether the jti was used and has not expired (a read; `claim` decides atomically). */
  isUsed(namespace: string, jti: string, now: number): boolean {
    return this.#db.prepare('SELECT 1 FROM used_jtis WHERE namespace = ? AND jti = ? AND expires_at >= ?').get(namespace, jti, now) !== undefined;
  }

  #sweptAt = Number.NEGATIVE_INFINITY;
  // Stryker disable next-line BlockStatement: the sweep removes only rows claim and isUsed already treat as gone; it bounds the table, nothing an answer shows.
  #sweep(now: number): void {
    // Stryker disable next-line all: when the sweep runs is unobservable for the same reason.
    if (now >= this.#sweptAt && now - this.#sweptAt < SWEEP_INTERVAL_S) return;
    this.#db.prepare('DELETE FROM used_jtis WHERE expires_at < ?').run(now);
    this.#sweptAt = now;
  }
}
