import type { Db } from './database.ts';

/**
 * Single-use JWT ids (OIDC Core §9 client assertions, RFC 7523 §3 item 7, registration
 * requests). A jti is remembered until its JWT expires; `claim` is atomic.
 */
export class UsedJtiTable {
  readonly #db: Db;
  constructor(db: Db) {
    this.#db = db;
  }

  /** Record the jti; false when it was already used and has not expired. */
  claim(namespace: string, jti: string, expiresAt: number, now: number): boolean {
    return this.#db.transaction(() => {
      this.#db.prepare('DELETE FROM used_jtis WHERE expires_at < ?').run(now);
      const res = this.#db
        .prepare('INSERT OR IGNORE INTO used_jtis (namespace, jti, expires_at) VALUES (?, ?, ?)')
        .run(namespace, jti, expiresAt);
      return res.changes === 1;
    })();
  }
}
