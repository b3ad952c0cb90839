import assert from 'node:assert/strict';
import { Given, Then, When } from '@cucumber/cucumber';
import type { ObWorld } from './support/world.ts';
import { jsonObjectBody } from './support/json-body.ts';
import { isAdminCall as is, isMgmtCreated as created } from './support/admin-call.ts';

/**
 * More of the Identity Server application API (identity-api-server ServerApplicationManagementService)
 * than the fsKeyManager's three calls: paging, blank filters, links, PATCH semantics, trace ids.
 * Shares the clients and applications that steps/is-mgmt.steps.ts remembers (`is-mgmt:client:<name>`,
 * `is-mgmt:app:<name>`) and its clean-up list (`is-mgmt:created`).
 */

const APPS = '/api/server/v1/applications';
type Json = Record<string, unknown>;

const clientOf = (world: ObWorld, name: string) => world.recall<{ client_id: string; client_name: string }>(`is-mgmt:client:${name}`);
const appIdOf = (world: ObWorld, name: string) => world.recall<string>(`is-mgmt:app:${name}`);


Given('the key manager has registered {int} IS DCR clients named after {string}', async function (this: ObWorld, n: number, family: string) {
  // `<unique family>-1` … `-n`: one prefix that only this scenario's applications carry.
  for (let i = 1; i <= n; i++) {
    await is(this, 'POST', this.target.path('isDcrRegister'), {
      json: { client_name: `${this.unique(family)}-${i}`, grant_types: ['client_credentials'], redirect_uris: [], token_type_extension: 'JWT' },
    });
    assert.equal(this.lastResponse.status, 201, `registration failed: ${this.lastResponse.text.slice(0, 300)}`);
    const client = jsonObjectBody(this) as { client_id: string };
    created(this).push(`${this.target.path('isDcrRegister')}/${encodeURIComponent(client.client_id)}`);
  }
});

When('the admin searches the applications named after {string} with {string}', async function (this: ObWorld, family: string, query: string) {
  const filter = encodeURIComponent(`name sw ${this.unique(family)}-`);
  await is(this, 'GET', `${APPS}?filter=${filter}${query === '' ? '' : `&${query}`}`);
});

Then('the search answers {int} of {int} applications from index {int}', function (this: ObWorld, count: number, total: number, startIndex: number) {
  assert.equal(this.lastResponse.status, 200, this.lastResponse.text.slice(0, 300));
  const body = jsonObjectBody(this);
  assert.deepEqual(
    { totalResults: body.totalResults, startIndex: body.startIndex, count: body.count, listed: ((body.applications ?? []) as Json[]).length },
    { totalResults: total, startIndex, count, listed: count },
  );
});

/** ApplicationListResponse.links: `{rel, href}` items (Util.buildPaginationLinks). */
const linksOf = (world: ObWorld) => (jsonObjectBody(world).links ?? []) as Json[];

Then('the search links to no page', function (this: ObWorld) {
  assert.deepEqual(linksOf(this), []);
});

Then('the search links no {word} page', function (this: ObWorld, rel: string) {
  assert.deepEqual(linksOf(this).filter((l) => l.rel === rel), [], JSON.stringify(linksOf(this)));
});

Then('the search links the {word} page with {string}', function (this: ObWorld, rel: string, query: string) {
  const links = linksOf(this).filter((l) => l.rel === rel);
  assert.equal(links.length, 1, JSON.stringify(linksOf(this)));
  // The href is a path, tenant-qualified or not by the server's configuration; the filter goes along.
  const href = new URL(String(links[0]!.href), 'https://is.example');
  assert.ok(href.pathname.endsWith(APPS), `href ${String(links[0]!.href)}`);
  assert.ok(href.search.startsWith(`?${query}&filter=`), `href ${String(links[0]!.href)}`);
});

Then('the search links the {word} page with exactly {string}', function (this: ObWorld, rel: string, query: string) {
  const links = linksOf(this).filter((l) => l.rel === rel);
  assert.equal(links.length, 1, JSON.stringify(linksOf(this)));
  const href = new URL(String(links[0]!.href), 'https://is.example');
  assert.ok(href.pathname.endsWith(APPS), `href ${String(links[0]!.href)}`);
  assert.equal(href.search, `?${query}`, `href ${String(links[0]!.href)}`);
});

