import 'reflect-metadata';
import { decodeJwt } from 'jose';
import assert from 'node:assert/strict';
import * as x509 from '@peculiar/x509';
import { randomBytes } from 'node:crypto';
import { After, Given, Then, When, type DataTable } from '@cucumber/cucumber';
import { NAME_PREFIX, noteApimDcrClient, noteLeftBehind } from './support/clients.ts';
import { fillTemplate } from './support/templates.ts';
import type { ObWorld } from './support/world.ts';
import { jsonObjectBody } from './support/json-body.ts';
import { secretValue } from './support/target.ts';
import { changed } from './apim.steps.ts';

/**
 * The TPP's half of seeds 000, 001, 002 and 004 on API Manager: self sign-up, then the Developer
 * Portal REST API v3 as the portal calls it (applications, subscriptions, generate and map keys),
 * and the key managers' Identity Server where the seeds create clients by hand. Every user,
 * application and client a scenario makes carries the `obc-` prefix and is deleted after the
 * scenario (users through API Manager's SCIM2 /Users, as the admin).
 */

const DEV = '/api/am/devportal/v3';
const SIGN_UP = '/api/identity/user/v1.0/me';

type Json = Record<string, unknown>;

interface Tpp {
  username: string;
  password: string;
  /** A REST API token (seed 000 "Sign in to the Developer Portal" as a REST client); Basic when absent. */
  token?: string;
}

interface Created {
  applications: { id: string; tpp: Tpp }[];
  /** OAuth clients made at the Identity Server: by the harness, or by the portal's generate-keys. */
  isClients: string[];
  users: string[];
}

/**
 * Generated keys: remembered for the scenario, and their client for the clean-up, which deletes it at
 * the Identity Server after the application (answered 401 there when the application took it along):
 * a scenario that breaks the key manager's registration endpoint leaves no client behind.
 */
function rememberGeneratedKey(world: ObWorld, app: string, key: Json): void {
  world.remember(`key:${app}:${key.keyType as string}`, key);
  if (typeof key.consumerKey === 'string') created(world).isClients.push(key.consumerKey);
}

function created(world: ObWorld): Created {
  if (!world.remembered.has('devp:created')) world.remember<Created>('devp:created', { applications: [], isClients: [], users: [] });
  return world.recall<Created>('devp:created');
}

const secretValueOf = (world: ObWorld) => secretValue(world.target.file.admin!.password, 'admin.password');
const tppOf = (world: ObWorld, name: string) => world.recall<Tpp>(`tpp:${name}`);
const appId = (world: ObWorld, name: string) => world.recall<string>(`app:${name}`);
const authOf = (tpp: Tpp) => (tpp.token ? `Bearer ${tpp.token}` : `Basic ${Buffer.from(`${tpp.username}:${tpp.password}`).toString('base64')}`);

/** Placeholders: those of fillTemplate, and {{upper-name:X}}, {{tpp:X}}, {{app:X}}, {{api:X}}, {{km:X}}, {{is}}. */
export function fill(world: ObWorld, text: string): string {
  return fillTemplate(world, text)
    .replace(/\{\{upper-name:([^}]+)\}\}/g, (_m, n: string) => world.unique(n).toUpperCase())
    .replace(/\{\{key-consumer:([^:}]+):([A-Z]+)\}\}/g, (_m, a: string, t: string) => world.recall<Json>(`key:${a}:${t}`).consumerKey as string)
    .replace(/\{\{key-mapping:([^:}]+):([A-Z]+)\}\}/g, (_m, a: string, t: string) => world.recall<Json>(`key:${a}:${t}`).keyMappingId as string)
    .replace(/\{\{sub:([^:}]+):([^}]+)\}\}/g, (_m, a: string, api: string) => world.recall<string>(`sub:${a}:${api}`))
    .replace(/\{\{tpp:([^}]+)\}\}/g, (_m, n: string) => tppOf(world, n).username)
    .replace(/\{\{app:([^}]+)\}\}/g, (_m, n: string) => appId(world, n))
    .replace(/\{\{api:([^}]+)\}\}/g, (_m, n: string) => world.recall<string>(`api:${n}`))
    .replace(/\{\{km:([^}]+)\}\}/g, (_m, n: string) => world.recall<string>(`km:${n}`))
    .replaceAll('{{is}}', world.target.urls.is);
}

const body = jsonObjectBody;

/** Each member of the JSON document (placeholders as in `fill`) equals the object's. */
function assertMembers(world: ObWorld, actual: Json, doc: string, label = ''): void {
  for (const [k, v] of Object.entries(JSON.parse(fill(world, doc)) as Json)) assert.deepEqual(actual[k], v, `${label}${k}`);
}

/** The key manager as the portal's last key manager list gives it, by the id the admin got. */
function listedKeyManager(world: ObWorld, km: string): Json | undefined {
  return (body(world).list as Json[]).find((k) => k.id === world.recall<string>(`km:${km}`));
}

async function portal(world: ObWorld, tpp: Tpp | undefined, method: string, path: string, json?: unknown) {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (tpp) headers.authorization = authOf(tpp);
  if (json !== undefined) headers['content-type'] = 'application/json';
  return world.send('none', method, world.url('apim', `${DEV}${path}`), json === undefined ? { headers } : { headers, body: JSON.stringify(json) });
}

/** Identity Server application management v1 (what the fsKeyManager reads, apim-surface §5.3). */
const IS_APPLICATIONS = '/api/server/v1/applications';

/** advancedConfigurations.additionalSpProperties of the IS application answered, as name -> value. */
function spProperties(world: ObWorld): Record<string, unknown> {
  const advanced = (body(world).advancedConfigurations ?? {}) as Json;
  const listed = Array.isArray(advanced.additionalSpProperties) ? (advanced.additionalSpProperties as Json[]) : [];
  return Object.fromEntries(listed.map((p) => [p.name as string, p.value]));
}

async function identityServer(world: ObWorld, method: string, path: string, json?: unknown) {
  const headers: Record<string, string> = { accept: 'application/json', authorization: world.adminAuthorization() };
  if (json !== undefined) headers['content-type'] = 'application/json';
  return world.http.send('none', method, world.url('is', path), json === undefined ? { headers } : { headers, body: JSON.stringify(json) });
}

After(async function (this: ObWorld) {
  if (!this.remembered.has('devp:created')) return;
  const c = created(this);
  for (const a of c.applications) {
    const res = await this.http.send('none', 'DELETE', this.url('apim', `${DEV}/applications/${a.id}`), { headers: { authorization: authOf(a.tpp) } });
    if (![200, 404].includes(res.status)) noteLeftBehind(this, { kind: 'API Manager application', id: a.id, why: `DELETE answered ${res.status}` });
  }
  for (const id of c.isClients) {
    const res = await identityServer(this, 'DELETE', `${this.target.path('isDcrRegister')}/${encodeURIComponent(id)}`);
    if (![204, 401, 404].includes(res.status)) noteLeftBehind(this, { kind: 'IS DCR client', id, why: `DELETE answered ${res.status}` });
  }
  // The TPPs last (their credentials deleted the applications): SCIM2 of API Manager's user store.
  for (const username of c.users) {
    const headers = { authorization: this.adminAuthorization(), accept: 'application/scim+json' };
    const found = await this.http.send('none', 'GET', this.url('apim', `/scim2/Users?filter=${encodeURIComponent(`userName eq ${username}`)}`), { headers });
    const id = ((found.json as { Resources?: { id: string }[] } | undefined)?.Resources ?? [])[0]?.id;
    const res = id ? await this.http.send('none', 'DELETE', this.url('apim', `/scim2/Users/${id}`), { headers }) : undefined;
    if (res?.status !== 204) noteLeftBehind(this, { kind: 'API Manager user', id: username, why: `SCIM2 answered ${res?.status ?? found.status}` });
  }
});

// ---- sign-up and sign-in ---------------------------------------------------------------------------

/** The self-registration body as the account-recovery app sends it (seed 000 step 1). */
const signUpBody = (username: string, password: string): Json => ({
  user: {
    username, realm: 'PRIMARY', password,
    claims: [{ uri: 'http://wso2.org/claims/givenname', value: 'Obc' }, { uri: 'http://wso2.org/claims/emailaddress', value: `${username}@tpp.example.com` }],
  },
  properties: [],
});

/** A request other than the account-recovery app's: another body, other credentials (null: none). */
type SignUpVariant = { json?: Json; authorization?: string | null };

/** The self-registration request, with the account-recovery app's credentials (the admin's) unless told otherwise. */
async function signUp(world: ObWorld, username: string, password: string, variant: SignUpVariant = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  const authorization = variant.authorization === undefined ? world.adminAuthorization() : variant.authorization;
  if (authorization !== null) headers.authorization = authorization;
  return world.send('none', 'POST', world.url('apim', SIGN_UP), { headers, body: JSON.stringify(variant.json ?? signUpBody(username, password)) });
}

/** Requests the user API refuses (apim-surface §4.1: `secured="true"`; the user, its name and password are required). */
const userWith = (t: Tpp, change: Json): Json => ({ user: { ...(signUpBody(t.username, t.password).user as Json), ...change }, properties: [] });
const FAULTY_SIGN_UPS: Record<string, (world: ObWorld, tpp: Tpp) => SignUpVariant> = {
  'without credentials': () => ({ authorization: null }),
  'with a wrong password for its caller': (w) => ({ authorization: `Basic ${Buffer.from(`${w.target.file.admin!.username}:not-the-password`).toString('base64')}` }),
  'without user details': () => ({ json: { properties: [] } }),
  'without a username': (_w, t) => ({ json: userWith(t, { username: undefined }) }),
  'with a blank username': (_w, t) => ({ json: userWith(t, { username: '   ' }) }),
  'without a password': (_w, t) => ({ json: userWith(t, { password: undefined }) }),
  'with an empty password': (_w, t) => ({ json: userWith(t, { password: '' }) }),
};

