import { createHash } from 'node:crypto';
import type { Db } from './database.ts';

export type TokenKind = 'access' | 'refresh';

export interface TokenRecord {
  id: string;
  kind: TokenKind;
  clientId: string;
  subject: string;
  scope: string;
  cnfX5t: string | undefined;
  grantId: string;
  issuedAt: number;
  expiresAt: number;
  revokedAt: number | undefined;
}

interface Row {
  id: string;
  kind: TokenKind;
  client_id: string;
  subject: string;
  scope: string;
  cnf_x5t: string | null;
  grant_id: string;
  issued_at: number;
  expires_at: number;
  revoked_at: number | null;
}

/**
 * Id of an opaque token: its SHA-256, so the database never holds a usable token value. JWT
 * access tokens are keyed by their `jti` instead.
 */
export const opaqueTokenId = (value: string) => `h:${createHash('sha256').update(value, 'utf8').digest('base64url')}`;
export const jwtTokenId = (jti: string) => `j:${jti}`;

function toRecord(r: Row): TokenRecord {
  return {
    id: r.id,
    kind: r.kind,
    clientId: r.client_id,
    subject: r.subject,
    scope: r.scope,
    cnfX5t: r.cnf_x5t ?? undefined,
    grantId: r.grant_id,
    issuedAt: r.issued_at,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at ?? undefined,
  };
}

export class TokenTable {
  readonly #db: Db;
  constructor(db: Db) {
    this.#db = db;
  }

  insert(t: Omit<TokenRecord, 'revokedAt'>): void {
    this.#db
      .prepare(
        `INSERT INTO tokens (id, kind, client_id, subject, scope, cnf_x5t, grant_id, issued_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(t.id, t.kind, t.clientId, t.subject, t.scope, t.cnfX5t ?? null, t.grantId, t.issuedAt, t.expiresAt);
  }

  get(id: string): TokenRecord | undefined {
    const row = this.#db.prepare('SELECT * FROM tokens WHERE id = ?').get(id) as Row | undefined;
    return row ? toRecord(row) : undefined;
  }

  revoke(id: string, now: number): void {
    this.#db.prepare('UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(now, id);
  }

  /** Revoke every token of one grant (a refresh token family, or the tokens of one code). */
  revokeGrant(grantId: string, now: number): void {
    this.#db.prepare('UPDATE tokens SET revoked_at = ? WHERE grant_id = ? AND revoked_at IS NULL').run(now, grantId);
  }

  revokeClient(clientId: string, now: number): void {
    this.#db.prepare('UPDATE tokens SET revoked_at = ? WHERE client_id = ? AND revoked_at IS NULL').run(now, clientId);
  }
}
