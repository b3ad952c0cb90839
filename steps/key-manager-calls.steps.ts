import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { After, Given, Then } from '@cucumber/cucumber';
import type { ObWorld } from './support/world.ts';
import { runtime } from './support/runtime.ts';
import { IS_DCR_REGISTER, KMOPS_REGISTER, RecordingKeyManager, TOKEN_PATH, type RecordedCall } from './support/recording-km.ts';
import { addKeyManager } from './apim.steps.ts';
import { fill as fillPortal } from './devportal.steps.ts';

/**
 * What API Manager sends to a key manager (rules WSO2-KMC-*): the admin registers a key manager
 * whose endpoints are the harness's recording key manager (support/recording-km.ts), the TPP
 * works in the portal as usual, and each call the key manager received is compared with what the
 * connector's source sends (apim-surface §5.1, §5.2, §5.7).
 */

type Json = Record<string, unknown>;

interface Recording {
  recorder: RecordingKeyManager;
  prefix: string;
  username: string;
  password: string;
  /** Calls already compared. */
  seen: number;
}

const recording = (world: ObWorld, name: string) => world.recall<Recording>(`kmrec:${name}`);

/** Register a key manager whose endpoints are the recording key manager at `hostUrl` (the host's trusted or untrusted listener). */
async function addRecordingKeyManager(world: ObWorld, name: string, type: string, listener: 'url' | 'untrustedUrl'): Promise<void> {
  const host = runtime().jwksHost;
  assert.ok(host, 'the harness host is not running (capability harness-key-manager)');
  const prefix = `obc-km-${randomUUID()}`;
  const recorder = new RecordingKeyManager();
  host.route(prefix, recorder.handle);
  const rec: Recording = { recorder, prefix, username: 'obc-km-admin', password: randomBytes(9).toString('base64url'), seen: 0 };
  world.remember(`kmrec:${name}`, rec);
  const base = `${host[listener]}/${prefix}`;
  const is7 = type === 'WSO2-IS-7';
  await addKeyManager(world, name, {
    name: world.unique(name), displayName: name, type, description: 'obc recording key manager',
    issuer: `${base}/oauth2/token`,
    clientRegistrationEndpoint: `${base}${is7 ? IS_DCR_REGISTER : KMOPS_REGISTER}`,
    introspectionEndpoint: `${base}/oauth2/introspect`, tokenEndpoint: `${base}${TOKEN_PATH}`, revokeEndpoint: `${base}/oauth2/revoke`,
    userInfoEndpoint: `${base}/scim2/Me`, authorizeEndpoint: `${base}/oauth2/authorize`, scopeManagementEndpoint: `${base}/api/identity/oauth2/v1.0/scopes`,
    availableGrantTypes: ['client_credentials', 'authorization_code', 'refresh_token'],
    certificates: { type: 'JWKS', value: `${base}/oauth2/jwks` },
    additionalProperties: {
      Username: rec.username, Password: rec.password,
      ...(is7 ? { api_resource_management_endpoint: `${base}/api/server/v1/api-resources`, is7_roles_endpoint: `${base}/scim2/v2/Roles`, enable_roles_creation: false } : {}),
    },
    enableTokenGeneration: true, enableMapOAuthConsumerApps: true, enableOAuthAppCreation: true, enableSelfValidationJWT: true,
    tokenValidation: [], claimMapping: [], consumerKeyClaim: '', scopesClaim: '', enabled: true, tokenType: 'DIRECT', alias: '',
  });
  assert.equal(world.lastResponse.status, 201, `adding the key manager failed: ${world.lastResponse.text.slice(0, 300)}`);
}

Given('the admin has added the recording key manager {string} of type {string}', async function (this: ObWorld, name: string, type: string) {
  await addRecordingKeyManager(this, name, type, 'url');
});

/** The same key manager on the host's listener whose self-signed certificate no target trusts. */
Given('the admin has added the recording key manager {string} of type {string} behind a certificate the target does not trust', async function (this: ObWorld, name: string, type: string) {
  await addRecordingKeyManager(this, name, type, 'untrustedUrl');
});