When(new RegExp(`^the TPP "([^"]+)" signs up (${Object.keys(FAULTY_SIGN_UPS).join('|')})$`), async function (this: ObWorld, name: string, how: string) {
  const tpp: Tpp = { username: this.unique(name), password: `Pw-${randomBytes(9).toString('base64url')}` };
  this.remember(`tpp:${name}`, tpp);
  await signUp(this, tpp.username, tpp.password, FAULTY_SIGN_UPS[how]!(this, tpp));
  if (this.lastResponse.status === 201) created(this).users.push(tpp.username);
});

When('the TPP {string} signs up in the Developer Portal', async function (this: ObWorld, name: string) {
  const tpp: Tpp = { username: this.unique(name), password: `Pw-${randomBytes(9).toString('base64url')}` };
  await signUp(this, tpp.username, tpp.password);
  if (this.lastResponse.status === 201) {
    this.remember(`tpp:${name}`, tpp);
    created(this).users.push(tpp.username);
  }
});

Given('the TPP {string} has signed up in the Developer Portal', async function (this: ObWorld, name: string) {
  const tpp: Tpp = { username: this.unique(name), password: `Pw-${randomBytes(9).toString('base64url')}` };
  const res = await signUp(this, tpp.username, tpp.password);
  assert.equal(res.status, 201, `sign-up failed: ${res.status} ${res.text.slice(0, 300)}`);
  this.remember(`tpp:${name}`, tpp);
  created(this).users.push(tpp.username);
});

When('someone else signs up with the username of the TPP {string}', async function (this: ObWorld, name: string) {
  await signUp(this, tppOf(this, name).username, `Pw-${randomBytes(9).toString('base64url')}`);
});

/** Seed 000 step 2 as a REST client: APIM DCR v0.17 as the TPP, then the password grant with `scope`. */
/** Seed 000 step 2's first call: the TPP registers the portal's client at APIM DCR v0.17 with its Basic credentials. */
async function registerPortalClient(world: ObWorld, name: string) {
  const tpp = tppOf(world, name);
  const reg = await world.http.send('none', 'POST', world.url('apim', '/client-registration/v0.17/register'), {
    headers: { authorization: `Basic ${Buffer.from(`${tpp.username}:${tpp.password}`).toString('base64')}`, 'content-type': 'application/json' },
    body: JSON.stringify({ callbackUrl: 'www.google.lk', clientName: world.unique(`${name}-portal`), owner: tpp.username, grantType: 'client_credentials password refresh_token', saasApp: true }),
  });
  if (reg.status === 200) noteApimDcrClient(world, (reg.json as Json).clientId as string, ((reg.json as Json).clientName as string | undefined) ?? '');
  return reg;
}

