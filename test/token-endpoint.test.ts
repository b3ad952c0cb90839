import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { decodeJwt } from 'jose';
import { ASSERTION_TYPE, harness, pkjwtMetadata, type Harness } from './token-helpers.ts';

async function clientCredentials(h: Harness, clientId: string, extra: Record<string, string> = {}) {
  return h.post('/oauth2/token', {
    grant_type: 'client_credentials', client_id: clientId, client_assertion_type: ASSERTION_TYPE,
    client_assertion: await h.assertion(clientId), ...extra,
  }, { cert: 'tpp1' });
}

const admin = { authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}` };

describe('token endpoint (RFC 6749 §3.2, §5)', () => {
  test('CNF-05: under FAPI a missing certificate and an untrusted one are refused, each saying which', async () => {
    const h = await harness();
    try {
      const client = await h.register(await pkjwtMetadata());
      const form = async () => ({
        grant_type: 'client_credentials', client_id: client.client_id, client_assertion_type: ASSERTION_TYPE,
        client_assertion: await h.assertion(client.client_id),
      });
      const none = await h.post('/oauth2/token', await form());
      assert.equal(none.status, 400);
      assert.deepEqual(await none.json(), { error: 'invalid_request', error_description: 'A client certificate is required for certificate-bound access tokens' });
      const untrusted = await h.post('/oauth2/token', await form(), {
        headers: { 'x-wso2-mutual-auth-cert': encodeURIComponent(readFileSync(h.pki.untrusted.cert, 'utf8')) },
      });
      assert.equal(untrusted.status, 400);
      assert.deepEqual(await untrusted.json(), {
        error: 'invalid_request',
        error_description: 'The client certificate cannot bind access tokens: certificate is not issued by a trusted certificate authority',
      });
      assert.equal(h.tokenRows(), 0);
    } finally {
      h.close();
    }
  });

  test("the seed's call: scope accounts openid, extra redirect_uri, bound token, no refresh token, no-store", async () => {
    const h = await harness();
    try {
      const client = await h.register(await pkjwtMetadata());
      const res = await clientCredentials(h, client.client_id, { scope: 'accounts openid', redirect_uri: 'https://tpp.example/cb' });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('cache-control'), 'no-store');
      assert.equal(res.headers.get('pragma'), 'no-cache');
      const body = (await res.json()) as Record<string, unknown>;
      assert.equal(body.scope, 'accounts openid');
      assert.equal(body.refresh_token, undefined);
      const thumb = createHash('sha256').update(new X509Certificate(readFileSync(h.pki.tpp1.transportCert)).raw).digest('base64url');
      assert.deepEqual(decodeJwt(body.access_token as string).cnf, { 'x5t#S256': thumb });
    } finally {
      h.close();
    }
  });

  test('GET is 405 with Allow: POST; JSON is 400; missing and unknown grant types', async () => {
    const h = await harness();
    try {
      const get = await h.sandbox.apps.is.request('/oauth2/token');
      assert.equal(get.status, 405);
      assert.equal(get.headers.get('allow'), 'POST');
      const json = await h.sandbox.apps.is.request('/oauth2/token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      assert.equal(json.status, 400);
      assert.equal(((await json.json()) as { error: string }).error, 'invalid_request');
      const none = await h.post('/oauth2/token', { scope: 'x' });
      assert.equal(((await none.json()) as { error: string }).error, 'invalid_request');
      const unknown = await h.post('/oauth2/token', { grant_type: 'password' });
      assert.equal(((await unknown.json()) as { error: string }).error, 'unsupported_grant_type');
      const dup = await h.sandbox.apps.is.request('/oauth2/token', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=a&grant_type=b' });
      assert.equal(dup.status, 400);
    } finally {
      h.close();
    }
  });

  test('uk: no client certificate, no token (CNF-05), and nothing is written', async () => {
    const h = await harness();
    try {
      const client = await h.register(await pkjwtMetadata());
      const res = await h.post('/oauth2/token', { grant_type: 'client_credentials', client_id: client.client_id, client_assertion_type: ASSERTION_TYPE, client_assertion: await h.assertion(client.client_id) });
      assert.equal(res.status, 400);
      assert.equal(h.tokenRows(), 0);
    } finally {
      h.close();
    }
  });

  test('jwt-bearer: tokens for the subject; a bad assertion is invalid_grant', async () => {
    const h = await harness();
    try {
      const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
      const client = await h.register(await pkjwtMetadata('tpp1', { grant_types: [JWT_BEARER, 'refresh_token'] }));
      const withAuth = async (clientId: string, assertion: string) => {
        const res = await h.post('/oauth2/token', {
          grant_type: JWT_BEARER, assertion, client_id: clientId,
          client_assertion_type: ASSERTION_TYPE, client_assertion: await h.assertion(clientId),
        }, { cert: 'tpp1' });
        return res;
      };
      // TOK-23: the client's own assertion for a user is refused; the trusted identity provider's is not.
      const selfIssued = await withAuth(client.client_id, await h.assertion(client.client_id, { subject: 'alice' }));
      assert.equal(selfIssued.status, 400);
      assert.equal(((await selfIssued.json()) as { error: string }).error, 'invalid_grant');
      const ok = await withAuth(client.client_id, await h.grantAssertion('alice'));
      assert.equal(ok.status, 200);
      const body = (await ok.json()) as { access_token: string; refresh_token?: string };
      assert.equal(decodeJwt(body.access_token).sub, 'alice');
      assert.ok(body.refresh_token);
      const bad = await withAuth(client.client_id, await h.assertion(client.client_id, { subject: 'alice', variant: 'signed by the tpp2 key' }));
      assert.equal(bad.status, 400);
      assert.equal(((await bad.json()) as { error: string }).error, 'invalid_grant');
      // OIDC Core §5.3: userinfo and /scim2/Me serve the grant's user, with its sub.
      const withOpenid = await h.post('/oauth2/token', {
        grant_type: JWT_BEARER, scope: 'openid', client_id: client.client_id,
        assertion: await h.grantAssertion('alice@bank.example'),
        client_assertion_type: ASSERTION_TYPE, client_assertion: await h.assertion(client.client_id),
      }, { cert: 'tpp1' });
      const userToken = ((await withOpenid.json()) as { access_token: string }).access_token;
      const userinfo = await h.post('/oauth2/userinfo', {}, { cert: 'tpp1', headers: { authorization: `Bearer ${userToken}` } });
      assert.equal(userinfo.status, 200);
      assert.deepEqual(await userinfo.json(), { sub: 'alice@bank.example' });
      // WSO2-TOK-07: no refresh token for a client not registered for the refresh_token grant.
      const plain = await h.register(await pkjwtMetadata('tpp1', { grant_types: [JWT_BEARER] }));
      const noRefresh = await withAuth(plain.client_id, await h.grantAssertion('alice'));
      assert.equal(noRefresh.status, 200);
      assert.equal(((await noRefresh.json()) as { refresh_token?: string }).refresh_token, undefined);
    } finally {
      h.close();
    }
  });
});

describe('introspection (RFC 7662) and revocation (RFC 7009)', () => {
  test('active, then revoked; another client can neither see nor revoke it', async () => {
    const h = await harness();
    try {
      const a = await h.register(await pkjwtMetadata());
      const b = await h.register(await pkjwtMetadata('tpp2'));
      const token = ((await (await clientCredentials(h, a.client_id, { scope: 'accounts' })).json()) as { access_token: string }).access_token;
      const introspect = async () => (await (await h.post('/oauth2/introspect', { token }, { headers: admin })).json()) as Record<string, unknown>;
      assert.equal((await introspect()).active, true);
      assert.equal((await introspect()).client_id, a.client_id);

      const asB = { client_id: b.client_id, client_assertion_type: ASSERTION_TYPE };
      const seenByB = await h.post('/oauth2/introspect', { ...asB, client_assertion: await h.assertion(b.client_id, { signer: 'tpp2' }), token }, { cert: 'tpp2' });
      assert.deepEqual(await seenByB.json(), { active: false });
      const revokedByB = await h.post('/oauth2/revoke', { ...asB, client_assertion: await h.assertion(b.client_id, { signer: 'tpp2' }), token }, { cert: 'tpp2' });
      // Identity Server's OAuthRevocationEndpoint: 401 unauthorized_client with its Basic challenge.
      assert.equal(revokedByB.status, 401);
      assert.deepEqual(await revokedByB.json(), { error: 'unauthorized_client', error_description: 'Client Authentication failed.' });
      assert.match(revokedByB.headers.get('www-authenticate') ?? '', /^Basic realm=/);
      assert.equal((await introspect()).active, true);

      const asA = { client_id: a.client_id, client_assertion_type: ASSERTION_TYPE };
      const revoked = await h.post('/oauth2/revoke', { ...asA, client_assertion: await h.assertion(a.client_id), token }, { cert: 'tpp1' });
      assert.equal(revoked.status, 200);
      assert.equal(await revoked.text(), '');
      assert.deepEqual(await introspect(), { active: false });
    } finally {
      h.close();
    }
  });

  test('unknown and garbage tokens are inactive; a missing token is invalid_request; no credentials is 401', async () => {
    const h = await harness();
    try {
      for (const token of ['nope', 'a.b.c', 'eyJhbGciOiJub25lIn0.e30.']) {
        const res = await h.post('/oauth2/introspect', { token }, { headers: admin });
        assert.deepEqual(await res.json(), { active: false });
      }
      assert.equal((await h.post('/oauth2/introspect', {}, { headers: admin })).status, 400);
      assert.equal((await h.post('/oauth2/introspect', { token: 'x' })).status, 401);
    } finally {
      h.close();
    }
  });
});

describe('public clients (RFC 6749 §2.1; generic profile)', () => {
  const PUBLIC = { grant_types: ['authorization_code'], token_endpoint_auth_method: 'none', ext_public_client: true, redirect_uris: ['https://tpp.example/callback'] };

  test('over mTLS a public client stays public: it revokes by client_id, its certificate only binds (RFC 8705 §4)', async () => {
    const h = await harness({ profile: 'generic' });
    try {
      const { client_id } = await h.register(PUBLIC);
      // RFC 7009 §2.1: an unknown token is a 200; the request was accepted as the public client's.
      const overMtls = await h.post('/oauth2/revoke', { client_id, token: 'unknown-token' }, { cert: 'tpp1' });
      assert.equal(overMtls.status, 200, await overMtls.text());
      const plain = await h.post('/oauth2/revoke', { client_id, token: 'unknown-token' });
      assert.equal(plain.status, 200);
    } finally {
      h.close();
    }
  });

  test('a public client may not introspect nor use client_credentials, and nothing is issued', async () => {
    const h = await harness({ profile: 'generic' });
    try {
      const { client_id } = await h.register({ ...PUBLIC, grant_types: ['client_credentials'] });
      for (const cert of [undefined, 'tpp1'] as const) {
        const token = await h.post('/oauth2/token', { grant_type: 'client_credentials', client_id }, cert ? { cert } : {});
        assert.equal(token.status, 401);
        assert.equal(((await token.json()) as { error: string }).error, 'invalid_client');
        const introspect = await h.post('/oauth2/introspect', { client_id, token: 'x' }, cert ? { cert } : {});
        assert.equal(introspect.status, 401);
      }
      assert.equal(h.tokenRows(), 0);
    } finally {
      h.close();
    }
  });
});
