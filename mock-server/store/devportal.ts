import type { Db } from './database.ts';

/** A devportal application (AM_APPLICATION as ApplicationMappingUtil shows it). */
export interface DevportalApplication {
  id: string;
  name: string;
  owner: string;
  throttlingPolicy: string;
  description: string | null;
  tokenType: string;
  attributes: Record<string, string>;
  groups: string[];
  status: string;
  createdAt: number;
  updatedAt: number;
}

export interface DevportalSubscription {
  id: string;
  applicationId: string;
  apiId: string;
  throttlingPolicy: string;
  status: string;
  createdAt: number;
}

/** One row of AM_APPLICATION_KEY_MAPPING: CREATED (generated) or MAPPED (out-of-band) keys. */
export interface KeyMapping {
  id: string;
  applicationId: string;
  keyType: 'PRODUCTION' | 'SANDBOX';
  keyManagerId: string;
  /** Null while a generation is half done (the key manager call failed). */
  consumerKey: string | null;
  createMode: 'CREATED' | 'MAPPED';
  /** CREATED until the key manager answered, then COMPLETED. */
  state: 'CREATED' | 'COMPLETED';
  /** APP_INFO: what the key manager answered (or the mapping request) as JSON. */
  appInfo: Record<string, unknown> | null;
  createdAt: number;
}

interface AppRow {
  id: string; name: string; owner: string; throttling_policy: string; description: string | null; token_type: string;
  attributes: string; groups_json: string; status: string; created_at: number; updated_at: number;
}
interface SubRow { id: string; application_id: string; api_id: string; throttling_policy: string; status: string; created_at: number }
interface KeyRow {
  id: string; application_id: string; key_type: string; key_manager_id: string; consumer_key: string | null;
  create_mode: string; state: string; app_info: string | null; created_at: number;
}

const toApp = (r: AppRow): DevportalApplication => ({
  id: r.id, name: r.name, owner: r.owner, throttlingPolicy: r.throttling_policy, description: r.description,
  tokenType: r.token_type, attributes: JSON.parse(r.attributes) as Record<string, string>,
  groups: JSON.parse(r.groups_json) as string[], status: r.status, createdAt: r.created_at, updatedAt: r.updated_at,
});
const toSub = (r: SubRow): DevportalSubscription => ({
  id: r.id, applicationId: r.application_id, apiId: r.api_id, throttlingPolicy: r.throttling_policy, status: r.status, createdAt: r.created_at,
});
const toKey = (r: KeyRow): KeyMapping => ({
  id: r.id, applicationId: r.application_id, keyType: r.key_type as KeyMapping['keyType'], keyManagerId: r.key_manager_id,
  consumerKey: r.consumer_key, createMode: r.create_mode as KeyMapping['createMode'], state: r.state as KeyMapping['state'],
  // A row without APP_INFO holds JSON null, or SQL NULL from before, which JSON.parse reads as "null" too.
  appInfo: JSON.parse(r.app_info as string) as Record<string, unknown> | null, createdAt: r.created_at,
});

/** Applications, subscriptions and key mappings of the developer portal. */
export class DevportalTable {
  readonly #db: Db;
  constructor(db: Db) {
    this.#db = db;
  }

  // ---- applications -------------------------------------------------------------------------