async function signIn(world: ObWorld, name: string, scope: string): Promise<void> {
  const tpp = tppOf(world, name);
  const reg = await registerPortalClient(world, name);
  assert.equal(reg.status, 200, `APIM DCR as the TPP failed: ${reg.text.slice(0, 300)}`);
  const client = reg.json as { clientId: string; clientSecret: string };
  await world.send('none', 'POST', world.url('apim', '/oauth2/token'), {
    headers: { authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', username: tpp.username, password: tpp.password, scope }).toString(),
  });
  if (world.lastResponse.status === 200) tpp.token = (world.lastResponse.json as Json).access_token as string;
}

When('the TPP {string} signs in to the Developer Portal with a REST API token', async function (this: ObWorld, name: string) {
  await signIn(this, name, 'apim:subscribe apim:app_manage apim:sub_manage');
});

When('the TPP {string} signs in with a REST API token for the scope {string} only', async function (this: ObWorld, name: string, scope: string) {
  await signIn(this, name, scope);
});

// ---- the users of API Manager's user store (SCIM2 /Users, RFC 7644; WSO2-DEVP-22) ----------------

const SCIM_USERS = '/scim2/Users';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function searchUsers(world: ObWorld, filter: string, authorization: string) {
  const url = world.url('apim', `${SCIM_USERS}?filter=${encodeURIComponent(filter)}`);
  return world.send('none', 'GET', url, { headers: { authorization, accept: 'application/scim+json' } });
}

When('the admin searches the API Manager users with the filter {string}', async function (this: ObWorld, filter: string) {
  await searchUsers(this, fill(this, filter), this.adminAuthorization());
});

When('the TPP {string} searches the API Manager users for itself', async function (this: ObWorld, name: string) {
  await searchUsers(this, `userName eq "${tppOf(this, name).username}"`, authOf(tppOf(this, name)));
});

/** RFC 7644 §3.4.2: a ListResponse holding the one user, its id a UUID (WSO2 user stores), its meta.location the resource (RFC 7643 §3.1). */
Then('the one user found is the TPP {string}', function (this: ObWorld, name: string) {
  const b = body(this);
  assert.deepEqual(b.schemas, ['urn:ietf:params:scim:api:messages:2.0:ListResponse']);
  assert.equal(b.totalResults, 1, this.lastResponse.text.slice(0, 300));
  const user = (b.Resources as Json[])[0]!;
  assert.equal(user.userName, tppOf(this, name).username);
  assert.ok((user.schemas as string[]).includes('urn:ietf:params:scim:schemas:core:2.0:User'), JSON.stringify(user.schemas));
  assert.match(String(user.id), UUID);
  assert.equal((user.meta as Json).location, this.url('apim', `${SCIM_USERS}/${user.id as string}`));
  this.remember('scim:user-found', { id: user.id as string, username: user.userName as string });
});

When('the admin deletes the API Manager user {string}', async function (this: ObWorld, id: string) {
  await this.send('none', 'DELETE', this.url('apim', `${SCIM_USERS}/${id}`), { headers: { authorization: this.adminAuthorization() } });
});

When('the admin deletes the user found', async function (this: ObWorld) {
  const found = this.recall<{ id: string; username: string }>('scim:user-found');
  await this.send('none', 'DELETE', this.url('apim', `${SCIM_USERS}/${found.id}`), { headers: { authorization: this.adminAuthorization() } });
  if (this.lastResponse.status === 204) created(this).users = created(this).users.filter((u) => u !== found.username);
});

Then('the TPP {string} has no account in API Manager', async function (this: ObWorld, name: string) {
  const res = await searchUsers(this, `userName eq "${tppOf(this, name).username}"`, this.adminAuthorization());
  assert.equal(res.status, 200, res.text.slice(0, 300));
  assert.equal((res.json as Json).totalResults, 0, `an account exists: ${res.text.slice(0, 300)}`);
});

/** Seed 000 step 2's first call fails for a user the store does not hold. */
Then('the TPP {string} cannot sign in', async function (this: ObWorld, name: string) {
  const res = await registerPortalClient(this, name);
  assert.equal(res.status, 401, `APIM DCR as the TPP answered ${res.status}: ${res.text.slice(0, 300)}`);
});

When('a caller without credentials lists the applications', async function (this: ObWorld) {
  await portal(this, undefined, 'GET', '/applications');
});

// ---- applications -------------------------------------------------------------------------------

async function createApplication(world: ObWorld, tppName: string, appName: string, extra: Json = {}, omit?: string) {
  const tpp = tppOf(world, tppName);
  const body: Json = { name: world.unique(appName), throttlingPolicy: 'Unlimited', description: 'obc test application', ...extra };
  if (omit !== undefined) delete body[omit];
  const res = await portal(world, tpp, 'POST', '/applications', body);
  if (res.status === 201) {
    const id = (res.json as Json).applicationId as string;
    if (!world.remembered.has(`app:${appName}`)) world.remember(`app:${appName}`, id);
    created(world).applications.push({ id, tpp });
  }
  return res;
}

/** A raw body at `POST /applications` (apim-surface §1.3 rule 4: the JSON provider's refusals). */
async function sendApplicationBody(world: ObWorld, tppName: string, text: string, contentType = 'application/json') {
  await world.send('none', 'POST', world.url('apim', `${DEV}/applications`), {
    headers: { authorization: authOf(tppOf(world, tppName)), 'content-type': contentType, accept: 'application/json' },
    body: text,
  });
}

When('the TPP {string} sends the application body {string}', async function (this: ObWorld, tpp: string, text: string) {
  await sendApplicationBody(this, tpp, text);
});

When('the TPP {string} sends the application body {string} as {string}', async function (this: ObWorld, tpp: string, text: string, contentType: string) {
  await sendApplicationBody(this, tpp, text, contentType);
});

When('the TPP {string} creates the application {string}', async function (this: ObWorld, tpp: string, app: string) {
  await createApplication(this, tpp, app);
});

Given('the TPP {string} has created the application {string}', async function (this: ObWorld, tpp: string, app: string) {
  const res = await createApplication(this, tpp, app);
  assert.equal(res.status, 201, `creating the application failed: ${res.text.slice(0, 300)}`);
});

When('the TPP {string} creates the application {string} with the tier {string}', async function (this: ObWorld, tpp: string, app: string, tier: string) {
  await createApplication(this, tpp, app, { throttlingPolicy: tier });
});

/** The default application body changed by the members given (`null` sends null; placeholders as in `fill`). */
When('the TPP {string} creates the application {string} with:', async function (this: ObWorld, tpp: string, app: string, doc: string) {
  await createApplication(this, tpp, app, JSON.parse(fill(this, doc)) as Json);
});

Given('the TPP {string} has created the application {string} with:', async function (this: ObWorld, tpp: string, app: string, doc: string) {
  const res = await createApplication(this, tpp, app, JSON.parse(fill(this, doc)) as Json);
  assert.equal(res.status, 201, `creating the application failed: ${res.text.slice(0, 300)}`);
});

/** The step's usual body less one member (an absent member and a JSON null bind alike, apim-surface §4.2). */
When('the TPP {string} creates the application {string} without the member {string}', async function (this: ObWorld, tpp: string, app: string, member: string) {
  await createApplication(this, tpp, app, {}, member);
});

/** Bean validation's bounds (apim-surface §4.2: name 1-100, description at most 512). */
When('the TPP {string} creates the application {string} with a {word} of {int} characters', async function (this: ObWorld, tpp: string, app: string, member: string, length: number) {
  const value = member === 'name' ? this.unique(app).slice(0, length).padEnd(length, 'x') : 'd'.repeat(length);
  await createApplication(this, tpp, app, { [member]: value });
});

When('the TPP {string} creates another application named {string} in upper case', async function (this: ObWorld, tpp: string, app: string) {
  const res = await portal(this, tppOf(this, tpp), 'POST', '/applications', { name: this.unique(app).toUpperCase(), throttlingPolicy: 'Unlimited' });
  if (res.status === 201) created(this).applications.push({ id: (res.json as Json).applicationId as string, tpp: tppOf(this, tpp) });
});

When('the TPP {string} lists its applications', async function (this: ObWorld, tpp: string) {
  await portal(this, tppOf(this, tpp), 'GET', '/applications');
});

/** apim-surface §4.2: `query` (an exact name), `sortBy`, `sortOrder` (placeholders as in `fill`). */
When('the TPP {string} lists its applications with {string}', async function (this: ObWorld, tpp: string, query: string) {
  await portal(this, tppOf(this, tpp), 'GET', `/applications?${fill(this, query)}`);
});

Then('the applications listed are {string} in that order', function (this: ObWorld, apps: string) {
  const ids = (body(this).list as Json[]).map((a) => a.applicationId);
  assert.deepEqual(ids, apps.split(',').map((a) => appId(this, a.trim())), this.lastResponse.text.slice(0, 400));
});

/** ApplicationInfoDTO: one listed application's member. */
Then('the application {string} is listed with the member {string} as the JSON {string}', function (this: ObWorld, app: string, member: string, json: string) {
  const listed = (body(this).list as Json[]).find((a) => a.applicationId === appId(this, app));
  assert.ok(listed, `${app} is not listed: ${this.lastResponse.text.slice(0, 400)}`);
  assert.deepEqual(listed[member], JSON.parse(json), `${member} of the listed ${app}`);
});

When('the TPP {string} lists its applications {int} at a time from the offset {int}', async function (this: ObWorld, tpp: string, limit: number, offset: number) {
  await portal(this, tppOf(this, tpp), 'GET', `/applications?limit=${limit}&offset=${offset}`);
});

/** A pagination link: "none" for "", else the page it must name (the rest of the product's template is not asserted). */
function assertPageLink(link: unknown, expected: string, resource: string): void {
  if (expected === 'none') return assert.equal(link, '', `a link where there is no such page: ${JSON.stringify(link)}`);
  const [path, query] = String(link).split('?');
  assert.equal(path, resource, `link ${JSON.stringify(link)}`);
  const params = new URLSearchParams(query);
  const want = new URLSearchParams(expected);
  for (const [k, v] of want) assert.equal(params.get(k), v, `${k} of the link ${JSON.stringify(link)}`);
}

/** PaginationDTO (RestApiCommonUtil.getPaginationParams): offset, limit, total, and links to the pages beside. */
function assertPage(world: ObWorld, resource: string, offset: number, limit: number, total: number | 'beyond', next: string, previous: string): void {
  const p = body(world).pagination as Json;
  assert.deepEqual({ offset: p.offset, limit: p.limit }, { offset, limit });
  // 'beyond': the total is the bank's (the APIs it publishes), only known to pass this page.
  if (total === 'beyond') assert.ok(typeof p.total === 'number' && p.total > offset + limit, `total ${JSON.stringify(p.total)}`);
  else assert.equal(p.total, total, 'total');
  assertPageLink(p.next, next, `/${resource}`);
  assertPageLink(p.previous, previous, `/${resource}`);
}

Then('the page of {word} has offset {int}, limit {int}, total {int}, next {string} and previous {string}', function (this: ObWorld, resource: string, offset: number, limit: number, total: number, next: string, previous: string) {
  assertPage(this, resource, offset, limit, total, next, previous);
});

Then('the page of {word} has offset {int}, limit {int}, a total beyond it, next {string} and previous {string}', function (this: ObWorld, resource: string, offset: number, limit: number, next: string, previous: string) {
  assertPage(this, resource, offset, limit, 'beyond', next, previous);
});

/** A page past the first of a list whose length is the bank's: its place and the link back only. */
Then('the page of {word} has offset {int}, limit {int} and previous {string}', function (this: ObWorld, resource: string, offset: number, limit: number, previous: string) {
  const p = body(this).pagination as Json;
  assert.deepEqual({ offset: p.offset, limit: p.limit }, { offset, limit });
  assertPageLink(p.previous, previous, `/${resource}`);
});

When('the TPP {string} reads the application {string}', async function (this: ObWorld, tpp: string, app: string) {
  await portal(this, tppOf(this, tpp), 'GET', `/applications/${appId(this, app)}`);
});

When('the TPP {string} renames the application {string} to {string}', async function (this: ObWorld, tpp: string, app: string, to: string) {
  await portal(this, tppOf(this, tpp), 'PUT', `/applications/${appId(this, app)}`, { name: this.unique(to), throttlingPolicy: 'Unlimited', description: 'renamed' });
});

When('the TPP {string} renames the application {string} to its name in upper case', async function (this: ObWorld, tpp: string, app: string) {
  await portal(this, tppOf(this, tpp), 'PUT', `/applications/${appId(this, app)}`, { name: this.unique(app).toUpperCase(), throttlingPolicy: 'Unlimited' });
});

When('the TPP {string} deletes the application {string}', async function (this: ObWorld, tpp: string, app: string) {
  await portal(this, tppOf(this, tpp), 'DELETE', `/applications/${appId(this, app)}`);
});

/** Isolation: what one TPP tries on another's application. */
When('the TPP {string} tries to {string} the application {string}', async function (this: ObWorld, tpp: string, action: string, app: string) {
  const t = tppOf(this, tpp);
  const id = appId(this, app);
  const key = () => this.recall<Json>(`key:${app}:PRODUCTION`).keyMappingId as string;
  const actions: Record<string, () => Promise<unknown>> = {
    read: () => portal(this, t, 'GET', `/applications/${id}`),
    change: () => portal(this, t, 'PUT', `/applications/${id}`, { name: this.unique('taken-over'), throttlingPolicy: 'Unlimited' }),
    delete: () => portal(this, t, 'DELETE', `/applications/${id}`),
    'list the keys of': () => portal(this, t, 'GET', `/applications/${id}/oauth-keys`),
    'list the subscriptions of': () => portal(this, t, 'GET', `/subscriptions?applicationId=${id}`),
    'generate keys for': () => portal(this, t, 'POST', `/applications/${id}/generate-keys`, { keyType: 'SANDBOX', grantTypesToBeSupported: ['client_credentials'] }),
    'delete the PRODUCTION key of': () => portal(this, t, 'DELETE', `/applications/${id}/oauth-keys/${key()}`),
    'read the PRODUCTION key of': () => portal(this, t, 'GET', `/applications/${id}/oauth-keys/${key()}`),
    'change the PRODUCTION key of': () => portal(this, t, 'PUT', `/applications/${id}/oauth-keys/${key()}`, { supportedGrantTypes: ['client_credentials'], callbackUrl: '' }),
    'regenerate the PRODUCTION secret of': () => portal(this, t, 'POST', `/applications/${id}/oauth-keys/${key()}/regenerate-secret`),
    'get a token from the PRODUCTION key of': () => portal(this, t, 'POST', `/applications/${id}/oauth-keys/${key()}/generate-token`, { consumerSecret: 'any', validityPeriod: 3600, scopes: [] }),
    'map keys into': () => portal(this, t, 'POST', `/applications/${id}/map-keys`, { consumerKey: 'obc-any', consumerSecret: 'any', keyType: 'SANDBOX' }),
    'subscribe with': () => portal(this, t, 'POST', '/subscriptions', { applicationId: id, apiId: this.recall<string>('api:AccountandTransactionAPI'), throttlingPolicy: 'Unlimited' }),
  };
  assert.ok(actions[action], `unknown action "${action}"; known: ${Object.keys(actions).join(', ')}`);
  await actions[action]!();
});

Then('the application list has {string}', function (this: ObWorld, app: string) {
  const ids = (body(this).list as Json[]).map((a) => a.applicationId);
  assert.ok(ids.includes(appId(this, app)), `${app} is not listed`);
});

Then('the application list does not have {string}', function (this: ObWorld, app: string) {
  const ids = (body(this).list as Json[]).map((a) => a.applicationId);
  assert.ok(!ids.includes(appId(this, app)), `${app} is listed`);
});

Then('the response has the Location of the application {string}', function (this: ObWorld, app: string) {
  assert.equal(this.lastResponse.headers.location, this.url('apim', `${DEV}/applications/${appId(this, app)}`));
});

Then('the response has the Location of the subscription of {string} to the API {string}', function (this: ObWorld, app: string, api: string) {
  assert.equal(this.lastResponse.headers.location, this.url('apim', `${DEV}/subscriptions/${this.recall<string>(`sub:${app}:${api}`)}`));
});

// ---- APIs and subscriptions -------------------------------------------------------------------------

Given('the TPP {string} has found the API {string} in the Developer Portal', async function (this: ObWorld, tpp: string, name: string) {
  const res = await portal(this, tppOf(this, tpp), 'GET', '/apis?limit=100');
  assert.equal(res.status, 200, `listing the APIs failed: ${res.text.slice(0, 300)}`);
  const api = ((res.json as { list: Json[] }).list).find((a) => a.name === name);
  assert.ok(api, `the portal lists no API ${name}`);
  this.remember(`api:${name}`, api.id as string);
});

When('the TPP {string} opens the API {string}', async function (this: ObWorld, tpp: string, name: string) {
  await portal(this, tppOf(this, tpp), 'GET', `/apis/${this.recall<string>(`api:${name}`)}`);
});

When('the TPP {string} opens an API that does not exist', async function (this: ObWorld, tpp: string) {
  await portal(this, tppOf(this, tpp), 'GET', '/apis/0f0e0d0c-0b0a-4909-8807-060504030201');
});

async function subscribeApp(world: ObWorld, tpp: string, app: string, api: string, tier: string) {
  return portal(world, tppOf(world, tpp), 'POST', '/subscriptions', { applicationId: appId(world, app), apiId: api, throttlingPolicy: tier });
}

When('the TPP {string} subscribes the application {string} to the API {string} with the tier {string}', async function (this: ObWorld, tpp: string, app: string, api: string, tier: string) {
  await subscribeApp(this, tpp, app, this.recall<string>(`api:${api}`), tier);
  if (this.lastResponse.status === 201) this.remember(`sub:${app}:${api}`, (this.lastResponse.json as Json).subscriptionId);
});

Given('the TPP {string} has subscribed the application {string} to the API {string} with the tier {string}', async function (this: ObWorld, tpp: string, app: string, api: string, tier: string) {
  const res = await subscribeApp(this, tpp, app, this.recall<string>(`api:${api}`), tier);
  assert.equal(res.status, 201, `subscribing failed: ${res.text.slice(0, 300)}`);
  this.remember(`sub:${app}:${api}`, (res.json as Json).subscriptionId);
});

When('the TPP {string} subscribes the application {string} to an API that does not exist', async function (this: ObWorld, tpp: string, app: string) {
  await subscribeApp(this, tpp, app, '0f0e0d0c-0b0a-4909-8807-060504030201', 'Unlimited');
});

When('the TPP {string} subscribes the application {string} to the APIs {string} at once with the tier {string}', async function (this: ObWorld, tpp: string, app: string, apis: string, tier: string) {
  const items = apis.split(',').map((a) => ({ applicationId: appId(this, app), apiId: this.recall<string>(`api:${a.trim()}`), throttlingPolicy: tier }));
  await portal(this, tppOf(this, tpp), 'POST', '/subscriptions/multiple', items);
});

/** apim-surface §4.4: a Subscription body as given (placeholders as in `fill`). */
When('the TPP {string} sends the subscription:', async function (this: ObWorld, tpp: string, doc: string) {
  await portal(this, tppOf(this, tpp), 'POST', '/subscriptions', JSON.parse(fill(this, doc)));
});

When('the TPP {string} sends the subscriptions at once:', async function (this: ObWorld, tpp: string, doc: string) {
  await portal(this, tppOf(this, tpp), 'POST', '/subscriptions/multiple', JSON.parse(fill(this, doc)));
});

When('the TPP {string} lists the subscriptions with {string}', async function (this: ObWorld, tpp: string, query: string) {
  await portal(this, tppOf(this, tpp), 'GET', `/subscriptions${query === '' ? '' : `?${fill(this, query)}`}`);
});

When('the TPP {string} reads the subscription {string}', async function (this: ObWorld, tpp: string, id: string) {
  await portal(this, tppOf(this, tpp), 'GET', `/subscriptions/${fill(this, id)}`);
});

/** The list's subscriptions, as those of the applications to the APIs named ("App:Api, …"), in any order. */
Then('the subscriptions listed are {string}', function (this: ObWorld, pairs: string) {
  const ids = (body(this).list as Json[]).map((x) => x.subscriptionId).sort();
  const want = pairs === '' ? [] : pairs.split(',').map((p) => { const [a, api] = p.trim().split(':'); return this.recall<string>(`sub:${a}:${api}`); }).sort();
  assert.deepEqual(ids, want, this.lastResponse.text.slice(0, 400));
});

When('the TPP {string} lists the subscriptions of the application {string}', async function (this: ObWorld, tpp: string, app: string) {
  await portal(this, tppOf(this, tpp), 'GET', `/subscriptions?applicationId=${appId(this, app)}`);
});

When('the TPP {string} lists the published APIs {int} at a time from the offset {int}', async function (this: ObWorld, tpp: string, limit: number, offset: number) {
  await portal(this, tppOf(this, tpp), 'GET', `/apis?limit=${limit}&offset=${offset}`);
});

When('the TPP {string} lists the subscriptions of the application {string} {int} at a time from the offset {int}', async function (this: ObWorld, tpp: string, app: string, limit: number, offset: number) {
  await portal(this, tppOf(this, tpp), 'GET', `/subscriptions?applicationId=${appId(this, app)}&limit=${limit}&offset=${offset}`);
});

Then('the subscriptions are to the APIs {string}', function (this: ObWorld, apis: string) {
  const json = this.lastResponse.json;
  const list = (Array.isArray(json) ? json : (body(this).list as Json[])) as Json[];
  assert.deepEqual(list.map((s) => s.apiId).sort(), apis.split(',').map((a) => this.recall<string>(`api:${a.trim()}`)).sort());
});

// ---- keys -------------------------------------------------------------------------------------------

/** An application certificate (seed 000 "Application Certificate"): self-signed, valid now or expired a day ago. */
async function applicationCertificate(expired: boolean): Promise<string> {
  const alg = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  const keys = await globalThis.crypto.subtle.generateKey(alg, true, ['sign', 'verify']);
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomBytes(8).toString('hex'), name: 'CN=obc-application-certificate, O=obc TPP',
    notBefore: new Date(now - (expired ? 30 : 1) * 86_400_000), notAfter: new Date(now + (expired ? -1 : 30) * 86_400_000),
    keys, signingAlgorithm: alg,
  });
  return cert.toString('pem');
}

