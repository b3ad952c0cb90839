import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { After, Given, Then, When } from '@cucumber/cucumber';
import { loadTestPki } from '../pki/test-pki.ts';
import type { ObWorld } from './support/world.ts';
import { jsonObjectBody } from './support/json-body.ts';
import { callerAuthorization, isAdminCall as is, isMgmtCreated as created } from './support/admin-call.ts';

/**
 * The Identity Server 7 APIs a WSO2-IS-7 / fsKeyManager key manager calls (apim-surface §5.3,
 * §5.5, §5.6), driven as the connectors call them: with the admin's Basic credentials (the key
 * manager's configured Username/Password), on the target's IS listener. Every client, API
 * resource and role a scenario creates has a unique `obc-` name and is deleted after it, newest first.
 */

const APPS = '/api/server/v1/applications';
const RES = '/api/server/v1/api-resources';
const ROLES = '/scim2/v2/Roles';
const SEARCH_REQUEST = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';
const ROLE_SCHEMA = 'urn:ietf:params:scim:schemas:extension:2.0:Role';
const SCIM_ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

type Json = Record<string, unknown>;

const bodyOf = jsonObjectBody;


/** A logical name as created on the target: unique per scenario, with the harness's prefix (world.unique). */
const named = (world: ObWorld, name: string) => world.unique(name);
const list = (text: string) => text.split(',').map((s) => s.trim()).filter((s) => s !== '');

// ---- clean-up: newest first, so roles go before the API resources whose scopes they hold -------


After(async function (this: ObWorld) {
  if (!this.remembered.has('is-mgmt:created')) return;
  for (const path of [...created(this)].reverse()) await is(this, 'DELETE', path);
});

// ---- applications (the fsKeyManager's extras, apim-surface §5.3) ----------------------------------

function clientOf(world: ObWorld, name: string): { client_id: string; client_name: string } {
  return world.recall(`is-mgmt:client:${name}`);
}

async function registerClient(world: ObWorld, name: string, extra: Json = {}): Promise<void> {
  // What the WSO2-IS-7 / fsKeyManager connector registers (apim-surface §5.2), with a unique name.
  await is(world, 'POST', world.target.path('isDcrRegister'), {
    json: { client_name: named(world, name), grant_types: ['client_credentials'], redirect_uris: [], token_type_extension: 'JWT', ...extra },
  });
  assert.equal(world.lastResponse.status, 201, `registration failed: ${world.lastResponse.text.slice(0, 300)}`);
  const client = bodyOf(world) as { client_id: string; client_name: string };
  world.remember(`is-mgmt:client:${name}`, client);
  created(world).push(`${world.target.path('isDcrRegister')}/${encodeURIComponent(client.client_id)}`);
}

Given('the key manager has registered the IS DCR client {string}', async function (this: ObWorld, name: string) {
  await registerClient(this, name);
});

/** The FS IS-side DCR's service provider properties (apim-surface §5.3 step 4). */
When('the key manager registers the IS DCR client {string} with the additional attributes:', async function (this: ObWorld, name: string, doc: string) {
  await registerClient(this, name, { additionalAttributes: JSON.parse(doc) as Json });
});

When('the key manager searches the applications by the client id of {string}', async function (this: ObWorld, name: string) {
  // FS IdentityServerUtils.getAppIdFromClientId: `…/applications/?filter=clientId+eq+<clientId>`.
  await is(this, 'GET', `${APPS}/?filter=clientId+eq+${encodeURIComponent(clientOf(this, name).client_id)}`);
});

When('the admin searches the applications by the name of {string}', async function (this: ObWorld, name: string) {
  await is(this, 'GET', `${APPS}?filter=${encodeURIComponent(`name eq ${clientOf(this, name).client_name}`)}`);
});

When('the admin searches the applications for an issuer equal to the client id of {string}', async function (this: ObWorld, name: string) {
  // An OAuth application's client id is no SAML issuer: the filter must not read it as one.
  await is(this, 'GET', `${APPS}?filter=${encodeURIComponent(`issuer eq ${clientOf(this, name).client_id}`)}`);
});

