import assert from 'node:assert/strict';
import { Then, When } from '@cucumber/cucumber';
import type { ObWorld } from './support/world.ts';
import { registrationRequest, registrationTokenRotated } from './support/clients.ts';
import { fillTemplate } from './support/templates.ts';

/**
 * RFC 7591 registration as the target registers (any style), and RFC 7592 management with the
 * registration access token at `registration_client_uri` (`@needs:rfc7592`).
 */

interface Registration {
  client_id: string;
  registration_client_uri?: string;
  registration_access_token?: string;
  [member: string]: unknown;
}

function registrationOf(world: ObWorld, name: string): Registration {
  return world.recall<Registration>(`client:${name}`);
}

/** RFC 7592 §3: where and with what the client manages itself. */
function management(world: ObWorld, name: string): { uri: string; token: string } {
  const r = registrationOf(world, name);
  assert.ok(r.registration_client_uri && r.registration_access_token, `the registration of ${name} has no registration_client_uri and registration_access_token (RFC 7592 §3)`);
  return { uri: r.registration_client_uri, token: r.registration_access_token };
}

async function manage(world: ObWorld, method: string, uri: string, authorization: string | undefined, body?: string): Promise<void> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (authorization !== undefined) headers.authorization = authorization;
  if (body !== undefined) headers['content-type'] = 'application/json';
  await world.send('none', method, uri, body === undefined ? { headers } : { headers, body });
}

/** RFC 7592 §2.1/§2.2: the answer is the current registration; a new token replaces the old. */
function keepCurrent(world: ObWorld, name: string): void {
  const res = world.lastResponse;
  if (res.status !== 200 || !res.json || typeof res.json !== 'object') return;
  const body = res.json as Registration;
  const before = registrationOf(world, name);
  world.remember(`client:${name}:before`, before);
  world.remember(`client:${name}`, { ...before, ...body });
  if (body.registration_access_token && body.registration_access_token !== before.registration_access_token) {
    registrationTokenRotated(world, before.client_id, body.registration_access_token);
  }
}

/** RFC 7591 §3.1: a body that is not a JSON object (DCR-REQ-06). */
When('a client sends the registration body {string}', async function (this: ObWorld, body: string) {
  const { url, headers } = registrationRequest(this);
  await this.send('none', 'POST', url, { headers, body });
});

When('{string} reads its registration', async function (this: ObWorld, name: string) {
  const { uri, token } = management(this, name);
  await manage(this, 'GET', uri, `Bearer ${token}`);
  keepCurrent(this, name);
});

When('{string} reads its registration without a token', async function (this: ObWorld, name: string) {
  await manage(this, 'GET', management(this, name).uri, undefined);
});

When('{string} reads its registration with the token {string}', async function (this: ObWorld, name: string, token: string) {
  await manage(this, 'GET', management(this, name).uri, `Bearer ${token}`);
});

When('{string} reads the registration of {string} with its own token', async function (this: ObWorld, name: string, other: string) {
  await manage(this, 'GET', management(this, other).uri, `Bearer ${management(this, name).token}`);
});

When('{string} reads the registration of an unknown client with its own token', async function (this: ObWorld, name: string) {
  const { uri, token } = management(this, name);
  const unknown = uri.replace(encodeURIComponent(registrationOf(this, name).client_id), 'obc-unknown-client-id');
  assert.notEqual(unknown, uri, 'the registration_client_uri does not carry the client_id');
  await manage(this, 'GET', unknown, `Bearer ${token}`);
});

/**
 * RFC 7592 §2.2: the PUT body is the client's whole current metadata with the changes, its
 * client_id, and none of the members the server alone sets.
 */
When('{string} updates its registration with:', async function (this: ObWorld, name: string, doc: string) {
  const { uri, token } = management(this, name);
  const { registration_access_token: _t, registration_client_uri: _u, client_secret_expires_at: _e, client_id_issued_at: _i, ...current } = registrationOf(this, name);
  const changes = JSON.parse(fillTemplate(this, doc)) as Record<string, unknown>;
  await manage(this, 'PUT', uri, `Bearer ${token}`, JSON.stringify({ ...current, ...changes }));
  keepCurrent(this, name);
});

/** RFC 7592 §2.2: a member left out of the PUT body asks the server to remove it. */
When('{string} updates its registration without the member {string}', async function (this: ObWorld, name: string, member: string) {
  const { uri, token } = management(this, name);
  const { registration_access_token: _t, registration_client_uri: _u, client_secret_expires_at: _e, client_id_issued_at: _i, ...current } = registrationOf(this, name);
  delete current[member];
  await manage(this, 'PUT', uri, `Bearer ${token}`, JSON.stringify(current));
  keepCurrent(this, name);
});

/**
 * RFC 7592 §3 (DCR-MGT-22): the server MAY issue a new registration access token on read or update;
 * if it did, the one it replaced MUST stop working. Unchanged, the old one is still the current one.
 */
