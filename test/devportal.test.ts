import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningSandbox } from '../mock-server/listeners.ts';
import { ADMIN, basic, call, keyManagerAt, runningSandbox } from './devportal-helpers.ts';

/** The developer portal end to end over HTTPS: sign-up, application, subscription, keys, out-of-band keys. */

const DEV = '/api/am/devportal/v3';

describe('developer portal', () => {
  let s: RunningSandbox;
  const tpp = basic('tpp-one', 'tpp-one-pw');
  const other = basic('tpp-two', 'tpp-two-pw');
  before(async () => {
    s = await runningSandbox({ profile: 'generic' });
    for (const [u, p] of [['tpp-one', 'tpp-one-pw'], ['tpp-two', 'tpp-two-pw']]) {
      const r = await call('POST', `${s.urls.apim}/api/identity/user/v1.0/me`, { auth: ADMIN, json: { user: { username: u, password: p, claims: [] }, properties: [] } });
      assert.equal(r.status, 201, r.text);
    }
  });
  after(async () => s.close());

  test('sign-up refuses a taken name with 20030', async () => {
    const r = await call('POST', `${s.urls.apim}/api/identity/user/v1.0/me`, { auth: ADMIN, json: { user: { username: 'tpp-one', password: 'x' } } });
    assert.equal(r.status, 409);
    assert.deepEqual(r.json, { code: '20030', message: 'Conflict', description: 'User tpp-one already exists in the system. Please use a different username.' });
  });

  test('a signed-up user is found and deleted through SCIM2 /Users by the admin only', async () => {
    const r = await call('POST', `${s.urls.apim}/api/identity/user/v1.0/me`, { auth: ADMIN, json: { user: { username: 'tpp-gone', password: 'pw-gone' } } });
    assert.equal(r.status, 201);
    const filter = encodeURIComponent('userName eq tpp-gone');
    assert.equal((await call('GET', `${s.urls.apim}/scim2/Users?filter=${filter}`, { auth: tpp })).status, 401);
    const found = await call('GET', `${s.urls.apim}/scim2/Users?filter=${filter}`, { auth: ADMIN });
    assert.equal(found.json.totalResults, 1);
    const id = found.json.Resources[0].id as string;
    assert.equal((await call('DELETE', `${s.urls.apim}/scim2/Users/${id}`, { auth: ADMIN })).status, 204);
    assert.equal((await call('GET', `${s.urls.apim}${DEV}/applications`, { auth: basic('tpp-gone', 'pw-gone') })).status, 401);
    assert.equal((await call('DELETE', `${s.urls.apim}/scim2/Users/${id}`, { auth: ADMIN })).status, 404);
  });

  test('seed 000 with the Resident Key Manager and with an fsKeyManager at the IS listener', async () => {
    const app = await call('POST', `${s.urls.apim}${DEV}/applications`, { auth: tpp, json: { name: 'TppApp', throttlingPolicy: 'Unlimited', description: 'x' } });
    assert.equal(app.status, 201, app.text);
    const appId = app.json.applicationId as string;
    const dup = await call('POST', `${s.urls.apim}${DEV}/applications`, { auth: tpp, json: { name: 'tppapp', throttlingPolicy: 'Unlimited' } });
    assert.equal(dup.status, 409);
    const apis = await call('GET', `${s.urls.apim}${DEV}/apis`);
    const accounts = (apis.json.list as { id: string; name: string }[]).find((a) => a.name === 'AccountandTransactionAPI')!;
    const sub = await call('POST', `${s.urls.apim}${DEV}/subscriptions`, { auth: tpp, json: { applicationId: appId, apiId: accounts.id, throttlingPolicy: 'Gold' } });
    assert.equal(sub.status, 201, sub.text);
    const bronze = await call('POST', `${s.urls.apim}${DEV}/subscriptions`, { auth: tpp, json: { applicationId: appId, apiId: accounts.id, throttlingPolicy: 'Bronze' } });
    assert.equal(bronze.status, 403);
    assert.equal(bronze.json.code, 902002);

    const keys = await call('POST', `${s.urls.apim}${DEV}/applications/${appId}/generate-keys`, {
      auth: tpp, json: { keyType: 'SANDBOX', grantTypesToBeSupported: ['client_credentials'], scopes: ['default'], validityTime: '3600' },
    });
    assert.equal(keys.status, 200, keys.text);
    assert.equal(keys.json.mode, 'CREATED');
    assert.equal(keys.json.keyManager, 'Resident Key Manager');
    // The Resident KM's client lives at API Manager's own keymanager-operations.
    const resident = await call('GET', `${s.urls.apim}/keymanager-operations/dcr/register/${Buffer.from(keys.json.consumerKey as string).toString('base64url')}`, { auth: ADMIN });
    assert.equal(resident.status, 200, resident.text);
    assert.equal(resident.json.client_name, `tpp-one_${appId}_SANDBOX`);

    const km = await call('POST', `${s.urls.apim}/api/am/admin/v4/key-managers`, { auth: ADMIN, json: keyManagerAt(s.urls.is, 'IS7KM') });
    assert.equal(km.status, 201, km.text);
    const fs = await call('POST', `${s.urls.apim}${DEV}/applications/${appId}/generate-keys`, {
      auth: tpp,
      json: {
        keyType: 'PRODUCTION', keyManager: km.json.id, grantTypesToBeSupported: ['authorization_code', 'client_credentials', 'refresh_token'],
        callbackUrl: 'https://tpp.example.com/callback', scopes: ['accounts'],
        additionalProperties: { ext_pkce_mandatory: 'true', ext_pkce_support_plain: 'false', ext_public_client: 'false', regulatory: 'false' },
      },
    });
    assert.equal(fs.status, 200, fs.text);
    assert.equal(fs.json.keyManager, km.json.id);
    assert.equal(fs.json.additionalProperties.ext_pkce_mandatory, true);
    assert.ok(fs.json.token.accessToken);
    const atIs = await call('GET', `${s.urls.is}/api/identity/oauth2/dcr/v1.1/register/${fs.json.consumerKey as string}`, { auth: ADMIN });
    assert.equal(atIs.status, 200);
    assert.equal(atIs.json.client_name, `tpp-one_${appId}_PRODUCTION`);

    const list = await call('GET', `${s.urls.apim}${DEV}/applications/${appId}/oauth-keys`, { auth: tpp });
    assert.equal(list.json.count, 2, list.text);
    const again = await call('GET', `${s.urls.apim}${DEV}/applications/${appId}/oauth-keys`, { auth: other });
    assert.equal(again.status, 403);

    const token = await call('POST', `${s.urls.apim}${DEV}/applications/${appId}/oauth-keys/${fs.json.keyMappingId as string}/generate-token`, {
      auth: tpp, json: { validityPeriod: 3600, scopes: ['accounts'] },
    });
    assert.equal(token.status, 200, token.text);

    // Seed 002: a client made at IS, mapped into a second application.
    const client = await call('POST', `${s.urls.is}/api/identity/oauth2/dcr/v1.1/register`, {
      auth: ADMIN, json: { client_name: 'oob-client', grant_types: ['client_credentials'], token_type_extension: 'JWT' },
    });
    assert.equal(client.status, 201, client.text);
    const app2 = await call('POST', `${s.urls.apim}${DEV}/applications`, { auth: tpp, json: { name: 'Mapped', throttlingPolicy: 'Unlimited' } });
    const wrong = await call('POST', `${s.urls.apim}${DEV}/applications/${app2.json.applicationId as string}/map-keys`, {
      auth: tpp, json: { consumerKey: client.json.client_id, consumerSecret: 'wrong', keyType: 'PRODUCTION', keyManager: 'IS7KM' },
    });
    assert.equal(wrong.status, 500);
    const mapped = await call('POST', `${s.urls.apim}${DEV}/applications/${app2.json.applicationId as string}/map-keys`, {
      auth: tpp, json: { consumerKey: client.json.client_id, consumerSecret: client.json.client_secret, keyType: 'PRODUCTION', keyManager: 'IS7KM' },
    });
    assert.equal(mapped.status, 200, mapped.text);
    assert.equal(mapped.json.mode, 'MAPPED');
    assert.deepEqual(mapped.json.supportedGrantTypes, ['client_credentials']);
    const twice = await call('POST', `${s.urls.apim}${DEV}/applications/${appId}/map-keys`, {
      auth: tpp, json: { consumerKey: client.json.client_id, consumerSecret: client.json.client_secret, keyType: 'SANDBOX', keyManager: 'IS7KM' },
    });
    assert.equal(twice.status, 409);
    assert.equal(twice.json.code, 901409);

    const del = await call('DELETE', `${s.urls.apim}${DEV}/applications/${app2.json.applicationId as string}`, { auth: tpp });
    assert.equal(del.status, 200);
    const still = await call('GET', `${s.urls.is}/api/identity/oauth2/dcr/v1.1/register/${client.json.client_id as string}`, { auth: ADMIN });
    assert.equal(still.status, 200);
  });
});

