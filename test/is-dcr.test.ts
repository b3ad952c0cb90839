import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createSandbox, type Sandbox } from '../mock-server/app.ts';
import { IS_DCR_BASE } from '../mock-server/is-dcr/is-dcr-app.ts';

/**
 * Identity Server DCR v1.1 through the IS listener's Hono app: the register and update rules of
 * identity-inbound-auth-oauth's DCRMService (WSO2-ISDCR-09, WSO2-ISDCR-10).
 */

const ADMIN = `Basic ${Buffer.from('admin:admin').toString('base64')}`;
const JWKS = { keys: [{ kty: 'EC', crv: 'P-256', x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU', y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0', kid: 'k1', use: 'sig' }] };

async function open(): Promise<Sandbox> {
  return createSandbox({ overrides: { database: ':memory:', profile: 'generic' }, log: () => {} });
}

async function call(s: Sandbox, method: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await s.apps.is.request(path, {
    method,
    headers: { authorization: ADMIN, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

describe('IS DCR v1.1 registration values (WSO2-ISDCR-10)', () => {
  test('empty preset id and secret are generated, twice, without a 500', async () => {
    const s = await open();
    try {
      for (const name of ['blank-a', 'blank-b']) {
        const r = await call(s, 'POST', IS_DCR_BASE, { client_name: name, grant_types: ['client_credentials'], ext_param_client_id: '', ext_param_client_secret: '' });
        assert.equal(r.status, 201, JSON.stringify(r.json));
        assert.ok(typeof r.json.client_id === 'string' && r.json.client_id.length > 0);
        assert.ok(typeof r.json.client_secret === 'string' && r.json.client_secret.length > 0);
      }
    } finally {
      s.close();
    }
  });

  test('a preset id matching the pattern is used; a refused one writes nothing', async () => {
    const s = await open();
    try {
      const ok = await call(s, 'POST', IS_DCR_BASE, { client_name: 'preset', grant_types: ['client_credentials'], ext_param_client_id: 'abcdefghij_12345' });
      assert.equal(ok.json.client_id, 'abcdefghij_12345');
      const bad = await call(s, 'POST', IS_DCR_BASE, { client_name: 'bad-preset', grant_types: ['client_credentials'], ext_param_client_id: 'a/b' });
      assert.equal(bad.status, 400);
      assert.equal(bad.json.error, 'invalid_client_metadata');
      assert.equal(s.ctx.store.clients.getByName('bad-preset'), undefined);
    } finally {
      s.close();
    }
  });
});

describe('IS DCR v1.1 update (WSO2-ISDCR-09)', () => {
  test('PUT changes the members sent, keeps the others, resets flags and swaps the key set', async () => {
    const s = await open();
    try {
      const created = await call(s, 'POST', IS_DCR_BASE, {
        client_name: 'partial', grant_types: ['client_credentials', 'authorization_code'], redirect_uris: ['https://tpp.example/cb'],
        token_endpoint_auth_method: 'private_key_jwt', jwks: JWKS, ext_pkce_mandatory: true,
      });
      assert.equal(created.status, 201, JSON.stringify(created.json));
      const id = created.json.client_id as string;

      const put = await call(s, 'PUT', `${IS_DCR_BASE}/${id}`, { ext_application_token_lifetime: 1200, redirect_uris: [], jwks_uri: '' });
      assert.equal(put.status, 200, JSON.stringify(put.json));
      assert.equal(put.json.client_name, 'partial');
      assert.equal(put.json.ext_application_token_lifetime, 1200);
      assert.deepEqual(put.json.grant_types, ['client_credentials', 'authorization_code']);
      assert.deepEqual(put.json.redirect_uris, ['https://tpp.example/cb'], 'an empty list keeps the stored one');
      assert.deepEqual(put.json.jwks, JWKS, 'an empty jwks_uri keeps the stored key set');
      assert.equal(put.json.token_endpoint_auth_method, 'private_key_jwt');
      assert.equal(put.json.ext_pkce_mandatory, false, 'a flag not sent becomes false');

      const swapped = await call(s, 'PUT', `${IS_DCR_BASE}/${id}`, { jwks_uri: 'https://tpp.example/jwks' });
      assert.equal(swapped.status, 200, JSON.stringify(swapped.json));
      assert.equal(swapped.json.jwks_uri, 'https://tpp.example/jwks');
      assert.equal(swapped.json.jwks, undefined, 'jwks_uri replaces the stored jwks');
    } finally {
      s.close();
    }
  });
});

describe('IS DCR v1.1 additionalAttributes (fsKeyManager SP properties, WSO2-DEVP-21)', () => {
  const spProperties = async (s: Sandbox, clientId: string) => {
    const found = await call(s, 'GET', `/api/server/v1/applications/?filter=${encodeURIComponent(`clientId eq ${clientId}`)}`);
    const appId = (found.json.applications as { id: string }[])[0]!.id;
    const app = await call(s, 'GET', `/api/server/v1/applications/${appId}`);
    assert.equal(app.status, 200, JSON.stringify(app.json));
    return (app.json.advancedConfigurations as { additionalSpProperties?: unknown }).additionalSpProperties;
  };

  test('POST and PUT set the application SP properties; a PUT without them keeps them; a non-scalar is refused', async () => {
    const s = await open();
    try {
      const created = await call(s, 'POST', IS_DCR_BASE, { client_name: 'attrs', grant_types: ['client_credentials'], additionalAttributes: { DisplayName: 'Shown' } });
      assert.equal(created.status, 201, JSON.stringify(created.json));
      const id = created.json.client_id as string;
      assert.equal(created.json.additionalAttributes, undefined, 'not a member of the answer');
      assert.deepEqual(await spProperties(s, id), [{ name: 'DisplayName', value: 'Shown' }]);

      const put = await call(s, 'PUT', `${IS_DCR_BASE}/${id}`, { additionalAttributes: { DisplayName: 'Shown', regulatory: true, sp_certificate: 'PEM' } });
      assert.equal(put.status, 200, JSON.stringify(put.json));
      assert.deepEqual(await spProperties(s, id), [{ name: 'DisplayName', value: 'Shown' }, { name: 'regulatory', value: 'true' }, { name: 'sp_certificate', value: 'PEM' }]);

      assert.equal((await call(s, 'PUT', `${IS_DCR_BASE}/${id}`, { ext_pkce_mandatory: true })).status, 200);
      assert.equal(((await spProperties(s, id)) as unknown[]).length, 3, 'none sent: kept');

      const bad = await call(s, 'PUT', `${IS_DCR_BASE}/${id}`, { additionalAttributes: { regulatory: { nested: true } } });
      assert.equal(bad.status, 400);
      assert.equal(bad.json.error, 'invalid_client_metadata');
      const none = await call(s, 'POST', IS_DCR_BASE, { client_name: 'no-attrs', grant_types: ['client_credentials'] });
      assert.equal(await spProperties(s, none.json.client_id as string), undefined);
    } finally {
      s.close();
    }
  });
});
