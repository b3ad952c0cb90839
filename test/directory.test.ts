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
  clientId: 'c', clientName: 'c', clientSecret: undefined, hasSecret: false, softwareId: undefined, metadata: { jwks_uri: jwksUri }, createdAt: 0, updatedAt: 0,
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
    const r = registeredKeys(client(`${URLS.is}/test-directory/software/${pki.tpp1.softwareId}/jwks`));
    assert.ok(r.ok && r.keys.length === 1);
    assert.equal(registeredKeys(client('https://elsewhere.example.com/jwks')).ok, false);
  });
});