When('the admin searches the applications with the filter {string}', async function (this: ObWorld, filter: string) {
  await is(this, 'GET', `${APPS}?filter=${encodeURIComponent(filter.replaceAll('{{unknown}}', named(this, 'unknown')))}`);
});

When('a caller {string} searches the applications', async function (this: ObWorld, who: string) {
  await is(this, 'GET', APPS, { authorization: callerAuthorization(this, who) });
});

Then('the search found only the application of {string}', function (this: ObWorld, name: string) {
  assert.equal(this.lastResponse.status, 200, this.lastResponse.text.slice(0, 300));
  const body = bodyOf(this);
  const client = clientOf(this, name);
  assert.equal(body.totalResults, 1);
  const apps = body.applications as Json[];
  assert.equal(apps.length, 1);
  assert.equal(apps[0]!.clientId, client.client_id);
  assert.equal(apps[0]!.name, client.client_name);
  assert.equal(typeof apps[0]!.id, 'string');
  const before = this.remembered.get(`is-mgmt:app:${name}`);
  if (before !== undefined) assert.equal(apps[0]!.id, before, 'the same client is one application');
  this.remember(`is-mgmt:app:${name}`, apps[0]!.id as string);
});

Then('the search found no application', function (this: ObWorld) {
  assert.equal(this.lastResponse.status, 200, this.lastResponse.text.slice(0, 300));
  const body = bodyOf(this);
  assert.equal(body.totalResults, 0);
  assert.deepEqual(body.applications ?? [], []);
});

When('the key manager reads the application of {string}', async function (this: ObWorld, name: string) {
  await is(this, 'GET', `${APPS}/${this.recall<string>(`is-mgmt:app:${name}`)}`);
});

Then('the response is the application of {string}', function (this: ObWorld, name: string) {
  const body = bodyOf(this);
  assert.equal(body.id, this.recall<string>(`is-mgmt:app:${name}`));
  assert.equal(body.clientId, clientOf(this, name).client_id);
  assert.ok(body.advancedConfigurations && typeof body.advancedConfigurations === 'object', 'advancedConfigurations is an object');
});

const signingCertificate = () => readFileSync(loadTestPki().tpp1.signingCert, 'utf8').trim();

When('the key manager sets the certificate of the application of {string} to the TPP\'s signing certificate', async function (this: ObWorld, name: string) {
  // FSKeyManagerImpl, regulatory applications (apim-surface §5.3 step 5).
  await is(this, 'PATCH', `${APPS}/${this.recall<string>(`is-mgmt:app:${name}`)}`, {
    json: { advancedConfigurations: { certificate: { type: 'PEM', value: signingCertificate() } } },
  });
});

Then('the application of {string} has the TPP\'s signing certificate', async function (this: ObWorld, name: string) {
  await is(this, 'GET', `${APPS}/${this.recall<string>(`is-mgmt:app:${name}`)}`);
  assert.equal(this.lastResponse.status, 200);
  const advanced = bodyOf(this).advancedConfigurations as Json;
  assert.deepEqual(advanced.certificate, { type: 'PEM', value: signingCertificate() });
});

When('the admin {word} an application that does not exist', async function (this: ObWorld, verb: string) {
  const path = `${APPS}/${named(this, 'no-such-app')}`;
  const calls: Record<string, () => Promise<unknown>> = {
    reads: () => is(this, 'GET', path),
    patches: () => is(this, 'PATCH', path, { json: { advancedConfigurations: { certificate: { type: 'PEM', value: signingCertificate() } } } }),
  };
  assert.ok(calls[verb], `unknown verb ${verb}`);
  await calls[verb]!();
});

/** The IS server APIs' error: code, message, description, and (where the API adds one) a traceId. */
Then('the response is the IS API error {string} {string} {string}', function (this: ObWorld, code: string, message: string, description: string) {
  const body = bodyOf(this);
  const fill = (t: string) => t.replaceAll('{{unknown}}', named(this, 'unknown')).replaceAll('{{no-such-app}}', named(this, 'no-such-app'))
    .replaceAll('{{no-such-resource}}', named(this, 'no-such-resource'));
  assert.deepEqual({ code: body.code, message: body.message, description: body.description }, { code, message: fill(message), description: fill(description) });
  const extra = Object.keys(body).filter((k) => !['code', 'message', 'description', 'traceId'].includes(k));
  assert.deepEqual(extra, [], 'no members besides code, message, description, traceId');
});

