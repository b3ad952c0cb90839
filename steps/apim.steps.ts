import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { After, Given, Then, When, type DataTable } from '@cucumber/cucumber';
import { secretValue } from './support/target.ts';
import type { ObWorld } from './support/world.ts';
import { jsonObjectBody } from './support/json-body.ts';
import { adminCall, callerAuthorization } from './support/admin-call.ts';
import { fillTemplate } from './support/templates.ts';
import { runtime } from './support/runtime.ts';
import { noteApimDcrClient } from './support/clients.ts';

/**
 * API Manager control plane (admin v4 key managers, APIM DCR v0.17, the APIM token endpoint) and
 * the Identity Server APIs a key manager calls (keymanager-operations, scopes v1.0), driven as
 * the Admin portal and the key manager connectors do. URLs come from the target; every object a
 * scenario creates has a unique name and is removed (or put back) after the scenario.
 */

export const ADMIN_V4 = '/api/am/admin/v4';
const APIM_DCR = '/client-registration/v0.17/register';
const KMOPS = '/keymanager-operations/dcr/register';
const SCOPES = '/api/identity/oauth2/v1.0/scopes';
const RESIDENT = 'Resident Key Manager';

type Json = Record<string, unknown>;

/** Doc-string placeholders: those of fillTemplate, plus {{is}}, {{apim}} and {{admin}}. */
export function fill(world: ObWorld, text: string): string {
  return fillTemplate(world, text)
    .replaceAll('{{is}}', world.target.urls.is)
    .replaceAll('{{apim}}', world.baseUrl('apim'))
    .replaceAll('{{admin}}', world.target.file.admin?.username ?? 'admin')
    // A client id the IS's default client id pattern (^[a-zA-Z0-9_]{15,30}$) accepts.
    .replace(/\{\{clientid:([A-Za-z0-9_]+)\}\}/g, (_m, n: string) => world.unique(n).replace(/[^A-Za-z0-9_]/g, '_'))
    .replace(/\{\{tpp:([^}]+)\}\}/g, (_m, n: string) => world.recall<{ username: string }>(`tpp:${n}`).username)
    .replace(/\{\{tpp_password:([^}]+)\}\}/g, (_m, n: string) => world.recall<{ password: string }>(`tpp:${n}`).password)
    .replaceAll('{{admin_password}}', world.target.file.admin ? secretValue(world.target.file.admin.password, 'admin.password') : '');
}

const bodyOf = jsonObjectBody;
const apim = (world: ObWorld, method: string, path: string, opts?: Parameters<typeof adminCall>[4]) => adminCall(world, 'apim', method, path, opts);
const is = (world: ObWorld, method: string, path: string, opts?: Parameters<typeof adminCall>[4]) => adminCall(world, 'is', method, path, opts);


// ---- cleanup: what a scenario created is removed, what it changed is put back -----------------

interface Cleanup {
  keyManagers: Map<string, string>;
  residentBefore?: Json;
  scopes: Set<string>;
  kmopsClients: Set<string>;
  /** APIM DCR v0.17 registrations, client id to name: the product cannot delete them. */
  apimDcrClients: Map<string, string>;
}
function cleanup(world: ObWorld): Cleanup {
  if (!world.remembered.has('apim:cleanup')) world.remember<Cleanup>('apim:cleanup', { keyManagers: new Map(), scopes: new Set(), kmopsClients: new Set(), apimDcrClients: new Map() });
  return world.recall<Cleanup>('apim:cleanup');
}

After(async function (this: ObWorld) {
  if (!this.remembered.has('apim:cleanup')) return;
  const c = cleanup(this);
  for (const id of c.keyManagers.values()) await apim(this, 'DELETE', `${ADMIN_V4}/key-managers/${id}`);
  if (c.residentBefore) await apim(this, 'PUT', `${ADMIN_V4}/key-managers/${c.residentBefore.id as string}`, { json: c.residentBefore });
  for (const name of c.scopes) await is(this, 'DELETE', `${SCOPES}/name/${encodeURIComponent(name)}`);
  for (const id of c.kmopsClients) await is(this, 'DELETE', `${KMOPS}/${Buffer.from(id).toString('base64url')}`);
  // WSO2-APIMDCR-10: the product never implemented DELETE of an APIM DCR registration, so these
  // stay; the summary lists them for the bank's admin.
  for (const [id, name] of c.apimDcrClients) noteApimDcrClient(this, id, name);
});

// ---- admin v4: key managers ---------------------------------------------------------------------

export function keyManagerId(world: ObWorld, name: string): string {
  return world.recall<string>(`km:${name}`);
}