/**
 * Doc-string certificates: {{certificate}} and {{expired-certificate}}, as JSON string contents.
 * The valid one is remembered as `devp:certificate` (WSO2-DEVP-21 looks for it at the Identity Server).
 */
async function withCertificates(world: ObWorld, doc: string): Promise<string> {
  let out = doc;
  if (out.includes('{{certificate}}')) {
    const pem = await applicationCertificate(false);
    world.remember('devp:certificate', pem);
    out = out.replaceAll('{{certificate}}', JSON.stringify(pem).slice(1, -1));
  }
  if (out.includes('{{expired-certificate}}')) out = out.replaceAll('{{expired-certificate}}', JSON.stringify(await applicationCertificate(true)).slice(1, -1));
  return out;
}

/** Seed 000 step 5.4: the key manager is sent as its UUID (the portal's tab), keyType from the tab. */
async function generateKeys(world: ObWorld, tpp: string, keyType: string, app: string, km: string, doc: string) {
  const request: Json = {
    keyType, keyManager: world.recall<string>(`km:${km}`), grantTypesToBeSupported: ['client_credentials'], scopes: ['accounts'], validityTime: '3600',
    ...(JSON.parse(fill(world, await withCertificates(world, doc))) as Json),
  };
  const res = await portal(world, tppOf(world, tpp), 'POST', `/applications/${appId(world, app)}/generate-keys`, request);
  if (res.status === 200) rememberGeneratedKey(world, app, res.json as Json);
  return res;
}

When('the TPP {string} generates {word} keys for {string} at the key manager {string} with:', async function (this: ObWorld, tpp: string, keyType: string, app: string, km: string, doc: string) {
  await generateKeys(this, tpp, keyType, app, km, doc);
});

Given('the TPP {string} has generated {word} keys for {string} at the key manager {string} with:', async function (this: ObWorld, tpp: string, keyType: string, app: string, km: string, doc: string) {
  const res = await generateKeys(this, tpp, keyType, app, km, doc);
  assert.equal(res.status, 200, `generating keys failed: ${res.text.slice(0, 300)}`);
});

/** apim-surface §4.6: the generate-keys request of PRODUCTION client_credentials keys, changed (null leaves a member out). */
When('the TPP {string} generates keys for {string} at the key manager {string} with the request changed by:', async function (this: ObWorld, tpp: string, app: string, km: string, doc: string) {
  const request = changed({ keyType: 'PRODUCTION', keyManager: this.recall<string>(`km:${km}`), grantTypesToBeSupported: ['client_credentials'], scopes: ['accounts'], validityTime: '3600' }, JSON.parse(fill(this, doc)) as Json);
  const res = await portal(this, tppOf(this, tpp), 'POST', `/applications/${appId(this, app)}/generate-keys`, request);
  if (res.status === 200) rememberGeneratedKey(this, app, res.json as Json);
});

When('the TPP {string} generates {word} keys for {string} at a key manager that does not exist', async function (this: ObWorld, tpp: string, keyType: string, app: string) {
  await portal(this, tppOf(this, tpp), 'POST', `/applications/${appId(this, app)}/generate-keys`, {
    keyType, keyManager: `${NAME_PREFIX}no-such-key-manager`, grantTypesToBeSupported: ['client_credentials'],
  });
});

/** apim-surface §4.6 step 11: the key manager's client_credentials token, as the portal shows it. */
Then('the generated keys carry an application token', function (this: ObWorld) {
  const token = body(this).token as Json | null;
  assert.ok(token && typeof token.accessToken === 'string' && token.accessToken !== '', `no application token: ${JSON.stringify(token)}`);
  assert.ok(typeof token.validityTime === 'number' && token.validityTime > 0, `validityTime: ${JSON.stringify(token.validityTime)}`);
  assert.ok(Array.isArray(token.tokenScopes) && token.tokenScopes.length > 0 && !token.tokenScopes.includes('N/A'), `tokenScopes: ${JSON.stringify(token.tokenScopes)}`);
});

When('the TPP {string} lists the keys of {string}', async function (this: ObWorld, tpp: string, app: string) {
  await portal(this, tppOf(this, tpp), 'GET', `/applications/${appId(this, app)}/oauth-keys`);
});

function listedKey(world: ObWorld, app: string, keyType: string): Json | undefined {
  const id = world.recall<Json>(`key:${app}:${keyType}`).keyMappingId;
  return (body(world).list as Json[]).find((k) => k.keyMappingId === id);
}

Then('the {word} key of {string} is listed with:', function (this: ObWorld, keyType: string, app: string, doc: string) {
  const key = listedKey(this, app, keyType);
  assert.ok(key, `the ${keyType} key of ${app} is not listed: ${this.lastResponse.text.slice(0, 400)}`);
  assertMembers(this, key, doc, 'listed ');
});

Then('the {word} key of {string} is not listed', function (this: ObWorld, keyType: string, app: string) {
  assert.equal(listedKey(this, app, keyType), undefined, this.lastResponse.text.slice(0, 400));
});

/** fsKeyManager retrieveApplication (apim-surface §5.3): regulatory and sp_certificate read back from the IS application. */
Then('the listed {word} key of {string} has regulatory {string} and the application certificate sent', function (this: ObWorld, keyType: string, app: string, regulatory: string) {
  const key = listedKey(this, app, keyType);
  assert.ok(key, `the ${keyType} key of ${app} is not listed: ${this.lastResponse.text.slice(0, 400)}`);
  const props = (key.additionalProperties ?? {}) as Json;
  assert.equal(props.regulatory, regulatory, `listed additionalProperties.regulatory: ${JSON.stringify(props).slice(0, 300)}`);
  assert.equal(props.sp_certificate, this.recall<string>('devp:certificate'), 'listed additionalProperties.sp_certificate');
});