// ---- API resources (apim-surface §5.5) -------------------------------------------------------------

/** `name[:Display name]` entries; the name is made unique, the display name kept. */
function scopeModels(world: ObWorld, text: string): { name: string; displayName?: string; description: string }[] {
  return list(text).map((entry) => {
    const [name, displayName] = entry.split(':').map((s) => s.trim());
    return { name: named(world, name!), ...(displayName ? { displayName } : {}), description: `${name} scope` };
  });
}
const resourceId = (world: ObWorld, name: string) => world.recall<string>(`is-mgmt:resource:${name}`);

When('the key manager searches the API resources by the identifier of {string}', async function (this: ObWorld, name: string) {
  // WSO2IS7KeyManager.getWSO2IS7APIResourceId: `?filter=identifier eq <identifier>`.
  await is(this, 'GET', `${RES}?filter=${encodeURIComponent(`identifier eq ${named(this, name)}`)}`);
});

Then('the API resource search found nothing', function (this: ObWorld) {
  assert.equal(this.lastResponse.status, 200, this.lastResponse.text.slice(0, 300));
  assert.equal(bodyOf(this).totalResults, 0);
  assert.deepEqual(bodyOf(this).apiResources, []);
});

Then('the API resource search found only {string}', function (this: ObWorld, name: string) {
  assert.equal(this.lastResponse.status, 200, this.lastResponse.text.slice(0, 300));
  const body = bodyOf(this);
  assert.equal(body.totalResults, 1);
  const [item] = body.apiResources as Json[];
  assert.equal(item!.id, resourceId(this, name));
  assert.equal(item!.identifier, named(this, name));
  assert.equal(item!.type, 'BUSINESS');
  assert.equal(item!.requiresAuthorization, true);
  assert.equal(typeof item!.self, 'string');
});

async function createResource(world: ObWorld, name: string, scopes: string) {
  // The connector's body (apim-surface §5.5), with a unique identifier instead of
  // User-defined-oauth2-resource, which belongs to the target's own API Manager.
  await is(world, 'POST', RES, {
    json: { identifier: named(world, name), name: `${name} resource`, description: 'This is Default OAuth2 Resource Representation', requiresAuthorization: true, scopes: scopeModels(world, scopes) },
  });
  if (world.lastResponse.status === 201) {
    const id = bodyOf(world).id as string;
    world.remember(`is-mgmt:resource:${name}`, id);
    created(world).push(`${RES}/${id}`);
  }
}

When('the key manager creates the API resource {string} with the scopes {string}', async function (this: ObWorld, name: string, scopes: string) {
  await createResource(this, name, scopes);
});

Given('the key manager has created the API resource {string} with the scopes {string}', async function (this: ObWorld, name: string, scopes: string) {
  await createResource(this, name, scopes);
  assert.equal(this.lastResponse.status, 201, `creating the API resource failed: ${this.lastResponse.text.slice(0, 300)}`);
});

Then('the response is the API resource {string} with the scopes {string}', function (this: ObWorld, name: string, scopes: string) {
  const body = bodyOf(this);
  assert.equal(body.identifier, named(this, name));
  assert.equal(body.type, 'BUSINESS');
  assert.equal(body.requiresAuthorization, true);
  const got = (body.scopes as Json[]);
  for (const s of got) assert.equal(typeof s.id, 'string', 'every scope has an id');
  assert.deepEqual(got.map((s) => s.name).sort(), scopeModels(this, scopes).map((s) => s.name).sort());
  const location = this.lastResponse.headers.location;
  assert.ok(typeof location === 'string' && location.endsWith(`${RES}/${body.id as string}`), `Location ${String(location)} names the resource`);
});

