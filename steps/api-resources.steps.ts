import assert from 'node:assert/strict';
import { Given, Then, When } from '@cucumber/cucumber';
import type { ObWorld } from './support/world.ts';
import { jsonObjectBody } from './support/json-body.ts';
import { isAdminCall as is, isMgmtCreated as created } from './support/admin-call.ts';

/**
 * More of the IS 7 API resource API (identity-api-server ServerAPIResourceManagementService,
 * APIResourceMgtEndpointUtil; carbon-identity-framework FilterQueriesUtil) than the connector's
 * calls: search filters and limits, validation of what is created, PATCH semantics, deletion.
 * Shares what steps/is-mgmt.steps.ts remembers (`is-mgmt:resource:<name>`) and its clean-up list
 * (`is-mgmt:created`). In JSON and filters, `{{id:<name>}}` is the unique identifier of <name>,
 * `{{name:<name>}}` its unique display name, `{{scope:<name>}}` a scope's, `{{blank}}` three spaces.
 */

const RES = '/api/server/v1/api-resources';
type Json = Record<string, unknown>;

const resourceId = (world: ObWorld, name: string) => world.recall<string>(`is-mgmt:resource:${name}`);


/** Fills `{{id:x}}`, `{{name:x}}` and `{{scope:x}}` with this scenario's unique names. */
const fill = (world: ObWorld, text: string) => text
  .replace(/\{\{id:([^}]+)\}\}/g, (_, n: string) => world.unique(n))
  .replace(/\{\{name:([^}]+)\}\}/g, (_, n: string) => world.unique(`${n} name`))
  .replace(/\{\{scope:([^}]+)\}\}/g, (_, n: string) => world.unique(n))
  .replaceAll('{{blank}}', '   ');

/** POST as the admin; a created resource is remembered under the identifier's logical name, and deleted after. */
async function post(world: ObWorld, name: string | undefined, json: unknown) {
  await is(world, 'POST', RES, { json });
  if (world.lastResponse.status === 201) {
    const id = jsonObjectBody(world).id as string;
    if (name) world.remember(`is-mgmt:resource:${name}`, id);
    created(world).push(`${RES}/${id}`);
  }
}

Given('the admin has created the API resource {string} with {string}', async function (this: ObWorld, name: string, json: string) {
  await post(this, name, JSON.parse(fill(this, json)) as unknown);
  assert.equal(this.lastResponse.status, 201, `creating the API resource failed: ${this.lastResponse.text.slice(0, 300)}`);
});

Given('the admin has created the API resource {string}', async function (this: ObWorld, name: string) {
  await post(this, name, { identifier: this.unique(name), name: this.unique(`${name} name`), description: `${name} description`, scopes: [] });
  assert.equal(this.lastResponse.status, 201, `creating the API resource failed: ${this.lastResponse.text.slice(0, 300)}`);
});

When('the admin creates the API resource {string} with {string}', async function (this: ObWorld, name: string, json: string) {
  await post(this, name, JSON.parse(fill(this, json)) as unknown);
});

When('the admin searches the API resources with {string}', async function (this: ObWorld, query: string) {
  // `query` is the query string; a filter's value is URL-encoded here.
  const q = fill(this, query).split('&').filter((p) => p !== '').map((p) => {
    const i = p.indexOf('=');
    return i < 0 ? p : `${p.slice(0, i)}=${encodeURIComponent(p.slice(i + 1))}`;
  }).join('&');
  await is(this, 'GET', q === '' ? RES : `${RES}?${q}`);
});

Then('the API resource search lists some API resources', function (this: ObWorld) {
  assert.equal(this.lastResponse.status, 200, this.lastResponse.text.slice(0, 300));
  const body = jsonObjectBody(this);
  assert.ok(typeof body.totalResults === 'number' && body.totalResults >= 1, `totalResults ${String(body.totalResults)}`);
  assert.ok(Array.isArray(body.apiResources) && body.apiResources.length >= 1, 'apiResources is not empty');
});

Then('every API resource the search lists is of type {string}', function (this: ObWorld, type: string) {
  const items = jsonObjectBody(this).apiResources as Json[];
  for (const item of items) assert.equal(item.type, type);
});

Then('the API resource search page holds {int} API resource(s)', function (this: ObWorld, n: number) {
  assert.equal(this.lastResponse.status, 200, this.lastResponse.text.slice(0, 300));
  assert.equal((jsonObjectBody(this).apiResources as Json[]).length, n);
});