Then('the listed {word} key of {string} has the secret the key manager issued', function (this: ObWorld, keyType: string, app: string) {
  const key = listedKey(this, app, keyType);
  assert.ok(key);
  assert.equal(key.consumerSecret, this.recall<Json>(`key:${app}:${keyType}`).consumerSecret);
});

/** The half-made mapping the failed generation left: the one listed without consumer key. */
When('the TPP {string} cleans up the half-created {word} key of {string}', async function (this: ObWorld, tpp: string, keyType: string, app: string) {
  const list = await portal(this, tppOf(this, tpp), 'GET', `/applications/${appId(this, app)}/oauth-keys`);
  const half = ((list.json as { list: Json[] }).list).find((k) => k.keyType === keyType && k.consumerKey === null);
  assert.ok(half, `no half-created ${keyType} key is listed: ${list.text.slice(0, 300)}`);
  await portal(this, tppOf(this, tpp), 'POST', `/applications/${appId(this, app)}/oauth-keys/${half.keyMappingId as string}/clean-up`);
});

Then('a half-created {word} key of {string} is listed at the key manager {string}', function (this: ObWorld, keyType: string, app: string, km: string) {
  const half = (body(this).list as Json[]).find((k) => k.keyType === keyType && k.consumerKey === null);
  assert.ok(half, `no half-created key: ${this.lastResponse.text.slice(0, 300)}`);
  assert.deepEqual({ keyState: half.keyState, mode: half.mode, keyManager: typeof half.keyManager }, { keyState: 'CREATED', mode: 'CREATED', keyManager: 'string' });
  void km;
});

When('the TPP {string} gets a token from the portal for the {word} key of {string}', async function (this: ObWorld, tpp: string, keyType: string, app: string) {
  const key = this.recall<Json>(`key:${app}:${keyType}`);
  await portal(this, tppOf(this, tpp), 'POST', `/applications/${appId(this, app)}/oauth-keys/${key.keyMappingId as string}/generate-token`, { validityPeriod: 3600, scopes: ['accounts'] });
});

/** apim-surface §4.7: PUT …/oauth-keys/{keyMappingId} with an ApplicationKey body (placeholders as in `fill`). */
When('the TPP {string} updates the {word} key of {string} with:', async function (this: ObWorld, tpp: string, keyType: string, app: string, doc: string) {
  const key = this.recall<Json>(`key:${app}:${keyType}`);
  await portal(this, tppOf(this, tpp), 'PUT', `/applications/${appId(this, app)}/oauth-keys/${key.keyMappingId as string}`, JSON.parse(fill(this, doc)));
});

/** A list member holding the given values in any order (a key manager may keep grant types as a set). */
Then('the response member {string} holds {string}', function (this: ObWorld, member: string, values: string) {
  const listed = body(this)[member];
  assert.ok(Array.isArray(listed), `${member}: ${JSON.stringify(listed)}`);
  assert.deepEqual([...listed].sort(), values.split(',').map((v) => fill(this, v.trim())).sort(), member);
});

/** apim-surface §4.10: the key manager's token for the key's client. */
Then('the portal answers with a token', function (this: ObWorld) {
  assert.equal(this.lastResponse.status, 200, this.lastResponse.text.slice(0, 300));
  const t = body(this);
  assert.ok(typeof t.accessToken === 'string' && t.accessToken !== '', `accessToken: ${JSON.stringify(t.accessToken)}`);
  assert.ok(typeof t.validityTime === 'number' && t.validityTime > 0, `validityTime: ${JSON.stringify(t.validityTime)}`);
  assert.ok(Array.isArray(t.tokenScopes), `tokenScopes: ${JSON.stringify(t.tokenScopes)}`);
});

When('the TPP {string} regenerates the secret of the {word} key of {string}', async function (this: ObWorld, tpp: string, keyType: string, app: string) {
  const key = this.recall<Json>(`key:${app}:${keyType}`);
  await portal(this, tppOf(this, tpp), 'POST', `/applications/${appId(this, app)}/oauth-keys/${key.keyMappingId as string}/regenerate-secret`);
});

When('the TPP {string} deletes the {word} key of {string}', async function (this: ObWorld, tpp: string, keyType: string, app: string) {
  const key = this.recall<Json>(`key:${app}:${keyType}`);
  await portal(this, tppOf(this, tpp), 'DELETE', `/applications/${appId(this, app)}/oauth-keys/${key.keyMappingId as string}`);
});

/** apim-surface §4.7, §4.9, §4.10: one application's key operations on a key of another application. */
When('the TPP {string} tries to {string} the {word} key of {string} through the application {string}', async function (this: ObWorld, tpp: string, action: string, keyType: string, app: string, through: string) {
  const t = tppOf(this, tpp);
  const path = `/applications/${appId(this, through)}/oauth-keys/${this.recall<Json>(`key:${app}:${keyType}`).keyMappingId as string}`;
  const actions: Record<string, () => Promise<unknown>> = {
    read: () => portal(this, t, 'GET', path),
    change: () => portal(this, t, 'PUT', path, { supportedGrantTypes: ['client_credentials', 'authorization_code'], callbackUrl: 'https://tpp.example/taken-over' }),
    delete: () => portal(this, t, 'DELETE', path),
    'clean up': () => portal(this, t, 'POST', `${path}/clean-up`),
    'regenerate the secret of': () => portal(this, t, 'POST', `${path}/regenerate-secret`),
    'get a token from': () => portal(this, t, 'POST', `${path}/generate-token`, { validityPeriod: 3600, scopes: [] }),
  };
  assert.ok(actions[action], `unknown action "${action}"; known: ${Object.keys(actions).join(', ')}`);
  await actions[action]!();
});

/** The answer names neither the key's mapping nor its client. */
Then('the response does not carry the {word} key of {string}', function (this: ObWorld, keyType: string, app: string) {
  const key = this.recall<Json>(`key:${app}:${keyType}`);
  for (const v of [key.keyMappingId, key.consumerKey]) assert.ok(!this.lastResponse.text.includes(v as string), `the answer carries ${String(v)}: ${this.lastResponse.text.slice(0, 300)}`);
});

/** apim-surface §4.10: the portal's token request with the fields given (placeholders as in `fill`). */
When('the TPP {string} asks the portal for a token for the {word} key of {string} with:', async function (this: ObWorld, tpp: string, keyType: string, app: string, doc: string) {
  const key = this.recall<Json>(`key:${app}:${keyType}`);
  await portal(this, tppOf(this, tpp), 'POST', `/applications/${appId(this, app)}/oauth-keys/${key.keyMappingId as string}/generate-token`, JSON.parse(fill(this, doc)));
});

Then('the response is the new {word} key of {string} generated at the key manager {string}', function (this: ObWorld, keyType: string, app: string, km: string) {
  const key = body(this);
  assert.deepEqual(
    { keyManager: key.keyManager, keyType: key.keyType, mode: key.mode, keyState: key.keyState, groupId: key.groupId },
    { keyManager: this.recall<string>(`km:${km}`), keyType, mode: 'CREATED', keyState: 'APPROVED', groupId: null },
  );
  assert.ok(typeof key.consumerKey === 'string' && key.consumerKey !== '', 'consumerKey');
  assert.ok(typeof key.consumerSecret === 'string' && key.consumerSecret !== '', 'consumerSecret');
  assert.ok(typeof key.keyMappingId === 'string' && key.keyMappingId !== '', 'keyMappingId');
});

/** The client read at the key manager: the members given, each exactly (placeholders as in `fill`). */
Then('the key manager\'s client has:', function (this: ObWorld, doc: string) {
  const client = body(this);
  assertMembers(this, client, doc);
});

Then('the response key has:', function (this: ObWorld, doc: string) {
  const key = body(this);
  for (const [k, v] of Object.entries(JSON.parse(fill(this, doc)) as Json)) {
    if (k === 'additionalProperties' || k === 'token') {
      for (const [ik, iv] of Object.entries(v as Json)) assert.deepEqual((key[k] as Json | null)?.[ik], iv, `${k}.${ik}`);
    } else assert.deepEqual(key[k], v, k);
  }
});

Then('the response key carries an application access token', function (this: ObWorld) {
  const token = body(this).token as Json;
  assert.ok(typeof token?.accessToken === 'string' && token.accessToken !== '', `token: ${JSON.stringify(token)}`);
});

Then('the response carries an access token', function (this: ObWorld) {
  const b = body(this);
  assert.ok(typeof b.accessToken === 'string' && b.accessToken !== '', `token: ${this.lastResponse.text.slice(0, 200)}`);
});

/** The client behind generated keys, read at the key manager's Identity Server as the connector does. */
When('the admin reads the client of the {word} key of {string} at the Identity Server', async function (this: ObWorld, keyType: string, app: string) {
  const key = this.recall<Json>(`key:${app}:${keyType}`);
  this.response = await identityServer(this, 'GET', `${this.target.path('isDcrRegister')}/${encodeURIComponent(key.consumerKey as string)}`);
});

When('the admin reads the client of the {word} key of {string} at keymanager-operations', async function (this: ObWorld, keyType: string, app: string) {
  const key = this.recall<Json>(`key:${app}:${keyType}`);
  this.response = await identityServer(this, 'GET', `/keymanager-operations/dcr/register/${Buffer.from(key.consumerKey as string).toString('base64url')}`);
});

/**
 * The Identity Server application behind the client of generated keys, found and read as the
 * fsKeyManager does (apim-surface §5.3 steps 1-2).
 */
When('the admin reads the Identity Server application of the client of the {word} key of {string}', async function (this: ObWorld, keyType: string, app: string) {
  const clientId = this.recall<Json>(`key:${app}:${keyType}`).consumerKey as string;
  const found = await identityServer(this, 'GET', `${IS_APPLICATIONS}/?filter=${encodeURIComponent(`clientId eq ${clientId}`)}`);
  assert.equal(found.status, 200, `searching the IS application of ${clientId} failed: ${found.text.slice(0, 300)}`);
  const appId = ((found.json as { applications?: Json[] } | undefined)?.applications ?? [])[0]?.id;
  assert.ok(typeof appId === 'string', `no IS application for the client ${clientId}: ${found.text.slice(0, 300)}`);
  this.response = await identityServer(this, 'GET', `${IS_APPLICATIONS}/${encodeURIComponent(appId)}`);
});

