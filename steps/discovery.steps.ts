import assert from 'node:assert/strict';
import { Given, Then, When } from '@cucumber/cucumber';
import { CompactSign, exportJWK, generateKeyPair, type JSONWebKeySet } from 'jose';
import type { ObWorld } from './support/world.ts';
import { issuerFromWellKnownUrl, issuerProblems } from './support/discovery-check.ts';
import { RemoteJwks } from './support/remote-jwks.ts';

type Metadata = Record<string, unknown>;

function metadata(world: ObWorld): Metadata {
  return world.recall<Metadata>('metadata');
}

function stringList(doc: Metadata, member: string): string[] {
  const v = doc[member];
  assert.ok(Array.isArray(v) && v.every((x) => typeof x === 'string'), `${member} is not an array of strings: ${JSON.stringify(v)}`);
  return v as string[];
}

async function fetchMetadata(world: ObWorld, pathName: 'discovery' | 'oauthServerMetadata'): Promise<void> {
  const url = world.url('is', world.target.path(pathName));
  const res = await world.send('none', 'GET', url);
  world.remember('metadataUrl', url);
  if (res.status === 200 && res.json && typeof res.json === 'object') world.remember('metadata', res.json);
}

When('the client fetches the discovery document', async function (this: ObWorld) {
  await fetchMetadata(this, 'discovery');
});

When('the client fetches the RFC 8414 authorization server metadata', async function (this: ObWorld) {
  await fetchMetadata(this, 'oauthServerMetadata');
});

Then('the issuer is an https URL without query or fragment', function (this: ObWorld) {
  const issuer = metadata(this).issuer;
  assert.equal(typeof issuer, 'string', 'issuer is missing');
  const u = new URL(issuer as string);
  assert.equal(u.protocol, 'https:');
  assert.ok(!(issuer as string).includes('?') && !(issuer as string).includes('#'), `issuer ${issuer} has a query or fragment`);
});

Then('the issuer is identical to the URL the document was fetched for', function (this: ObWorld) {
  const url = this.recall<string>('metadataUrl');
  assert.equal(metadata(this).issuer, issuerFromWellKnownUrl(url));
});

Given('a discovery document whose issuer is {string} fetched from {string}', function (this: ObWorld, issuer: string, url: string) {
  this.remember('fixture', { url, doc: { issuer } });
});

Then('the harness discovery check rejects it with {string}', function (this: ObWorld, expected: string) {
  const { url, doc } = this.recall<{ url: string; doc: Metadata }>('fixture');
  const problems = issuerProblems(url, doc);
  assert.ok(problems.some((p) => p.includes(expected)), `expected a problem containing "${expected}", got ${JSON.stringify(problems)}`);
});

Then('the harness discovery check accepts the fetched document', function (this: ObWorld) {
  assert.deepEqual(issuerProblems(this.recall<string>('metadataUrl'), metadata(this)), []);
});

Then('the document has the member {string}', function (this: ObWorld, member: string) {
  const v = metadata(this)[member];
  assert.ok(v !== undefined && v !== null && v !== '', `member ${member} is missing`);
});

Then('the document member {string} is {string}', function (this: ObWorld, member: string, value: string) {
  assert.equal(metadata(this)[member], value);
});

Then('the document member {string} is the issuer origin followed by {string}', function (this: ObWorld, member: string, path: string) {
  const origin = new URL(metadata(this).issuer as string).origin;
  assert.equal(metadata(this)[member], `${origin}${path}`, `${member}`);
});

Then('the document member {string} includes {string}', function (this: ObWorld, member: string, value: string) {
  assert.ok(stringList(metadata(this), member).includes(value), `${member} lacks ${value}`);
});

Then('the document member {string} does not include {string}', function (this: ObWorld, member: string, value: string) {
  const doc = metadata(this);
  if (doc[member] === undefined) return;
  assert.ok(!stringList(doc, member).includes(value), `${member} includes ${value}`);
});

