import { randomUUID } from 'node:crypto';
import type { Db } from './database.ts';

/** The Identity Server application (service provider) behind an OAuth client. */
export interface IsApplication {
  appId: string;
  clientId: string;
  /** PEM set through `advancedConfigurations.certificate` (fsKeyManager, regulatory apps). */
  certificate: string | null;
}

export class IsApplicationTable {
  readonly #db: Db;
  constructor(db: Db) {
    this.#db = db;
  }

  /** The application of a client, created on first use: every OAuth client has one in IS. */
  forClient(clientId: string): IsApplication {
    const row = this.#db.prepare('SELECT app_id, client_id, certificate FROM is_applications WHERE client_id = ?').get(clientId) as
      | { app_id: string; client_id: string; certificate: string | null }
      | undefined;
    if (row) return { appId: row.app_id, clientId: row.client_id, certificate: row.certificate };
    const appId = randomUUID();
    this.#db.prepare('INSERT INTO is_applications (app_id, client_id, certificate) VALUES (?, ?, NULL)').run(appId, clientId);
    return { appId, clientId, certificate: null };
  }

  get(appId: string): IsApplication | undefined {
    const row = this.#db.prepare('SELECT app_id, client_id, certificate FROM is_applications WHERE app_id = ?').get(appId) as
      | { app_id: string; client_id: string; certificate: string | null }
      | undefined;
    return row ? { appId: row.app_id, clientId: row.client_id, certificate: row.certificate } : undefined;
  }

  setCertificate(appId: string, pem: string | null): void {
    this.#db.prepare('UPDATE is_applications SET certificate = ? WHERE app_id = ?').run(pem, appId);
  }
}
