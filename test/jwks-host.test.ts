/**
 * The software JWKS host (steps/support/jwks-host.ts): what each answer looks like on the wire,
 * per-path state and hit counts, and locations that stay apart from the allow-listed one.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { Agent, request } from 'undici';
import { ensureTestPki } from '../pki/test-pki.ts';
import { startJwksHost, type JwksHost } from '../steps/support/jwks-host.ts';

describe('software JWKS host', () => {
  let host: JwksHost;
  let agent: Agent;
  before(async () => {
    const pki = await ensureTestPki();
    host = await startJwksHost({}, { cert: readFileSync(pki.server.cert, 'utf8'), key: readFileSync(pki.server.key, 'utf8') }, {});
    agent = new Agent({ connect: { ca: readFileSync(pki.ca.cert, 'utf8') } });
  });
  after(async () => {
    await agent.close();
    await host.close();
  });
  const get = (url: string) => request(url, { dispatcher: agent, maxRedirections: 0 } as Parameters<typeof request>[1]);

  test('three locations, none under the allow-listed one', () => {
    assert.match(host.url, /^https:\/\/127\.0\.0\.1:\d+$/);
    assert.match(host.offListUrl, /^https:\/\/127\.0\.0\.1:\d+$/);
    assert.match(host.httpUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.ok(!`${host.offListUrl}/`.startsWith(`${host.url}/`));
  });

  test('a key set on every listener, counted per path; unknown paths 404', async () => {
    host.serve('s1/keys', { kind: 'jwks', keys: [{ kty: 'oct', kid: 'k' }] });
    for (const base of [host.url, host.offListUrl, host.httpUrl]) {
      const res = await get(`${base}/s1/keys`);
      assert.equal(res.statusCode, 200);
      assert.deepEqual(await res.body.json(), { keys: [{ kty: 'oct', kid: 'k' }] });
    }
    assert.equal(host.hits('s1/keys'), 3);
    assert.equal(host.hits('s2/keys'), 0);
    const missing = await get(`${host.url}/s2/keys`);
    assert.equal(missing.statusCode, 404);
    await missing.body.text();
  });

  test('a redirect, a padded set and a body that is not JSON', async () => {
    host.serve('s3/moved', { kind: 'redirect', location: `${host.url}/s3/keys` });
    const moved = await get(`${host.url}/s3/moved`);
    assert.equal(moved.statusCode, 302);
    assert.equal(moved.headers.location, `${host.url}/s3/keys`);
    await moved.body.text();
    host.serve('s3/huge', { kind: 'padded-jwks', keys: [{ kty: 'oct' }], bytes: 200_000 });
    const huge = await (await get(`${host.url}/s3/huge`)).body.text();
    assert.ok(huge.length > 200_000);
    assert.deepEqual((JSON.parse(huge) as { keys: unknown }).keys, [{ kty: 'oct' }]);
    host.serve('s3/text', { kind: 'body', body: 'not json', contentType: 'application/json' });
    assert.equal(await (await get(`${host.url}/s3/text`)).body.text(), 'not json');
  });
});