When('the key manager adds the scopes {string} to the API resource {string}', async function (this: ObWorld, scopes: string, name: string) {
  await is(this, 'PATCH', `${RES}/${resourceId(this, name)}`, { json: { addedScopes: scopeModels(this, scopes) } });
});

When('the key manager removes the scope {string} from the API resource {string} with removedScopes', async function (this: ObWorld, scope: string, name: string) {
  await is(this, 'PATCH', `${RES}/${resourceId(this, name)}`, { json: { removedScopes: [named(this, scope)] } });
});

When('the key manager changes the display name of the scope {string} of the API resource {string} to {string}', async function (this: ObWorld, scope: string, name: string, displayName: string) {
  await is(this, 'PATCH', `${RES}/${resourceId(this, name)}/scopes/${encodeURIComponent(named(this, scope))}`, { json: { displayName, description: `${scope} scope` } });
});

When('the key manager deletes the scope {string} of the API resource {string}', async function (this: ObWorld, scope: string, name: string) {
  await is(this, 'DELETE', `${RES}/${resourceId(this, name)}/scopes/${encodeURIComponent(named(this, scope))}`);
});

Then('the API resource {string} has exactly the scopes {string}', async function (this: ObWorld, name: string, scopes: string) {
  await is(this, 'GET', `${RES}/${resourceId(this, name)}/scopes`);
  assert.equal(this.lastResponse.status, 200, this.lastResponse.text.slice(0, 300));
  const got = (this.lastResponse.json as Json[]).map((s) => `${s.name as string}:${s.displayName as string}`).sort();
  const want = list(scopes).map((entry) => {
    const [n, d] = entry.split(':').map((s) => s.trim());
    return `${named(this, n!)}:${d ?? named(this, n!)}`;
  }).sort();
  assert.deepEqual(got, want);
});

When('the admin {word} an API resource that does not exist', async function (this: ObWorld, verb: string) {
  const path = `${RES}/${named(this, 'no-such-resource')}`;
  const calls: Record<string, () => Promise<unknown>> = {
    reads: () => is(this, 'GET', path),
    patches: () => is(this, 'PATCH', path, { json: { addedScopes: [{ name: named(this, 'orphan'), displayName: 'orphan' }] } }),
  };
  assert.ok(calls[verb], `unknown verb ${verb}`);
  await calls[verb]!();
});

When('the admin lists the scopes of an API resource that does not exist', async function (this: ObWorld) {
  await is(this, 'GET', `${RES}/${named(this, 'no-such-resource')}/scopes`);
});

When('a caller {string} lists the API resources', async function (this: ObWorld, who: string) {
  await is(this, 'GET', RES, { authorization: callerAuthorization(this, who) });
});

// ---- SCIM2 Roles v2 (apim-surface §5.6) ------------------------------------------------------------

const roleId = (world: ObWorld, name: string) => world.recall<string>(`is-mgmt:role:${name}`);
/** Permissions as the connector sends them: `{value: <scope>, display: <scope>}`. */
const permissions = (world: ObWorld, scopes: string) => list(scopes).map((s) => ({ value: named(world, s), display: named(world, s) }));

When('the key manager searches the roles for {string}', async function (this: ObWorld, name: string) {
  await is(this, 'POST', `${ROLES}/.search`, { json: { schemas: [SEARCH_REQUEST], filter: `displayName eq ${named(this, name)}` } });
});

Then('the role search found nothing', function (this: ObWorld) {
  assert.equal(this.lastResponse.status, 200, this.lastResponse.text.slice(0, 300));
  assert.equal(bodyOf(this).totalResults, 0);
  assert.deepEqual(bodyOf(this).Resources ?? [], []);
});

Then('the role search found only {string} with the permissions {string}', function (this: ObWorld, name: string, scopes: string) {
  assert.equal(this.lastResponse.status, 200, this.lastResponse.text.slice(0, 300));
  const body = bodyOf(this);
  assert.deepEqual(body.schemas, ['urn:ietf:params:scim:api:messages:2.0:ListResponse']);
  assert.equal(body.totalResults, 1);
  const [role] = body.Resources as Json[];
  assert.equal(role!.id, roleId(this, name));
  assert.equal(role!.displayName, named(this, name));
  assert.deepEqual((role!.permissions as Json[]).map((p) => p.value).sort(), list(scopes).map((s) => named(this, s)).sort());
});

