import assert from 'node:assert/strict';
import { generateKeyPairSync, createPublicKey } from 'node:crypto';
import { Given, Then, When } from '@cucumber/cucumber';
import { calculateJwkThumbprint, type JWK } from 'jose';
import type { ObWorld } from './support/world.ts';
import { SetupError } from './support/setup-error.ts';
import { runtime } from './support/runtime.ts';
import type { HostAnswer, JwksHost } from './support/jwks-host.ts';
import { jwsAlgOf, type JwsKey } from './support/ob-jws.ts';
import { buildRequest, buildSsa, postRegistration, rememberRegistration, requestManagementToken, softwareKey, registrationOf, type Tpp } from './support/ob-dcr-client.ts';

/**
 * Open Banking DCR with the software's JWKS on the harness's software JWKS host
 * (steps/support/jwks-host.ts): the SSA the harness signs names a location there, and the
 * scenario decides what that location answers. Key sets are named per scenario ("keys"); each
 * scenario's answers live under its own random path, so workers and scenarios never share one.
 *
 * World memory: `jwks-host:key:<name>` the private key of a served set.
 */

function host(): JwksHost {
  const h = runtime().jwksHost;
  if (!h) throw new SetupError('the target has no software JWKS host (capability software-jwks-host)');
  return h;
}

/** The host path of one of this scenario's key sets. */
const pathOf = (world: ObWorld, name: string) => `${world.unique('jwks')}/${encodeURIComponent(name)}`;

/** The ways the SSA can name a location (the allow-listed one unless said otherwise). */
const LOCATIONS = ['over plain HTTP', 'with userinfo in the URL', 'by a location the target does not allow-list', 'behind a certificate the target does not trust'] as const;
type Location = (typeof LOCATIONS)[number];

function locationOf(world: ObWorld, name: string, how?: Location): string {
  const h = host();
  const path = pathOf(world, name);
  switch (how) {
    case undefined:
      return `${h.url}/${path}`;
    case 'over plain HTTP':
      return `${h.httpUrl}/${path}`;
    case 'by a location the target does not allow-list':
      return `${h.offListUrl}/${path}`;
    case 'behind a certificate the target does not trust':
      // Allow-listed like `url` (the target file says so), but its certificate is self-signed.
      return `${h.untrustedUrl}/${path}`;
    case 'with userinfo in the URL':
      // RFC 3986 §3.2.1: userinfo before the allow-listed host (deprecated in URIs, and a classic
      // way to make a prefix check pass while the fetch goes elsewhere).
      return `${h.url.replace(/^https:\/\//, 'https://obc-user:obc-secret@')}/${path}`;
  }
}

/** A fresh PS256 (or ES256) key with its public JWK as a directory keystore publishes it (kid = RFC 7638 thumbprint). */
async function newSoftwareKey(ec: boolean): Promise<{ key: JwsKey; jwk: JWK }> {
  const { privateKey } = ec ? generateKeyPairSync('ec', { namedCurve: 'P-256' }) : generateKeyPairSync('rsa', { modulusLength: 2048 });
  const publicJwk = createPublicKey(privateKey).export({ format: 'jwk' }) as JWK;
  const kid = await calculateJwkThumbprint(publicJwk);
  const key = { privateKey, kid, publicJwk };
  return { key, jwk: publicJwkOf(key) };
}

function keyOf(world: ObWorld, name: string): JwsKey {
  return world.recall<JwsKey>(`jwks-host:key:${name}`);
}

function publicJwkOf(key: JwsKey): JWK {
  return { ...key.publicJwk, kid: key.kid, use: 'sig', alg: jwsAlgOf(key) };
}

Given(/^the software JWKS host serves a new (EC )?key set "([^"]+)"$/, async function (this: ObWorld, ec: string | undefined, name: string) {
  const { key, jwk } = await newSoftwareKey(Boolean(ec));
  this.remember(`jwks-host:key:${name}`, key);
  host().serve(pathOf(this, name), { kind: 'jwks', keys: [jwk] });
});

/** Key rotation (JWT-22): the set keeps its key and publishes one more, under its own kid. */
Given('the software JWKS host adds a new key {string} to the key set {string}', async function (this: ObWorld, added: string, name: string) {
  const { key, jwk } = await newSoftwareKey(jwsAlgOf(keyOf(this, name)) === 'ES256');
  this.remember(`jwks-host:key:${added}`, key);
  host().serve(pathOf(this, name), { kind: 'jwks', keys: [publicJwkOf(keyOf(this, name)), jwk] });
});

/** A compromised or retired key removed (JWT-23): the set at that location holds only a new key. */
Given('the software JWKS host replaces the key set {string} with a new key {string}', async function (this: ObWorld, name: string, added: string) {
  const removed = keyOf(this, name);
  const { key, jwk } = await newSoftwareKey(jwsAlgOf(removed) === 'ES256');
  this.remember(`jwks-host:key:${added}`, key);
  host().serve(pathOf(this, name), { kind: 'jwks', keys: [jwk] });
  // The clients of that software sign with the new key from now on (their clean-up included).
  for (const [k, v] of this.remembered) if (k.startsWith('obdcr:') && (v as { key?: JwsKey }).key === removed) (v as { key?: JwsKey }).key = key;
});

