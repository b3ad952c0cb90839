import type { Db } from './database.ts';

/** A stored key manager: the admin v4 `KeyManager` object with its secrets, by id. */
export interface KeyManagerRecord {
  id: string;
  name: string;
  type: string;
  /** The KeyManager DTO as stored (unmasked), `id` included. */
  config: Record<string, unknown>;
  createdAt: number;
}

interface Row {
  id: string;
  name: string;
  type: string;
  config: string;
  created_at: number;
}

const toRecord = (r: Row): KeyManagerRecord => ({
  id: r.id,
  name: r.name,
  type: r.type,
  config: JSON.parse(r.config) as Record<string, unknown>,
  createdAt: r.created_at,
});

export class KeyManagerTable {
  readonly #db: Db;
  constructor(db: Db) {
    this.#db = db;
  }

  /** In creation order. */
  list(): KeyManagerRecord[] {
    return (this.#db.prepare('SELECT * FROM key_managers ORDER BY created_at, rowid').all() as Row[]).map(toRecord);
  }

  get(id: string): KeyManagerRecord | undefined {
    const row = this.#db.prepare('SELECT * FROM key_managers WHERE id = ?').get(id) as Row | undefined;
    return row ? toRecord(row) : undefined;
  }

  getByName(name: string): KeyManagerRecord | undefined {
    const row = this.#db.prepare('SELECT * FROM key_managers WHERE name = ?').get(name) as Row | undefined;
    return row ? toRecord(row) : undefined;
  }

  insert(r: Omit<KeyManagerRecord, 'createdAt'>, now: number): void {
    this.#db
      .prepare('INSERT INTO key_managers (id, name, type, config, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(r.id, r.name, r.type, JSON.stringify(r.config), now);
  }

  update(id: string, type: string, config: Record<string, unknown>): void {
    this.#db.prepare('UPDATE key_managers SET type = ?, config = ? WHERE id = ?').run(type, JSON.stringify(config), id);
  }

  delete(id: string): void {
    this.#db.prepare('DELETE FROM key_managers WHERE id = ?').run(id);
  }
}
