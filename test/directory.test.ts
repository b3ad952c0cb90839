import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createSandbox, type Sandbox } from '../mock-server/app.ts';
import { isAllowed, resolveJwks, resolveJwksSync } from '../mock-server/directory/jwks-resolver.ts';
import { registeredKeys } from '../mock-server/security/client-keys.ts';
import type { ClientRecord } from '../mock-server/store/clients.ts';
import { ensureTestPki, type TestPki } from '../pki/test-pki.ts';

const URLS = { is: 'https://localhost:9446', apim: 'https://localhost:9443', gateway: 'https://localhost:8243' };
let pki: TestPki;
let s: Sandbox;
before(async () => {
  pki = await ensureTestPki();
  s = await createSandbox({ overrides: { database: ':memory:' }, urls: URLS, log: () => {} });
});
after(() => s.close());

const client = (jwksUri: string): ClientRecord => ({
  clientId: 'c', clientName: 'c', clientSecret: undefined, softwareId: undefined, metadata: { jwks_uri: jwksUri }, createdAt: 0, updatedAt: 0,
});

describe('software JWKS resolution', () => {
  test('only allow-listed https URLs are used; the default list is the own test directory', () => {
    assert.equal(isAllowed(s.ctx, `${URLS.is}/test-directory/software/x/jwks`), true);
    assert.equal(isAllowed(s.ctx, 'https://keystore.openbankingtest.org.uk/x.jwks'), false);
    assert.equal(isAllowed(s.ctx, `http://localhost:9446/test-directory/software/x/jwks`), false);
    assert.equal(isAllowed(s.ctx, `https://user@localhost:9446/test-directory/x`), false);
  });

  test('the own directory answers in-process, for the software and its organisation', async () => {
    const soft = await resolveJwks(s.ctx, `${URLS.is}/test-directory/software/${pki.tpp1.softwareId}/jwks`);
    assert.ok(soft.ok && soft.keys[0]?.kid === pki.tpp1.signingKid);
    const org = resolveJwksSync(s.ctx, `${URLS.is}/test-directory/organisations/${pki.tpp2.orgId}/jwks`);
    assert.ok(org.ok && org.keys[0]?.kid === pki.tpp2.signingKid);
    assert.equal((await resolveJwks(s.ctx, `${URLS.is}/test-directory/software/unknown/jwks`)).ok, false);
  });

  test('a URL off the list is never fetched', async () => {
    const r = await resolveJwks(s.ctx, 'https://127.0.0.1:1/evil.jwks');
    assert.equal(r.ok, false);
    assert.match((r as { reason: string }).reason, /allow-list/);
  });

  test('jwks_uri clients get their keys through the sandbox resolver (private_key_jwt)', () => {
    const r = registeredKeys(s.ctx.jwksUris, client(`${URLS.is}/test-directory/software/${pki.tpp1.softwareId}/jwks`));
    assert.ok(r.ok && r.keys.length === 1);
    assert.equal(registeredKeys(s.ctx.jwksUris, client('https://elsewhere.example.com/jwks')).ok, false);
  });
});

describe('a remote jwks_uri on the allow-list', () => {
  test('is fetched over HTTPS (the sandbox trusts its CAs), cached, and fetched again once stale', async () => {
    const { createServer } = await import('node:https');
    const { readFileSync } = await import('node:fs');
    const { randomUUID } = await import('node:crypto');
    const { ControllableClock } = await import('../mock-server/clock.ts');
    const { buildAssertion } = await import('../steps/support/client-assertion.ts');
    const jwks = readFileSync(pki.tpp1.signingJwks, 'utf8');
    let fetches = 0;
    const server = createServer({ cert: readFileSync(pki.server.cert, 'utf8'), key: readFileSync(pki.server.key, 'utf8') }, (req, res) => {
      fetches++;
      res.writeHead(req.url === '/keys/tpp1.jwks' ? 200 : 404, { 'content-type': 'application/json' }).end(req.url === '/keys/tpp1.jwks' ? jwks : '{}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as import('node:net').AddressInfo).port;
    const clock = new ControllableClock();
    const remote = await createSandbox({
      overrides: { database: ':memory:', profile: 'generic', obDcr: { jwksUriAllowList: [`https://localhost:${port}/keys/`] } },
      urls: URLS,
      log: () => {},
      clock,
      trustedCaPems: [readFileSync(pki.ca.cert, 'utf8')],
    });
    try {
      const reg = await remote.apps.is.request('/api/identity/oauth2/dcr/v1.1/register', {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}`, 'content-type': 'application/json' },
        body: JSON.stringify({ client_name: `remote-${randomUUID().slice(0, 8)}`, grant_types: ['client_credentials'], token_endpoint_auth_method: 'private_key_jwt', token_endpoint_auth_signing_alg: 'PS256', jwks_uri: `https://localhost:${port}/keys/tpp1.jwks` }),
      });
      assert.equal(reg.status, 201, await reg.clone().text());
      const { client_id: clientId } = (await reg.json()) as { client_id: string };
      const token = async () => {
        const assertion = await buildAssertion({ clientId, audience: `${URLS.is}/oauth2/token` });
        const res = await remote.apps.is.request('/oauth2/token', {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: assertion }).toString(),
        });
        return res.status;
      };
      assert.equal(await token(), 200, 'first use fetches the key set');
      assert.equal(await token(), 200);
      assert.equal(fetches, 1, 'the second use is served from the cache');
      clock.advance(301);
      assert.equal(await token(), 200, 'a stale key set is fetched again, not a failure');
      assert.equal(fetches, 2);
    } finally {
      remote.close();
      server.close();
    }
  });
});
