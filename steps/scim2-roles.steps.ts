import assert from 'node:assert/strict';
import { Then, When } from '@cucumber/cucumber';
import type { ObWorld } from './support/world.ts';
import { jsonObjectBody } from './support/json-body.ts';
import { adminCall, isMgmtCreated } from './support/admin-call.ts';
import { NAME_PREFIX } from './support/name-prefix.ts';

/**
 * SCIM2 Roles v2 PATCH bodies as a client of the API may send them (RFC 7644 §3.5.2; charon
 * `JSONDecoder.decodeRequest`, `RoleResourceV2Manager.processPatchOperation`). The roles are made
 * and cleaned up by the steps of is-mgmt.steps.ts, which remember their ids under `is-mgmt:role:<name>`.
 */

const ROLES = '/scim2/v2/Roles';
const SCIM_ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

const roleId = (world: ObWorld, name: string) => world.recall<string>(`is-mgmt:role:${name}`);
/** `$name` in a JSON text or a detail stands for the unique name of that scope or role in this scenario. */
const withNames = (world: ObWorld, text: string) => text.replace(/\$([a-z][a-z-]*)/g, (_, name: string) => world.unique(name));

When('the admin patches the role {string} with the body:', async function (this: ObWorld, name: string, body: string) {
  await adminCall(this, 'is', 'PATCH', `${ROLES}/${roleId(this, name)}`, { json: JSON.parse(body) as unknown });
});

When('the admin renames the role {string} to {string} with the path {string}', async function (this: ObWorld, name: string, to: string, path: string) {
  await adminCall(this, 'is', 'PATCH', `${ROLES}/${roleId(this, name)}`, { json: { Operations: [{ op: 'replace', path, value: this.unique(to) }] } });
});

Then('the response is the role {string} named {string}', function (this: ObWorld, name: string, to: string) {
  assert.equal(this.lastResponse.status, 200, this.lastResponse.text.slice(0, 300));
  const body = jsonObjectBody(this);
  assert.equal(body.id, roleId(this, name));
  assert.equal(body.displayName, this.unique(to));
});

/** RFC 7644 §3.12: the error's `scimType` names the kind of 400. */
Then('the response is a SCIM error with the status {int} and the scimType {string}', function (this: ObWorld, status: number, scimType: string) {
  assert.equal(this.lastResponse.status, status, this.lastResponse.text.slice(0, 300));
  const body = jsonObjectBody(this);
  assert.deepEqual(body.schemas, [SCIM_ERROR]);
  assert.equal(body.status, String(status));
  assert.equal(body.scimType, scimType);
});

When('the admin adds the permissions {string} to the role {string} with the op {string}', async function (this: ObWorld, scopes: string, name: string, op: string) {
  const value = scopes.split(',').map((s) => s.trim()).filter((s) => s !== '').map((s) => ({ value: this.unique(s), display: this.unique(s) }));
  await adminCall(this, 'is', 'PATCH', `${ROLES}/${roleId(this, name)}`, { json: { Operations: [{ op, path: 'permissions', value }] } });
});

Then('the role keeps the permissions {string}', function (this: ObWorld, scopes: string) {
  const body = jsonObjectBody(this);
  const want = scopes.split(',').map((s) => this.unique(s.trim())).sort();
  assert.deepEqual(((body.permissions ?? []) as Array<Record<string, unknown>>).map((p) => p.value).sort(), want);
});

// ---- requests a client of the API may send besides the connectors' (WSO2-ISMGMT-39..46) -----------

const SEARCH_REQUEST = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';
const LIST_RESPONSE = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
/** OrganizationManagementConstants.ROOT_ORG_ID: the super tenant's (root) organization. */
const ROOT_ORG_ID = '10084a8d-113f-4211-a0d5-efe36b082211';

/** A request to the Roles v2 API with the body text and Content-Type as given (adminCall sends only JSON as application/json). */
async function sendRaw(world: ObWorld, method: string, path: string, contentType: string, body: string) {
  const headers = { accept: 'application/json', authorization: world.adminAuthorization(), 'content-type': contentType };
  return world.send('none', method, world.url('is', path), { headers, body });
}

/** A role a step created outside is-mgmt.steps.ts is deleted After the scenario like theirs. */
function rememberCreated(world: ObWorld) {
  if (world.lastResponse.status === 201) isMgmtCreated(world).push(`${ROLES}/${jsonObjectBody(world).id as string}`);
}

When('the admin creates a role with the body:', async function (this: ObWorld, body: string) {
  await adminCall(this, 'is', 'POST', ROLES, { json: JSON.parse(body) as unknown });
  rememberCreated(this);
});

When('the admin searches the roles for {string} sent as {string}', async function (this: ObWorld, name: string, contentType: string) {
  const body = JSON.stringify({ schemas: [SEARCH_REQUEST], filter: `displayName eq ${this.unique(name)}` });
  await sendRaw(this, 'POST', `${ROLES}/.search`, contentType, body);
});

When('the admin searches the roles with the body {string}', async function (this: ObWorld, body: string) {
  await sendRaw(this, 'POST', `${ROLES}/.search`, 'application/json', body);
});

When('the admin searches the roles without a filter', async function (this: ObWorld) {
  await adminCall(this, 'is', 'POST', `${ROLES}/.search`, { json: { schemas: [SEARCH_REQUEST] } });
});

When('the admin searches the roles with the filter {string}', async function (this: ObWorld, filter: string) {
  await adminCall(this, 'is', 'POST', `${ROLES}/.search`, { json: { schemas: [SEARCH_REQUEST], filter } });
});

/**
 * A filter over the role's unique name: `{name}` is the whole name, `{head}`, `{tail}` and
 * `{middle}` parts of it that still hold its random suffix (so only this role matches).
 */
