import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createSandbox, type Sandbox } from '../mock-server/app.ts';

/** Admin v4 key managers, APIM DCR v0.17 and the APIM token endpoint through the APIM listener's app. */

const ADMIN = `Basic ${Buffer.from('admin:admin').toString('base64')}`;
const KM = '/api/am/admin/v4/key-managers';
const UNAUTHENTICATED = { code: 401, message: '', description: 'Unauthenticated request', moreInfo: '', error: [] };

async function open(overrides = {}): Promise<Sandbox> {
  return createSandbox({ overrides: { database: ':memory:', ...overrides }, log: () => {} });
}

async function call(s: Sandbox, method: string, path: string, body?: unknown, authorization = ADMIN) {
  const res = await s.apps.apim.request(path, {
    method,
    headers: { authorization, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

function fsKeyManager(name: string, is = 'https://is.example:9446'): Record<string, unknown> {
  return {
    name, displayName: name, type: 'fsKeyManager', description: '',
    wellKnownEndpoint: `${is}/oauth2/token/.well-known/openid-configuration`, issuer: `${is}/oauth2/token`,
    clientRegistrationEndpoint: `${is}/api/identity/oauth2/dcr/v1.1/register`, introspectionEndpoint: `${is}/oauth2/introspect`,
    tokenEndpoint: `${is}/oauth2/token`, displayTokenEndpoint: `${is}/oauth2/token`, revokeEndpoint: `${is}/oauth2/revoke`,
    displayRevokeEndpoint: `${is}/oauth2/revoke`, userInfoEndpoint: `${is}/scim2/Me`, authorizeEndpoint: `${is}/oauth2/authorize`,
    scopeManagementEndpoint: `${is}/api/identity/oauth2/v1.0/scopes`,
    availableGrantTypes: ['client_credentials', 'refresh_token', 'authorization_code', 'urn:ietf:params:oauth:grant-type:jwt-bearer'],
    certificates: { type: 'JWKS', value: `${is}/oauth2/jwks` },
    additionalProperties: { Username: 'admin', Password: 'admin', api_resource_management_endpoint: `${is}/api/server/v1/api-resources`, is7_roles_endpoint: `${is}/scim2/v2/Roles`, enable_roles_creation: true },
    enableTokenGeneration: true, enableMapOAuthConsumerApps: true, enableOAuthAppCreation: true, enableSelfValidationJWT: true,
    tokenValidation: [{ id: 1, type: 'JWT', value: { body: {} }, enable: true }], claimMapping: [], consumerKeyClaim: '', scopesClaim: '',
    permissions: null, enabled: true, tokenType: 'DIRECT', alias: '',
  };
}

describe('admin v4 key managers', () => {
  test('a fresh sandbox lists only the Resident Key Manager', async () => {
    const s = await open();
    try {
      const r = await call(s, 'GET', KM);
      assert.equal(r.status, 200);
      const list = r.json.list as Record<string, unknown>[];
      assert.equal(r.json.count, 1);
      assert.deepEqual(Object.keys(list[0]!), ['id', 'name', 'type', 'description', 'enabled', 'isGlobal', 'isUsed', 'tokenType']);
      assert.equal(list[0]!.name, 'Resident Key Manager');
      assert.equal(list[0]!.type, 'default');
      assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
    } finally {
      s.close();
    }
  });

  test('seed 000: create an fsKeyManager, read it masked, disable the Resident Key Manager', async () => {
    const s = await open();
    try {
      const created = await call(s, 'POST', KM, fsKeyManager('IS7KM'));
      assert.equal(created.status, 201, created.text);
      const id = created.json.id as string;
      assert.equal(created.headers.get('location'), `${s.ctx.urls.apim}${KM}/${id}`);
      assert.equal(created.json.consumerKeyClaim, 'azp');
      assert.deepEqual(created.json.endpoints, []);
      assert.deepEqual(created.json.permissions, { permissionType: 'PUBLIC', roles: [] });
      assert.equal((created.json.additionalProperties as Record<string, unknown>).self_validate_jwt, true);
      assert.equal((created.json.additionalProperties as Record<string, unknown>).Password, 'admin');
      const read = await call(s, 'GET', `${KM}/${id}`);
      assert.equal((read.json.additionalProperties as Record<string, unknown>).Password, '*****');
      const list = await call(s, 'GET', KM);
      assert.deepEqual((list.json.list as { name: string }[]).map((k) => k.name), ['IS7KM', 'Resident Key Manager']);

      const residentId = (list.json.list as { id: string }[])[1]!.id;
      const resident = await call(s, 'GET', `${KM}/${residentId}`);
      const disabled = await call(s, 'PUT', `${KM}/${residentId}`, { ...resident.json, enabled: false });
      assert.equal(disabled.status, 200, disabled.text);
      assert.equal(disabled.json.enabled, false);
      assert.equal((await call(s, 'GET', `${KM}/${residentId}`)).json.enabled, false);
      // A masked password sent back keeps the stored one.
      const back = await call(s, 'PUT', `${KM}/${id}`, { ...read.json, description: 'x' });
      assert.equal(back.status, 200, back.text);
      const stored = s.ctx.store.keyManagers.get(id)!.config.additionalProperties as Record<string, unknown>;
      assert.equal(stored.Password, 'admin');
    } finally {
      s.close();
    }
  });

  test('checks in the product order, with its codes', async () => {
    const s = await open();
    try {
      const missingName = await call(s, 'POST', KM, { ...fsKeyManager('x'), name: undefined });
      assert.deepEqual(missingName.json, { code: 400, message: 'Bad Request', description: 'Validation Error', moreInfo: '', error: [{ code: '400_name', message: 'name: must not be null' }] });
      const noEnabled = await call(s, 'POST', KM, { ...fsKeyManager('x'), enabled: undefined });
      assert.equal(noEnabled.status, 500);
      assert.equal(noEnabled.json.description, 'The server encountered an internal error. Please contact administrator.');
      assert.equal(s.ctx.store.keyManagers.getByName('x'), undefined);
      const role = await call(s, 'POST', KM, { ...fsKeyManager('x'), permissions: { permissionType: 'ALLOW', roles: ['no-such-role'] } });
      assert.deepEqual([role.status, role.json.code], [404, 900607]);
      const type = await call(s, 'POST', KM, { ...fsKeyManager('x'), type: 'NoSuchType' });
      assert.deepEqual([type.status, type.json.code, type.json.message], [400, 901400, 'Key Manager Type not configured']);
      const conn = await call(s, 'POST', KM, { ...fsKeyManager('x'), additionalProperties: { Username: 'a', Password: 'b', is7_roles_endpoint: 'x' } });
      assert.deepEqual([conn.status, conn.json.code, conn.json.description], [400, 901401, 'Missing required configuration']);
      const endpoint = await call(s, 'POST', KM, { ...fsKeyManager('x'), revokeEndpoint: undefined });
      assert.deepEqual([endpoint.status, endpoint.json.code], [400, 901401]);
      assert.equal((await call(s, 'POST', KM, fsKeyManager('x'))).status, 201);
      const dup = await call(s, 'POST', KM, { ...fsKeyManager('x'), type: 'NoSuchType' });
      assert.deepEqual([dup.status, dup.json.code, dup.json.message], [409, 901402, 'Key Manager Already Exists']);
      const unknown = await call(s, 'POST', KM, { ...fsKeyManager('y'), colour: 'blue' });
      assert.deepEqual([unknown.status, unknown.json.description], [400, "Unrecognized property 'colour'"]);
      const malformed = await call(s, 'POST', KM, '{"name":');
      assert.deepEqual([malformed.status, malformed.json.description], [400, 'Malformed request body.']);
      const ghost = await call(s, 'GET', `${KM}/00000000-0000-0000-0000-000000000000`);
      assert.deepEqual(ghost.json, { code: 901411, message: 'Key Manager not Found', description: 'Key Manager not found', moreInfo: '', error: [] });
    } finally {
      s.close();
    }
  });

  test('the Resident Key Manager cannot be deleted; another can, once', async () => {
    const s = await open();
    try {
      const residentId = ((await call(s, 'GET', KM)).json.list as { id: string }[])[0]!.id;
      const refused = await call(s, 'DELETE', `${KM}/${residentId}`);
      assert.deepEqual(refused.json, { code: 902015, message: 'Key Manager Delete error', description: 'Error while deleting the Key Manager. %s', moreInfo: '', error: [] });
      assert.equal(refused.status, 412);
      const id = (await call(s, 'POST', KM, fsKeyManager('gone'))).json.id as string;
      const deleted = await call(s, 'DELETE', `${KM}/${id}`);
      assert.deepEqual([deleted.status, deleted.text], [200, '']);
      assert.equal((await call(s, 'DELETE', `${KM}/${id}`)).status, 404);
    } finally {
      s.close();
    }
  });

  test('every authentication failure is the same 401', async () => {
    const s = await open();
    try {
      for (const authorization of ['', `Basic ${Buffer.from('admin:wrong').toString('base64')}`, 'Bearer nope']) {
        const r = await call(s, 'GET', KM, undefined, authorization);
        assert.equal(r.status, 401);
        assert.deepEqual(r.json, UNAUTHENTICATED);
      }
      s.ctx.store.apimUsers.insert('tpp1', 'tpp1-password', ['Internal/subscriber'], 0);
      const tpp = await call(s, 'GET', KM, undefined, `Basic ${Buffer.from('tpp1:tpp1-password').toString('base64')}`);
      assert.deepEqual([tpp.status, tpp.json], [401, UNAUTHENTICATED]);
    } finally {
      s.close();
    }
  });

  test('settings list the installed connectors except default', async () => {
    const s = await open();
    try {
      const r = await call(s, 'GET', '/api/am/admin/v4/settings');
      const types = (r.json.keyManagerConfiguration as { type: string }[]).map((k) => k.type);
      assert.deepEqual(types, ['WSO2-IS', 'WSO2-IS-7', 'fsKeyManager', 'ObKeyManager']);
    } finally {
      s.close();
    }
  });
});

describe('APIM DCR v0.17 and the REST API token', () => {
  const DCR = '/client-registration/v0.17/register';
  test('seed 003: register, same name again gives the same client, then a password-grant token works', async () => {
    const s = await open();
    try {
      const body = { callbackUrl: 'www.example.com', clientName: 'rest_api_admin', owner: 'admin', grantType: 'client_credentials password refresh_token', saasApp: true, tokenType: 'JWT', userstoreDomainInSubject: true };
      const r = await call(s, 'POST', DCR, body);
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(Object.keys(r.json), ['clientId', 'clientName', 'callBackURL', 'clientSecret', 'isSaasApplication', 'appOwner', 'jsonString', 'jsonAppAttribute', 'applicationUUID', 'tokenType']);
      assert.equal(r.json.isSaasApplication, true);
      assert.equal(r.json.jsonString, JSON.stringify({ grant_types: 'client_credentials password refresh_token', redirect_uris: 'www.example.com', client_name: 'rest_api_admin' }));
      const again = await call(s, 'POST', DCR, body);
      assert.equal(again.json.clientId, r.json.clientId);
      assert.equal(again.json.clientSecret, r.json.clientSecret);
      assert.equal(again.json.jsonString, JSON.stringify({ grant_types: 'client_credentials password refresh_token' }));

      const token = await s.apps.apim.request('/oauth2/token', {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from(`${r.json.clientId}:${r.json.clientSecret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=password&username=admin&password=admin&scope=apim:admin apim:keymanagers_manage openid',
      });
      const t = (await token.json()) as Record<string, unknown>;
      assert.equal(token.status, 200, JSON.stringify(t));
      assert.equal(t.scope, 'apim:admin apim:keymanagers_manage');
      assert.equal((await call(s, 'GET', KM, undefined, `Bearer ${t.access_token as string}`)).status, 200);
      // apim:keymanagers_manage does not cover DELETE (apim:admin or apim:admin_operations).
      const narrow = await s.apps.apim.request('/oauth2/token', {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from(`${r.json.clientId}:${r.json.clientSecret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=password&username=admin&password=admin&scope=apim:keymanagers_manage',
      });
      const n = (await narrow.json()) as { access_token: string };
      assert.equal((await call(s, 'DELETE', `${KM}/whatever`, undefined, `Bearer ${n.access_token}`)).status, 401);
    } finally {
      s.close();
    }
  });

  test('owner rules and the product defects', async () => {
    const s = await open();
    try {
      s.ctx.store.apimUsers.insert('tpp1', 'p1', ['Internal/subscriber'], 0);
      s.ctx.store.apimUsers.insert('tpp2', 'p2', ['Internal/subscriber'], 0);
      const tpp1 = `Basic ${Buffer.from('tpp1:p1').toString('base64')}`;
      const tpp2 = `Basic ${Buffer.from('tpp2:p2').toString('base64')}`;
      const noOwner = await call(s, 'POST', DCR, { clientName: 'a', grantType: 'password' });
      assert.deepEqual([noOwner.status, noOwner.json.message], [400, 'Application owner cannot be empty']);
      const ghost = await call(s, 'POST', DCR, { clientName: 'a', owner: 'ghost', grantType: 'password' });
      assert.deepEqual([ghost.status, ghost.json.message], [403, 'User: ghost does not exist for application registration']);
      const other = await call(s, 'POST', DCR, { clientName: 'a', owner: 'tpp2', grantType: 'password' }, tpp1);
      assert.deepEqual([other.status, other.json.description], [400, "Logged in user 'tpp1' and application owner 'tpp2' should be same."]);
      assert.equal((await call(s, 'POST', DCR, { clientName: 'mine', owner: 'tpp1', grantType: 'password' }, tpp1)).status, 200);
      const forbidden = await call(s, 'POST', DCR, { clientName: 'mine', owner: 'tpp2', grantType: 'password' }, tpp2);
      assert.deepEqual([forbidden.status, forbidden.json.description], [403, 'Access is forbidden to the application']);
      const noGrant = await call(s, 'POST', DCR, { clientName: 'b', owner: 'admin' });
      assert.equal(noGrant.status, 500);
      assert.equal(s.ctx.store.apimOAuthApps.getByName('b'), undefined);
      const noCallback = await call(s, 'POST', DCR, { clientName: 'c', owner: 'admin', grantType: 'authorization_code implicit password' });
      assert.equal(JSON.parse(noCallback.json.jsonString as string).grant_types, 'password');
      const unauth = await call(s, 'POST', DCR, { clientName: 'd', owner: 'admin', grantType: 'password' }, '');
      assert.deepEqual(unauth.json, { code: 401, message: 'Unauthorized', description: 'The user is not authorized', moreInfo: '', error: [] });
      assert.equal((await call(s, 'DELETE', DCR)).status, 500);
    } finally {
      s.close();
    }
  });
});