Then('the API resource search has no pagination links', function (this: ObWorld) {
  // APIResourceListResponse.links is `new ArrayList<>()`; links are added only for a previous or next page.
  assert.deepEqual(jsonObjectBody(this).links, []);
});

Then('the API resource search lists {string} with a self link', function (this: ObWorld, name: string) {
  // buildAPIResourceListItem: self = buildURIForBody(/v1 + /api-resources + "/" + id).
  const id = resourceId(this, name);
  const item = (jsonObjectBody(this).apiResources as Json[]).find((r) => r.id === id);
  assert.ok(item, `${name} is listed`);
  assert.ok(typeof item.self === 'string' && item.self.endsWith(`${RES}/${id}`), `self ${String(item.self)} ends with ${RES}/${id}`);
});

When('the admin reads the API resource {string}', async function (this: ObWorld, name: string) {
  await is(this, 'GET', `${RES}/${resourceId(this, name)}`);
});

Then('the response is the API resource {string} with the description {string}, requiresAuthorization {word} and no scopes', function (this: ObWorld, name: string, description: string, requires: string) {
  const body = jsonObjectBody(this);
  assert.equal(body.id, resourceId(this, name));
  assert.equal(body.description, description);
  assert.equal(body.requiresAuthorization, requires === 'true');
  assert.deepEqual(body.scopes, []);
});

Then('the API resource answered has no properties', function (this: ObWorld) {
  // ServerAPIResourceManagementService.buildAPIResourceResponse: the properties as a list, empty when none.
  assert.deepEqual(jsonObjectBody(this).properties, []);
});

Then('the API resource {string} is named {string} with the description {string}', async function (this: ObWorld, name: string, displayName: string, description: string) {
  await is(this, 'GET', `${RES}/${resourceId(this, name)}`);
  assert.equal(this.lastResponse.status, 200, this.lastResponse.text.slice(0, 300));
  const body = jsonObjectBody(this);
  assert.deepEqual({ name: body.name, description: body.description }, { name: fill(this, displayName), description });
});

When('the admin patches the API resource {string} with {string}', async function (this: ObWorld, name: string, json: string) {
  await is(this, 'PATCH', `${RES}/${resourceId(this, name)}`, { json: JSON.parse(fill(this, json)) as unknown });
});

When('the admin patches the scope {string} of the API resource {string} with {string}', async function (this: ObWorld, scope: string, name: string, json: string) {
  await is(this, 'PATCH', `${RES}/${resourceId(this, name)}/scopes/${encodeURIComponent(this.unique(scope))}`, { json: JSON.parse(json) as unknown });
});

Then('the scope {string} of the API resource {string} has the display name {string} and the description {string}', async function (this: ObWorld, scope: string, name: string, displayName: string, description: string) {
  await is(this, 'GET', `${RES}/${resourceId(this, name)}/scopes`);
  assert.equal(this.lastResponse.status, 200, this.lastResponse.text.slice(0, 300));
  const found = (this.lastResponse.json as Json[]).find((s) => s.name === this.unique(scope));
  assert.ok(found, `scope ${scope} is listed`);
  assert.deepEqual({ displayName: found.displayName, description: found.description }, { displayName, description });
});

When('the admin deletes the API resource {string}', async function (this: ObWorld, name: string) {
  await is(this, 'DELETE', `${RES}/${resourceId(this, name)}`);
});

When('the admin deletes an unknown API resource', async function (this: ObWorld) {
  await is(this, 'DELETE', `${RES}/${this.unique('no-such-resource')}`);
});

When('the admin deletes the scope {string} of an API resource that does not exist', async function (this: ObWorld, scope: string) {
  await is(this, 'DELETE', `${RES}/${this.unique('no-such-resource')}/scopes/${encodeURIComponent(this.unique(scope))}`);
});

Then('the API resource {string} is not found', async function (this: ObWorld, name: string) {
  const id = resourceId(this, name);
  await is(this, 'GET', `${RES}/${id}`);
  assert.equal(this.lastResponse.status, 404, this.lastResponse.text.slice(0, 300));
  const body = jsonObjectBody(this);
  assert.deepEqual({ code: body.code, description: body.description }, {
    code: 'API-RESOURCE-60002', description: `Unable to find the API resource with the id: ${id} in the tenant domain.`,
  });
});