After(function (this: ObWorld) {
  for (const [k, v] of this.remembered) if (k.startsWith('kmrec:')) runtime().jwksHost?.route((v as Recording).prefix, undefined);
});

Given('the recording key manager {string} answers registrations with {int}', function (this: ObWorld, name: string, status: number) {
  recording(this, name).recorder.registrationStatus = status;
});

Given('the recording key manager {string} answers the next {word} with {int} and:', function (this: ObWorld, name: string, method: string, status: number, doc: string) {
  recording(this, name).recorder.failNext(method, { status, headers: { 'content-type': 'application/json' }, body: fill(this, name, doc) });
});

/** The placeholders of the portal steps' doc strings (devportal.steps.ts), and those of a recorded call. */
function fill(world: ObWorld, name: string, text: string): string {
  const rec = recording(world, name);
  const consumer = (a: string, t: string) => world.recall<Json>(`key:${a}:${t}`).consumerKey as string;
  const secret = (a: string, t: string) => world.recall<Json>(`key:${a}:${t}`).consumerSecret as string;
  return fillPortal(world, text
    .replaceAll('{{km-basic}}', `Basic ${Buffer.from(`${rec.username}:${rec.password}`).toString('base64')}`)
    .replace(/\{\{key-basic:([^:}]+):([A-Z]+)\}\}/g, (_m, a: string, t: string) => `Basic ${Buffer.from(`${consumer(a, t)}:${secret(a, t)}`).toString('base64')}`)
    // Base64.getUrlEncoder(): the URL-safe alphabet with padding.
    .replace(/\{\{key-consumer-b64url:([^:}]+):([A-Z]+)\}\}/g, (_m, a: string, t: string) => Buffer.from(consumer(a, t)).toString('base64').replaceAll('+', '-').replaceAll('/', '_'))
    .replace(/\{\{key-consumer-uri:([^:}]+):([A-Z]+)\}\}/g, (_m, a: string, t: string) => encodeURIComponent(consumer(a, t))));
}

/**
 * The next call the key manager received, compared member by member with the document:
 * `method`, `path` (with the query), `authorization`, `content-type` (the media type), and the
 * body: `json` (every member, none more), `json-has` (these members, each exactly), `json-lacks`
 * (member names that must be absent), `form`, or `body: null` for none.
 */
Then('the key manager {string} received next:', function (this: ObWorld, name: string, doc: string) {
  const rec = recording(this, name);
  const call: RecordedCall | undefined = rec.recorder.calls[rec.seen];
  const calls = () => rec.recorder.calls.slice(rec.seen).map((c) => `${c.method} ${c.path}`).join('; ');
  assert.ok(call, `the key manager received no further call (${rec.seen} so far)`);
  rec.seen += 1;
  const want = JSON.parse(fill(this, name, doc)) as Json;
  assert.equal(`${call.method} ${call.path}`, `${want.method as string} ${want.path as string}`, `the call (then: ${calls()})`);
  if ('authorization' in want) assert.equal(call.authorization, want.authorization, 'authorization');
  if ('content-type' in want) assert.equal(call.contentType?.split(';')[0]?.trim(), want['content-type'], 'content-type');
  if ('json' in want) assert.deepEqual(call.json, want.json, `the JSON body: ${call.text}`);
  if ('json-has' in want) {
    const got = (call.json ?? {}) as Json;
    for (const [k, v] of Object.entries(want['json-has'] as Json)) assert.deepEqual(got[k], v, `body member ${k}: ${call.text}`);
  }
  if ('json-lacks' in want) {
    const got = (call.json ?? {}) as Json;
    for (const k of want['json-lacks'] as string[]) assert.ok(!(k in got), `body member ${k} was sent: ${call.text}`);
  }
  if ('form' in want) assert.deepEqual(call.form, want.form, `the form: ${call.text}`);
  if ('body' in want) assert.equal(call.text, want.body ?? '', 'the body');
});

Then('the key manager {string} received nothing else', function (this: ObWorld, name: string) {
  const rec = recording(this, name);
  const more = rec.recorder.calls.slice(rec.seen).map((c) => `${c.method} ${c.path}`);
  assert.deepEqual(more, [], 'further calls at the key manager');
});
