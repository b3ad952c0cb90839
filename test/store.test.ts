import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { compactVerify, CompactSign, importJWK } from 'jose';
import { migrate, openDatabase, schemaVersion, type Db } from '../mock-server/store/database.ts';
import { MIGRATIONS, type Migration } from '../mock-server/store/migrations.ts';
import { Store } from '../mock-server/store/store.ts';
import { loadOrCreateServerKeys, serverKeyAlgs } from '../mock-server/keys/server-keys.ts';

const FAPI_ALGS = serverKeyAlgs('uk');
import { SystemClock } from '../mock-server/clock.ts';

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'obc-store-'));
});
after(() => {
  rmSync(dir, { recursive: true, force: true });
});

let counter = 0;
const dbFile = () => join(dir, `db-${++counter}`, 'sandbox.db');

function tables(db: Db): string[] {
  return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[])
    .map((r) => r.name);
}

function migrationRows(db: Db): { version: number; name: string; applied_at: number }[] {
  return db.prepare('SELECT version, name, applied_at FROM schema_migrations ORDER BY version').all() as {
    version: number;
    name: string;
    applied_at: number;
  }[];
}

const LATEST = Math.max(...MIGRATIONS.map((m) => m.version));

describe('migrations on a SQLite file', () => {
  test('the first open applies every migration and records it', () => {
    const file = dbFile();
    const started = Date.now();
    const db = openDatabase(file);
    try {
      assert.ok(existsSync(file), 'the file (and its directory) is created');
      const rows = migrationRows(db);
      assert.deepEqual(
        rows.map((r) => [r.version, r.name]),
        [...MIGRATIONS].sort((a, b) => a.version - b.version).map((m) => [m.version, m.name]),
      );
      for (const r of rows) assert.ok(r.applied_at >= started && r.applied_at <= Date.now(), 'applied_at is a ms timestamp');
      assert.equal(schemaVersion(db), LATEST);
      for (const t of ['schema_migrations', 'signing_keys', 'clients', 'tokens', 'used_jtis']) {
        assert.ok(tables(db).includes(t), `table ${t}`);
      }
    } finally {
      db.close();
    }
  });

  test('migrate() on a fresh file reports every version it ran, in order', () => {
    const file = dbFile();
    openDatabase(file, []).close(); // creates the file with only schema_migrations
    const db = new Database(file);
    try {
      assert.deepEqual(migrate(db), [...MIGRATIONS].map((m) => m.version).sort((a, b) => a - b));
      assert.deepEqual(migrate(db), [], 'a second run applies nothing');
    } finally {
      db.close();
    }
  });

  test('a second open of the same file applies nothing (idempotent)', () => {
    const file = dbFile();
    openDatabase(file).close();
    const db = new Database(file);
    try {
      const before = migrationRows(db);
      assert.deepEqual(migrate(db), []);
      assert.deepEqual(migrationRows(db), before, 'no row added or rewritten');
    } finally {
      db.close();
    }
    const again = openDatabase(file);
    try {
      assert.equal(migrationRows(again).length, MIGRATIONS.length);
      assert.equal(schemaVersion(again), LATEST);
    } finally {
      again.close();
    }
  });

  test('a file database is in WAL mode with foreign keys on', () => {
    const db = openDatabase(dbFile());
    try {
      assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
      assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
    } finally {
      db.close();
    }
  });

  test(':memory: works and is migrated', () => {
    const db = openDatabase(':memory:');
    try {
      assert.equal(schemaVersion(db), LATEST);
      assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
    } finally {
      db.close();
    }
  });

  test('a database whose schema is newer than this sandbox knows is refused', () => {
    const file = dbFile();
    openDatabase(file).close();
    const raw = new Database(file);
    raw.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(LATEST + 1, 'from the future', Date.now());
    raw.close();
    assert.throws(() => openDatabase(file), new RegExp(`schema version ${LATEST + 1} is newer than this sandbox knows \\(${LATEST}\\)`));
    const db = new Database(file);
    try {
      assert.throws(() => migrate(db), /newer than this sandbox knows/);
      assert.throws(() => migrate(db, []), /newer than this sandbox knows \(0\)/);
    } finally {
      db.close();
    }
  });

  describe('custom migration lists', () => {
    const m1: Migration = { version: 1, name: 'one', sql: 'CREATE TABLE a (x INTEGER);' };
    const m2: Migration = { version: 2, name: 'two', sql: 'CREATE TABLE b (y INTEGER); INSERT INTO b VALUES (1);' };
    const bad: Migration = {
      version: 3,
      name: 'broken',
      sql: 'CREATE TABLE c (z INTEGER); INSERT INTO c VALUES (1); INSERT INTO no_such_table VALUES (1);',
    };

    test('migrations run in version order whatever the array order', () => {
      const db = new Database(join(dir, 'ordered.db'));
      try {
        assert.deepEqual(migrate(db, [m2, m1]), [1, 2]);
        assert.deepEqual(tables(db).filter((t) => t !== 'schema_migrations'), ['a', 'b']);
      } finally {
        db.close();
      }
    });

    test('only the missing migrations run on a database at an older version', () => {
      const file = join(dir, 'partial.db');
      let db = new Database(file);
      assert.deepEqual(migrate(db, [m1]), [1]);
      db.close();
      db = new Database(file);
      try {
        assert.deepEqual(migrate(db, [m1, m2]), [2]);
        assert.deepEqual(migrationRows(db).map((r) => r.version), [1, 2]);
      } finally {
        db.close();
      }
    });

    test('a failing migration rolls back: no partial table, no schema_migrations row', () => {
      const file = join(dir, 'failing.db');
      const db = new Database(file);
      try {
        assert.throws(() => migrate(db, [m1, m2, bad]), /no such table: no_such_table/);
        assert.deepEqual(migrationRows(db).map((r) => r.version), [1, 2], 'the earlier migrations stay applied');
        assert.ok(!tables(db).includes('c'), 'table c of the failed migration does not exist');
        assert.deepEqual(tables(db).filter((t) => t !== 'schema_migrations'), ['a', 'b']);
        assert.equal(schemaVersion(db), 2);
        assert.equal(db.inTransaction, false);
      } finally {
        db.close();
      }
      // After fixing the migration, a re-run applies exactly it.
      const fixed: Migration = { ...bad, sql: 'CREATE TABLE c (z INTEGER);' };
      const again = new Database(file);
      try {
        assert.deepEqual(migrate(again, [m1, m2, fixed]), [3]);
        assert.ok(tables(again).includes('c'));
      } finally {
        again.close();
      }
    });

    test('a failing first migration leaves only the empty schema_migrations table', () => {
      const db = new Database(':memory:');
      try {
        assert.throws(() => migrate(db, [{ version: 1, name: 'bad', sql: 'CREATE TABLE q (x); SELECT * FROM nope;' }]));
        assert.deepEqual(tables(db), ['schema_migrations']);
        assert.equal(schemaVersion(db), 0);
      } finally {
        db.close();
      }
    });

    test('openDatabase with a failing migration throws', () => {
      assert.throws(() => openDatabase(join(dir, 'open-failing.db'), [m1, bad]), /no such table/);
    });
  });
});

