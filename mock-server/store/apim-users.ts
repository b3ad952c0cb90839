import { timingSafeEqual } from 'node:crypto';
import { hashSecret } from './clients.ts';
import type { Db } from './database.ts';

/** A user of API Manager's own user store (TPPs who signed up; the admin comes from configuration). */
export interface ApimUser {
  username: string;
  roles: string[];
}

export class ApimUserTable {
  readonly #db: Db;
  constructor(db: Db) {
    this.#db = db;
  }

  insert(username: string, password: string, roles: readonly string[], now: number): void {
    this.#db
      .prepare('INSERT INTO apim_users (username, password_hash, roles, created_at) VALUES (?, ?, ?, ?)')
      .run(username, hashSecret(password), JSON.stringify(roles), now);
  }

  get(username: string): ApimUser | undefined {
    const row = this.#db.prepare('SELECT username, roles FROM apim_users WHERE username = ?').get(username) as
      | { username: string; roles: string }
      | undefined;
    return row ? { username: row.username, roles: JSON.parse(row.roles) as string[] } : undefined;
  }

  /** Usernames in creation order (SCIM2 /Users of API Manager's user store). */
  usernames(): string[] {
    return (this.#db.prepare('SELECT username FROM apim_users ORDER BY created_at, rowid').all() as { username: string }[]).map((r) => r.username);
  }

  delete(username: string): void {
    this.#db.prepare('DELETE FROM apim_users WHERE username = ?').run(username);
  }

  /** The user when the password matches its stored hash. */
  verify(username: string, password: string): ApimUser | undefined {
    const row = this.#db.prepare('SELECT password_hash FROM apim_users WHERE username = ?').get(username) as
      | { password_hash: string }
      | undefined;
    if (!row) return undefined;
    // Both are SHA-256 digests (hashSecret), so of equal length as timingSafeEqual needs.
    return timingSafeEqual(Buffer.from(row.password_hash, 'hex'), Buffer.from(hashSecret(password), 'hex')) ? this.get(username) : undefined;
  }
}
