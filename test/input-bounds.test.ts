import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { buildAssertion } from '../steps/support/client-assertion.ts';
import { nestingDepth, parseBoundedJson, UnsafeJsonError, MAX_JSON_DEPTH } from '../mock-server/http/bounded-json.ts';
import { decodeCompactJws, MalformedJwsError } from '../mock-server/security/compact-jws.ts';
import { ASSERTION_TYPE, TOKEN, harness, pkjwtMetadata } from './token-helpers.ts';

/** Issue 16 point 3: deep JOSE structures are refused before use, at every endpoint that reads them. */

const b64 = (text: string) => Buffer.from(text).toString('base64url');
const deepArray = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;

describe('bounded JSON (one bound for every structure the sandbox parses)', () => {
  test('depth is measured outside strings, and beyond the bound nothing is parsed', () => {
    assert.equal(nestingDepth('{"a":[1,{"b":"[[[[{{{"}]}'), 3);
    assert.equal(nestingDepth('"\\"[["'), 0);
    assert.deepEqual(parseBoundedJson(deepArray(MAX_JSON_DEPTH)), JSON.parse(deepArray(MAX_JSON_DEPTH)));
    assert.throws(() => parseBoundedJson(deepArray(MAX_JSON_DEPTH + 1)), UnsafeJsonError);
    assert.throws(() => parseBoundedJson(deepArray(100_000)), UnsafeJsonError);
    assert.throws(() => parseBoundedJson('{"a":'), UnsafeJsonError);
  });

  test('a compact JWS with a deep header or payload is malformed, not a RangeError', () => {
    assert.throws(() => decodeCompactJws(`${b64(`{"alg":"PS256","crit":${deepArray(5000)}}`)}.${b64('{}')}.AA`), MalformedJwsError);
    assert.throws(() => decodeCompactJws(`${b64('{"alg":"PS256"}')}.${b64(`{"aud":${deepArray(5000)}}`)}.AA`), MalformedJwsError);
    assert.throws(() => decodeCompactJws('a.b'), MalformedJwsError);
  });
});

describe('deeply nested client assertions (issue 16 point 3)', () => {
  for (const member of ['crit', 'typ']) {
    test(`a header whose ${member} nests 5,000 deep is invalid_client at token, introspection and revocation`, async () => {
      const h = await harness();
      try {
        const client = await h.register(await pkjwtMetadata());
        const header = `{"alg":"PS256","${member}":${deepArray(5000)}}`;
        const jwt = `${b64(header)}.${b64(JSON.stringify({ iss: client.client_id, sub: client.client_id }))}.AAAA`;
        for (const path of ['/oauth2/token', '/oauth2/introspect', '/oauth2/revoke']) {
          const res = await h.post(path, {
            grant_type: 'client_credentials', token: 'x', client_id: client.client_id,
            client_assertion_type: ASSERTION_TYPE, client_assertion: jwt,
          }, { cert: 'tpp1' });
          assert.equal(res.status, 401, path);
          assert.deepEqual(await res.json(), { error: 'invalid_client', error_description: 'Client Authentication failed.' });
        }
        assert.ok(h.logs.every((l) => !l.includes('RangeError') && !l.includes('unexpected error')), h.logs.join('\n'));
      } finally {
        h.close();
      }
    });
  }

  test('a well-signed assertion whose aud nests 5,000 deep is invalid_client, after the signature check', async () => {
    const h = await harness();
    try {
      const client = await h.register(await pkjwtMetadata());
      const aud = JSON.parse(deepArray(40)) as unknown;
      const jwt = await buildAssertion({ clientId: client.client_id, audience: TOKEN, claims: { aud } });
      const res = await h.post('/oauth2/token', {
        grant_type: 'client_credentials', client_id: client.client_id, client_assertion_type: ASSERTION_TYPE, client_assertion: jwt,
      }, { cert: 'tpp1' });
      assert.equal(res.status, 401);
      assert.ok(h.logs.every((l) => !l.includes('unexpected error')), h.logs.join('\n'));
    } finally {
      h.close();
    }
  });
});
