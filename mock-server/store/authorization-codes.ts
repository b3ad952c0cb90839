import { createHash } from 'node:crypto';
import type { Db } from './database.ts';

/** An authorization code as the authorization endpoint issued it (RFC 6749 §4.1.2). */
export interface AuthorizationCodeRecord {
  /** `codeId(code)`: the code itself is never stored. */
  id: string;
  clientId: string;
  subject: string;
  /** The redirect URI of the authorization request; the token request must repeat it (RFC 6749 §4.1.3). */
  redirectUri: string;
  scope: string;
  nonce: string | undefined;
  /** RFC 7636 §4.4: the challenge and its method, kept for the token request. */
  codeChallenge: string | undefined;
  codeChallengeMethod: 'S256' | 'plain' | undefined;
  /** Groups the tokens issued from this code, so a replay can revoke them (RFC 6749 §4.1.2). */
  grantId: string;
  issuedAt: number;
  expiresAt: number;
  usedAt: number | undefined;
}

interface Row {
  id: string;
  client_id: string;
  subject: string;
  redirect_uri: string;
  scope: string;
  nonce: string | null;
  code_challenge: string | null;
  code_challenge_method: 'S256' | 'plain' | null;
  grant_id: string;
  issued_at: number;
  expires_at: number;
  used_at: number | null;
}

/** Id of an authorization code: its SHA-256, as for opaque tokens. */
export const codeId = (code: string) => `c:${createHash('sha256').update(code, 'utf8').digest('base64url')}`;

function toRecord(r: Row): AuthorizationCodeRecord {
  return {
    id: r.id,
    clientId: r.client_id,
    subject: r.subject,
    redirectUri: r.redirect_uri,
    scope: r.scope,
    nonce: r.nonce ?? undefined,
    codeChallenge: r.code_challenge ?? undefined,
    codeChallengeMethod: r.code_challenge_method ?? undefined,
    grantId: r.grant_id,
    issuedAt: r.issued_at,
    expiresAt: r.expires_at,
    usedAt: r.used_at ?? undefined,
  };
}

export class AuthorizationCodeTable {
  readonly #db: Db;
  constructor(db: Db) {
    this.#db = db;
  }

  insert(c: Omit<AuthorizationCodeRecord, 'usedAt'>): void {
    this.#db
      .prepare(
        `INSERT INTO authorization_codes (id, client_id, subject, redirect_uri, scope, nonce, code_challenge,
           code_challenge_method, grant_id, issued_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        c.id, c.clientId, c.subject, c.redirectUri, c.scope, c.nonce ?? null, c.codeChallenge ?? null,
        c.codeChallengeMethod ?? null, c.grantId, c.issuedAt, c.expiresAt,
      );
  }

  get(id: string): AuthorizationCodeRecord | undefined {
    const row = this.#db.prepare('SELECT * FROM authorization_codes WHERE id = ?').get(id) as Row | undefined;
    return row ? toRecord(row) : undefined;
  }

  /** Mark the code used; false when it already was (a concurrent redemption won). */
  consume(id: string, now: number): boolean {
    return this.#db.prepare('UPDATE authorization_codes SET used_at = ? WHERE id = ? AND used_at IS NULL').run(now, id).changes === 1;
  }
}
