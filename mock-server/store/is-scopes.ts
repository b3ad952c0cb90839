import type { Db } from './database.ts';

/** An OAuth2 scope of Identity Server's scope API v1.0 (ScopeDTO). */
export interface IsScope {
  name: string;
  displayName: string;
  description: string | null;
  bindings: string[];
}

interface Row {
  name: string;
  display_name: string;
  description: string | null;
  bindings: string;
}

const toScope = (r: Row): IsScope => ({ name: r.name, displayName: r.display_name, description: r.description, bindings: JSON.parse(r.bindings) as string[] });

export class IsScopeTable {
  readonly #db: Db;
  constructor(db: Db) {
    this.#db = db;
  }

  list(offset: number, limit: number): IsScope[] {
    return (this.#db.prepare('SELECT * FROM is_scopes ORDER BY name LIMIT ? OFFSET ?').all(limit, offset) as Row[]).map(toScope);
  }

  get(name: string): IsScope | undefined {
    const row = this.#db.prepare('SELECT * FROM is_scopes WHERE name = ?').get(name) as Row | undefined;
    return row ? toScope(row) : undefined;
  }

  insert(s: IsScope): void {
    this.#db.prepare('INSERT INTO is_scopes (name, display_name, description, bindings) VALUES (?, ?, ?, ?)').run(s.name, s.displayName, s.description, JSON.stringify(s.bindings));
  }

  update(s: IsScope): void {
    this.#db.prepare('UPDATE is_scopes SET display_name = ?, description = ?, bindings = ? WHERE name = ?').run(s.displayName, s.description, JSON.stringify(s.bindings), s.name);
  }

  delete(name: string): void {
    this.#db.prepare('DELETE FROM is_scopes WHERE name = ?').run(name);
  }
}