/** Answers that are no usable key set; `<name>` in them is another set of this scenario. */
Given(/^the software JWKS host answers (.+) at "([^"]+)"$/, function (this: ObWorld, what: string, name: string) {
  const other = (n: string) => keyOf(this, n);
  let answer: HostAnswer | undefined;
  let m: RegExpExecArray | null;
  if (what === '404 Not Found') answer = { kind: 'status', status: 404 };
  else if (what === 'a body that is not JSON') answer = { kind: 'body', body: 'keys: none, this is not JSON', contentType: 'application/json' };
  else if ((m = /^JSON without "keys", holding the key of "([^"]+)"$/.exec(what))) answer = { kind: 'body', body: JSON.stringify({ key: [publicJwkOf(other(m[1]!))] }), contentType: 'application/json' };
  // RFC 9110 §15.6: the content of a 5xx describes the error, not the resource; a key set in it is none.
  else if ((m = /^503 Service Unavailable with the key set of "([^"]+)"$/.exec(what))) answer = { kind: 'body', status: 503, body: JSON.stringify({ keys: [publicJwkOf(other(m[1]!))] }), contentType: 'application/json' };
  else if ((m = /^a redirect to "([^"]+)"$/.exec(what))) answer = { kind: 'redirect', location: locationOf(this, m[1]!) };
  else if ((m = /^the key of "([^"]+)" padded to (\d+) MiB$/.exec(what))) answer = { kind: 'padded-jwks', keys: [publicJwkOf(other(m[1]!))], bytes: Number(m[2]) * 1024 * 1024 };
  assert.ok(answer, `unknown answer "${what}"`);
  host().serve(pathOf(this, name), answer);
});

const REGISTER = new RegExp(
  `^(tpp[12]) (registers|has registered) the client "([^"]+)" signed with (?:the key of "([^"]+)"|its directory key), whose software statement names "([^"]+)"(?: (${LOCATIONS.join('|')}))?$`,
);

/** "its directory key": the software's own key, published in the directory, not at the location the SSA names. */
When(REGISTER, async function (this: ObWorld, tpp: Tpp, verb: string, name: string, keyName: string | null | undefined, location: string, how: Location | null | undefined) {
  const key = keyName ? keyOf(this, keyName) : softwareKey(this, tpp);
  const ssa = buildSsa(this, tpp, { jwksUri: locationOf(this, location, how ?? undefined) });
  // A client whose key is EC signs its assertions ES256, and registers so (FAPI1-Adv §8.6).
  const claims = jwsAlgOf(key) === 'ES256' ? { token_endpoint_auth_signing_alg: 'ES256' } : {};
  const res = await postRegistration(this, tpp, await buildRequest(this, tpp, { ssa, key, claims }));
  rememberRegistration(this, name, tpp, res, key);
  if (verb === 'has registered') assert.equal(res.status, 201, `registration of ${name} failed: ${res.text.slice(0, 300)}`);
});

When('the client {string} requests a management token signed with its TPP\'s directory key', async function (this: ObWorld, name: string) {
  const reg = registrationOf(this, name);
  await requestManagementToken(this, name, { key: softwareKey(this, reg.tpp) });
});

When('the client {string} requests a management token signed with the key of {string}', async function (this: ObWorld, name: string, keyName: string) {
  await requestManagementToken(this, name, { key: keyOf(this, keyName) });
});

Then('the software JWKS host was not asked for {string}', function (this: ObWorld, name: string) {
  const hits = host().hits(pathOf(this, name));
  assert.equal(hits, 0, `the target fetched the key set "${name}" ${hits} time(s)`);
});

/** JWT-22: JWTs naming kids the set lacks may send the target back to it, a bounded number of times. */
Then('the software JWKS host was asked for {string} at most {int} times', function (this: ObWorld, name: string, most: number) {
  const hits = host().hits(pathOf(this, name));
  assert.ok(hits <= most, `the target fetched the key set "${name}" ${hits} times`);
});

/** JWT-23: as long as the target declares it keeps a fetched key set (clock-controlled targets only). */
When('the target\'s cached copies of key sets expire', function (this: ObWorld) {
  const seconds = this.target.file.keySetCacheSeconds;
  if (seconds === undefined || !this.target.has('clock-control')) {
    this.attach(`Skipped: target "${this.target.file.name}" ${seconds === undefined ? 'declares no keySetCacheSeconds' : 'offers no clock control'}`, 'text/plain');
    return 'skipped';
  }
  this.clock.advance(seconds + 1);
  return undefined;
});

Then('the software JWKS host was asked for {string}', function (this: ObWorld, name: string) {
  assert.ok(host().hits(pathOf(this, name)) > 0, `the target never fetched the key set "${name}"`);
});
