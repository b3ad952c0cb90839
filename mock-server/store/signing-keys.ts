import type { Db } from './database.ts';

export interface StoredSigningKey {
  kid: string;
  alg: string;
  privateJwk: Record<string, unknown>;
  publicJwk: Record<string, unknown>;
  createdAt: number;
}

interface Row {
  kid: string;
  alg: string;
  private_jwk: string;
  public_jwk: string;
  created_at: number;
}

export class SigningKeyTable {
  readonly #db: Db;
  constructor(db: Db) {
    this.#db = db;
  }

  all(): StoredSigningKey[] {
    const rows = this.#db.prepare('SELECT * FROM signing_keys ORDER BY created_at, kid').all() as Row[];
    return rows.map((r) => ({
      kid: r.kid,
      alg: r.alg,
      privateJwk: JSON.parse(r.private_jwk) as Record<string, unknown>,
      publicJwk: JSON.parse(r.public_jwk) as Record<string, unknown>,
      createdAt: r.created_at,
    }));
  }

  insertAll(keys: StoredSigningKey[]): void {
    const stmt = this.#db.prepare(
      'INSERT INTO signing_keys (kid, alg, private_jwk, public_jwk, created_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.#db.transaction(() => {
      for (const k of keys) {
        stmt.run(k.kid, k.alg, JSON.stringify(k.privateJwk), JSON.stringify(k.publicJwk), k.createdAt);
      }
    })();
  }
}
