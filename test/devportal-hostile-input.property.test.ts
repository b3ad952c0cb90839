import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { RunningSandbox } from '../mock-server/listeners.ts';
import { ADMIN, basic, call, runningSandbox } from './devportal-helpers.ts';
import { Agent, request } from 'undici';
import { readFileSync } from 'node:fs';
import { loadTestPki } from '../pki/test-pki.ts';

/**
 * Hostile input on every portal route (issue 16's rule for the new surface): whatever the body,
 * content type and credentials, the answer is a well-formed JSON error or success with no stack
 * trace, a 500 only where the product answers one, and a refused request creates no application.
 */

const DEV = '/api/am/devportal/v3';
let s: RunningSandbox;
let appId: string;
const tpp = basic('hostile-tpp', 'hostile-pw');
const agent = new Agent({ connect: { ca: readFileSync(loadTestPki().ca.cert, 'utf8') } });

before(async () => {
  s = await runningSandbox({ profile: 'generic' });
  assert.equal((await call('POST', `${s.urls.apim}/api/identity/user/v1.0/me`, { auth: ADMIN, json: { user: { username: 'hostile-tpp', password: 'hostile-pw' } } })).status, 201);
  appId = (await call('POST', `${s.urls.apim}${DEV}/applications`, { auth: tpp, json: { name: 'Hostile', throttlingPolicy: 'Unlimited' } })).json.applicationId as string;
});
after(async () => {
  await agent.close();
  await s.close();
});

const routes = () => [
  ['POST', `${DEV}/applications`], ['PUT', `${DEV}/applications/${appId}`], ['POST', `${DEV}/applications/${appId}/generate-keys`],
  ['POST', `${DEV}/applications/${appId}/map-keys`], ['POST', `${DEV}/subscriptions`], ['POST', `${DEV}/subscriptions/multiple`],
  ['POST', `${DEV}/applications/${appId}/oauth-keys/x/generate-token`], ['PUT', `${DEV}/applications/${appId}/oauth-keys/x`],
  ['POST', '/api/identity/user/v1.0/me'], ['POST', '/store/site/blocks/user/login/ajax/login.jag'],
  ['POST', '/store/site/blocks/subscription/subscription-add/ajax/subscription-add.jag'],
] as const;

const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
const member = fc.constantFrom('name', 'throttlingPolicy', 'keyType', 'grantTypesToBeSupported', 'keyManager', 'callbackUrl', 'additionalProperties',
  'consumerKey', 'consumerSecret', 'applicationId', 'apiId', 'attributes', 'user', 'validityPeriod', 'scopes');
const value = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.integer({ min: 40, max: 3000 }).map((n) => JSON.parse(deep(Math.min(n, 30))) as unknown),
  fc.constantFrom('PRODUCTION', 'SANDBOX', 'Unlimited', 'authorization_code', 'Resident Key Manager', '', '\u0000', 'N/A', '-1'));
const body = fc.oneof(
  fc.dictionary(member, value, { maxKeys: 6 }).map((o) => JSON.stringify(o)),
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  fc.integer({ min: 33, max: 20_000 }).map(deep),
  fc.string({ maxLength: 80 }),
  fc.constant('action=mapExistingOauthClient&jsonParams=' + encodeURIComponent(deep(5000))),
);
const contentType = fc.constantFrom('application/json', 'application/x-www-form-urlencoded', 'text/plain', '');
const auth = fc.constantFrom<string | undefined>(tpp, ADMIN, undefined, 'Basic !!!', 'Bearer nope');

test('every portal route answers hostile input with a well-formed answer and creates nothing when refused', { timeout: 300_000 }, async () => {
  const countApps = async () => (await call('GET', `${s.urls.apim}${DEV}/applications?limit=1000`, { auth: tpp })).json.count as number;
  await fc.assert(fc.asyncProperty(fc.nat(), body, contentType, auth, async (i, text, type, authorization) => {
    const [method, path] = routes()[i % routes().length]!;
    const before = await countApps();
    const headers: Record<string, string> = {};
    if (type) headers['content-type'] = type;
    if (authorization) headers.authorization = authorization;
    const res = await request(`${s.urls.apim}${path}`, { method, headers, body: text, dispatcher: agent });
    const out = await res.body.text();
    assert.ok([200, 201, 204, 400, 401, 403, 404, 409, 413, 415, 500].includes(res.statusCode), `${method} ${path} answered ${res.statusCode}`);
    assert.ok(!/\n\s+at /.test(out), `a stack trace: ${out.slice(0, 200)}`);
    if (out !== '') JSON.parse(out);
    if (res.statusCode === 500) {
      const code = (JSON.parse(out) as { code?: unknown }).code;
      assert.ok([900967, 900953, 500].includes(code as number), `an unexpected 500: ${out.slice(0, 200)}`);
    }
    if (res.statusCode >= 400) assert.equal(await countApps(), before, `${method} ${path} ${res.statusCode} created an application`);
  }), { numRuns: 150 });
});