function containsOnly(doc: Metadata, member: string, allowed: string): void {
  const allow = allowed.split(',').map((s) => s.trim());
  const list = stringList(doc, member);
  assert.ok(list.length > 0, `${member} is empty`);
  const extra = list.filter((v) => !allow.includes(v));
  assert.deepEqual(extra, [], `${member} lists ${extra.join(', ')}; only ${allow.join(', ')} are allowed`);
}

Then('the document member {string} contains only {string}', function (this: ObWorld, member: string, allowed: string) {
  containsOnly(metadata(this), member, allowed);
});

// An OPTIONAL or RECOMMENDED member may be absent; where present it holds only defined values.
Then('the document member {string}, where present, contains only {string}', function (this: ObWorld, member: string, allowed: string) {
  if (metadata(this)[member] !== undefined) containsOnly(metadata(this), member, allowed);
});

// OIDC Discovery §3: the server MUST support openid; RFC 6749 §3.3: scope-token = 1*NQCHAR.
Then('the document member {string}, where present, includes {string} and holds only scope tokens', function (this: ObWorld, member: string, scope: string) {
  if (metadata(this)[member] === undefined) return;
  const list = stringList(metadata(this), member);
  assert.ok(list.includes(scope), `${member} lacks ${scope}`);
  const bad = list.filter((v) => !/^[\x21\x23-\x5B\x5D-\x7E]+$/.test(v));
  assert.deepEqual(bad, [], `${member} lists values that are no scope token: ${JSON.stringify(bad)}`);
});

// RFC 8705 §5: each alias is the URL of the endpoint a client using mutual TLS calls instead.
Then('the document member {string} names the {string} as an absolute https URL', function (this: ObWorld, member: string, endpoint: string) {
  const aliases = metadata(this)[member];
  assert.ok(aliases && typeof aliases === 'object' && !Array.isArray(aliases), `${member} is not a JSON object`);
  const v = (aliases as Record<string, unknown>)[endpoint];
  assert.equal(typeof v, 'string', `${member} has no ${endpoint}`);
  assert.equal(new URL(v as string).protocol, 'https:', `${member}.${endpoint} ${String(v)} is not https`);
});

Then('the document member {string} is true', function (this: ObWorld, member: string) {
  assert.equal(metadata(this)[member], true, member);
});

Then('every endpoint in the document is an absolute https URL on the issuer\'s host', function (this: ObWorld) {
  const doc = metadata(this);
  const host = new URL(doc.issuer as string).host;
  const endpoints = Object.entries(doc).filter(([k]) => k.endsWith('_endpoint') || k === 'jwks_uri');
  assert.ok(endpoints.length >= 4, 'too few endpoints in the document');
  for (const [k, v] of endpoints) {
    assert.equal(typeof v, 'string', `${k}`);
    const u = new URL(v as string);
    assert.equal(u.protocol, 'https:', `${k} ${v} is not https`);
    assert.equal(u.host, host, `${k} ${v} is not on ${host}`);
  }
});

// JWKS

async function fetchJwks(world: ObWorld): Promise<void> {
  const uri = metadata(world).jwks_uri;
  assert.equal(typeof uri, 'string', 'discovery has no jwks_uri');
  world.remember('jwksUri', uri);
  const res = await world.send('none', 'GET', uri as string);
  if (res.status === 200) world.remember('jwks', res.json);
}

When('the client fetches the JWKS from the jwks_uri', async function (this: ObWorld) {
  await fetchJwks(this);
});

function jwkSet(world: ObWorld): { keys: Record<string, unknown>[] } {
  const set = world.recall<unknown>('jwks');
  assert.ok(set && typeof set === 'object' && !Array.isArray(set), 'the JWKS is not a JSON object');
  const keys = (set as { keys?: unknown }).keys;
  assert.ok(Array.isArray(keys), 'the JWKS has no "keys" array');
  return set as { keys: Record<string, unknown>[] };
}