async function lookUpResident(world: ObWorld): Promise<string> {
  const res = await apim(world, 'GET', `${ADMIN_V4}/key-managers`);
  assert.equal(res.status, 200, `listing key managers failed: ${res.text.slice(0, 300)}`);
  const found = ((res.json as { list: Json[] }).list).find((k) => k.name === RESIDENT);
  assert.ok(found, 'the key manager list has no Resident Key Manager');
  return world.remember(`km:${RESIDENT}`, found.id as string);
}

export async function addKeyManager(world: ObWorld, name: string, config: Json): Promise<void> {
  const res = await apim(world, 'POST', `${ADMIN_V4}/key-managers`, { json: config });
  if (res.status === 201 || res.status === 200) {
    const id = (res.json as Json).id as string;
    world.remember(`km:${name}`, id);
    cleanup(world).keyManagers.set(name, id);
  }
}

When('the admin lists the key managers', async function (this: ObWorld) {
  await apim(this, 'GET', `${ADMIN_V4}/key-managers`);
});

When('a caller {string} lists the key managers', async function (this: ObWorld, who: string) {
  await apim(this, 'GET', `${ADMIN_V4}/key-managers`, { authorization: callerAuthorization(this, who) });
});

When('the admin reads the key manager settings', async function (this: ObWorld) {
  await apim(this, 'GET', `${ADMIN_V4}/settings`);
});

/** apim-surface §3.8: `POST /key-managers/discover`, a multipart form with the well-known `url` and, when given, the connector `type`. */
export async function importWellKnown(world: ObWorld, url: string, type?: string): Promise<void> {
  const form = new FormData();
  form.append('url', url);
  if (type !== undefined) form.append('type', type);
  const body = new Response(form);
  await world.send('none', 'POST', world.url('apim', `${ADMIN_V4}/key-managers/discover`), {
    headers: { authorization: world.adminAuthorization(), 'content-type': body.headers.get('content-type')! },
    body: Buffer.from(await body.arrayBuffer()),
  });
}

When('the admin imports the Identity Server\'s well-known URL as a {string} key manager', async function (this: ObWorld, type: string) {
  const url = this.url('is', this.target.path('discovery'));
  this.remember('discover:url', url);
  await importWellKnown(this, url, type);
  if (this.lastResponse.status === 200) this.remember('discover:value', bodyOf(this).value);
});

/** WSO2-KMC-04: the Identity Server's discovery document, served by the harness host behind a certificate the target does not trust. */
When('the admin imports a copy of the Identity Server\'s discovery document served behind a certificate the target does not trust', async function (this: ObWorld) {
  const host = runtime().jwksHost;
  assert.ok(host, 'the harness host is not running (capability harness-key-manager)');
  const doc = await this.http.send('none', 'GET', this.url('is', this.target.path('discovery')));
  const path = `obc-wk-${randomUUID()}/openid-configuration`;
  host.serve(path, { kind: 'body', body: doc.text, contentType: 'application/json' });
  await importWellKnown(this, `${host.untrustedUrl}/${path}`, 'fsKeyManager');
});

When('the admin imports the well-known URL {string} as a {string} key manager', async function (this: ObWorld, url: string, type: string) {
  await importWellKnown(this, fill(this, url), type);
});

Then('the imported configuration is filled from the Identity Server\'s discovery document', async function (this: ObWorld) {
  const body = bodyOf(this);
  assert.equal(body.valid, true, `valid: ${this.lastResponse.text.slice(0, 300)}`);
  const value = body.value as Json;
  // The document itself, read by the harness for comparison.
  const doc = (await this.http.send('none', 'GET', this.recall<string>('discover:url'))).json as Json;
  const expected: Json = {
    wellKnownEndpoint: this.recall<string>('discover:url'),
    issuer: doc.issuer,
    introspectionEndpoint: doc.introspection_endpoint ?? null,
    clientRegistrationEndpoint: doc.registration_endpoint ?? null,
    authorizeEndpoint: doc.authorization_endpoint ?? null,
    tokenEndpoint: doc.token_endpoint ?? null,
    revokeEndpoint: doc.revocation_endpoint ?? null,
    availableGrantTypes: doc.grant_types_supported ?? [],
    certificates: doc.jwks_uri ? { type: 'JWKS', value: doc.jwks_uri } : null,
    enabled: true, enableTokenGeneration: true, enableMapOAuthConsumerApps: true, enableOAuthAppCreation: true, enableSelfValidationJWT: true,
    displayTokenEndpoint: null, displayRevokeEndpoint: null, scopeManagementEndpoint: null, name: null,
  };
  // userinfo is imported from API Manager 4.3 on.
  const apimRelease = this.target.file.product?.apim ?? '4.4';
  if (apimRelease !== '4.2') expected.userInfoEndpoint = doc.userinfo_endpoint ?? null;
  for (const [k, v] of Object.entries(expected)) assert.deepEqual(value[k], v, `imported ${k}`);
});

