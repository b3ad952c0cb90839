import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { decodeJwt } from 'jose';
import { Agent, fetch } from 'undici';
import { ensureTestPki, type TestPki } from '../pki/test-pki.ts';
import { signJwt, softwareStatementClaims } from '../pki/software-statements.ts';
import { registrationRequestClaims } from '../pki/registration-request.ts';
import { directorySigningKey, testSoftwareProducts, tppSigningKey } from '../pki/software-products.ts';
import { buildAssertion, jwksFor } from '../steps/support/client-assertion.ts';
import { freePorts, startSandbox, stopSandbox, type SandboxProcess } from './sandbox-process.ts';

/**
 * Issue 16, crash safety: `kill -9` of a real sandbox process (`tsx mock-server/main.ts`, a file
 * database, free ports) in the middle of streams of IS DCR and OB DCR registrations and token
 * requests, then a restart on the same file: every acknowledged registration and token is there,
 * and nothing is half-written (integrity and foreign-key checks, every stored row readable).
 */
const ADMIN = `Basic ${Buffer.from('admin:admin').toString('base64')}`;
const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const CYCLES = 2;
const STREAM_MS = 1500;

interface Acknowledged {
  isDcr: string[];
  obDcr: string[];
  tokens: string[];
}

/** One stream: requests one after the other until told to stop; only 2xx answers count as acknowledged. */
async function stream(until: () => boolean, one: () => Promise<void>): Promise<void> {
  while (!until()) {
    try {
      await one();
    } catch {
      // The connection died with the process: not acknowledged.
    }
  }
}

