import { hashSecret } from './clients.ts';
import type { Db } from './database.ts';

/** An OAuth app registered through APIM DCR v0.17: a client of the APIM REST APIs. */
export interface ApimOAuthApp {
  clientId: string;
  clientName: string;
  clientSecret: string;
  owner: string;
  /** Space separated, as the request's `grantType`. */
  grantTypes: string;
  callbackUrl: string | null;
  saas: boolean;
  tokenType: string;
}

interface Row {
  client_id: string;
  client_name: string;
  client_secret: string;
  owner: string;
  grant_types: string;
  callback_url: string | null;
  saas: number;
  token_type: string;
}

const toApp = (r: Row): ApimOAuthApp => ({
  clientId: r.client_id,
  clientName: r.client_name,
  clientSecret: r.client_secret,
  owner: r.owner,
  grantTypes: r.grant_types,
  callbackUrl: r.callback_url,
  saas: r.saas === 1,
  tokenType: r.token_type,
});

/** A REST API access token: who it was issued to and the scopes it carries. */
export interface ApimToken {
  clientId: string;
  username: string;
  scopes: string[];
  expiresAt: number;
}

export class ApimOAuthAppTable {
  readonly #db: Db;
  constructor(db: Db) {
    this.#db = db;
  }

  insert(app: ApimOAuthApp, now: number): void {
    this.#db
      .prepare(
        `INSERT INTO apim_oauth_apps (client_id, client_name, client_secret, owner, grant_types, callback_url, saas, token_type, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(app.clientId, app.clientName, app.clientSecret, app.owner, app.grantTypes, app.callbackUrl, app.saas ? 1 : 0, app.tokenType, now);
  }

  getByName(name: string): ApimOAuthApp | undefined {
    const row = this.#db.prepare('SELECT * FROM apim_oauth_apps WHERE client_name = ?').get(name) as Row | undefined;
    return row ? toApp(row) : undefined;
  }

  get(clientId: string): ApimOAuthApp | undefined {
    const row = this.#db.prepare('SELECT * FROM apim_oauth_apps WHERE client_id = ?').get(clientId) as Row | undefined;
    return row ? toApp(row) : undefined;
  }

  insertToken(token: string, t: ApimToken): void {
    this.#db
      .prepare('INSERT INTO apim_tokens (token_hash, client_id, username, scope, expires_at) VALUES (?, ?, ?, ?, ?)')
      .run(hashSecret(token), t.clientId, t.username, t.scopes.join(' '), t.expiresAt);
  }

  /** The token when it exists and has not expired at `now` (seconds). */
  token(token: string, now: number): ApimToken | undefined {
    const row = this.#db.prepare('SELECT * FROM apim_tokens WHERE token_hash = ? AND expires_at > ?').get(hashSecret(token), now) as
      | { client_id: string; username: string; scope: string; expires_at: number }
      | undefined;
    return row ? { clientId: row.client_id, username: row.username, scopes: row.scope.split(' ').filter(Boolean), expiresAt: row.expires_at } : undefined;
  }
}