describe('out-of-band keys with enable_provisioned_app_validation = false', () => {
  let s: RunningSandbox;
  const tpp = basic('tpp-nv', 'tpp-nv-pw');
  before(async () => {
    s = await runningSandbox({ profile: 'generic', apim: { keyManager: { type: 'default', enableProvisionedAppValidation: false }, devportal: { enableKeyProvisioning: true } } });
    const r = await call('POST', `${s.urls.apim}/api/identity/user/v1.0/me`, { auth: ADMIN, json: { user: { username: 'tpp-nv', password: 'tpp-nv-pw' } } });
    assert.equal(r.status, 201, r.text);
  });
  after(async () => s.close());

  test('the pair is stored as given without a key manager call, and listed without its secret', async () => {
    const app = await call('POST', `${s.urls.apim}${DEV}/applications`, { auth: tpp, json: { name: 'NoValidation', throttlingPolicy: 'Unlimited' } });
    const appId = app.json.applicationId as string;
    // A client no key manager knows: with validation off nothing asks.
    const mapped = await call('POST', `${s.urls.apim}${DEV}/applications/${appId}/map-keys`, {
      auth: tpp, json: { consumerKey: 'never-registered-anywhere', consumerSecret: 'as-given', keyType: 'PRODUCTION' },
    });
    assert.equal(mapped.status, 200, mapped.text);
    assert.deepEqual(
      { mode: mapped.json.mode, consumerSecret: mapped.json.consumerSecret, supportedGrantTypes: mapped.json.supportedGrantTypes, callbackUrl: mapped.json.callbackUrl, keyManager: mapped.json.keyManager },
      { mode: 'MAPPED', consumerSecret: 'as-given', supportedGrantTypes: [], callbackUrl: null, keyManager: 'Resident Key Manager' },
    );
    const list = await call('GET', `${s.urls.apim}${DEV}/applications/${appId}/oauth-keys`, { auth: tpp });
    assert.equal(list.json.count, 1);
    assert.equal(list.json.list[0].consumerKey, 'never-registered-anywhere');
    assert.equal(list.json.list[0].consumerSecret, null);
  });

  test('settings show mapExistingAuthApps from [apim.devportal] enable_key_provisioning, and the Resident KM its default', async () => {
    const settings = await call('GET', `${s.urls.apim}${DEV}/settings`);
    assert.equal(settings.json.mapExistingAuthApps, true);
    const kms = await call('GET', `${s.urls.apim}${DEV}/key-managers`, { auth: tpp });
    const resident = (kms.json.list as { name: string; enableMapOAuthConsumerApps: boolean }[]).find((k) => k.name === 'Resident Key Manager');
    assert.equal(resident?.enableMapOAuthConsumerApps, true);
  });
});
