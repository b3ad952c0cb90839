import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createSandbox, type Sandbox } from '../mock-server/app.ts';

/**
 * The Identity Server 7 APIs the WSO2-IS-7 and fsKeyManager key managers call: the fsKeyManager's
 * application extras, API resources and SCIM2 Roles v2 (apim-surface §5.3, §5.5, §5.6).
 */

const ADMIN = `Basic ${Buffer.from('admin:admin').toString('base64')}`;
const DCR = '/api/identity/oauth2/dcr/v1.1/register';
const APPS = '/api/server/v1/applications';
const RES = '/api/server/v1/api-resources';
const ROLES = '/scim2/v2/Roles';

async function call(s: Sandbox, method: string, path: string, body?: unknown, authorization = ADMIN) {
  const res = await s.apps.is.request(path, {
    method,
    headers: { authorization, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

async function withSandbox(fn: (s: Sandbox) => Promise<void>, faults: string[] = []) {
  const s = await createSandbox({ overrides: { database: ':memory:', faults }, log: () => {} });
  try {
    await fn(s);
  } finally {
    s.close();
  }
}

const register = async (s: Sandbox, name: string) => {
  const r = await call(s, 'POST', DCR, { client_name: name, grant_types: ['client_credentials'], redirect_uris: [] });
  assert.equal(r.status, 201, r.text);
  return r.json.client_id as string;
};

describe('applications (fsKeyManager extras)', () => {
  test('search by clientId as the fsKeyManager sends it, read, and PATCH the certificate', () => withSandbox(async (s) => {
    const clientId = await register(s, 'tpp1_app_PRODUCTION');
    await register(s, 'other_app');
    // FS IdentityServerUtils: `/api/server/v1/applications/?filter=clientId+eq+<id>`.
    const found = await call(s, 'GET', `${APPS}/?filter=clientId+eq+${clientId}`);
    assert.equal(found.status, 200, found.text);
    assert.equal(found.json.totalResults, 1);
    const [item] = found.json.applications as Record<string, unknown>[];
    assert.equal(item!.clientId, clientId);
    assert.equal(item!.name, 'tpp1_app_PRODUCTION');
    const appId = item!.id as string;
    assert.equal(item!.self, `/t/carbon.super${APPS}/${appId}`);
    // The same id on every search.
    assert.equal(((await call(s, 'GET', `${APPS}?filter=${encodeURIComponent('name eq tpp1_app_PRODUCTION')}`)).json.applications as { id: string }[])[0]!.id, appId);
    assert.equal((await call(s, 'GET', `${APPS}?filter=${encodeURIComponent('name sw tpp1_')}`)).json.totalResults, 1);
    assert.equal((await call(s, 'GET', `${APPS}?filter=${encodeURIComponent('clientId eq nobody')}`)).json.totalResults, 0);
    assert.equal((await call(s, 'GET', APPS)).json.totalResults, 2);

    const read = await call(s, 'GET', `${APPS}/${appId}`);
    assert.equal(read.status, 200);
    assert.equal(read.json.clientId, clientId);
    assert.equal((read.json.advancedConfigurations as Record<string, unknown>).certificate, undefined);

    const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----';
    const patch = await call(s, 'PATCH', `${APPS}/${appId}`, { advancedConfigurations: { certificate: { type: 'PEM', value: pem } } });
    assert.deepEqual([patch.status, patch.text], [200, '']);
    const after = await call(s, 'GET', `${APPS}/${appId}`);
    assert.deepEqual((after.json.advancedConfigurations as Record<string, unknown>).certificate, { type: 'PEM', value: pem });

    // identity-api-server updateCertificate ignores a type other than PEM or JWKS (WSO2-ISMGMT-27).
    const other = await call(s, 'PATCH', `${APPS}/${appId}`, { advancedConfigurations: { certificate: { type: 'X509', value: 'x' } } });
    assert.equal(other.status, 200);
    const kept = await call(s, 'GET', `${APPS}/${appId}`);
    assert.deepEqual((kept.json.advancedConfigurations as Record<string, unknown>).certificate, { type: 'PEM', value: pem });
    const bad = await call(s, 'PATCH', `${APPS}/${appId}`, { advancedConfigurations: { certificate: 'not an object' } });
    assert.equal(bad.status, 400);
    // Deleting the client deletes its application.
    assert.equal((await call(s, 'DELETE', `${DCR}/${clientId}`)).status, 204);
    assert.equal((await call(s, 'GET', `${APPS}/${appId}`)).status, 404);
  }));

  test('filter errors are APP-60004, an unknown id APP-60006, and the admin is required', () => withSandbox(async (s) => {
    const q = (f: string) => call(s, 'GET', `${APPS}?filter=${encodeURIComponent(f)}`);
    const format = await q('clientId');
    assert.equal(format.status, 400);
    assert.deepEqual([format.json.code, format.json.message], ['APP-60004', 'Invalid filter query format.']);
    assert.equal(typeof format.json.traceId, 'string');
    const attr = await q('owner eq admin');
    assert.deepEqual([attr.status, attr.json.description],
      [400, "Filtering cannot be done with the 'owner' attribute. Filtering is only supported with 'name', 'clientId', and 'issuer' attributes."]);
    const op = await q('name gt a');
    assert.deepEqual([op.status, op.json.message], [400, 'Attempted filtering operation is invalid.']);
    const missing = await call(s, 'GET', `${APPS}/no-such-app`);
    assert.equal(missing.status, 404);
    assert.deepEqual([missing.json.code, missing.json.message, missing.json.description],
      ['APP-60006', 'Application not found.', 'Application cannot be found for the provided id: no-such-app in the tenantDomain: carbon.super.']);
    assert.equal((await call(s, 'PATCH', `${APPS}/no-such-app`, {})).status, 404);
    const anonymous = await call(s, 'GET', APPS, undefined, '');
    assert.deepEqual([anonymous.status, anonymous.text], [401, '']);
  }));
});

describe('API resources', () => {
  test('the connector flow: search, create, add scopes, update and delete a scope', () => withSandbox(async (s) => {
    const search = () => call(s, 'GET', `${RES}?filter=${encodeURIComponent('identifier eq User-defined-oauth2-resource')}`);
    assert.deepEqual((await search()).json, { totalResults: 0, links: [], apiResources: [] });
    const created = await call(s, 'POST', RES, {
      identifier: 'User-defined-oauth2-resource', name: 'User-defined OAuth2 Resource', description: 'This is Default OAuth2 Resource Representation',
      requiresAuthorization: true, scopes: [{ name: 'accounts', displayName: 'Accounts', description: 'Read accounts' }],
    });
    assert.equal(created.status, 201, created.text);
    const id = created.json.id as string;
    assert.equal(created.headers.get('location')?.endsWith(`${RES}/${id}`), true);
    assert.equal(created.json.type, 'BUSINESS');
    assert.equal((created.json.scopes as unknown[]).length, 1);
    const found = await search();
    assert.equal(found.json.totalResults, 1);
    assert.equal((found.json.apiResources as { id: string }[])[0]!.id, id);

    const add = await call(s, 'PATCH', `${RES}/${id}`, { addedScopes: [{ name: 'payments', displayName: 'Payments' }, { name: 'funds' }] });
    assert.deepEqual([add.status, add.text], [204, '']);
    const scopes = await s.apps.is.request(`${RES}/${id}/scopes`, { headers: { authorization: ADMIN } });
    const list = (await scopes.json()) as { name: string; displayName: string }[];
    assert.deepEqual(list.map((x) => [x.name, x.displayName]), [['accounts', 'Accounts'], ['payments', 'Payments'], ['funds', 'funds']]);

    const dupScope = await call(s, 'PATCH', `${RES}/${id}`, { addedScopes: [{ name: 'accounts' }] });
    assert.deepEqual([dupScope.status, dupScope.json.code], [409, 'API-RESOURCE-60004']);
    const dup = await call(s, 'POST', RES, { identifier: 'User-defined-oauth2-resource', name: 'again' });
    assert.deepEqual([dup.status, dup.json.code, dup.json.description], [409, 'API-RESOURCE-60003', 'API resource already exists for the tenant: carbon.super.']);
    const removed = await call(s, 'PATCH', `${RES}/${id}`, { removedScopes: ['funds'] });
    assert.deepEqual([removed.status, removed.json.code], [501, 'API-RESOURCE-60006']);

    assert.equal((await call(s, 'PATCH', `${RES}/${id}/scopes/payments`, { displayName: 'Make payments' })).status, 204);
    assert.equal((await call(s, 'PATCH', `${RES}/${id}/scopes/nothing`, { displayName: 'x' })).status, 404);
    assert.equal((await call(s, 'DELETE', `${RES}/${id}/scopes/funds`)).status, 204);
    const names = ((await call(s, 'GET', `${RES}/${id}`)).json.scopes as { name: string; displayName: string }[]).map((x) => `${x.name}:${x.displayName}`);
    assert.deepEqual(names, ['accounts:Accounts', 'payments:Make payments']);

    assert.equal((await call(s, 'DELETE', `${RES}/${id}`)).status, 204);
    assert.equal((await call(s, 'DELETE', `${RES}/${id}`)).status, 204);
    const gone = await call(s, 'GET', `${RES}/${id}/scopes`);
    assert.deepEqual([gone.status, gone.json.code], [404, 'API-RESOURCE-60002']);
  }));

  test('validation: name, identifier, scope names, filter and limit', () => withSandbox(async (s) => {
    assert.equal((await call(s, 'POST', RES, { identifier: 'x' })).json.code, 'API-RESOURCE-60003');
    assert.equal((await call(s, 'POST', RES, { name: 'x' })).json.code, 'API-RESOURCE-60004');
    assert.equal((await call(s, 'POST', RES, { name: 'x', identifier: 'x', scopes: [{ displayName: 'no name' }] })).json.code, 'API-RESOURCE-60005');
    assert.equal((await call(s, 'GET', `${RES}?filter=owner+eq+x`)).json.code, 'API-RESOURCE-60001');
    assert.equal((await call(s, 'GET', `${RES}?limit=0`)).json.code, 'API-RESOURCE-60010');
    // Nothing was written by the refused requests.
    assert.equal((await call(s, 'GET', RES)).json.totalResults, 0);
  }));
});

describe('SCIM2 Roles v2', () => {
  test('create with API resource scopes, search, replace the permissions, delete', () => withSandbox(async (s) => {
    await call(s, 'POST', RES, { identifier: 'res', name: 'res', scopes: [{ name: 'accounts', displayName: 'Accounts' }, { name: 'payments', displayName: 'Payments' }] });
    // The connector's create body: no schemas, no audience.
    const created = await call(s, 'POST', ROLES, { displayName: 'system_primary_subscriber', permissions: [{ value: 'accounts', display: 'accounts' }] });
    assert.equal(created.status, 201, created.text);
    assert.equal(created.headers.get('content-type'), 'application/scim+json');
    const id = created.json.id as string;
    assert.equal(created.headers.get('location'), (created.json.meta as { location: string }).location);
    assert.deepEqual(created.json.schemas, ['urn:ietf:params:scim:schemas:extension:2.0:Role']);
    // SCIMRoleManagerV2.createRole answers no permissions; a read of the role has them (WSO2-ISMGMT-18).
    assert.equal(created.json.permissions, undefined);
    assert.deepEqual((await call(s, 'GET', `${ROLES}/${id}`)).json.permissions, [{ value: 'accounts', display: 'Accounts' }]);

    const search = (name: string) => call(s, 'POST', `${ROLES}/.search`, { schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'], filter: `displayName eq ${name}` });
    const hit = await search('system_primary_subscriber');
    assert.equal(hit.json.totalResults, 1);
    assert.equal((hit.json.Resources as { id: string }[])[0]!.id, id);
    const miss = await search('nobody');
    assert.deepEqual([miss.json.totalResults, miss.json.Resources], [0, undefined]);

    const patched = await call(s, 'PATCH', `${ROLES}/${id}`, { Operations: [{ op: 'replace', value: { permissions: [{ value: 'payments', display: 'payments' }] } }] });
    assert.equal(patched.status, 200, patched.text);
    assert.deepEqual(patched.json.permissions, [{ value: 'payments', display: 'Payments' }]);
    assert.deepEqual((await call(s, 'GET', `${ROLES}/${id}`)).json.permissions, [{ value: 'payments', display: 'Payments' }]);

    const dup = await call(s, 'POST', ROLES, { displayName: 'system_primary_subscriber' });
    // SCIMRoleManagerV2: ROLE_ALREADY_EXISTS is a ConflictException, which carries no scimType (WSO2-ISMGMT-45).
    assert.deepEqual([dup.status, dup.json.status, dup.json.scimType], [409, '409', undefined]);
    const badPermission = await call(s, 'POST', ROLES, { displayName: 'r2', permissions: [{ value: 'not-a-scope' }] });
    assert.deepEqual([badPermission.status, badPermission.json.status], [400, '400']);
    assert.equal((await search('r2')).json.totalResults, 0);

    assert.equal((await call(s, 'DELETE', `${ROLES}/${id}`)).status, 204);
    const gone = await call(s, 'GET', `${ROLES}/${id}`);
    assert.deepEqual([gone.status, gone.json.schemas], [404, ['urn:ietf:params:scim:api:messages:2.0:Error']]);
    assert.equal((await call(s, 'GET', `${ROLES}/${id}`, undefined, '')).status, 401);
  }));
});

describe('IS 7 management fault switches', () => {
  test('each switch changes what its rule checks', async () => {
    await withSandbox(async (s) => {
      await register(s, 'a');
      assert.equal((await call(s, 'GET', `${APPS}?filter=clientId+eq+nobody`)).json.totalResults, 1);
    }, ['ismgmt.app-search-ignores-filter']);
    await withSandbox(async (s) => {
      assert.equal((await call(s, 'GET', APPS, undefined, '')).status, 200);
    }, ['ismgmt.is7-apis-no-auth']);
    await withSandbox(async (s) => {
      const r = await call(s, 'POST', RES, { identifier: 'r', name: 'r' });
      const id = r.json.id as string;
      assert.equal((await call(s, 'PATCH', `${RES}/${id}`, { removedScopes: ['x'] })).status, 204);
    }, ['ismgmt.api-resource-removed-scopes-ignored']);
  });
});