When('the admin adds the key manager {string} from the imported configuration with:', async function (this: ObWorld, name: string, doc: string) {
  const imported = this.recall<Json>('discover:value');
  // The Admin portal copies the token and revoke endpoints to their display forms (AddEditKeyManager.jsx importKMConfig).
  const config: Json = { ...imported, displayTokenEndpoint: imported.tokenEndpoint, displayRevokeEndpoint: imported.revokeEndpoint, ...(JSON.parse(fill(this, doc)) as Json) };
  delete config.id;
  await addKeyManager(this, name, config);
});

/** Seed 000's fsKeyManager, as the Admin portal sends it, for the Identity Server of the target. */
export function seed000KeyManager(world: ObWorld, name: string): Json {
  const is = world.target.urls.is;
  const admin = world.target.file.admin!;
  return {
    name: world.unique(name), displayName: name, type: 'fsKeyManager', description: '',
    wellKnownEndpoint: world.url('is', world.target.path('discovery')), issuer: `${is}/oauth2/token`,
    clientRegistrationEndpoint: `${is}/api/identity/oauth2/dcr/v1.1/register`, introspectionEndpoint: `${is}/oauth2/introspect`,
    tokenEndpoint: `${is}/oauth2/token`, displayTokenEndpoint: `${is}/oauth2/token`,
    revokeEndpoint: `${is}/oauth2/revoke`, displayRevokeEndpoint: `${is}/oauth2/revoke`,
    userInfoEndpoint: `${is}/scim2/Me`, authorizeEndpoint: `${is}/oauth2/authorize`,
    scopeManagementEndpoint: `${is}/api/identity/oauth2/v1.0/scopes`,
    availableGrantTypes: ['client_credentials', 'refresh_token', 'authorization_code', 'urn:ietf:params:oauth:grant-type:jwt-bearer'],
    certificates: { type: 'JWKS', value: `${is}/oauth2/jwks` },
    additionalProperties: {
      Username: admin.username, Password: admin.password,
      api_resource_management_endpoint: `${is}/api/server/v1/api-resources`, is7_roles_endpoint: `${is}/scim2/v2/Roles`, enable_roles_creation: true,
    },
    enableTokenGeneration: true, enableMapOAuthConsumerApps: true, enableOAuthAppCreation: true, enableSelfValidationJWT: true,
    tokenValidation: [{ id: 1, type: 'JWT', value: { body: {} }, enable: true }],
    claimMapping: [], consumerKeyClaim: '', scopesClaim: '', permissions: null, enabled: true, tokenType: 'DIRECT', alias: '',
  };
}

/** Changes to a configuration: a member set to null is left out of the request. */
export function changed(base: Json, changes: Json): Json {
  const out: Json = { ...base };
  for (const [k, v] of Object.entries(changes)) {
    if (v === null) delete out[k];
    else out[k] = v;
  }
  return out;
}

Given('the admin has added the seed 000 fsKeyManager {string}', async function (this: ObWorld, name: string) {
  await addKeyManager(this, name, seed000KeyManager(this, name));
  assert.equal(this.lastResponse.status, 201, `adding the key manager failed: ${this.lastResponse.text.slice(0, 300)}`);
});

When('the admin adds the seed 000 fsKeyManager {string} with the changes:', async function (this: ObWorld, name: string, doc: string) {
  await addKeyManager(this, name, changed(seed000KeyManager(this, name), JSON.parse(fill(this, doc)) as Json));
});

When('the admin adds the key manager {string} with:', async function (this: ObWorld, name: string, doc: string) {
  await addKeyManager(this, name, JSON.parse(fill(this, doc)) as Json);
});

Given('the admin has added the key manager {string} with:', async function (this: ObWorld, name: string, doc: string) {
  await addKeyManager(this, name, JSON.parse(fill(this, doc)) as Json);
  assert.equal(this.lastResponse.status, 201, `adding the key manager failed: ${this.lastResponse.text.slice(0, 300)}`);
});

Given('the admin has looked up the Resident Key Manager', async function (this: ObWorld) {
  await lookUpResident(this);
});

When('the admin reads the key manager {string}', async function (this: ObWorld, name: string) {
  const id = name === RESIDENT && !this.remembered.has(`km:${RESIDENT}`) ? await lookUpResident(this) : keyManagerId(this, name);
  await apim(this, 'GET', `${ADMIN_V4}/key-managers/${id}`);
});