test('kill -9 during IS DCR, OB DCR and token streams loses nothing acknowledged and half-writes nothing', { timeout: 120_000 }, async (t) => {
  const pki: TestPki = await ensureTestPki();
  const dir = mkdtempSync(join(tmpdir(), 'obc-crash-'));
  const database = join(dir, 'sandbox.db');
  // UK allows one software id to register more than once (DCR-REQ-38), so the OB DCR stream can go on.
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ obDcr: { allowMultipleRegistrations: true } }));
  const ports = await freePorts();
  const start = (): Promise<SandboxProcess> => startSandbox(['--config', join(dir, 'config.json'), '--database', database], ports);
  const ca = readFileSync(pki.ca.cert, 'utf8');
  const tls = new Agent({ connect: { ca, cert: readFileSync(pki.tpp1.transportCert, 'utf8'), key: readFileSync(pki.tpp1.transportKey, 'utf8') } });
  const acknowledged: Acknowledged = { isDcr: [], obDcr: [], tokens: [] };
  let running = await start();
  try {
    const issuer = `${running.is}/oauth2/token`;
    const reg = await fetch(`${running.is}/api/identity/oauth2/dcr/v1.1/register`, {
      method: 'POST', dispatcher: tls, headers: { authorization: ADMIN, 'content-type': 'application/json' },
      body: JSON.stringify({ client_name: 'crash-token-client', grant_types: ['client_credentials'], token_endpoint_auth_method: 'private_key_jwt', token_endpoint_auth_signing_alg: 'PS256', jwks: await jwksFor('tpp1') }),
    });
    assert.equal(reg.status, 201);
    const tokenClient = ((await reg.json()) as { client_id: string }).client_id;
    acknowledged.isDcr.push(tokenClient);
    const product = testSoftwareProducts(pki, `${running.is}/test-directory`, 'uk').tpp1;

    for (let cycle = 0; cycle < CYCLES; cycle++) {
      const base = running;
      let stop = false;
      const until = () => stop;
      const isDcr = stream(until, async () => {
        const res = await fetch(`${base.is}/api/identity/oauth2/dcr/v1.1/register`, {
          method: 'POST', dispatcher: tls, headers: { authorization: ADMIN, 'content-type': 'application/json' },
          body: JSON.stringify({ client_name: `crash-${randomUUID()}`, grant_types: ['client_credentials'], redirect_uris: ['https://tpp.example/cb'] }),
        });
        if (res.status === 201) acknowledged.isDcr.push(((await res.json()) as { client_id: string }).client_id);
      });
      const obDcr = stream(until, async () => {
        const now = Math.floor(Date.now() / 1000);
        const ssa = await signJwt(softwareStatementClaims('uk', product, { iat: now, jti: randomUUID(), exp: now + 600 }), directorySigningKey(pki));
        const body = await signJwt(registrationRequestClaims('uk', product, ssa, { aud: issuer, iat: now, jti: randomUUID() }), tppSigningKey(pki.tpp1));
        const res = await fetch(`${base.gateway}/open-banking/v3.3.0/register`, { method: 'POST', dispatcher: tls, headers: { 'content-type': 'application/jwt' }, body });
        if (res.status === 201) acknowledged.obDcr.push(((await res.json()) as { client_id: string }).client_id);
      });
      const tokens = stream(until, async () => {
        const res = await fetch(`${base.is}/oauth2/token`, {
          method: 'POST', dispatcher: tls, headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({
            grant_type: 'client_credentials', client_id: tokenClient, client_assertion_type: ASSERTION_TYPE,
            client_assertion: await buildAssertion({ clientId: tokenClient, audience: issuer }),
          }).toString(),
        });
        if (res.status === 200) acknowledged.tokens.push(((await res.json()) as { access_token: string }).access_token);
      });
      await new Promise((r) => setTimeout(r, STREAM_MS));
      await stopSandbox(base.child, 'SIGKILL');
      stop = true;
      await Promise.all([isDcr, obDcr, tokens]);
      running = await start();
    }

    assert.ok(acknowledged.isDcr.length > 2 && acknowledged.obDcr.length > 1 && acknowledged.tokens.length > 2,
      `the streams made too little progress to prove anything: ${JSON.stringify({ isDcr: acknowledged.isDcr.length, obDcr: acknowledged.obDcr.length, tokens: acknowledged.tokens.length })}`);
    t.diagnostic(`acknowledged before ${CYCLES} kill -9: ${acknowledged.isDcr.length} IS DCR, ${acknowledged.obDcr.length} OB DCR registrations, ${acknowledged.tokens.length} tokens`);
    for (const clientId of [...acknowledged.isDcr, ...acknowledged.obDcr]) {
      const res = await fetch(`${running.is}/api/identity/oauth2/dcr/v1.1/register/${clientId}`, { dispatcher: tls, headers: { authorization: ADMIN } });
      assert.equal(res.status, 200, `acknowledged client ${clientId} is gone`);
    }
    for (const token of acknowledged.tokens) {
      const res = await fetch(`${running.is}/oauth2/introspect`, {
        method: 'POST', dispatcher: tls, headers: { authorization: ADMIN, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token }).toString(),
      });
      const body = (await res.json()) as { active: boolean; jti?: string };
      assert.equal(body.active, true, `acknowledged token ${String(decodeJwt(token).jti)} is gone`);
    }
  } finally {
    await stopSandbox(running.child, 'SIGKILL');
    await tls.close();
  }

  // Nothing half-written: the file is consistent, references hold, every row reads back.
  const db = new Database(database, { readonly: true });
  try {
    assert.equal((db.pragma('integrity_check', { simple: true }) as string), 'ok');
    assert.deepEqual(db.pragma('foreign_key_check'), []);
    for (const row of db.prepare('SELECT client_id, metadata FROM clients').all() as { client_id: string; metadata: string }[]) {
      assert.doesNotThrow(() => JSON.parse(row.metadata), `client ${row.client_id} has unreadable metadata`);
    }
    const orphans = db.prepare('SELECT COUNT(*) AS n FROM tokens WHERE client_id NOT IN (SELECT client_id FROM clients)').get() as { n: number };
    assert.equal(orphans.n, 0);
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
