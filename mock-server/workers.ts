import { availableParallelism } from 'node:os';
import { ConfigError, type SandboxConfig } from './config.ts';
import { Store } from './store/store.ts';
import { SystemClock } from './clock.ts';
import { loadOrCreateServerKeys, serverKeyAlgs } from './keys/server-keys.ts';

/**
 * `npm run sandbox -- --workers N`: N processes (node:cluster) serve the same ports and share one
 * SQLite file in WAL mode. Nothing a request relies on lives only in a worker's memory: clients,
 * tokens, used jtis and codes are rows (a jti is single-use across workers by its unique key), and
 * the in-process caches are checked against the row on every read (store/clients.ts) or keyed by
 * immutable content (parsed keys), so a client deleted or updated through one worker is never
 * served stale by another.
 */
export function workerCount(value: string | undefined, config: SandboxConfig): number {
  if (value === undefined) return 1;
  const n = value === 'auto' ? availableParallelism() : Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new ConfigError(`--workers must be a whole number from 1 to 64, or auto; got ${JSON.stringify(value)}`);
  if (n > 1 && config.database === ':memory:') throw new ConfigError('--workers above 1 needs a database file: an in-memory database is one per process');
  return n;
}

/**
 * Before the workers start, the primary brings the file up to date once (migrations, the server's
 * signing keys), so workers never race to create them.
 */
export async function prepareDatabase(config: SandboxConfig): Promise<void> {
  const store = Store.open(config.database);
  try {
    await loadOrCreateServerKeys(store, new SystemClock(), serverKeyAlgs(config.profile));
  } finally {
    store.close();
  }
}
