import type { Db } from './database.ts';

/** A SCIM2 Roles v2 role: its name and the scopes (permissions) it grants. */
export interface ScimRole {
  id: string;
  displayName: string;
  permissions: { value: string; display?: string }[];
  createdAt: number;
  updatedAt: number;
}

interface Row {
  id: string;
  display_name: string;
  permissions: string;
  created_at: number;
  updated_at: number;
}

const toRole = (r: Row): ScimRole => ({
  id: r.id,
  displayName: r.display_name,
  permissions: JSON.parse(r.permissions) as ScimRole['permissions'],
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export class ScimRoleTable {
  readonly #db: Db;
  constructor(db: Db) {
    this.#db = db;
  }

  list(): ScimRole[] {
    return (this.#db.prepare('SELECT * FROM scim_roles ORDER BY rowid').all() as Row[]).map(toRole);
  }

  get(id: string): ScimRole | undefined {
    const row = this.#db.prepare('SELECT * FROM scim_roles WHERE id = ?').get(id) as Row | undefined;
    return row ? toRole(row) : undefined;
  }

  byName(displayName: string): ScimRole | undefined {
    const row = this.#db.prepare('SELECT * FROM scim_roles WHERE display_name = ?').get(displayName) as Row | undefined;
    return row ? toRole(row) : undefined;
  }

  insert(r: ScimRole): void {
    this.#db
      .prepare('INSERT INTO scim_roles (id, display_name, permissions, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
      .run(r.id, r.displayName, JSON.stringify(r.permissions), r.createdAt, r.updatedAt);
  }

  update(id: string, displayName: string, permissions: ScimRole['permissions'], now: number): void {
    this.#db.prepare('UPDATE scim_roles SET display_name = ?, permissions = ?, updated_at = ? WHERE id = ?').run(displayName, JSON.stringify(permissions), now, id);
  }

  delete(id: string): void {
    this.#db.prepare('DELETE FROM scim_roles WHERE id = ?').run(id);
  }
}
