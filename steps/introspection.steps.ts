import assert from 'node:assert/strict';
import { Given, Then, When } from '@cucumber/cucumber';
import type { ObWorld } from './support/world.ts';
import type { TlsIdentity } from './support/http-client.ts';
import type { EndpointName, IdentityName } from './support/target.ts';
import { identityOfClient, introspectionRequest } from './support/introspect.ts';
import { certificateThumbprint, clientAuthentication, clientOf, postForm, tokensOf } from './support/token-client.ts';

/** Token introspection (RFC 7662) and revocation (RFC 7009). */

function tokenValue(world: ObWorld, kind: string, owner: string): string {
  const tokens = tokensOf(world, owner);
  const value = kind === 'refresh token' ? tokens.refresh_token : tokens.access_token;
  assert.ok(value, `the client ${owner} holds no ${kind}`);
  return value;
}

const hinted = (hint: string | undefined): Record<string, string> => (hint === undefined ? {} : { token_type_hint: hint });

async function introspect(world: ObWorld, token: string | undefined, owner: string | undefined, hint?: string) {
  const req = await introspectionRequest(world, token, owner ?? firstClient(world), hinted(hint));
  await world.send(req.identity, 'POST', world.endpoint('introspection_endpoint'), {
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', ...req.headers },
    body: req.body,
  });
}

/** The first client the scenario set up: the caller for a token that has no owner. */
function firstClient(world: ObWorld): string {
  const name = [...world.remembered.keys()].find((k) => k.startsWith('client:'));
  assert.ok(name, 'no client in this scenario to introspect with');
  return name.slice('client:'.length);
}

async function clientCalls(world: ObWorld, path: EndpointName, name: string, identity: TlsIdentity, token: string | undefined, hint?: string) {
  const auth = await clientAuthentication(world, name);
  await postForm(world, identity, path, { ...auth.form, token, ...hinted(hint) }, auth.headers);
}

// ---- introspection -------------------------------------------------------------------------------

When(/^the (access token|refresh token) of "([^"]+)" is introspected$/, async function (this: ObWorld, kind: string, owner: string) {
  await introspect(this, tokenValue(this, kind, owner), owner);
});

When(/^the (access token|refresh token) of "([^"]+)" is introspected with the hint "([^"]*)"$/, async function (this: ObWorld, kind: string, owner: string, hint: string) {
  await introspect(this, tokenValue(this, kind, owner), owner, hint);
});

When('the token {string} is introspected', async function (this: ObWorld, token: string) {
  await introspect(this, token, undefined);
});

When('an introspection request without a token is sent', async function (this: ObWorld) {
  await introspect(this, undefined, undefined);
});

/** The key manager's call (WSO2-TOK-04): the admin user introspects any client's token. */
When(/^the admin introspects the (access token|refresh token) of "([^"]+)"$/, async function (this: ObWorld, kind: string, owner: string) {
  await postForm(this, 'none', 'introspection_endpoint', { token: tokenValue(this, kind, owner) }, { authorization: this.adminAuthorization() });
});

When(/^the client "([^"]+)" introspects the (access token|refresh token) of "([^"]+)" as (\w+)$/, async function (this: ObWorld, name: string, kind: string, owner: string, identity: TlsIdentity) {
  await clientCalls(this, 'introspection_endpoint', name, identity, tokenValue(this, kind, owner));
});

When(/^a caller (without credentials|with a wrong admin password) introspects the access token of "([^"]+)"$/, async function (this: ObWorld, who: string, owner: string) {
  const headers: Record<string, string> = who === 'without credentials'
    ? {}
    : { authorization: `Basic ${Buffer.from(`${this.target.file.admin?.username ?? 'admin'}:wrong-password`).toString('base64')}` };
  await postForm(this, 'none', 'introspection_endpoint', { token: tokenValue(this, 'access token', owner) }, headers);
});

/** RFC 7662 §2.2: `exp` - `iat` of the introspected token. */
Then('the introspected token lives {int} seconds', function (this: ObWorld, seconds: number) {
  const body = (this.lastResponse.json ?? {}) as { exp?: unknown; iat?: unknown };
  assert.ok(typeof body.exp === 'number' && typeof body.iat === 'number', `exp and iat: ${this.lastResponse.text.slice(0, 300)}`);
  assert.equal(body.exp - body.iat, seconds, `exp ${body.exp} - iat ${body.iat}`);
});

Then('the introspection says the token is active', function (this: ObWorld) {
  const res = this.lastResponse;
  assert.equal(res.status, 200, `introspection answered ${res.status}: ${res.text.slice(0, 300)}`);
  assert.equal((res.json as { active?: unknown } | undefined)?.active, true, `token is not active: ${res.text.slice(0, 300)}`);
});

/**
 * RFC 7662 §2.2 (INTRO-03): besides `active`, every member is OPTIONAL; those present must be
 * true of the token: its client, its scope, a Bearer type (case-insensitive), and times around now.
 */
