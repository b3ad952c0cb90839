import assert from 'node:assert/strict';
import { Then, When } from '@cucumber/cucumber';
import type { ObWorld } from './support/world.ts';
import { jsonObjectBody } from './support/json-body.ts';
import { adminCall } from './support/admin-call.ts';

/**
 * SCIM2 Roles v2 PATCH bodies as a client of the API may send them (RFC 7644 §3.5.2; charon
 * `JSONDecoder.decodeRequest`, `RoleResourceV2Manager.processPatchOperation`). The roles are made
 * and cleaned up by the steps of is-mgmt.steps.ts, which remember their ids under `is-mgmt:role:<name>`.
 */

const ROLES = '/scim2/v2/Roles';
const SCIM_ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

const roleId = (world: ObWorld, name: string) => world.recall<string>(`is-mgmt:role:${name}`);

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