/** The Admin portal's edit: GET the key manager, change what the form changes, PUT it all back. */
async function editKeyManager(world: ObWorld, name: string, change: (km: Json) => Json): Promise<void> {
  const id = name === RESIDENT && !world.remembered.has(`km:${RESIDENT}`) ? await lookUpResident(world) : keyManagerId(world, name);
  const res = await apim(world, 'GET', `${ADMIN_V4}/key-managers/${id}`);
  assert.equal(res.status, 200, `reading key manager ${name} failed: ${res.text.slice(0, 300)}`);
  const current = res.json as Json;
  if (name === RESIDENT && !cleanup(world).residentBefore) cleanup(world).residentBefore = current;
  await apim(world, 'PUT', `${ADMIN_V4}/key-managers/${id}`, { json: change(structuredClone(current)) });
}

When('the admin disables the key manager {string}', async function (this: ObWorld, name: string) {
  await editKeyManager(this, name, (km) => ({ ...km, enabled: false }));
});

When('the admin enables the key manager {string}', async function (this: ObWorld, name: string) {
  await editKeyManager(this, name, (km) => ({ ...km, enabled: true }));
});

async function updateKeyManager(world: ObWorld, name: string, doc: string): Promise<void> {
  const changes = JSON.parse(fill(world, doc)) as Json;
  await editKeyManager(world, name, (km) => {
    const next: Json = { ...km, ...changes };
    if (changes.additionalProperties) next.additionalProperties = { ...(km.additionalProperties as Json), ...(changes.additionalProperties as Json) };
    return next;
  });
}

When('the admin updates the key manager {string} with:', async function (this: ObWorld, name: string, doc: string) {
  await updateKeyManager(this, name, doc);
});

Given('the admin has updated the key manager {string} with:', async function (this: ObWorld, name: string, doc: string) {
  await updateKeyManager(this, name, doc);
  assert.equal(this.lastResponse.status, 200, `updating key manager ${name} failed: ${this.lastResponse.text.slice(0, 300)}`);
});

When('the admin updates the key manager {string} without {string}', async function (this: ObWorld, name: string, member: string) {
  await editKeyManager(this, name, (km) => {
    delete km[member];
    return km;
  });
});

When('the admin deletes the key manager {string}', async function (this: ObWorld, name: string) {
  const id = name === RESIDENT && !this.remembered.has(`km:${RESIDENT}`) ? await lookUpResident(this) : keyManagerId(this, name);
  await apim(this, 'DELETE', `${ADMIN_V4}/key-managers/${id}`);
  if (this.lastResponse.status === 200) cleanup(this).keyManagers.delete(name);
});

When('the admin {word} a key manager that does not exist', async function (this: ObWorld, verb: string) {
  const path = `${ADMIN_V4}/key-managers/0f0e0d0c-0b0a-4909-8807-060504030201`;
  const calls: Record<string, () => Promise<unknown>> = {
    reads: () => apim(this, 'GET', path),
    deletes: () => apim(this, 'DELETE', path),
  };
  assert.ok(calls[verb], `unknown verb ${verb}`);
  await calls[verb]!();
});

When('the admin reads the {word} usages of the key manager {string}', async function (this: ObWorld, kind: string, name: string) {
  assert.ok(kind === 'API' || kind === 'application', `unknown usage kind ${kind}`);
  await apim(this, 'GET', `${ADMIN_V4}/key-managers/${keyManagerId(this, name)}/${kind === 'API' ? 'api' : 'app'}-usages`);
});

When('the admin reads the API usages of a key manager that does not exist', async function (this: ObWorld) {
  await apim(this, 'GET', `${ADMIN_V4}/key-managers/0f0e0d0c-0b0a-4909-8807-060504030201/api-usages`);
});

/** POST a raw key manager body, as application/json unless the scenario names another type. */
async function sendKeyManagerBody(world: ObWorld, body: string, contentType = 'application/json'): Promise<void> {
  await world.send('none', 'POST', world.url('apim', `${ADMIN_V4}/key-managers`), {
    headers: { authorization: world.adminAuthorization(), 'content-type': contentType },
    body,
  });
}

When('the admin sends the key manager body {string}', async function (this: ObWorld, body: string) {
  await sendKeyManagerBody(this, body);
});

When('the admin sends the key manager body {string} as {string}', async function (this: ObWorld, body: string, contentType: string) {
  await sendKeyManagerBody(this, body, contentType);
});

Then('the key manager list ends with the Resident Key Manager', function (this: ObWorld) {
  const list = (bodyOf(this).list as Json[]);
  assert.equal(bodyOf(this).count, list.length);
  assert.equal(list.at(-1)?.name, RESIDENT, `list order: ${list.map((k) => k.name).join(', ')}`);
});

Then('the key manager list has {string} with the type {string}', function (this: ObWorld, name: string, type: string) {
  const entry = (bodyOf(this).list as Json[]).find((k) => k.id === keyManagerId(this, name));
  assert.ok(entry, `key manager ${name} is not listed`);
  assert.equal(entry.type, type);
  assert.deepEqual(Object.keys(entry).sort(), ['description', 'enabled', 'id', 'isGlobal', 'isUsed', 'name', 'tokenType', 'type']);
});