Then('the application is not a SaaS application', function (this: ObWorld) {
  const advanced = (jsonObjectBody(this).advancedConfigurations ?? {}) as Json;
  assert.equal(advanced.saas, false, `advancedConfigurations ${JSON.stringify(advanced)}`);
});

When('the admin lists the applications with the query {string}', async function (this: ObWorld, query: string) {
  await is(this, 'GET', `${APPS}${query === '' ? '' : `?${query}`}`);
});

Then('the applications are listed from the first', function (this: ObWorld) {
  assert.equal(this.lastResponse.status, 200, this.lastResponse.text.slice(0, 300));
  const body = jsonObjectBody(this);
  // The scenario registered a client, so there is at least its application.
  assert.ok(typeof body.totalResults === 'number' && body.totalResults >= 1, `totalResults ${String(body.totalResults)}`);
  assert.equal(body.startIndex, 1);
  assert.equal(body.count, ((body.applications ?? []) as Json[]).length);
});

Then('the application found for {string} is writable and links to itself', function (this: ObWorld, name: string) {
  const [item] = jsonObjectBody(this).applications as Json[];
  assert.equal(item!.access, 'WRITE');
  // `self` is tenant-qualified or not by the server's configuration (ContextLoader.buildURIForBody).
  assert.ok(String(item!.self).endsWith(`${APPS}/${appIdOf(this, name)}`), `self ${String(item!.self)}`);
});

Then('the application of {string} is writable with its OAuth inbound protocol', function (this: ObWorld, name: string) {
  assert.equal(this.lastResponse.status, 200, this.lastResponse.text.slice(0, 300));
  const body = jsonObjectBody(this);
  assert.equal(body.access, 'WRITE');
  const inbound = (body.inboundProtocols ?? []) as Json[];
  const oauth = inbound.filter((p) => p.type === 'oauth2');
  assert.equal(oauth.length, 1, `inboundProtocols ${JSON.stringify(inbound)}`);
  assert.ok(String(oauth[0]!.self).endsWith(`${APPS}/${appIdOf(this, name)}/inbound-protocols/oidc`), `self ${String(oauth[0]!.self)}`);
});

When('the key manager deletes the IS DCR client {string}', async function (this: ObWorld, name: string) {
  await is(this, 'DELETE', `${this.target.path('isDcrRegister')}/${encodeURIComponent(clientOf(this, name).client_id)}`);
  assert.equal(this.lastResponse.status, 204, this.lastResponse.text.slice(0, 300));
});

Then('the response is APP-60006 for the application of {string}', function (this: ObWorld, name: string) {
  assert.equal(this.lastResponse.status, 404, this.lastResponse.text.slice(0, 300));
  const body = jsonObjectBody(this);
  assert.deepEqual({ code: body.code, message: body.message, description: body.description }, {
    code: 'APP-60006',
    message: 'Application not found.',
    description: `Application cannot be found for the provided id: ${appIdOf(this, name)} in the tenantDomain: carbon.super.`,
  });
});

When('the admin patches the application of {string} with {string}', async function (this: ObWorld, name: string, json: string) {
  await is(this, 'PATCH', `${APPS}/${appIdOf(this, name)}`, { json: JSON.parse(json) as unknown });
});

When('the admin patches the application of {string} with the Content-Type {string} and the body {string}', async function (this: ObWorld, name: string, type: string, body: string) {
  await this.send('none', 'PATCH', this.url('is', `${APPS}/${appIdOf(this, name)}`), {
    headers: { accept: 'application/json', authorization: this.adminAuthorization(), 'content-type': type },
    body,
  });
});

Then('the application of {string} has the certificate {string}', async function (this: ObWorld, name: string, json: string) {
  await is(this, 'GET', `${APPS}/${appIdOf(this, name)}`);
  assert.equal(this.lastResponse.status, 200, this.lastResponse.text.slice(0, 300));
  const advanced = (jsonObjectBody(this).advancedConfigurations ?? {}) as Json;
  assert.deepEqual(advanced.certificate, JSON.parse(json) as unknown);
});

Then('the IS API error carries a trace id', function (this: ObWorld) {
  const { traceId } = jsonObjectBody(this);
  assert.ok(typeof traceId === 'string' && traceId !== '', `traceId ${JSON.stringify(traceId)}`);
});
