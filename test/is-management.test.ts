import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createSandbox, type Sandbox } from '../mock-server/app.ts';

/** The Identity Server APIs a key manager calls: keymanager-operations DCR and the scope API v1.0. */

const ADMIN = `Basic ${Buffer.from('admin:admin').toString('base64')}`;
const KMOPS = '/keymanager-operations/dcr/register';
const SCOPES = '/api/identity/oauth2/v1.0/scopes';
const b64 = (id: string) => Buffer.from(id).toString('base64url');

async function call(s: Sandbox, method: string, path: string, body?: unknown, authorization = ADMIN) {
  const res = await s.apps.is.request(path, {
    method,
    headers: { authorization, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

async function withSandbox(fn: (s: Sandbox) => Promise<void>) {
  const s = await createSandbox({ overrides: { database: ':memory:' }, log: () => {} });
  try {
    await fn(s);
  } finally {
    s.close();
  }
}

describe('keymanager-operations DCR', () => {
  test('register, get, update, regenerate, change owner and delete by base64url client id', () => withSandbox(async (s) => {
    const r = await call(s, 'POST', KMOPS, { client_name: 'admin_app_PRODUCTION', grant_types: ['client_credentials'], redirect_uris: [], token_type_extension: 'JWT', ext_application_owner: 'admin' });
    assert.equal(r.status, 201, r.text);
    assert.deepEqual(Object.keys(r.json), ['client_id', 'client_secret', 'client_secret_expires_at', 'redirect_uris', 'client_name', 'grant_types', 'ext_application_owner',
      'ext_application_token_lifetime', 'ext_user_token_lifetime', 'ext_refresh_token_lifetime', 'ext_id_token_lifetime', 'pkceMandatory', 'pkceSupportPlain', 'bypassClientCredentials', 'token_type_extension']);
    assert.equal(r.json.client_secret_expires_at, null);
    const id = r.json.client_id as string;
    assert.equal((await call(s, 'GET', `${KMOPS}/${b64(id)}`)).json.client_id, id);
    assert.equal((await call(s, 'GET', `/t/carbon.super${KMOPS}/${b64(id)}`)).status, 200);
    const put = await call(s, 'PUT', `${KMOPS}/${b64(id)}`, { client_id: id, grant_types: ['client_credentials', 'refresh_token'] });
    assert.deepEqual(put.json.grant_types, ['client_credentials', 'refresh_token']);
    const regen = await call(s, 'POST', `${KMOPS}/${b64(id)}/regenerate-consumer-secret`);
    assert.notEqual(regen.json.client_secret, r.json.client_secret);
    const owner = await call(s, 'POST', `${KMOPS}/${b64(id)}/change-owner?applicationOwner=tpp1`);
    assert.equal(owner.json.ext_application_owner, 'tpp1');
    const del = await call(s, 'DELETE', `${KMOPS}/${b64(id)}`);
    assert.deepEqual([del.status, del.text], [204, '']);
    const gone = await call(s, 'GET', `${KMOPS}/${b64(id)}`);
    assert.deepEqual([gone.status, gone.text], [401, '']);
    assert.equal((await call(s, 'POST', `${KMOPS}/${b64(id)}/regenerate-consumer-secret`)).status, 500);
  }));

  test('a duplicate name is 400 with code null; no credentials is 401', () => withSandbox(async (s) => {
    await call(s, 'POST', KMOPS, { client_name: 'dup', grant_types: ['client_credentials'] });
    const dup = await call(s, 'POST', KMOPS, { client_name: 'dup', grant_types: ['client_credentials'] });
    assert.equal(dup.status, 400);
    assert.deepEqual(dup.json, { code: null, message: 'invalid_client_metadata', description: 'Application with the name dup already exist in the system' });
    assert.equal((await call(s, 'POST', KMOPS, { client_name: 'x' }, '')).status, 401);
  }));
});

describe('OAuth2 scope API v1.0', () => {
  test('create, read, head, update, list and delete; the product\'s error codes', () => withSandbox(async (s) => {
    const created = await call(s, 'POST', SCOPES, { name: 'accounts_read', displayName: 'Read accounts', description: 'd', bindings: ['admin'] });
    assert.equal(created.status, 201, created.text);
    assert.equal(created.headers.get('location'), `${s.ctx.urls.is}${SCOPES}/name/accounts_read`);
    assert.equal((await call(s, 'GET', `${SCOPES}/name/accounts_read`)).json.displayName, 'Read accounts');
    assert.equal((await call(s, 'HEAD', `${SCOPES}/name/accounts_read`)).status, 200);
    assert.equal((await call(s, 'HEAD', `${SCOPES}/name/nope`)).status, 404);
    assert.equal((await call(s, 'PUT', `${SCOPES}/name/accounts_read`, { displayName: 'Accounts', bindings: [] })).json.displayName, 'Accounts');
    const dup = await call(s, 'POST', SCOPES, { name: 'accounts_read', displayName: 'x' });
    assert.deepEqual([dup.status, dup.json], [409, { code: '41004', message: 'Conflict', description: 'Scope with the name accounts_read already exists in the system. Please use a different scope name.' }]);
    assert.deepEqual((await call(s, 'POST', SCOPES, { displayName: 'x' })).json.code, '41001');
    assert.deepEqual((await call(s, 'POST', SCOPES, { name: 'x' })).json.code, '41002');
    assert.deepEqual((await call(s, 'POST', SCOPES, { name: 'a b', displayName: 'x' })).json.code, '41006');
    assert.deepEqual((await call(s, 'POST', SCOPES, { name: 'a/b', displayName: 'x' })).json.code, '41011');
    const internal = await call(s, 'POST', SCOPES, { name: 'internal_x', displayName: 'x' });
    assert.deepEqual([internal.status, internal.json.code], [400, '41008']);
    const del = await call(s, 'DELETE', `${SCOPES}/name/accounts_read`);
    assert.equal(del.status, 200);
    const missing = await call(s, 'GET', `${SCOPES}/name/accounts_read`);
    assert.deepEqual([missing.status, missing.json], [404, { code: '41003', message: 'Not Found', description: 'Scope accounts_read is not found.' }]);
  }));
});