Then('the response has the Location of the key manager {string}', function (this: ObWorld, name: string) {
  assert.equal(this.lastResponse.headers.location, this.url('apim', `${ADMIN_V4}/key-managers/${keyManagerId(this, name)}`));
});

Then('the response path {string} is the JSON {string}', function (this: ObWorld, path: string, json: string) {
  let v: unknown = bodyOf(this);
  for (const part of path.split('.')) v = (v as Json | undefined)?.[part];
  assert.deepEqual(v, JSON.parse(fill(this, json)), `${path}`);
});

Then('the response member {string} is the URL {string}', function (this: ObWorld, member: string, url: string) {
  assert.equal(bodyOf(this)[member], fill(this, url), member);
});

Then('the settings list the key manager types {string}', function (this: ObWorld, types: string) {
  const listed = (bodyOf(this).keyManagerConfiguration as Json[]).map((k) => k.type);
  assert.deepEqual(listed, types.split(',').map((t) => t.trim()));
});

Then('the response is the APIM error {int} {string} {string}', function (this: ObWorld, code: number, message: string, description: string) {
  assert.ok((this.lastResponse.headers['content-type'] ?? '').startsWith('application/json'), `not JSON: ${this.lastResponse.headers['content-type']}`);
  const body = bodyOf(this);
  assert.deepEqual(
    { code: body.code, message: body.message, description: body.description, moreInfo: body.moreInfo },
    { code, message: fill(this, message), description: fill(this, description), moreInfo: '' },
    this.lastResponse.text.slice(0, 300),
  );
});

Then('the APIM error lists {string} {string}', function (this: ObWorld, code: string, message: string) {
  assert.deepEqual(bodyOf(this).error, [{ code, message }]);
});

Then('the response is the product\'s generic internal error', function (this: ObWorld) {
  assert.equal(this.lastResponse.status, 500);
  assert.deepEqual(bodyOf(this), {
    code: 500, message: 'Internal server error', description: 'The server encountered an internal error. Please contact administrator.', moreInfo: '', error: [],
  });
});

Then('deleting the Resident Key Manager is refused as the API Manager release does', function (this: ObWorld) {
  const release = this.target.file.product?.apim ?? '4.4';
  // 4.2 has no usage check and fails inside (900967); 4.3+ answers KEY_MANAGER_DELETE_FAILED with its literal %s.
  const expected = release === '4.2'
    ? { status: 500, code: 900967, message: 'General Error', description: 'Server Error Occurred' }
    : { status: 412, code: 902015, message: 'Key Manager Delete error', description: 'Error while deleting the Key Manager. %s' };
  const body = bodyOf(this);
  assert.deepEqual({ status: this.lastResponse.status, code: body.code, message: body.message, description: body.description }, expected);
});

Then('the key manager {string} is still there', async function (this: ObWorld, name: string) {
  const res = await this.http.send('none', 'GET', this.url('apim', `${ADMIN_V4}/key-managers/${keyManagerId(this, name)}`), { headers: { authorization: this.adminAuthorization() } });
  assert.equal(res.status, 200);
});

Then('no key manager named {string} exists', async function (this: ObWorld, name: string) {
  const res = await this.http.send('none', 'GET', this.url('apim', `${ADMIN_V4}/key-managers`), { headers: { authorization: this.adminAuthorization() } });
  const names = ((res.json as { list: Json[] }).list).map((k) => k.name);
  assert.ok(!names.includes(fill(this, name)), `${fill(this, name)} was stored`);
});

// ---- APIM DCR v0.17 and the REST API token ----------------------------------------------------

When('the admin registers the REST API client {string} through APIM DCR with:', async function (this: ObWorld, name: string, doc: string) {
  await apim(this, 'POST', APIM_DCR, { json: JSON.parse(fill(this, doc)) });
  if (this.lastResponse.status === 200 && !this.remembered.has(`dcr:${name}`)) this.remember(`dcr:${name}`, this.lastResponse.json);
  rememberApimDcrClient(this);
});