Then('the application has the SP property {string} set to {string}', function (this: ObWorld, name: string, value: string) {
  assert.equal(spProperties(this)[name], value, `additionalSpProperties ${name}`);
});

Then('the application has the SP property {string} set to the application certificate sent', function (this: ObWorld, name: string) {
  assert.equal(spProperties(this)[name], this.recall<string>('devp:certificate'), `additionalSpProperties ${name}`);
});

Then('the application\'s certificate is the application certificate sent', function (this: ObWorld) {
  const advanced = (body(this).advancedConfigurations ?? {}) as Json;
  assert.deepEqual(advanced.certificate, { type: 'PEM', value: this.recall<string>('devp:certificate') }, 'advancedConfigurations.certificate');
});

Then('the client has the secret of the regenerated key', function (this: ObWorld) {
  const regenerated = this.recall<Json>('devp:regenerated');
  assert.equal(body(this).client_secret, regenerated.consumerSecret);
});

Then('the regenerated secret differs from the {word} key of {string}', function (this: ObWorld, keyType: string, app: string) {
  const b = body(this);
  this.remember('devp:regenerated', b);
  const before = this.recall<Json>(`key:${app}:${keyType}`);
  assert.equal(b.consumerKey, before.consumerKey);
  assert.ok(typeof b.consumerSecret === 'string' && b.consumerSecret !== before.consumerSecret, `secret: ${JSON.stringify(b.consumerSecret)}`);
});

// ---- out-of-band clients (seeds 001, 002) --------------------------------------------------------------

/** Seed 002 step 2 / seed 001 steps 1-5: a client created at the Identity Server, outside API Manager. */
Given('an OAuth client {string} has been created at the Identity Server with:', async function (this: ObWorld, name: string, doc: string) {
  const metadata = { client_name: this.unique(name), ...(JSON.parse(fill(this, doc)) as Json) };
  const res = await identityServer(this, 'POST', this.target.path('isDcrRegister'), metadata);
  assert.equal(res.status, 201, `creating the client at IS failed: ${res.text.slice(0, 300)}`);
  const client = res.json as Json;
  this.remember(`oob:${name}`, client);
  created(this).isClients.push(client.client_id as string);
});

/** The key manager's name as the portal lists it (the portal's map-keys sends the name). */
async function keyManagerName(world: ObWorld, tpp: string, km: string): Promise<string> {
  const res = await portal(world, tppOf(world, tpp), 'GET', '/key-managers');
  assert.equal(res.status, 200, `listing the portal's key managers failed: ${res.text.slice(0, 300)}`);
  const found = ((res.json as { list: Json[] }).list).find((k) => k.id === world.recall<string>(`km:${km}`));
  assert.ok(found, `the portal lists no key manager ${km}`);
  return found.name as string;
}

async function mapKeys(world: ObWorld, tpp: string, client: string, app: string, keyType: string, km: string, secret?: string) {
  const c = world.recall<Json>(`oob:${client}`);
  const res = await portal(world, tppOf(world, tpp), 'POST', `/applications/${appId(world, app)}/map-keys`, {
    consumerKey: c.client_id, consumerSecret: secret ?? c.client_secret, keyType, keyManager: await keyManagerName(world, tpp, km),
  });
  if (res.status === 200) world.remember(`key:${app}:${keyType}`, res.json);
  return res;
}

/** apim-surface §4.8: the mapping request of the client as PRODUCTION keys at the key manager, changed (null leaves a member out). */
When('the TPP {string} provides the client {string} for {string} at the key manager {string} with the request changed by:', async function (this: ObWorld, tpp: string, client: string, app: string, km: string, doc: string) {
  const c = this.recall<Json>(`oob:${client}`);
  const request = changed({ consumerKey: c.client_id, consumerSecret: c.client_secret, keyType: 'PRODUCTION', keyManager: await keyManagerName(this, tpp, km) }, JSON.parse(fill(this, doc)) as Json);
  const res = await portal(this, tppOf(this, tpp), 'POST', `/applications/${appId(this, app)}/map-keys`, request);
  if (res.status === 200) this.remember(`key:${app}:PRODUCTION`, res.json);
});

When('the TPP {string} provides the client {string} as the {word} keys of {string} at the key manager {string}', async function (this: ObWorld, tpp: string, client: string, keyType: string, app: string, km: string) {
  await mapKeys(this, tpp, client, app, keyType, km);
});

Given('the TPP {string} has provided the client {string} as the {word} keys of {string} at the key manager {string}', async function (this: ObWorld, tpp: string, client: string, keyType: string, app: string, km: string) {
  const res = await mapKeys(this, tpp, client, app, keyType, km);
  assert.equal(res.status, 200, `mapping failed: ${res.text.slice(0, 300)}`);
});

When('the TPP {string} provides the client {string} with a wrong secret as the {word} keys of {string} at the key manager {string}', async function (this: ObWorld, tpp: string, client: string, keyType: string, app: string, km: string) {
  await mapKeys(this, tpp, client, app, keyType, km, `wrong-${randomBytes(6).toString('hex')}`);
});

When('the TPP {string} provides a client the key manager does not know as the {word} keys of {string} at the key manager {string}', async function (this: ObWorld, tpp: string, keyType: string, app: string, km: string) {
  await portal(this, tppOf(this, tpp), 'POST', `/applications/${appId(this, app)}/map-keys`, {
    consumerKey: `${NAME_PREFIX}unknown-${randomBytes(6).toString('hex')}`, consumerSecret: 'unknown-secret', keyType, keyManager: await keyManagerName(this, tpp, km),
  });
});

Then('the response is the client {string} mapped as {word} keys with:', function (this: ObWorld, client: string, keyType: string, doc: string) {
  const c = this.recall<Json>(`oob:${client}`);
  const key = body(this);
  assert.deepEqual(
    { consumerKey: key.consumerKey, consumerSecret: key.consumerSecret, keyType: key.keyType, mode: key.mode, keyState: key.keyState },
    { consumerKey: c.client_id, consumerSecret: c.client_secret, keyType, mode: 'MAPPED', keyState: null },
  );
  assertMembers(this, key, doc);
});

When('the admin reads the client {string} at the Identity Server', async function (this: ObWorld, client: string) {
  this.response = await identityServer(this, 'GET', `${this.target.path('isDcrRegister')}/${encodeURIComponent(this.recall<Json>(`oob:${client}`).client_id as string)}`);
});

/** Seed 002 step 4.2: "Obtain an access token" with cURL at the token endpoint, with the client's own credentials. */
When('the client {string} gets a token at the token endpoint with the client credentials grant', async function (this: ObWorld, client: string) {
  const c = this.recall<Json>(`oob:${client}`);
  await this.send('none', 'POST', this.endpoint('token_endpoint'), {
    headers: { authorization: `Basic ${Buffer.from(`${c.client_id as string}:${c.client_secret as string}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'accounts' }).toString(),
  });
});

When('the TPP {string} reads the portal key managers', async function (this: ObWorld, tpp: string) {
  await portal(this, tppOf(this, tpp), 'GET', '/key-managers');
});

Then('the portal key manager {string} has {string} set to {word}', function (this: ObWorld, km: string, flag: string, value: string) {
  const found = listedKeyManager(this, km);
  assert.ok(found, `${km} is not in the portal's key manager list`);
  assert.deepEqual(found[flag], JSON.parse(value), flag);
});

/** Devportal KeyManagerInfo (apim-surface §4.5): the members given, each exactly (placeholders as in `fill`). */
Then('the portal key manager {string} is listed with:', function (this: ObWorld, km: string, doc: string) {
  const found = listedKeyManager(this, km);
  assert.ok(found, `${km} is not in the portal's key manager list`);
  assertMembers(this, found, doc);
});

/**
 * The connector's application configurations as the portal lists them (apim-surface §3.10), in
 * order; an empty cell is not asserted (a value no source at hand gives).
 */
Then('the portal key manager {string} offers the application configurations:', function (this: ObWorld, km: string, table: DataTable) {
  const list = body(this).list as Json[];
  const found = list.find((k) => (km === 'Resident Key Manager' ? k.name === km : k.id === this.recall<string>(`km:${km}`)));
  assert.ok(found, `${km} is not in the portal's key manager list`);
  const fields = found.applicationConfiguration as Json[];
  const rows = table.hashes();
  assert.deepEqual(fields.map((f) => f.name), rows.map((r) => r.name), 'the configurations and their order');
  rows.forEach((row, i) => {
    const f = fields[i]!;
    // Labels and tooltips are the connector's own, trailing spaces included: a cell in quotes is compared whole.
    const text = (cell: string) => (/^".*"$/.test(cell) ? cell.slice(1, -1) : cell);
    if (row.label) assert.equal(f.label, text(row.label), `${row.name}: label`);
    if (row.tooltip) assert.equal(f.tooltip, text(row.tooltip), `${row.name}: tooltip`);
    assert.equal(f.type, row.type, `${row.name}: type`);
    assert.equal(f.required, row.required === 'true', `${row.name}: required`);
    if (row.default) assert.equal(f.default, row.default, `${row.name}: default`);
    if (row.values) assert.deepEqual(f.values, row.values.split(',').map((v) => v.trim()), `${row.name}: values`);
  });
});

When('anyone reads the Developer Portal settings', async function (this: ObWorld) {
  await portal(this, undefined, 'GET', '/settings');
});

When('the TPP {string} reads the Developer Portal settings', async function (this: ObWorld, tpp: string) {
  await portal(this, tppOf(this, tpp), 'GET', '/settings');
});

/** SettingsMappingUtil (WSO2-DEVP-35): an anonymous caller's settings carry the DTO's empty list and null. */
Then('the settings give no grant types and no gateway endpoint', function (this: ObWorld) {
  const settings = jsonObjectBody(this);
  assert.deepEqual(settings.grantTypes, [], 'grantTypes');
  assert.equal(settings.apiGatewayEndpoint, null, 'apiGatewayEndpoint');
});

