import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
import Database from 'better-sqlite3';
import { freePorts, startSandbox, stopSandbox, type SandboxProcess } from './sandbox-process.ts';
import { runScript } from './harness-cli.ts';
import { isDcr, writeRemoteTarget } from './remote-target.ts';
import type { RunRecord } from '../report/write-reports.ts';

/**
 * "Safe on real systems": against a sandbox started as a separate process (its own ports, a
 * SQLite file), everything the harness creates is deleted again, also when scenarios fail; and
 * what it did not create (the bank's own client, the Resident Key Manager) is left as it was.
 * The sandbox's database is read directly, before and after each run.
 */

/** Tables of things a TPP or an admin creates (not tokens, codes or used jtis). */
const OBJECTS: Record<string, string> = {
  clients: 'client_id',
  is_applications: 'app_id',
  apim_oauth_apps: 'client_id',
  apim_users: 'username',
  key_managers: 'id',
  is_scopes: 'name',
  api_resources: 'id',
  api_resource_scopes: 'id',
  scim_roles: 'id',
};

type Snapshot = Map<string, Map<string, string>>;

function snapshot(file: string): Snapshot {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const out: Snapshot = new Map();
    for (const [table, key] of Object.entries(OBJECTS)) {
      const rows = db.prepare(`SELECT * FROM ${table}`).all() as Record<string, unknown>[];
      out.set(table, new Map(rows.map((r) => [String(r[key]), JSON.stringify(r)])));
    }
    return out;
  } finally {
    db.close();
  }
}

/**
 * The run's summary list of what it could not delete: `<kind> <name> (<id>): <why>` lines under
 * "Left behind on <target>". Only APIM DCR v0.17 registrations may be there: the product offers
 * no way to delete them (WSO2-APIMDCR-10).
 */
function listedAsLeftBehind(stdout: string): string[] {
  const section = stdout.split(/^Left behind on [^\n]*\n/m)[1] ?? '';
  return section.split('\n').filter((l) => l.startsWith('  ')).map((l) => l.trim());
}

/** The ids in `added` lines of one table. */
const idsIn = (lines: readonly string[], table: string) => lines.filter((l) => l.startsWith(`${table} `)).map((l) => l.split(' ')[1]!.replace(/:$/, '')).sort();

/** Rows added, removed or changed between two snapshots, as readable lines. */
function changes(before: Snapshot, after: Snapshot): { added: string[]; removedOrChanged: string[] } {
  const added: string[] = [];
  const removedOrChanged: string[] = [];
  for (const [table, rows] of after) {
    const old = before.get(table)!;
    for (const [k, row] of rows) if (!old.has(k)) added.push(`${table} ${k}: ${row.slice(0, 160)}`);
    for (const [k, row] of old) {
      if (!rows.has(k)) removedOrChanged.push(`${table} ${k} deleted`);
      else if (rows.get(k) !== row) removedOrChanged.push(`${table} ${k} changed:\n  before ${row}\n  after  ${rows.get(k)}`);
    }
  }
  return { added, removedOrChanged };
}

/**
 * Everything the run created is gone, but for what its summary lists as left behind: exactly
 * those rows, all named obc-, all of a kind the product cannot delete.
 */
function assertLeftBehindIsListed(added: readonly string[], stdout: string): void {
  const listed = listedAsLeftBehind(stdout);
  assert.deepEqual(added.filter((l) => !l.startsWith('apim_oauth_apps ')), [], 'objects the harness created and left behind');
  for (const l of added) assert.match(l, /"client_name":"obc-/, 'everything the harness creates is named obc-');
  for (const l of listed) assert.match(l, /^APIM DCR v0\.17 client obc-\S+ \(\S+\): API Manager offers no way to delete an APIM DCR registration \(WSO2-APIMDCR-10\)$/);
  assert.deepEqual(listed.map((l) => /\((\S+)\):/.exec(l)![1]).sort(), idsIn(added, 'apim_oauth_apps'), 'the summary lists exactly what was left behind');
}

test('a run against a separate sandbox leaves nothing behind, also when scenarios fail, and touches nothing it did not create', { timeout: 600_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'obc-cleanup-'));
  const database = join(dir, 'sandbox.db');
  const ports = await freePorts();
  // A bank others use: it does not grant change-server-settings, so the Resident Key Manager,
  // which the harness did not create, must stay exactly as it was.
  const target = writeRemoteTarget(dir, ports, (t) => {
    t.name = 'cleanup-remote';
    t.capabilities = (t.capabilities as string[]).filter((c) => c !== 'change-server-settings');
  });
  const start = (faults = '') => startSandbox(['--database', database, '--profile', 'uk'], ports, { OBC_PSU_LOGIN: 'page', OBC_FAULTS: faults });
  let sandbox: SandboxProcess | undefined;
  try {
    sandbox = await start();
    // The bank's own client, registered by its admin: the harness must neither change nor delete it.
    const own = await isDcr(sandbox.is, 'POST', '', 'admin', { client_name: 'bank-own-app', grant_types: ['client_credentials'], redirect_uris: ['https://bank.example/cb'] });
    assert.equal(own.status, 201, JSON.stringify(own.json));
    const before = snapshot(database);
    assert.ok(before.get('clients')!.size >= 1 && before.get('key_managers')!.size >= 1);

    // 1. The whole suite, one worker (as scripts/peer-runs.ts runs sandbox-remote).
    const run = await runScript('conformance', ['--target', target, '--parallel', '1', '--reports', join(dir, 'reports')]);
    assert.equal(run.code, 0, `the suite passes against the sandbox:\n${run.stdout.slice(-3000)}\n${run.stderr.slice(-2000)}`);
    const afterRun = changes(before, snapshot(database));
    assertLeftBehindIsListed(afterRun.added, run.stdout);
    assert.deepEqual(afterRun.removedOrChanged, [], 'objects the harness did not create, changed or deleted');

    // 2. The same bank with two fault switches on: scenarios fail after their clients were
    //    registered (tokens without Cache-Control or cnf), and their After hooks still clean up.
    await stopSandbox(sandbox.child, 'SIGTERM');
    sandbox = await start('token.no-cache-headers,token.no-cnf');
    const failing = await runScript('conformance', ['--target', target, '--parallel', '1', '--tags', '@surface:token or @surface:ob-dcr or @surface:is-dcr', '--reports', join(dir, 'failing')]);
    assert.equal(failing.code, 1, 'scenarios fail against the broken bank');
    assert.match(failing.stdout, /^\d+ passed, [1-9]\d* failed/m);
    const afterFailing = changes(before, snapshot(database));
    // Nothing new beyond what the first run listed (this subset registers no APIM DCR client).
    assert.deepEqual(afterFailing.added, afterRun.added, 'objects left behind by failed scenarios');
    assert.doesNotMatch(failing.stdout, /Left behind on/);
    assert.deepEqual(afterFailing.removedOrChanged, [], 'objects the harness did not create, changed or deleted');
    const record = (await import(join(dir, 'failing', 'cleanup-remote', 'run.json'), { with: { type: 'json' } })).default as RunRecord;
    assert.equal(record.meta.target, 'cleanup-remote');
  } finally {
    if (sandbox) await stopSandbox(sandbox.child, 'SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
});