async function createRole(world: ObWorld, name: string, scopes: string) {
  // WSO2IS7KeyManager.createWSO2IS7Role: only displayName and permissions, no schemas, no audience.
  await is(world, 'POST', ROLES, { json: { displayName: named(world, name), permissions: permissions(world, scopes) } });
  if (world.lastResponse.status === 201) {
    const id = bodyOf(world).id as string;
    if (!world.remembered.has(`is-mgmt:role:${name}`)) world.remember(`is-mgmt:role:${name}`, id);
    created(world).push(`${ROLES}/${id}`);
  }
}

When('the key manager creates the role {string} with the permissions {string}', async function (this: ObWorld, name: string, scopes: string) {
  await createRole(this, name, scopes);
});

Given('the key manager has created the role {string} with the permissions {string}', async function (this: ObWorld, name: string, scopes: string) {
  await createRole(this, name, scopes);
  assert.equal(this.lastResponse.status, 201, `creating the role failed: ${this.lastResponse.text.slice(0, 300)}`);
});

When('the key manager creates the role {string} with a permission that is no scope', async function (this: ObWorld, name: string) {
  await createRole(this, name, 'no-such-scope');
});

When('the key manager replaces the permissions of the role {string} with {string}', async function (this: ObWorld, name: string, scopes: string) {
  // WSO2IS7KeyManager.addScopeToWSO2IS7Role: the full list, no schemas, no path.
  await is(this, 'PATCH', `${ROLES}/${roleId(this, name)}`, { json: { Operations: [{ op: 'replace', value: { permissions: permissions(this, scopes) } }] } });
});

When('the key manager reads the role {string}', async function (this: ObWorld, name: string) {
  await is(this, 'GET', `${ROLES}/${roleId(this, name)}`);
});

When('the admin reads a role that does not exist', async function (this: ObWorld) {
  await is(this, 'GET', `${ROLES}/${named(this, 'no-such-role')}`);
});

When('a caller {string} searches the roles', async function (this: ObWorld, who: string) {
  await is(this, 'POST', `${ROLES}/.search`, { authorization: callerAuthorization(this, who), json: { schemas: [SEARCH_REQUEST] } });
});

Then('the response is the role {string} with exactly the permissions {string}', function (this: ObWorld, name: string, scopes: string) {
  const body = bodyOf(this);
  assert.match(this.lastResponse.headers['content-type'] ?? '', /^application\/scim\+json/);
  assert.deepEqual(body.schemas, [ROLE_SCHEMA]);
  assert.equal(body.id, roleId(this, name));
  assert.equal(body.displayName, named(this, name));
  assert.deepEqual((body.permissions as Json[]).map((p) => p.value).sort(), list(scopes).map((s) => named(this, s)).sort());
});

/** SCIMRoleManagerV2.createRole answers the new role's id, displayName, schemas, location and audience, not its permissions. */
Then('the response is the created role {string}', function (this: ObWorld, name: string) {
  const body = bodyOf(this);
  assert.match(this.lastResponse.headers['content-type'] ?? '', /^application\/scim\+json/);
  assert.deepEqual(body.schemas, [ROLE_SCHEMA]);
  assert.equal(body.id, roleId(this, name));
  assert.equal(body.displayName, named(this, name));
});

Then('the response has the Location of the role {string}', function (this: ObWorld, name: string) {
  const location = this.lastResponse.headers.location;
  assert.ok(typeof location === 'string' && location.endsWith(`${ROLES}/${roleId(this, name)}`), `Location ${String(location)} names the role`);
});

Then('the response is a SCIM error with the status {int}', function (this: ObWorld, status: number) {
  assert.equal(this.lastResponse.status, status);
  const body = bodyOf(this);
  assert.deepEqual(body.schemas, [SCIM_ERROR]);
  assert.equal(body.status, String(status));
});