Then('the settings give the grant types, {string} among them, and a gateway endpoint', function (this: ObWorld, grant: string) {
  const settings = jsonObjectBody(this);
  assert.ok(Array.isArray(settings.grantTypes) && settings.grantTypes.includes(grant), `grantTypes: ${JSON.stringify(settings.grantTypes)}`);
  assert.ok(typeof settings.apiGatewayEndpoint === 'string' && settings.apiGatewayEndpoint !== '', `apiGatewayEndpoint: ${JSON.stringify(settings.apiGatewayEndpoint)}`);
});

// ---- answers ------------------------------------------------------------------------------------------

/**
 * An APIM REST error: status, code, message, description (placeholders as in `fill`), and the
 * ErrorDTO's `moreInfo` "" and `error` [] (apim-surface §1.3: the portal's errors list no items).
 */
/** The portal's ErrorDTO (apim-surface §1.3); `description` is the text expected, or a check of it. */
function portalError(world: ObWorld, status: number, code: number, message: string, description: string | ((d: unknown) => boolean)): void {
  assert.equal(world.lastResponse.status, status, world.lastResponse.text.slice(0, 300));
  const b = body(world);
  const described = typeof description === 'string' ? b.description : description(b.description);
  assert.deepEqual(
    { code: b.code, message: b.message, description: described, moreInfo: b.moreInfo, error: b.error },
    { code, message: fill(world, message), description: typeof description === 'string' ? fill(world, description) : true, moreInfo: '', error: [] },
    world.lastResponse.text.slice(0, 300),
  );
}

Then('the portal answers {int} with the error {int} {string} {string}', function (this: ObWorld, status: number, code: number, message: string, description: string) {
  portalError(this, status, code, message, description);
});

/** A description whose rest is the key manager's own text (apim-surface §4.10: the token endpoint's reason). */
Then('the portal answers {int} with the error {int} {string} and a description beginning {string}', function (this: ObWorld, status: number, code: number, message: string, prefix: string) {
  portalError(this, status, code, message, (d) => typeof d === 'string' && d.startsWith(prefix));
});

/** identity-governance Utils' ErrorDTO `{code, message, description}`, where the code and texts are unconfirmed (apim-surface §4.1). */
Then('the response is an identity error with the message {string}', function (this: ObWorld, message: string) {
  const b = body(this);
  assert.equal(b.message, message, this.lastResponse.text.slice(0, 300));
  assert.ok(b.code === null || typeof b.code === 'string', `code: ${JSON.stringify(b.code)}`);
  assert.ok(typeof b.description === 'string' && b.description !== '', `description: ${JSON.stringify(b.description)}`);
});

Then('the identity error is {string} {string} {string}', function (this: ObWorld, code: string, message: string, description: string) {
  assert.deepEqual(body(this), { code, message, description: fill(this, description) });
});

Then('the response member {string} is the value {string}', function (this: ObWorld, member: string, value: string) {
  assert.equal(body(this)[member], fill(this, value), member);
});

Then('the response is the JSON array of {int} item(s)', function (this: ObWorld, n: number) {
  const json = this.lastResponse.json;
  assert.ok(Array.isArray(json), `not an array: ${this.lastResponse.text.slice(0, 200)}`);
  assert.equal(json.length, n);
});


// ---- seed 004: the Open Banking DCR application in the portal ---------------------------------------

const ADMIN_V4 = '/api/am/admin/v4';

/** Seed 004 step 2: the ObKeyManager "OBKM" the gateway's DCR executor maps clients through (added if the target lacks it). */
Given('the Open Banking key manager {string} of seed 004 is configured', async function (this: ObWorld, name: string) {
  const headers = { authorization: this.adminAuthorization(), accept: 'application/json', 'content-type': 'application/json' };
  const list = await this.http.send('none', 'GET', this.url('apim', `${ADMIN_V4}/key-managers`), { headers });
  assert.equal(list.status, 200, `listing key managers failed: ${list.text.slice(0, 300)}`);
  const existing = ((list.json as { list: Json[] }).list).find((k) => k.name === name);
  if (existing) {
    this.remember(`km:${name}`, existing.id as string);
    return;
  }
  const is = this.target.urls.is;
  const admin = this.target.file.admin!;
  const res = await this.http.send('none', 'POST', this.url('apim', `${ADMIN_V4}/key-managers`), {
    headers,
    body: JSON.stringify({
      name, displayName: name, type: 'ObKeyManager', description: '', issuer: `${is}/oauth2/token`,
      wellKnownEndpoint: this.url('is', this.target.path('discovery')),
      clientRegistrationEndpoint: `${is}/keymanager-operations/dcr/register`, introspectionEndpoint: `${is}/oauth2/introspect`,
      tokenEndpoint: `${is}/oauth2/token`, revokeEndpoint: `${is}/oauth2/revoke`, userInfoEndpoint: `${is}/oauth2/userinfo?schema=openid`,
      authorizeEndpoint: `${is}/oauth2/authorize`, scopeManagementEndpoint: `${is}/api/identity/oauth2/v1.0/scopes`,
      additionalProperties: { Username: admin.username, Password: admin.password }, consumerKeyClaim: '', scopesClaim: '',
      availableGrantTypes: ['refresh_token', 'client_credentials', 'authorization_code'], certificates: { type: 'JWKS', value: `${is}/oauth2/jwks` },
      enableTokenGeneration: true, enableMapOAuthConsumerApps: true, enableOAuthAppCreation: true, enableSelfValidationJWT: true,
      tokenValidation: [], claimMapping: [], permissions: null, enabled: true, tokenType: 'DIRECT',
    }),
  });
  assert.equal(res.status, 201, `adding ${name} failed: ${res.text.slice(0, 300)}`);
  const id = (res.json as Json).id as string;
  this.remember(`km:${name}`, id);
  this.remember('devp:added-obkm', id);
});

After(async function (this: ObWorld) {
  if (!this.remembered.has('devp:added-obkm')) return;
  const id = this.recall<string>('devp:added-obkm');
  const res = await this.http.send('none', 'DELETE', this.url('apim', `${ADMIN_V4}/key-managers/${id}`), { headers: { authorization: this.adminAuthorization() } });
  if (res.status !== 200) noteLeftBehind(this, { kind: 'key manager', id, why: `DELETE answered ${res.status}` });
});

/** "Go to the Developer Portal, Applications tab": as the user the gateway's executor acts as (the admin). */
When('the admin looks in the Developer Portal for the application of the client {string}', async function (this: ObWorld, client: string) {
  const admin = { username: this.target.file.admin!.username, password: secretValueOf(this) };
  const clientId = this.recall<Json>(`client:${client}`).client_id as string;
  const apps = await portal(this, admin, 'GET', '/applications?limit=1000');
  assert.equal(apps.status, 200, `listing the admin's applications failed: ${apps.text.slice(0, 300)}`);
  for (const a of (apps.json as { list: Json[] }).list) {
    const keys = await portal(this, admin, 'GET', `/applications/${a.applicationId as string}/oauth-keys`);
    const key = ((keys.json as { list?: Json[] }).list ?? []).find((k) => k.consumerKey === clientId);
    if (key) {
      this.remember(`devp:dcr-app:${client}`, { application: a, key });
      this.remember(`devp:dcr-app-id:${client}`, a.applicationId);
      return;
    }
  }
  this.remembered.delete(`devp:dcr-app:${client}`);
});

Then('the portal has the application of the client {string}, named after its software id, with the client as its key at {string}', function (this: ObWorld, client: string, km: string) {
  assert.ok(this.remembered.has(`devp:dcr-app:${client}`), `no application in the portal holds the client ${client}`);
  const { application, key } = this.recall<{ application: Json; key: Json }>(`devp:dcr-app:${client}`);
  const registration = this.recall<Json>(`client:${client}`);
  assert.equal(application.name, registration.software_id, 'application name');
  const ssa = decodeJwt(String(registration.software_statement)) as Json;
  const keyType = ssa.software_environment === 'sandbox' ? 'SANDBOX' : 'PRODUCTION';
  assert.deepEqual(
    { keyType: key.keyType, mode: key.mode, keyManager: key.keyManager },
    { keyType, mode: 'MAPPED', keyManager: km },
  );
});

/**
 * wso2-surface §6.6 step 6: the executor subscribes the application to each regulatory API whose
 * roles (the target's `obDcr.regulatoryApis`) include one of the SSA's `software_roles` (a list in
 * UK SSAs, a space-separated string in CDR ones), and to no other API.
 */
Then('the application of the client {string} is subscribed to the regulatory APIs its SSA\'s roles allow', async function (this: ObWorld, client: string) {
  const regulatory = this.target.file.obDcr?.regulatoryApis;
  if (!regulatory) {
    this.attach(`Skipped: target "${this.target.file.name}" declares no obDcr.regulatoryApis`, 'text/plain');
    return 'skipped';
  }
  assert.ok(this.remembered.has(`devp:dcr-app:${client}`), `no application in the portal holds the client ${client}`);
  const ssa = decodeJwt(String(this.recall<Json>(`client:${client}`).software_statement)) as Json;
  const roles = Array.isArray(ssa.software_roles) ? (ssa.software_roles as string[]) : String(ssa.software_roles ?? '').split(' ').filter(Boolean);
  const expected = Object.entries(regulatory).filter(([, allowed]) => allowed.some((r) => roles.includes(r))).map(([name]) => name).sort();
  const admin = { username: this.target.file.admin!.username, password: secretValueOf(this) };
  const res = await portal(this, admin, 'GET', `/subscriptions?applicationId=${this.recall<string>(`devp:dcr-app-id:${client}`)}&limit=1000`);
  assert.equal(res.status, 200, `listing the application's subscriptions failed: ${res.text.slice(0, 300)}`);
  const subscribed = ((res.json as { list?: Json[] }).list ?? []).map((x) => String((x.apiInfo as Json | null)?.name)).sort();
  assert.deepEqual(subscribed, expected, `subscriptions for the SSA roles ${roles.join(', ') || '(none)'}`);
  return undefined;
});