Then('the body is a JWK Set with at least one key', function (this: ObWorld) {
  assert.ok(jwkSet(this).keys.length > 0, 'the JWK Set is empty');
});

Then('no key in the JWKS has the private member {string}', function (this: ObWorld, member: string) {
  for (const k of jwkSet(this).keys) assert.ok(!(member in k), `key ${String(k.kid)} publishes private member "${member}"`);
});

Then('every key in the JWKS has a distinct kid', function (this: ObWorld) {
  const kids = jwkSet(this).keys.map((k) => k.kid);
  assert.ok(kids.every((k) => typeof k === 'string' && k.length > 0), 'a key has no kid');
  assert.equal(new Set(kids).size, kids.length, `duplicate kid in ${JSON.stringify(kids)}`);
});

Then('the jwks_uri is an https URL', function (this: ObWorld) {
  assert.equal(new URL(this.recall<string>('jwksUri')).protocol, 'https:');
});

Then('every signing key in the JWKS carries use {string} and an alg', function (this: ObWorld, use: string) {
  for (const k of jwkSet(this).keys) {
    assert.equal(k.use, use, `key ${String(k.kid)} has use ${String(k.use)}`);
    assert.equal(typeof k.alg, 'string', `key ${String(k.kid)} has no alg`);
  }
});

// Harness verifier behaviour (client-side halves of DISC-13 and DISC-14).

Given('the harness verifier has cached the target\'s JWKS', async function (this: ObWorld) {
  const jwksUri = metadata(this).jwks_uri as string;
  const verifier = new RemoteJwks(async () => {
    const res = await this.http.send('none', 'GET', jwksUri);
    assert.equal(res.status, 200);
    return res.json as JSONWebKeySet;
  });
  // Prime the cache with a token that cannot verify; only the fetch count matters here.
  await verifier.verify('e30.e30.', ['PS256']).catch(() => undefined);
  this.remember('verifier', verifier);
  this.remember('fetchesBefore', verifier.fetches);
});

When('a JWT signed by a key whose kid is not in the JWKS is verified', async function (this: ObWorld) {
  const { privateKey } = await generateKeyPair('PS256');
  const jwt = await new CompactSign(new TextEncoder().encode('{"sub":"x"}'))
    .setProtectedHeader({ alg: 'PS256', kid: 'kid-that-the-target-never-published' })
    .sign(privateKey);
  const verifier = this.recall<RemoteJwks>('verifier');
  this.remember('verifyError', await verifier.verify(jwt, ['PS256']).then(() => undefined, (e: unknown) => e));
});

When('a JWT is verified against a JWKS whose only matching key is marked use {string}', async function (this: ObWorld, use: string) {
  const { privateKey, publicKey } = await generateKeyPair('PS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'enc-key', use, alg: 'PS256' };
  const jwt = await new CompactSign(new TextEncoder().encode('{"sub":"x"}'))
    .setProtectedHeader({ alg: 'PS256', kid: 'enc-key' })
    .sign(privateKey);
  const verifier = new RemoteJwks(async () => ({ keys: [jwk] }));
  this.remember('verifyError', await verifier.verify(jwt, ['PS256']).then(() => undefined, (e: unknown) => e));
});

Then('the harness verifier fetched the JWKS once more and rejected the JWT', function (this: ObWorld) {
  const verifier = this.recall<RemoteJwks>('verifier');
  assert.equal(verifier.fetches - this.recall<number>('fetchesBefore'), 1, 'expected exactly one re-fetch');
  assert.ok(this.recall<unknown>('verifyError') instanceof Error, 'the JWT was accepted');
});

Then('the harness verifier rejected the JWT', function (this: ObWorld) {
  assert.ok(this.recall<unknown>('verifyError') instanceof Error, 'the JWT was accepted');
});