Then('the introspection members that are present describe the client_credentials token of {string}', function (this: ObWorld, owner: string) {
  const body = this.lastResponse.json as Record<string, unknown>;
  const now = Math.floor(Date.now() / 1000);
  if (body.client_id !== undefined) assert.equal(body.client_id, clientOf(this, owner).client_id, 'client_id');
  if (body.scope !== undefined) assert.deepEqual(String(body.scope).split(' ').sort(), (tokensOf(this, owner).scope ?? 'accounts').split(' ').sort(), 'scope');
  if (body.token_type !== undefined) assert.equal(String(body.token_type).toLowerCase(), 'bearer', 'token_type');
  if (body.exp !== undefined) assert.ok(typeof body.exp === 'number' && body.exp > now, `exp ${String(body.exp)} is not in the future`);
  if (body.iat !== undefined) assert.ok(typeof body.iat === 'number' && body.iat <= now + 60, `iat ${String(body.iat)} is in the future`);
});

/** RFC 7662 §2.2 (INTRO-07): an inactive token's response has no other member. */
Then('the introspection says only that the token is inactive', function (this: ObWorld) {
  const res = this.lastResponse;
  assert.equal(res.status, 200, `introspection answered ${res.status}: ${res.text.slice(0, 300)}`);
  assert.deepEqual(res.json, { active: false });
});

Then('the introspection member {string} holds the thumbprint of the {word} transport certificate', function (this: ObWorld, member: string, identity: IdentityName) {
  const body = this.lastResponse.json as Record<string, unknown>;
  assert.deepEqual(body[member], { 'x5t#S256': certificateThumbprint(this, identity) });
});

// ---- revocation ----------------------------------------------------------------------------------

When(/^the client "([^"]+)" revokes the (access token|refresh token) of "([^"]+)" as (\w+)$/, async function (this: ObWorld, name: string, kind: string, owner: string, identity: TlsIdentity) {
  await clientCalls(this, 'revocation_endpoint', name, identity, tokenValue(this, kind, owner));
});

When(/^the client "([^"]+)" revokes the (access token|refresh token) of "([^"]+)" as (\w+) with the hint "([^"]*)"$/, async function (this: ObWorld, name: string, kind: string, owner: string, identity: TlsIdentity, hint: string) {
  await clientCalls(this, 'revocation_endpoint', name, identity, tokenValue(this, kind, owner), hint);
});

When('the client {string} revokes the token {string} as {word}', async function (this: ObWorld, name: string, token: string, identity: TlsIdentity) {
  await clientCalls(this, 'revocation_endpoint', name, identity, token);
});

When('the client {string} revokes without a token as {word}', async function (this: ObWorld, name: string, identity: TlsIdentity) {
  await clientCalls(this, 'revocation_endpoint', name, identity, undefined);
});

When('a caller without credentials revokes the access token of {string} as {word}', async function (this: ObWorld, owner: string, identity: TlsIdentity) {
  await postForm(this, identity, 'revocation_endpoint', { token: tokenValue(this, 'access token', owner) });
});

/** RFC 7662 §2.1, RFC 7009 §2.1: both endpoints take POST; the same request by GET, in the query. */
When('the client {string} sends GET to the {word} endpoint for its access token', async function (this: ObWorld, name: string, endpoint: string) {
  const auth = await clientAuthentication(this, name);
  const query = new URLSearchParams({ ...auth.form, token: tokenValue(this, 'access token', name) }).toString();
  const url = this.endpoint(`${endpoint}_endpoint` as EndpointName);
  await this.send(identityOfClient(this, name), 'GET', `${url}${url.includes('?') ? '&' : '?'}${query}`, { headers: { accept: 'application/json', ...auth.headers } });
});

/** An error answer, in whatever body, that does not describe the token (RFC 7662 §2.2 members). */
Then('the response says nothing about the token', function (this: ObWorld) {
  const body = this.lastResponse.json;
  if (body && typeof body === 'object') assert.ok(!('active' in body), `the refused request was answered with token data: ${this.lastResponse.text.slice(0, 200)}`);
});

// ---- time ----------------------------------------------------------------------------------------

/**
 * RFC 7519 §4.1.4: a token is valid only while now is before its exp. With the target's clock held
 * still, the access token's exp (read by introspecting it while active) is reached on the second.
 */
Given('the target\'s clock stands {int} second(s) from the exp of the access token of {string}', async function (this: ObWorld, offset: number, owner: string) {
  assert.ok(this.remembered.has('clock-held'), 'hold the target\'s clock still first');
  await introspect(this, tokenValue(this, 'access token', owner), owner);
  const exp = (this.lastResponse.json as { exp?: unknown } | undefined)?.exp;
  assert.ok(typeof exp === 'number', `no exp in the introspection of an active token: ${this.lastResponse.text.slice(0, 200)}`);
  this.clock.advance(exp + offset - this.clock.nowSeconds());
});

When('{int} seconds pass on the target', function (this: ObWorld, seconds: number) {
  this.clock.advance(seconds);
});
