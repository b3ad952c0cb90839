import type { Db } from './database.ts';

/** The Identity Server application (service provider) behind an OAuth client. */
export interface IsApplication {
  appId: string;
  clientId: string;
  /**
   * `advancedConfigurations.certificate` as set by PATCH (fsKeyManager, regulatory apps: a PEM),
   * stored as its JSON `{"type","value"}`.
   */
  certificate: string | null;
  /**
   * `advancedConfigurations.additionalSpProperties` as name -> value: what an IS DCR request's
   * `additionalAttributes` set (fsKeyManager: `regulatory`, `sp_certificate`, ...).
   */
  spProperties: Record<string, string>;
}

interface Row {
  app_id: string;
  client_id: string;
  certificate: string | null;
  sp_properties: string | null;
}

const COLUMNS = 'app_id, client_id, certificate, sp_properties';

function fromRow(row: Row): IsApplication {
  const props = row.sp_properties ? (JSON.parse(row.sp_properties) as Record<string, string>) : {};
  return { appId: row.app_id, clientId: row.client_id, certificate: row.certificate, spProperties: props };
}

export class IsApplicationTable {
  readonly #db: Db;
  constructor(db: Db) {
    this.#db = db;
  }

  /** The application of a client, made with it (store/clients.ts insert, migration 9); gone with it. */
  forClient(clientId: string): IsApplication | undefined {
    const row = this.#db.prepare(`SELECT ${COLUMNS} FROM is_applications WHERE client_id = ?`).get(clientId) as Row | undefined;
    return row ? fromRow(row) : undefined;
  }

  /**
   * Every OAuth client with its name, oldest first: in Identity Server each is the inbound
   * configuration of one application of that name (DCRMService creates the service provider).
   */
  clients(): { clientId: string; clientName: string }[] {
    return (this.#db.prepare('SELECT client_id, client_name FROM clients ORDER BY created_at, rowid').all() as { client_id: string; client_name: string }[])
      .map((r) => ({ clientId: r.client_id, clientName: r.client_name }));
  }

  /** The name of the application's OAuth client. */
  clientName(clientId: string): string | undefined {
    const row = this.#db.prepare('SELECT client_name FROM clients WHERE client_id = ?').get(clientId) as { client_name: string } | undefined;
    return row?.client_name;
  }

  get(appId: string): IsApplication | undefined {
    const row = this.#db.prepare(`SELECT ${COLUMNS} FROM is_applications WHERE app_id = ?`).get(appId) as Row | undefined;
    return row ? fromRow(row) : undefined;
  }

  setCertificate(appId: string, pem: string | null): void {
    this.#db.prepare('UPDATE is_applications SET certificate = ? WHERE app_id = ?').run(pem, appId);
  }

  /** Replace the application's SP properties (an IS DCR request's `additionalAttributes`). */
  setSpProperties(appId: string, props: Record<string, string>): void {
    this.#db.prepare('UPDATE is_applications SET sp_properties = ? WHERE app_id = ?').run(JSON.stringify(props), appId);
  }
}