describe('signing keys persist across close and reopen', () => {
  test('loadOrCreateServerKeys creates PS256 and ES256 once, and the same kids come back', async () => {
    const file = dbFile();
    const clock = new SystemClock();

    let store = Store.open(file);
    const first = await loadOrCreateServerKeys(store, clock, FAPI_ALGS);
    assert.deepEqual(first.map((k) => k.alg).sort(), ['ES256', 'PS256']);
    assert.equal(new Set(first.map((k) => k.kid)).size, 2, 'distinct kids');
    for (const k of first) {
      assert.equal(k.publicJwk.kid, k.kid);
      assert.equal(k.publicJwk.use, 'sig');
      assert.equal(k.publicJwk.alg, k.alg);
      assert.equal(k.publicJwk.d, undefined, 'no private member in the public JWK');
      assert.ok(k.privateJwk.d, 'the private JWK has d');
    }
    // A second call on the same store generates nothing new.
    const same = await loadOrCreateServerKeys(store, clock, FAPI_ALGS);
    assert.deepEqual(same.map((k) => k.kid), first.map((k) => k.kid));
    store.close();
    store.close(); // closing twice is harmless

    store = Store.open(file);
    try {
      const reopened = await loadOrCreateServerKeys(store, clock, FAPI_ALGS);
      assert.deepEqual(reopened.map((k) => k.kid), first.map((k) => k.kid));
      assert.deepEqual(reopened.map((k) => k.publicJwk), first.map((k) => k.publicJwk));
      assert.equal(store.signingKeys.all().length, 2);

      // A key loaded back from the file still signs, and the first run's public key verifies it.
      for (const k of reopened) {
        const jws = await new CompactSign(new TextEncoder().encode('hello'))
          .setProtectedHeader({ alg: k.alg, kid: k.kid })
          .sign(k.privateKey);
        const original = first.find((f) => f.kid === k.kid)!;
        const { payload } = await compactVerify(jws, await importJWK(original.publicJwk, k.alg));
        assert.equal(new TextDecoder().decode(payload), 'hello');
      }
    } finally {
      store.close();
    }
  });

  test('a missing algorithm is added without replacing the existing key', async () => {
    const file = dbFile();
    const clock = new SystemClock();
    let store = Store.open(file);
    const first = await loadOrCreateServerKeys(store, clock, FAPI_ALGS);
    const es = first.find((k) => k.alg === 'ES256')!;
    store.db.prepare("DELETE FROM signing_keys WHERE alg = 'PS256'").run();
    store.close();

    store = Store.open(file);
    try {
      const keys = await loadOrCreateServerKeys(store, clock, FAPI_ALGS);
      assert.deepEqual(keys.map((k) => k.alg).sort(), ['ES256', 'PS256']);
      assert.equal(keys.find((k) => k.alg === 'ES256')!.kid, es.kid, 'the ES256 key is kept');
    } finally {
      store.close();
    }
  });

  test('the generic profile adds an RS256 key; a FAPI profile on the same file does not load it', async () => {
    const file = dbFile();
    const clock = new SystemClock();
    const store = Store.open(file);
    try {
      const fapi = await loadOrCreateServerKeys(store, clock, FAPI_ALGS);
      const generic = await loadOrCreateServerKeys(store, clock, serverKeyAlgs('generic'));
      assert.deepEqual(generic.map((k) => k.alg).sort(), ['ES256', 'PS256', 'RS256']);
      const rs = generic.find((k) => k.alg === 'RS256')!;
      assert.equal(rs.publicJwk.kty, 'RSA');
      assert.ok(!fapi.some((k) => k.kid === rs.kid), 'RS256 has its own RSA key, not the PS256 one');
      const again = await loadOrCreateServerKeys(store, clock, FAPI_ALGS);
      assert.deepEqual(again.map((k) => k.kid).sort(), fapi.map((k) => k.kid).sort(), 'FAPI keys only, unchanged');
      assert.equal(store.signingKeys.all().length, 3);
    } finally {
      store.close();
    }
  });
});