  insertApplication(a: DevportalApplication): void {
    this.#db
      .prepare(`INSERT INTO devportal_applications (id, name, owner, throttling_policy, description, token_type, attributes, groups_json, status, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(a.id, a.name, a.owner, a.throttlingPolicy, a.description, a.tokenType, JSON.stringify(a.attributes), JSON.stringify(a.groups), a.status, a.createdAt, a.updatedAt);
  }

  updateApplication(a: DevportalApplication): void {
    this.#db
      .prepare('UPDATE devportal_applications SET name = ?, throttling_policy = ?, description = ?, attributes = ?, groups_json = ?, updated_at = ? WHERE id = ?')
      .run(a.name, a.throttlingPolicy, a.description, JSON.stringify(a.attributes), JSON.stringify(a.groups), a.updatedAt, a.id);
  }

  application(id: string): DevportalApplication | undefined {
    const row = this.#db.prepare('SELECT * FROM devportal_applications WHERE id = ?').get(id) as AppRow | undefined;
    return row ? toApp(row) : undefined;
  }

  /** ApiMgtDAO.isApplicationExist: LOWER(APP.NAME) = LOWER(?) among the owner's applications. */
  applicationNamed(owner: string, name: string): DevportalApplication | undefined {
    const row = this.#db
      .prepare('SELECT * FROM devportal_applications WHERE owner = ? AND lower(name) = lower(?) ORDER BY created_at LIMIT 1')
      .get(owner, name) as AppRow | undefined;
    return row ? toApp(row) : undefined;
  }

  applicationsOf(owner: string): DevportalApplication[] {
    return (this.#db.prepare('SELECT * FROM devportal_applications WHERE owner = ? ORDER BY created_at, rowid').all(owner) as AppRow[]).map(toApp);
  }

  // Stryker disable all: only fault switches list every owner's applications (devp.no-owner-check, devp.subscriptions-of-api-any-owner; the self-test measures them).
  allApplications(): DevportalApplication[] {
    return (this.#db.prepare('SELECT * FROM devportal_applications ORDER BY created_at, rowid').all() as AppRow[]).map(toApp);
  }
  // Stryker restore all

  deleteApplication(id: string): void {
    this.#db.prepare('DELETE FROM devportal_applications WHERE id = ?').run(id);
  }

  // ---- subscriptions ------------------------------------------------------------------------

  insertSubscription(s: DevportalSubscription): void {
    this.#db
      .prepare('INSERT INTO devportal_subscriptions (id, application_id, api_id, throttling_policy, status, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(s.id, s.applicationId, s.apiId, s.throttlingPolicy, s.status, s.createdAt);
  }

  subscription(id: string): DevportalSubscription | undefined {
    const row = this.#db.prepare('SELECT * FROM devportal_subscriptions WHERE id = ?').get(id) as SubRow | undefined;
    return row ? toSub(row) : undefined;
  }

  subscriptionOf(applicationId: string, apiId: string): DevportalSubscription | undefined {
    const row = this.#db.prepare('SELECT * FROM devportal_subscriptions WHERE application_id = ? AND api_id = ? LIMIT 1').get(applicationId, apiId) as SubRow | undefined;
    return row ? toSub(row) : undefined;
  }

  subscriptionsOfApplication(applicationId: string): DevportalSubscription[] {
    return (this.#db.prepare('SELECT * FROM devportal_subscriptions WHERE application_id = ? ORDER BY created_at, rowid').all(applicationId) as SubRow[]).map(toSub);
  }

  /** The subscriptions to an API of the applications `owner` owns. */
  subscriptionsOfApi(apiId: string, owner: string): DevportalSubscription[] {
    return (this.#db
      .prepare(`SELECT s.* FROM devportal_subscriptions s JOIN devportal_applications a ON a.id = s.application_id
        WHERE s.api_id = ? AND a.owner = ? ORDER BY s.created_at, s.rowid`)
      .all(apiId, owner) as SubRow[]).map(toSub);
  }

  countSubscriptions(applicationId: string): number {
    return (this.#db.prepare('SELECT COUNT(*) AS n FROM devportal_subscriptions WHERE application_id = ?').get(applicationId) as { n: number }).n;
  }

  deleteSubscription(id: string): void {
    this.#db.prepare('DELETE FROM devportal_subscriptions WHERE id = ?').run(id);
  }

  // ---- key mappings -------------------------------------------------------------------------

  insertKey(k: KeyMapping): void {
    this.#db
      .prepare(`INSERT INTO devportal_key_mappings (id, application_id, key_type, key_manager_id, consumer_key, create_mode, state, app_info, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(k.id, k.applicationId, k.keyType, k.keyManagerId, k.consumerKey, k.createMode, k.state, JSON.stringify(k.appInfo), k.createdAt);
  }

  /** The key manager answered: the consumer key and what it said are stored, the state COMPLETED. */
  completeKey(id: string, consumerKey: string, appInfo: Record<string, unknown>): void {
    this.#db.prepare("UPDATE devportal_key_mappings SET consumer_key = ?, app_info = ?, state = 'COMPLETED' WHERE id = ?").run(consumerKey, JSON.stringify(appInfo), id);
  }

  updateKeyInfo(id: string, appInfo: Record<string, unknown>): void {
    this.#db.prepare('UPDATE devportal_key_mappings SET app_info = ? WHERE id = ?').run(JSON.stringify(appInfo), id);
  }

  key(id: string): KeyMapping | undefined {
    const row = this.#db.prepare('SELECT * FROM devportal_key_mappings WHERE id = ?').get(id) as KeyRow | undefined;
    return row ? toKey(row) : undefined;
  }

  keysOf(applicationId: string): KeyMapping[] {
    return (this.#db.prepare('SELECT * FROM devportal_key_mappings WHERE application_id = ? ORDER BY created_at, rowid').all(applicationId) as KeyRow[]).map(toKey);
  }

  /** A mapping of (application, key type) at this key manager, in any state. */
  keyFor(applicationId: string, keyType: string, keyManagerId: string): KeyMapping | undefined {
    const row = this.#db
      .prepare('SELECT * FROM devportal_key_mappings WHERE application_id = ? AND key_type = ? AND key_manager_id = ? LIMIT 1')
      .get(applicationId, keyType, keyManagerId) as KeyRow | undefined;
    return row ? toKey(row) : undefined;
  }

  /** A mapping of this consumer key at this key manager, to any application. */
  keyByConsumerKey(keyManagerId: string, consumerKey: string): KeyMapping | undefined {
    const row = this.#db
      .prepare('SELECT * FROM devportal_key_mappings WHERE key_manager_id = ? AND consumer_key = ? LIMIT 1')
      .get(keyManagerId, consumerKey) as KeyRow | undefined;
    return row ? toKey(row) : undefined;
  }

  /** Any mapping of this consumer key, whatever the key manager (seed 004's OB DCR DELETE). */
  keysByConsumerKey(consumerKey: string): KeyMapping[] {
    return (this.#db.prepare('SELECT * FROM devportal_key_mappings WHERE consumer_key = ?').all(consumerKey) as KeyRow[]).map(toKey);
  }

  deleteKey(id: string): void {
    this.#db.prepare('DELETE FROM devportal_key_mappings WHERE id = ?').run(id);
  }
}
