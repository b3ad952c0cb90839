import type { Db } from './database.ts';

/** An Identity Server 7 API resource (APIResourceResponse without its scopes). */
export interface ApiResource {
  id: string;
  identifier: string;
  name: string;
  description: string | null;
  requiresAuthorization: boolean;
}

export interface ApiResourceScope {
  id: string;
  name: string;
  displayName: string;
  description: string | null;
}

interface Row {
  id: string;
  identifier: string;
  name: string;
  description: string | null;
  requires_authorization: number;
}

const toResource = (r: Row): ApiResource => ({
  id: r.id,
  identifier: r.identifier,
  name: r.name,
  description: r.description,
  requiresAuthorization: r.requires_authorization === 1,
});

export class ApiResourceTable {
  readonly #db: Db;
  constructor(db: Db) {
    this.#db = db;
  }

  list(): ApiResource[] {
    return (this.#db.prepare('SELECT * FROM api_resources ORDER BY rowid').all() as Row[]).map(toResource);
  }

  get(id: string): ApiResource | undefined {
    const row = this.#db.prepare('SELECT * FROM api_resources WHERE id = ?').get(id) as Row | undefined;
    return row ? toResource(row) : undefined;
  }

  byIdentifier(identifier: string): ApiResource | undefined {
    const row = this.#db.prepare('SELECT * FROM api_resources WHERE identifier = ?').get(identifier) as Row | undefined;
    return row ? toResource(row) : undefined;
  }

  insert(r: ApiResource): void {
    this.#db
      .prepare('INSERT INTO api_resources (id, identifier, name, description, requires_authorization) VALUES (?, ?, ?, ?, ?)')
      .run(r.id, r.identifier, r.name, r.description, r.requiresAuthorization ? 1 : 0);
  }

  /** PATCH's `name` and `description` (a member not sent keeps its value, the caller resolves it). */
  rename(id: string, name: string, description: string | null): void {
    this.#db.prepare('UPDATE api_resources SET name = ?, description = ? WHERE id = ?').run(name, description, id);
  }

  /** Identity Server deletes an API resource with its scopes. */
  delete(id: string): void {
    this.#db.prepare('DELETE FROM api_resources WHERE id = ?').run(id);
  }

  /** A scope of any API resource, by name (scope names are unique in the tenant). */
  scopeByName(name: string): (ApiResourceScope & { resourceId: string }) | undefined {
    const r = this.#db.prepare('SELECT id, resource_id, name, display_name, description FROM api_resource_scopes WHERE name = ?').get(name) as
      | { id: string; resource_id: string; name: string; display_name: string; description: string | null }
      | undefined;
    return r ? { id: r.id, resourceId: r.resource_id, name: r.name, displayName: r.display_name, description: r.description } : undefined;
  }

  scopes(resourceId: string): ApiResourceScope[] {
    return (this.#db.prepare('SELECT id, name, display_name, description FROM api_resource_scopes WHERE resource_id = ? ORDER BY rowid').all(resourceId) as {
      id: string; name: string; display_name: string; description: string | null;
    }[]).map((r) => ({ id: r.id, name: r.name, displayName: r.display_name, description: r.description }));
  }

  /** Scope names are unique across all API resources in Identity Server. */
  scopeExists(name: string): boolean {
    return this.#db.prepare('SELECT 1 FROM api_resource_scopes WHERE name = ?').get(name) !== undefined;
  }

  insertScope(resourceId: string, s: ApiResourceScope): void {
    this.#db
      .prepare('INSERT INTO api_resource_scopes (id, resource_id, name, display_name, description) VALUES (?, ?, ?, ?, ?)')
      .run(s.id, resourceId, s.name, s.displayName, s.description);
  }

  updateScope(resourceId: string, name: string, displayName: string, description: string | null): void {
    this.#db
      .prepare('UPDATE api_resource_scopes SET display_name = ?, description = ? WHERE resource_id = ? AND name = ?')
      .run(displayName, description, resourceId, name);
  }

  deleteScope(resourceId: string, name: string): void {
    this.#db.prepare('DELETE FROM api_resource_scopes WHERE resource_id = ? AND name = ?').run(resourceId, name);
  }
}
