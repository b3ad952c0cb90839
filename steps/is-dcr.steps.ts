import assert from 'node:assert/strict';
import { Given, Then, When } from '@cucumber/cucumber';
import type { ObWorld } from './support/world.ts';
import { fillTemplate } from './support/templates.ts';
import { trackAdminClient } from './support/clients.ts';

/** Identity Server DCR v1.1, called as the key manager connector does: admin Basic, JSON. */

function registerUrl(world: ObWorld, clientId?: string): string {
  const base = world.url('is', world.target.path('isDcrRegister'));
  return clientId === undefined ? base : `${base}/${encodeURIComponent(clientId)}`;
}

async function call(world: ObWorld, method: string, url: string, authorization: string | undefined, json?: string) {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (authorization) headers.authorization = authorization;
  if (json !== undefined) headers['content-type'] = 'application/json';
  return world.send('none', method, url, json === undefined ? { headers } : { headers, body: json });
}

function clientIdOf(world: ObWorld, name: string): string {
  return world.recall<{ client_id: string }>(`client:${name}`).client_id;
}

async function register(world: ObWorld, name: string, doc: string): Promise<void> {
  const res = await call(world, 'POST', registerUrl(world), world.adminAuthorization(), fillTemplate(world, doc));
  if (res.status === 201) world.remember(`client:${name}`, res.json);
  const id = (res.json as { client_id?: unknown } | undefined)?.client_id;
  if (res.status === 201 && typeof id === 'string') trackAdminClient(world, id);
}

Given('the admin has registered the IS DCR client {string} with:', async function (this: ObWorld, name: string, doc: string) {
  await register(this, name, doc);
  assert.equal(this.lastResponse.status, 201, `registration failed: ${this.lastResponse.text.slice(0, 300)}`);
});

When('the admin registers the IS DCR client {string} with:', async function (this: ObWorld, name: string, doc: string) {
  await register(this, name, doc);
});

When('the admin sends an IS DCR registration with the Content-Type {string} and the body:', async function (this: ObWorld, contentType: string, doc: string) {
  await this.send('none', 'POST', registerUrl(this), {
    headers: { authorization: this.adminAuthorization(), 'content-type': contentType },
    body: fillTemplate(this, doc),
  });
});

When('a caller {string} registers an IS DCR client with:', async function (this: ObWorld, who: string, doc: string) {
  const authorization =
    who === 'without credentials' ? undefined
      : who === 'with a wrong password' ? `Basic ${Buffer.from(`${this.target.file.admin?.username ?? 'admin'}:wrong-password`).toString('base64')}`
        : who === 'with a bearer token' ? 'Bearer not-a-real-token'
          : assert.fail(`unknown caller ${who}`);
  await call(this, 'POST', registerUrl(this), authorization, fillTemplate(this, doc));
});

When('the admin gets the IS DCR client {string}', async function (this: ObWorld, name: string) {
  await call(this, 'GET', registerUrl(this, clientIdOf(this, name)), this.adminAuthorization());
});

When('the admin looks up the IS DCR client {string} by name', async function (this: ObWorld, name: string) {
  const clientName = this.recall<{ client_name: string }>(`client:${name}`).client_name;
  await call(this, 'GET', `${registerUrl(this)}?client_name=${encodeURIComponent(clientName)}`, this.adminAuthorization());
});

When('the admin updates the IS DCR client {string} with:', async function (this: ObWorld, name: string, doc: string) {
  await call(this, 'PUT', registerUrl(this, clientIdOf(this, name)), this.adminAuthorization(), fillTemplate(this, doc));
});

When('the admin deletes the IS DCR client {string}', async function (this: ObWorld, name: string) {
  await call(this, 'DELETE', registerUrl(this, clientIdOf(this, name)), this.adminAuthorization());
});

When('the admin {word} an IS DCR client that does not exist', async function (this: ObWorld, verb: string) {
  const method = { gets: 'GET', updates: 'PUT', deletes: 'DELETE' }[verb];
  assert.ok(method, `unknown verb ${verb}`);
  await call(this, method, registerUrl(this, 'no-such-client-id-0000000000'), this.adminAuthorization(),
    method === 'PUT' ? JSON.stringify({ client_name: this.unique('ghost') }) : undefined);
});

Then('the client id of {string} differs from the client id of {string}', function (this: ObWorld, a: string, b: string) {
  assert.notEqual(clientIdOf(this, a), clientIdOf(this, b));
});

/** RFC 6749 §4.4 with client_secret_basic (§2.3.1): the IS DCR client's own id and secret. */
When('the IS DCR client {string} gets a client_credentials token with its secret', async function (this: ObWorld, name: string) {
  const c = this.recall<{ client_id: string; client_secret: string }>(`client:${name}`);
  const basic = Buffer.from(`${encodeURIComponent(c.client_id)}:${encodeURIComponent(c.client_secret)}`).toString('base64');
  const res = await this.send('none', 'POST', this.endpoint('token_endpoint'), {
    headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({ grant_type: 'client_credentials' }).toString(),
  });
  this.remember('last-token-client', name);
  if (res.status === 200) this.remember(`tokens:${name}`, res.json);
});


/** WSO2-TOK-09: two token responses with the same `expires_in` (RFC 6749 §5.1). */
Then('the access tokens of {string} and {string} have the same expires_in', function (this: ObWorld, a: string, b: string) {
  const expiresIn = (n: string) => this.recall<{ expires_in?: unknown }>(`tokens:${n}`).expires_in;
  assert.ok(typeof expiresIn(b) === 'number', `no expires_in for ${b}`);
  assert.equal(expiresIn(a), expiresIn(b), 'expires_in');
});