Then('a registration access token {string} was given in place of another no longer works', async function (this: ObWorld, name: string) {
  const before = this.recall<Registration>(`client:${name}:before`).registration_access_token;
  const now = registrationOf(this, name).registration_access_token;
  assert.ok(before && now, 'no registration access tokens to compare');
  await manage(this, 'GET', management(this, name).uri, `Bearer ${before}`);
  if (before === now) assert.equal(this.lastResponse.status, 200, 'the unchanged registration access token stopped working');
  else assert.equal(this.lastResponse.status, 401, 'the replaced registration access token still works');
});

/** A PUT body exactly as written, for the requests RFC 7592 §2.2 says to refuse. */
When('{string} sends the update:', async function (this: ObWorld, name: string, doc: string) {
  const { uri, token } = management(this, name);
  const reg = registrationOf(this, name);
  const text = fillTemplate(this, doc
    .replaceAll('{{registration_access_token}}', reg.registration_access_token ?? '')
    .replaceAll('{{registration_client_uri}}', reg.registration_client_uri ?? '')
    .replaceAll('{{own_client_id}}', reg.client_id));
  await manage(this, 'PUT', uri, `Bearer ${token}`, text);
});

When('{string} sends {word} to its registration without a token', async function (this: ObWorld, name: string, method: string) {
  const reg = registrationOf(this, name);
  await manage(this, method, management(this, name).uri, undefined, method === 'PUT' ? JSON.stringify({ client_id: reg.client_id, grant_types: reg.grant_types }) : undefined);
});

/**
 * RFC 7591 §3.2.2 (DCR-REQ-42): a value the server does not support is refused as
 * invalid_client_metadata, or replaced, and then the registration shows what it holds.
 */
Then('the registration is refused as invalid_client_metadata, or registered without {string} in {string}', function (this: ObWorld, value: string, member: string) {
  const res = this.lastResponse;
  const body = res.json as Record<string, unknown> | undefined;
  if (res.status !== 201) {
    assert.equal(res.status, 400, `registration answered ${res.status}: ${res.text.slice(0, 300)}`);
    assert.equal(body?.error, 'invalid_client_metadata', `error: ${res.text.slice(0, 300)}`);
    return;
  }
  assert.ok(Array.isArray(body?.[member]), `the registration does not show ${member}`);
  assert.ok(!(body[member] as unknown[]).includes(value), `${value} was registered in ${member}`);
});

When('{string} deletes its registration', async function (this: ObWorld, name: string) {
  const { uri, token } = management(this, name);
  await manage(this, 'DELETE', uri, `Bearer ${token}`);
});

When('{string} reads its registration with its old token', async function (this: ObWorld, name: string) {
  const before = this.recall<Registration>(`client:${name}:before`);
  assert.ok(before.registration_access_token, 'no earlier registration access token');
  await manage(this, 'GET', management(this, name).uri, `Bearer ${before.registration_access_token}`);
});

/** RFC 7592 §3: the registration response says where and with what to manage the client. */
Then('the response carries the registration_client_uri and registration_access_token of {string}', function (this: ObWorld, name: string) {
  const body = this.lastResponse.json as Registration;
  assert.ok(typeof body.registration_access_token === 'string' && body.registration_access_token.length > 0, 'registration_access_token');
  assert.ok(typeof body.registration_client_uri === 'string', 'registration_client_uri');
  const uri = new URL(body.registration_client_uri);
  assert.equal(uri.protocol, 'https:', 'registration_client_uri is https');
  assert.equal(body.client_id, registrationOf(this, name).client_id, 'client_id');
});

/** RFC 6750 §3 (auth-scheme names are case-insensitive, RFC 9110 §11.1). */
Then('the response has a Bearer challenge', function (this: ObWorld) {
  const value = this.lastResponse.headers['www-authenticate'];
  assert.ok(value && /^bearer\b/i.test(value.trim()), `WWW-Authenticate is ${JSON.stringify(value)}, expected a Bearer challenge`);
});

/** RFC 7591 §3.2.1: what the client asked for is registered, and shown, as sent. */
Then('the registration response shows the members it was sent:', function (this: ObWorld, doc: string) {
  const sent = JSON.parse(fillTemplate(this, doc)) as Record<string, unknown>;
  const body = this.lastResponse.json as Record<string, unknown>;
  for (const [member, value] of Object.entries(sent)) {
    const shown = body[member];
    if (Array.isArray(value) && Array.isArray(shown)) assert.deepEqual([...shown].sort(), [...value].sort(), member);
    else assert.deepEqual(shown, value, member);
  }
});

/** RFC 7591 §3.2.1 (DCR-REQ-03): a secret comes with its expiry (0: never). */
Then('a client_secret in the response comes with client_secret_expires_at', function (this: ObWorld) {
  const body = this.lastResponse.json as Record<string, unknown>;
  if (body.client_secret === undefined) return;
  assert.ok(typeof body.client_secret_expires_at === 'number' && body.client_secret_expires_at >= 0, `client_secret_expires_at is ${JSON.stringify(body.client_secret_expires_at)}`);
});