/** Neither a key of the client nor the application found before (a key whose client is gone is not listed, apim-surface §4.7). */
Then('the portal has no application of the client {string}', async function (this: ObWorld, client: string) {
  assert.ok(!this.remembered.has(`devp:dcr-app:${client}`), 'an application still holds the deleted client');
  if (!this.remembered.has(`devp:dcr-app-id:${client}`)) return;
  const admin = { username: this.target.file.admin!.username, password: secretValueOf(this) };
  const res = await portal(this, admin, 'GET', `/applications/${this.recall<string>(`devp:dcr-app-id:${client}`)}`);
  assert.equal(res.status, 404, `the application of the deleted client is still there: ${res.text.slice(0, 300)}`);
});

// ---- seed 001: API Manager 1.9 Store ----------------------------------------------------------------

const LOGIN_JAG = '/store/site/blocks/user/login/ajax/login.jag';
const SUBSCRIPTION_ADD_JAG = '/store/site/blocks/subscription/subscription-add/ajax/subscription-add.jag';
const KMOPS = '/keymanager-operations/dcr/register';

/** Seed 001 steps 1-5: an OAuth client in API Manager's own Identity Server (its Service Providers). */
Given('an OAuth client {string} has been created in API Manager\'s own Identity Server with:', async function (this: ObWorld, name: string, doc: string) {
  const res = await this.http.send('none', 'POST', this.url('apim', KMOPS), {
    headers: { authorization: this.adminAuthorization(), 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ client_name: this.unique(name), ...(JSON.parse(fill(this, doc)) as Json) }),
  });
  assert.equal(res.status, 201, `creating the client failed: ${res.text.slice(0, 300)}`);
  this.remember(`oob:${name}`, res.json);
  this.remember(`devp:apim-client:${name}`, (res.json as Json).client_id);
});

After(async function (this: ObWorld) {
  for (const [k, v] of this.remembered) {
    if (!k.startsWith('devp:apim-client:')) continue;
    const res = await this.http.send('none', 'DELETE', this.url('apim', `${KMOPS}/${Buffer.from(v as string).toString('base64url')}`), { headers: { authorization: this.adminAuthorization() } });
    if (![204, 401, 404].includes(res.status)) noteLeftBehind(this, { kind: 'IS DCR client', id: v as string, why: `DELETE answered ${res.status}` });
  }
});

async function storeForm(world: ObWorld, path: string, form: Record<string, string>, cookie: string | undefined) {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
  if (cookie) headers.cookie = cookie;
  return world.send('none', 'POST', world.url('apim', path), { headers, body: new URLSearchParams(form).toString() });
}

/**
 * A change to a Store form, as JSON: a member set to a string replaces that field, null removes it;
 * `jsonParams` set to an object changes the members of the jsonParams JSON the same way.
 */
function changeForm(form: Record<string, string>, change: string): Record<string, string> {
  const out = { ...form };
  for (const [k, v] of Object.entries(JSON.parse(change) as Json)) {
    if (v === null) delete out[k];
    else if (k === 'jsonParams' && typeof v === 'object') {
      const params = JSON.parse(out.jsonParams ?? '{}') as Json;
      for (const [pk, pv] of Object.entries(v as Json)) {
        if (pv === null) delete params[pk];
        else params[pk] = pv;
      }
      out.jsonParams = JSON.stringify(params);
    } else out[k] = String(v);
  }
  return out;
}

async function logIn(world: ObWorld, tpp: string, change: string) {
  const t = tppOf(world, tpp);
  const res = await storeForm(world, LOGIN_JAG, changeForm({ action: 'login', username: t.username, password: t.password }, change), undefined);
  const first = (res.setCookies ?? []).map((c) => c.split(';')[0]!).join('; ');
  if (first) world.remember(`store19:cookie:${tpp}`, first);
}

/** Seed 001 step 7: "Log in to the API Store". */
When('the TPP {string} logs in to the API Store', async function (this: ObWorld, tpp: string) {
  await logIn(this, tpp, '{}');
});

When('the TPP {string} posts the API Store login form changed by {string}', async function (this: ObWorld, tpp: string, change: string) {
  await logIn(this, tpp, change);
});

/** Seed 001 step 9: "Provide Keys", paste the consumer key and secret, Save. */
async function provideKeys(world: ObWorld, tpp: string, client: string, app: string, keyType: string, cookie: string | undefined, change = '{}') {
  const c = world.recall<Json>(`oob:${client}`);
  const t = tppOf(world, tpp);
  return storeForm(world, SUBSCRIPTION_ADD_JAG, changeForm({
    action: 'mapExistingOauthClient', applicationName: world.unique(app), keytype: keyType, callbackUrl: '',
    authorizedDomains: 'ALL', validityTime: '3600', client_id: c.client_id as string,
    jsonParams: JSON.stringify({ username: t.username, key_type: keyType, client_secret: c.client_secret, validityPeriod: 3600, client_id: c.client_id }),
  }, change), cookie);
}

When('the TPP {string} provides the keys of the client {string} for {string} as {word} keys in the API Store', async function (this: ObWorld, tpp: string, client: string, app: string, keyType: string) {
  await provideKeys(this, tpp, client, app, keyType, this.recall<string>(`store19:cookie:${tpp}`));
});

When('the TPP {string} provides the keys of the client {string} for {string} as {word} keys in the API Store with the form changed by {string}', async function (this: ObWorld, tpp: string, client: string, app: string, keyType: string, change: string) {
  await provideKeys(this, tpp, client, app, keyType, this.recall<string>(`store19:cookie:${tpp}`), change);
});

When('the keys of the client {string} are provided for {string} of the TPP {string} as {word} keys without the Store session', async function (this: ObWorld, client: string, app: string, tpp: string, keyType: string) {
  await provideKeys(this, tpp, client, app, keyType, undefined);
});

When('the keys of the client {string} are provided for {string} of the TPP {string} as {word} keys without the Store session, the form changed by {string}', async function (this: ObWorld, client: string, app: string, tpp: string, keyType: string, change: string) {
  await provideKeys(this, tpp, client, app, keyType, undefined, change);
});

Then('the Store answers {string}', function (this: ObWorld, expected: string) {
  assert.equal(this.lastResponse.status, 200, this.lastResponse.text.slice(0, 300));
  const b = body(this);
  const wanted = JSON.parse(expected) as Json;
  for (const [k, v] of Object.entries(wanted)) assert.deepEqual(b[k], v, `${k} of ${this.lastResponse.text.slice(0, 300)}`);
});

/** WSO2-OOB-09: the attributes of the session cookie login.jag set (RFC 6265 §5.2: attribute names are case-insensitive). */
Then('the Store\'s session cookie {string} is flagged {string}', function (this: ObWorld, name: string, flags: string) {
  const cookies = this.lastResponse.setCookies ?? [];
  const cookie = cookies.find((c) => c.split(';')[0]!.split('=')[0]!.trim() === name);
  assert.ok(cookie, `no ${name} cookie set; Set-Cookie: ${JSON.stringify(cookies)}`);
  const attributes = cookie.split(';').slice(1).map((a) => a.split('=')[0]!.trim().toLowerCase());
  for (const flag of flags.split(',').map((f) => f.trim())) assert.ok(attributes.includes(flag.toLowerCase()), `${name} is not flagged ${flag}: ${cookie}`);
});

Then('the Store answers the keys of the client {string}', function (this: ObWorld, client: string) {
  assert.equal(this.lastResponse.status, 200);
  const b = body(this);
  assert.equal(b.error, false, this.lastResponse.text.slice(0, 300));
  const key = (b.data as Json | undefined)?.key as Json | undefined;
  assert.equal(key?.consumerKey, this.recall<Json>(`oob:${client}`).client_id);
  assert.equal(key?.consumerSecret, this.recall<Json>(`oob:${client}`).client_secret);
});

Then('the Store answers an error whose message starts with {string}', function (this: ObWorld, prefix: string) {
  assert.equal(this.lastResponse.status, 200, this.lastResponse.text.slice(0, 300));
  const b = body(this);
  assert.equal(b.error, true, this.lastResponse.text.slice(0, 300));
  assert.ok(typeof b.message === 'string' && b.message.startsWith(prefix), `message of ${this.lastResponse.text.slice(0, 300)}`);
});

Then('the key of the client {string} is listed with:', function (this: ObWorld, client: string, doc: string) {
  const key = (body(this).list as Json[]).find((k) => k.consumerKey === this.recall<Json>(`oob:${client}`).client_id);
  assert.ok(key, `the client ${client} is not listed: ${this.lastResponse.text.slice(0, 400)}`);
  assertMembers(this, key, doc, 'listed ');
});

Then(/^the portal key manager "([^"]+)" is (not )?listed$/, function (this: ObWorld, km: string, not: string | undefined) {
  const found = listedKeyManager(this, km) !== undefined;
  assert.equal(found, !not, `${km} ${found ? 'is' : 'is not'} in the portal's key manager list`);
});

When('the TPP {string} generates {word} keys for {string} without naming a key manager', async function (this: ObWorld, tpp: string, keyType: string, app: string) {
  await portal(this, tppOf(this, tpp), 'POST', `/applications/${appId(this, app)}/generate-keys`, { keyType, grantTypesToBeSupported: ['client_credentials'] });
});

/** A subscription of `app` to `api`, read or deleted by `tpp` (its owner or another TPP). */
async function onSubscription(world: ObWorld, tpp: string, method: 'GET' | 'DELETE', app: string, api: string) {
  await portal(world, tppOf(world, tpp), method, `/subscriptions/${world.recall<string>(`sub:${app}:${api}`)}`);
}

When('the TPP {string} deletes the subscription of {string} to the API {string}', async function (this: ObWorld, tpp: string, app: string, api: string) {
  await onSubscription(this, tpp, 'DELETE', app, api);
});

When('the TPP {string} tries to {string} the subscription of {string} to the API {string}', async function (this: ObWorld, tpp: string, action: string, app: string, api: string) {
  assert.ok(action === 'read' || action === 'delete', `unknown action ${action}`);
  await onSubscription(this, tpp, action === 'read' ? 'GET' : 'DELETE', app, api);
});
