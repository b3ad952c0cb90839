import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Db } from './database.ts';

/** Registered client metadata (RFC 7591 §2 names, plus WSO2's ext_* members). */
export type ClientMetadata = Record<string, unknown>;

export interface ClientRecord {
  clientId: string;
  clientName: string;
  /** Present only where the product shows the secret again. */
  clientSecret: string | undefined;
  softwareId: string | undefined;
  metadata: ClientMetadata;
  createdAt: number;
  updatedAt: number;
}

/** RFC 7591 §2: the grant types the client registered; authorization_code when it named none. */
export function registeredGrantTypes(client: ClientRecord): readonly unknown[] {
  const grants = client.metadata.grant_types;
  return Array.isArray(grants) ? grants : ['authorization_code'];
}

interface Row {
  client_id: string;
  client_name: string;
  client_secret_hash: string | null;
  client_secret: string | null;
  software_id: string | null;
  metadata: string;
  created_at: number;
  updated_at: number;
}

export interface NewClient {
  clientId: string;
  clientName: string;
  clientSecret?: string | undefined;
  /** Keep the secret readable (IS DCR shows it on GET). */
  keepSecret?: boolean;
  softwareId?: string | undefined;
  metadata: ClientMetadata;
  now: number;
}

export const hashSecret = (secret: string) => createHash('sha256').update(secret, 'utf8').digest('hex');

function deepFreeze<T>(value: T): T {
  // Stryker disable next-line all: freezing guards the shared parsed metadata against the sandbox's own code; no answer depends on it.
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const member of Object.values(value)) deepFreeze(member);
    Object.freeze(value);
  }
  return value;
}

const MAX_PARSED = 4096;

export class ClientTable {
  readonly #db: Db;
  /**
   * Parsed metadata by client id, reused while the stored text is unchanged: every token request
   * reads its client, and the same (frozen) objects let key caches keyed by identity hit.
   */
  readonly #parsed = new Map<string, { text: string; metadata: ClientMetadata }>();
  constructor(db: Db) {
    this.#db = db;
  }

  #metadataOf(r: Row): ClientMetadata {
    const cached = this.#parsed.get(r.client_id);
    if (cached?.text === r.metadata) return cached.metadata;
    const metadata = deepFreeze(JSON.parse(r.metadata) as ClientMetadata);
    // Stryker disable next-line all: the cache's bound and its entries change how often metadata is parsed, not what it holds.
    if (this.#parsed.size >= MAX_PARSED) this.#parsed.clear();
    // Stryker disable next-line ObjectLiteral: an entry without its text is never reused, so the metadata is parsed again.
    this.#parsed.set(r.client_id, { text: r.metadata, metadata });
    return metadata;
  }

  #toRecord = (r: Row): ClientRecord => ({
    clientId: r.client_id,
    clientName: r.client_name,
    clientSecret: r.client_secret ?? undefined,
    softwareId: r.software_id ?? undefined,
    metadata: this.#metadataOf(r),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  });

  /** A client and, as Identity Server's DCRMService creates the service provider, its application. */
  insert(c: NewClient): ClientRecord {
    this.#db.transaction(() => {
      this.#insertRow(c);
      this.#db.prepare('INSERT INTO is_applications (app_id, client_id, certificate) VALUES (?, ?, NULL)').run(randomUUID(), c.clientId);
    })();
    return this.get(c.clientId)!;
  }

  #insertRow(c: NewClient): void {
    this.#db
      .prepare(
        `INSERT INTO clients (client_id, client_name, client_secret_hash, client_secret, software_id, metadata, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        c.clientId,
        c.clientName,
        c.clientSecret === undefined ? null : hashSecret(c.clientSecret),
        c.clientSecret !== undefined && c.keepSecret ? c.clientSecret : null,
        c.softwareId ?? null,
        JSON.stringify(c.metadata),
        c.now,
        c.now,
      );
  }

  get(clientId: string): ClientRecord | undefined {
    const row = this.#db.prepare('SELECT * FROM clients WHERE client_id = ?').get(clientId) as Row | undefined;
    return row ? this.#toRecord(row) : undefined;
  }

  getByName(name: string): ClientRecord | undefined {
    const row = this.#db.prepare('SELECT * FROM clients WHERE client_name = ?').get(name) as Row | undefined;
    return row ? this.#toRecord(row) : undefined;
  }

  bySoftwareId(softwareId: string): ClientRecord[] {
    return (this.#db.prepare('SELECT * FROM clients WHERE software_id = ?').all(softwareId) as Row[]).map(this.#toRecord);
  }

  update(clientId: string, changes: { clientName: string; metadata: ClientMetadata; now: number }): ClientRecord | undefined {
    const res = this.#db
      .prepare('UPDATE clients SET client_name = ?, metadata = ?, updated_at = ? WHERE client_id = ?')
      .run(changes.clientName, JSON.stringify(changes.metadata), changes.now, clientId);
    return res.changes === 1 ? this.get(clientId) : undefined;
  }

  /** A new secret (keymanager-operations regenerate-consumer-secret). */
  replaceSecret(clientId: string, secret: string, keepSecret: boolean, now: number): ClientRecord | undefined {
    const res = this.#db
      .prepare('UPDATE clients SET client_secret_hash = ?, client_secret = ?, updated_at = ? WHERE client_id = ?')
      .run(hashSecret(secret), keepSecret ? secret : null, now, clientId);
    return res.changes === 1 ? this.get(clientId) : undefined;
  }

  /** Deletes the client and, by cascade, every token issued to it. */
  delete(clientId: string): void {
    this.#parsed.delete(clientId);
    this.#db.prepare('DELETE FROM clients WHERE client_id = ?').run(clientId);
  }

  /** Constant-time check of a client secret against its stored hash. */
  verifySecret(clientId: string, secret: string): boolean {
    const row = this.#db.prepare('SELECT client_secret_hash FROM clients WHERE client_id = ?').get(clientId) as
      | { client_secret_hash: string | null }
      | undefined;
    if (!row?.client_secret_hash) return false;
    // Both are SHA-256 digests (hashSecret), so of equal length as timingSafeEqual needs.
    return timingSafeEqual(Buffer.from(row.client_secret_hash, 'hex'), Buffer.from(hashSecret(secret), 'hex'));
  }
}
