import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, fetch } from 'undici';
import { ensureTestPki } from '../pki/test-pki.ts';
import { buildAssertion, jwksFor } from '../steps/support/client-assertion.ts';
import { freePorts, startSandbox, stopSandbox } from './sandbox-process.ts';

/**
 * `npm run sandbox -- --workers 2` (node:cluster, one SQLite file): a jti is single-use across the
 * workers, and a client updated or deleted through one worker is never served stale by another.
 */
const ADMIN = `Basic ${Buffer.from('admin:admin').toString('base64')}`;
const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const TRIES = 16;

test('two workers share jti single use and never serve a changed client stale', { timeout: 120_000 }, async (t) => {
  const pki = await ensureTestPki();
  const dir = mkdtempSync(join(tmpdir(), 'obc-workers-'));
  const ca = readFileSync(pki.ca.cert, 'utf8');
  const tls = new Agent({ connect: { ca, cert: readFileSync(pki.tpp1.transportCert, 'utf8'), key: readFileSync(pki.tpp1.transportKey, 'utf8') }, pipelining: 0 });
  const sandbox = await startSandbox(['--workers', '2', '--database', join(dir, 'sandbox.db')], await freePorts());
  t.diagnostic(`two workers listening after ${sandbox.startMs} ms`);
  try {
    const register = `${sandbox.is}/api/identity/oauth2/dcr/v1.1/register`;
    const issuer = `${sandbox.is}/oauth2/token`;
    const created = await fetch(register, {
      method: 'POST', dispatcher: tls, headers: { authorization: ADMIN, 'content-type': 'application/json' },
      body: JSON.stringify({ client_name: 'workers-app', grant_types: ['client_credentials'], token_endpoint_auth_method: 'private_key_jwt', token_endpoint_auth_signing_alg: 'PS256', jwks: await jwksFor('tpp1') }),
    });
    assert.equal(created.status, 201);
    const clientId = ((await created.json()) as { client_id: string }).client_id;
    // A fresh connection per request, so the requests spread over both workers (round robin).
    const token = async (assertion?: string) => {
      const agent = new Agent({ connect: { ca, cert: readFileSync(pki.tpp1.transportCert, 'utf8'), key: readFileSync(pki.tpp1.transportKey, 'utf8') } });
      try {
        const res = await fetch(issuer, {
          method: 'POST', dispatcher: agent, headers: { 'content-type': 'application/x-www-form-urlencoded', connection: 'close' },
          body: new URLSearchParams({
            grant_type: 'client_credentials', client_id: clientId, client_assertion_type: ASSERTION_TYPE,
            client_assertion: assertion ?? (await buildAssertion({ clientId, audience: issuer })),
          }).toString(),
        });
        return { status: res.status, body: (await res.json()) as { error?: string } };
      } finally {
        await agent.close();
      }
    };

    // CAUTH-09 across workers: one assertion, many concurrent uses, one token.
    const once = await buildAssertion({ clientId, audience: issuer });
    const statuses = (await Promise.all(Array.from({ length: TRIES }, () => token(once)))).map((r) => r.status).sort();
    assert.deepEqual(statuses, [200, ...Array<number>(TRIES - 1).fill(401)]);

    // Updated through one worker: no worker still grants client_credentials.
    const updated = await fetch(`${register}/${clientId}`, {
      method: 'PUT', dispatcher: tls, headers: { authorization: ADMIN, 'content-type': 'application/json' },
      body: JSON.stringify({ grant_types: ['authorization_code'], redirect_uris: ['https://tpp.example/cb'] }),
    });
    assert.equal(updated.status, 200);
    for (const r of await Promise.all(Array.from({ length: TRIES }, () => token()))) {
      assert.equal(r.body.error, 'unauthorized_client');
    }

    // Deleted through one worker: every worker refuses the client.
    const deleted = await fetch(`${register}/${clientId}`, { method: 'DELETE', dispatcher: tls, headers: { authorization: ADMIN } });
    assert.equal(deleted.status, 204);
    for (const r of await Promise.all(Array.from({ length: TRIES }, () => token()))) {
      assert.equal(r.status, 401);
    }
  } finally {
    await stopSandbox(sandbox.child, 'SIGTERM');
    await tls.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