/** A TPP who signed up (devportal steps, `tpp:<name>`) calls APIM DCR with its own Basic credentials. */
async function tppRegisters(world: ObWorld, name: string, doc: string): Promise<void> {
  const tpp = world.recall<{ username: string; password: string }>(`tpp:${name}`);
  await world.send('none', 'POST', world.url('apim', APIM_DCR), {
    headers: { authorization: `Basic ${Buffer.from(`${tpp.username}:${tpp.password}`).toString('base64')}`, 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(JSON.parse(fill(world, doc))),
  });
  rememberApimDcrClient(world);
}

When('the TPP {string} registers a REST API client through APIM DCR with:', async function (this: ObWorld, name: string, doc: string) {
  await tppRegisters(this, name, doc);
});

/** As above, remembering the first answer as the REST API client `client` (its credentials). */
When('the TPP {string} registers the REST API client {string} through APIM DCR with:', async function (this: ObWorld, name: string, client: string, doc: string) {
  await tppRegisters(this, name, doc);
  if (this.lastResponse.status === 200 && !this.remembered.has(`dcr:${client}`)) this.remember(`dcr:${client}`, this.lastResponse.json);
});

/** An APIM DCR registration the last request created, for the run's list of what stays behind. */
function rememberApimDcrClient(world: ObWorld): void {
  const body = world.lastResponse.json as { clientId?: unknown; clientName?: unknown } | undefined;
  if (world.lastResponse.status === 200 && typeof body?.clientId === 'string') cleanup(world).apimDcrClients.set(body.clientId, String(body.clientName ?? ''));
}

When('a caller {string} registers a REST API client through APIM DCR', async function (this: ObWorld, who: string) {
  await apim(this, 'POST', APIM_DCR, {
    authorization: callerAuthorization(this, who),
    json: { clientName: this.unique('unauthorized'), owner: this.target.file.admin?.username ?? 'admin', grantType: 'password' },
  });
  rememberApimDcrClient(this);
});

When('the admin sends DELETE to the APIM DCR endpoint', async function (this: ObWorld) {
  await apim(this, 'DELETE', APIM_DCR);
});

Then('the response carries the credentials of the REST API client {string}', function (this: ObWorld, name: string) {
  const first = this.recall<Json>(`dcr:${name}`);
  const body = bodyOf(this);
  assert.equal(body.clientId, first.clientId);
  assert.equal(body.clientSecret, first.clientSecret);
});

Then('the response member {string} is a JSON string holding:', function (this: ObWorld, member: string, doc: string) {
  const raw = bodyOf(this)[member];
  assert.equal(typeof raw, 'string', `${member} is ${JSON.stringify(raw)}`);
  assert.deepEqual(JSON.parse(raw as string), JSON.parse(fill(this, doc)));
});

Then('the response has exactly the members {string}', function (this: ObWorld, members: string) {
  assert.deepEqual(Object.keys(bodyOf(this)).sort(), members.split(',').map((m) => m.trim()).sort());
});

When('the admin gets a REST API token for {string} with the password grant and the scope {string}', async function (this: ObWorld, name: string, scope: string) {
  const client = this.recall<Json>(`dcr:${name}`);
  const admin = this.target.file.admin!;
  const form = new URLSearchParams({ grant_type: 'password', username: admin.username, password: secretValue(admin.password, 'admin.password'), scope });
  await this.send('none', 'POST', this.url('apim', '/oauth2/token'), {
    headers: { authorization: `Basic ${Buffer.from(`${client.clientId as string}:${client.clientSecret as string}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
  });
  if (this.lastResponse.status === 200) this.remember('apim:token', (this.lastResponse.json as Json).access_token);
});

Then('the token carries the scopes {string}', function (this: ObWorld, scopes: string) {
  const granted = String(bodyOf(this).scope ?? '').split(' ').filter(Boolean).sort();
  assert.deepEqual(granted, scopes.split(' ').sort());
});

/** A token request at API Manager's own `/oauth2/token`, authenticated as `authorization` says. */
async function apimTokenRequest(world: ObWorld, authorization: string | undefined, fields: Record<string, string>): Promise<void> {
  const form = new URLSearchParams(Object.entries(fields).map(([k, v]) => [k, fill(world, v)]));
  await world.send('none', 'POST', world.url('apim', '/oauth2/token'), {
    headers: { ...(authorization ? { authorization } : {}), 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
  });
  if (world.lastResponse.status === 200) world.remember('apim:token', (world.lastResponse.json as Json).access_token);
}

const clientBasic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

When('the REST API client {string} requests a token at the API Manager with:', async function (this: ObWorld, name: string, table: DataTable) {
  const client = this.recall<Json>(`dcr:${name}`);
  await apimTokenRequest(this, clientBasic(client.clientId as string, client.clientSecret as string), Object.fromEntries(table.hashes().map((r) => [r.field!, r.value!])));
});

When('the REST API client {string} requests a password-grant token for the admin {word}', async function (this: ObWorld, name: string, how: string) {
  const client = this.recall<Json>(`dcr:${name}`);
  const id = client.clientId as string;
  const secret = client.clientSecret as string;
  const auth: Record<string, string | undefined> = {
    'without-client-authentication': undefined,
    'with-a-wrong-client-secret': clientBasic(id, `${secret.slice(0, -1)}${secret.endsWith('x') ? 'y' : 'x'}`),
    'with-a-shorter-client-secret': clientBasic(id, secret.slice(0, -1)),
    'with-an-unknown-client-id': clientBasic(`${id}-unknown`, secret),
  };
  assert.ok(how in auth, `unknown client authentication ${how}`);
  await apimTokenRequest(this, auth[how], { grant_type: 'password', username: '{{admin}}', password: '{{admin_password}}', scope: 'apim:admin' });
});

When('the admin lists the key managers with that token', async function (this: ObWorld) {
  await apim(this, 'GET', `${ADMIN_V4}/key-managers`, { authorization: `Bearer ${this.recall<string>('apim:token')}` });
});

When('the admin reads the key manager settings with that token', async function (this: ObWorld) {
  await apim(this, 'GET', `${ADMIN_V4}/settings`, { authorization: `Bearer ${this.recall<string>('apim:token')}` });
});

When('the admin deletes a key manager with that token', async function (this: ObWorld) {
  await apim(this, 'DELETE', `${ADMIN_V4}/key-managers/0f0e0d0c-0b0a-4909-8807-060504030201`, { authorization: `Bearer ${this.recall<string>('apim:token')}` });
});

// ---- keymanager-operations DCR -------------------------------------------------------------------

const b64 = (id: string) => Buffer.from(id).toString('base64url');
const kmopsClient = (world: ObWorld, name: string) => world.recall<Json>(`kmops:${name}`).client_id as string;

When('the admin registers the keymanager-operations client {string} with:', async function (this: ObWorld, name: string, doc: string) {
  await is(this, 'POST', KMOPS, { json: JSON.parse(fill(this, doc)) });
  if (this.lastResponse.status === 201 || this.lastResponse.status === 200) {
    const created = this.lastResponse.json as Json;
    if (!this.remembered.has(`kmops:${name}`)) this.remember(`kmops:${name}`, created);
    cleanup(this).kmopsClients.add(created.client_id as string);
  }
});

Given('the admin has registered the keymanager-operations client {string} with:', async function (this: ObWorld, name: string, doc: string) {
  await is(this, 'POST', KMOPS, { json: JSON.parse(fill(this, doc)) });
  assert.equal(this.lastResponse.status, 201, `registration failed: ${this.lastResponse.text.slice(0, 300)}`);
  const created = this.lastResponse.json as Json;
  this.remember(`kmops:${name}`, created);
  cleanup(this).kmopsClients.add(created.client_id as string);
});

When('a caller {string} registers a keymanager-operations client', async function (this: ObWorld, who: string) {
  await is(this, 'POST', KMOPS, { authorization: callerAuthorization(this, who), json: { client_name: this.unique('unauthorized'), grant_types: ['client_credentials'] } });
});

When('the admin gets the keymanager-operations client {string} by its base64url client id', async function (this: ObWorld, name: string) {
  await is(this, 'GET', `${KMOPS}/${b64(kmopsClient(this, name))}`);
});

When('the admin updates the keymanager-operations client {string} with:', async function (this: ObWorld, name: string, doc: string) {
  await is(this, 'PUT', `${KMOPS}/${b64(kmopsClient(this, name))}`, { json: { client_id: kmopsClient(this, name), ...(JSON.parse(fill(this, doc)) as Json) } });
});

When('the admin deletes the keymanager-operations client {string}', async function (this: ObWorld, name: string) {
  await is(this, 'DELETE', `${KMOPS}/${b64(kmopsClient(this, name))}`);
  if (this.lastResponse.status === 204) cleanup(this).kmopsClients.delete(kmopsClient(this, name));
});

When('the admin {word} a keymanager-operations client that does not exist', async function (this: ObWorld, verb: string) {
  const path = `${KMOPS}/${b64('no-such-client-id-0000000000')}`;
  const calls: Record<string, () => Promise<unknown>> = {
    gets: () => is(this, 'GET', path),
    updates: () => is(this, 'PUT', path, { json: { client_id: 'no-such-client-id-0000000000', grant_types: ['client_credentials'] } }),
    deletes: () => is(this, 'DELETE', path),
  };
  assert.ok(calls[verb], `unknown verb ${verb}`);
  await calls[verb]!();
});

When('the admin regenerates the secret of a keymanager-operations client that does not exist', async function (this: ObWorld) {
  await is(this, 'POST', `${KMOPS}/${b64('no-such-client-id-0000000000')}/regenerate-consumer-secret`);
});

When('the admin changes the owner of a keymanager-operations client that does not exist', async function (this: ObWorld) {
  await is(this, 'POST', `${KMOPS}/${b64('no-such-client-id-0000000000')}/change-owner?applicationOwner=${encodeURIComponent(this.target.file.admin?.username ?? 'admin')}`);
});

When('the admin registers the keymanager-operations client {string} under {string} with:', async function (this: ObWorld, name: string, prefix: string, doc: string) {
  await is(this, 'POST', `${prefix}${KMOPS}`, { json: JSON.parse(fill(this, doc)) });
  if (this.lastResponse.status === 201) {
    const created = this.lastResponse.json as Json;
    this.remember(`kmops:${name}`, created);
    cleanup(this).kmopsClients.add(created.client_id as string);
  }
});

When('the admin gets the keymanager-operations client {string} under {string}', async function (this: ObWorld, name: string, prefix: string) {
  await is(this, 'GET', `${prefix}${KMOPS}/${b64(kmopsClient(this, name))}`);
});

When('the admin changes the owner of the keymanager-operations client {string} to {string}', async function (this: ObWorld, name: string, owner: string) {
  await is(this, 'POST', `${KMOPS}/${b64(kmopsClient(this, name))}/change-owner?applicationOwner=${encodeURIComponent(fill(this, owner))}`);
});

When('the admin regenerates the secret of the keymanager-operations client {string}', async function (this: ObWorld, name: string) {
  await is(this, 'POST', `${KMOPS}/${b64(kmopsClient(this, name))}/regenerate-consumer-secret`);
});

/** The keymanager-operations client as a client of the token endpoint, with the secret it was given. */
Given('the keymanager-operations client {string} authenticates with its client secret', function (this: ObWorld, name: string) {
  const created = this.recall<Json>(`kmops:${name}`);
  this.remember(`client:${name}`, { client_id: created.client_id, client_secret: created.client_secret, token_endpoint_auth_method: 'client_secret_basic' });
});

Then('the response is the keymanager-operations client {string} with a new client secret', function (this: ObWorld, name: string) {
  const before = this.recall<Json>(`kmops:${name}`);
  const body = bodyOf(this) as Json;
  assert.equal(body.client_id, before.client_id, 'client_id changed');
  assert.ok(typeof body.client_secret === 'string' && body.client_secret !== '', `no client_secret: ${JSON.stringify(body.client_secret)}`);
  assert.notEqual(body.client_secret, before.client_secret, 'client_secret was not regenerated');
});

Then('the keymanager-operations member {string} is {string}', function (this: ObWorld, member: string, value: string) {
  assert.equal(bodyOf(this)[member], fill(this, value), `member ${member}`);
});

Then('the response is the keymanager-operations error {string} {string}', function (this: ObWorld, message: string, description: string) {
  assert.deepEqual(bodyOf(this), { code: null, message, description: fill(this, description) });
});

// ---- OAuth2 scope API v1.0 ------------------------------------------------------------------------

When('the admin creates the scope {string} with:', async function (this: ObWorld, name: string, doc: string) {
  await is(this, 'POST', SCOPES, { json: JSON.parse(fill(this, doc)) });
  if (this.lastResponse.status === 201) cleanup(this).scopes.add(this.unique(name));
});

Given('the admin has created the scope {string}', async function (this: ObWorld, name: string) {
  await is(this, 'POST', SCOPES, { json: { name: this.unique(name), displayName: name, description: `${name} scope`, bindings: [] } });
  assert.equal(this.lastResponse.status, 201, `creating the scope failed: ${this.lastResponse.text.slice(0, 300)}`);
  cleanup(this).scopes.add(this.unique(name));
});

When('a caller {string} lists the scopes', async function (this: ObWorld, who: string) {
  await is(this, 'GET', SCOPES, { authorization: callerAuthorization(this, who) });
});

When('the admin {word} the scope {string}', async function (this: ObWorld, verb: string, name: string) {
  const path = `${SCOPES}/name/${encodeURIComponent(this.unique(name))}`;
  const calls: Record<string, () => Promise<unknown>> = {
    reads: () => is(this, 'GET', path),
    checks: () => is(this, 'HEAD', path),
    deletes: () => is(this, 'DELETE', path),
  };
  assert.ok(calls[verb], `unknown verb ${verb}`);
  await calls[verb]!();
  if (verb === 'deletes' && this.lastResponse.status === 200) cleanup(this).scopes.delete(this.unique(name));
});

When('the admin updates the scope {string} with:', async function (this: ObWorld, name: string, doc: string) {
  await is(this, 'PUT', `${SCOPES}/name/${encodeURIComponent(this.unique(name))}`, { json: JSON.parse(fill(this, doc)) });
});

Then('the response has the Location of the scope {string}', function (this: ObWorld, name: string) {
  assert.equal(this.lastResponse.headers.location, this.url('is', `${SCOPES}/name/${encodeURIComponent(this.unique(name))}`));
});

Then('the response is the scope API error {int} {string} {string}', function (this: ObWorld, code: number, message: string, description: string) {
  assert.deepEqual(bodyOf(this), { code: String(code), message, description: fill(this, description) });
});