When('the admin searches the roles with the filter {string} for {string}', async function (this: ObWorld, filter: string, name: string) {
  const full = this.unique(name);
  const parts: Record<string, string> = { name: full, head: full.slice(0, -1), tail: full.slice(NAME_PREFIX.length), middle: full.slice(NAME_PREFIX.length, -1) };
  const text = filter.replace(/\{(name|head|tail|middle)\}/g, (_m, p: string) => parts[p]!);
  await adminCall(this, 'is', 'POST', `${ROLES}/.search`, { json: { schemas: [SEARCH_REQUEST], filter: text } });
});

When('the admin searches the roles for {string} naming the attribute {string}', async function (this: ObWorld, name: string, attribute: string) {
  await adminCall(this, 'is', 'POST', `${ROLES}/.search`, { json: { schemas: [SEARCH_REQUEST], filter: `${attribute} eq ${this.unique(name)}` } });
});

When('the admin deletes the role {string}', async function (this: ObWorld, name: string) {
  await adminCall(this, 'is', 'DELETE', `${ROLES}/${roleId(this, name)}`);
});

When('the admin renames the role {string} to the name of the role {string}', async function (this: ObWorld, name: string, other: string) {
  await adminCall(this, 'is', 'PATCH', `${ROLES}/${roleId(this, name)}`, { json: { Operations: [{ op: 'replace', path: 'displayName', value: this.unique(other) }] } });
});

/** `$name` in the text stands for that scope's or role's unique name in this scenario. */
Then("the SCIM error's detail is {string}", function (this: ObWorld, detail: string) {
  assert.equal(jsonObjectBody(this).detail, withNames(this, detail));
});

/** charon ConflictException and NotFoundException carry no scimType, and JSONEncoder leaves a null one out. */
Then('the response is a SCIM error with the status {int} and no scimType', function (this: ObWorld, status: number) {
  assert.equal(this.lastResponse.status, status, this.lastResponse.text.slice(0, 300));
  const body = jsonObjectBody(this);
  assert.deepEqual(body.schemas, [SCIM_ERROR]);
  assert.equal(body.status, String(status));
  assert.ok(!('scimType' in body), `scimType ${String(body.scimType)} where charon sets none`);
});

Then('the role search lists at least {int} roles', function (this: ObWorld, n: number) {
  assert.equal(this.lastResponse.status, 200, this.lastResponse.text.slice(0, 300));
  const body = jsonObjectBody(this);
  assert.deepEqual(body.schemas, [LIST_RESPONSE]);
  assert.ok(typeof body.totalResults === 'number' && body.totalResults >= n, `totalResults ${String(body.totalResults)} counts the ${n} roles created`);
});

/** charon ListedResource: `Resources` exists only once a resource is set. */
Then('the role search found nothing and has no Resources', function (this: ObWorld) {
  assert.equal(this.lastResponse.status, 200, this.lastResponse.text.slice(0, 300));
  const body = jsonObjectBody(this);
  assert.equal(body.totalResults, 0);
  assert.ok(!('Resources' in body), 'an empty ListResponse has no Resources member');
});

Then('the role has the organization audience of the super tenant', function (this: ObWorld) {
  assert.equal(this.lastResponse.status, 200, this.lastResponse.text.slice(0, 300));
  const audience = jsonObjectBody(this).audience as Record<string, unknown> | undefined;
  assert.equal(audience?.type, 'organization');
  assert.equal(audience?.value, ROOT_ORG_ID);
});

Then('the role {string} has its location in meta', function (this: ObWorld, name: string) {
  const meta = jsonObjectBody(this).meta as Record<string, unknown> | undefined;
  const location = meta?.location;
  assert.ok(typeof location === 'string' && location.endsWith(`${ROLES}/${roleId(this, name)}`), `meta.location ${String(location)} names the role`);
});


When('the admin creates the role {string} with the permissions member {string}', async function (this: ObWorld, name: string, permissions: string) {
  const body = { displayName: this.unique(name), permissions: JSON.parse(withNames(this, permissions)) as unknown };
  await adminCall(this, 'is', 'POST', ROLES, { json: body });
  if (this.lastResponse.status === 201 && !this.remembered.has(`is-mgmt:role:${name}`)) this.remember(`is-mgmt:role:${name}`, jsonObjectBody(this).id as string);
  rememberCreated(this);
});

When('the admin creates the role {string} without permissions', async function (this: ObWorld, name: string) {
  await adminCall(this, 'is', 'POST', ROLES, { json: { displayName: this.unique(name) } });
  if (this.lastResponse.status === 201) this.remember(`is-mgmt:role:${name}`, jsonObjectBody(this).id as string);
  rememberCreated(this);
});

Then('the role has no permissions', function (this: ObWorld) {
  assert.equal(this.lastResponse.status, 200, this.lastResponse.text.slice(0, 300));
  assert.deepEqual(jsonObjectBody(this).permissions ?? [], []);
});

When('the admin creates the role {string} with its name padded with spaces', async function (this: ObWorld, name: string) {
  await adminCall(this, 'is', 'POST', ROLES, { json: { displayName: `  ${this.unique(name)}  `, permissions: [] } });
  if (this.lastResponse.status === 201) this.remember(`is-mgmt:role:${name}`, jsonObjectBody(this).id as string);
  rememberCreated(this);
});

When('the admin searches the roles for {string} without a Content-Type', async function (this: ObWorld, name: string) {
  const body = JSON.stringify({ schemas: [SEARCH_REQUEST], filter: `displayName eq ${this.unique(name)}` });
  await this.send('none', 'POST', this.url('is', `${ROLES}/.search`), { headers: { accept: 'application/json', authorization: this.adminAuthorization() }, body });
});
