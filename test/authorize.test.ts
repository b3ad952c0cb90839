import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate, createHash, createPrivateKey, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { SignJWT, UnsecuredJWT, decodeJwt, decodeProtectedHeader } from 'jose';
import { createSandbox, type Sandbox } from '../mock-server/app.ts';
import type { ConfigOverrides } from '../mock-server/config.ts';
import { ControllableClock } from '../mock-server/clock.ts';
import { ensureTestPki, type TestPki } from '../pki/test-pki.ts';

/**
 * The authorization endpoint, the authorization_code and refresh_token grants and userinfo,
 * through the IS listener's Hono app. The client certificate travels in the trusted proxy header
 * (app.request() has no TLS socket).
 */

const URLS = { is: 'https://localhost:9446', apim: 'https://localhost:9443', gateway: 'https://localhost:8243' };
const ISSUER = 'https://localhost:9446/oauth2/token';
const REDIRECT = 'https://tpp.example/callback';
const CERT_HEADER = 'x-wso2-mutual-auth-cert';
const VERIFIER = 'verifier-verifier-verifier-verifier-verifier-0123456789';
const CHALLENGE = createHash('sha256').update(VERIFIER).digest('base64url');

let pki: TestPki;
let caPem: string;
let certs: Record<'tpp1' | 'tpp2', string>;

before(async () => {
  pki = await ensureTestPki();
  caPem = readFileSync(pki.ca.cert, 'utf8');
  certs = { tpp1: readFileSync(pki.tpp1.transportCert, 'utf8'), tpp2: readFileSync(pki.tpp2.transportCert, 'utf8') };
});

interface Harness {
  s: Sandbox;
  clock: ControllableClock;
  clientId: string;
}

async function open(overrides: ConfigOverrides = {}, metadata: Record<string, unknown> = {}): Promise<Harness> {
  const clock = new ControllableClock();
  const s = await createSandbox({
    overrides: { database: ':memory:', mtls: { trustProxyHeader: true }, ...overrides },
    urls: URLS,
    log: () => {},
    clock,
    trustedCaPems: [caPem],
  });
  const res = await s.apps.is.request('/api/identity/oauth2/dcr/v1.1/register', {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      client_name: `app-${randomUUID().slice(0, 8)}`,
      grant_types: ['authorization_code', 'refresh_token', 'client_credentials'],
      redirect_uris: [REDIRECT],
      token_endpoint_auth_method: 'tls_client_auth',
      tls_client_auth_subject_dn: pki.tpp1.subjectDn,
      jwks: JSON.parse(readFileSync(pki.tpp1.signingJwks, 'utf8')),
      request_object_signing_alg: 'PS256',
      ...metadata,
    }),
  });
  assert.equal(res.status, 201, await res.clone().text());
  const { client_id: clientId } = (await res.json()) as { client_id: string };
  return { s, clock, clientId };
}

async function requestObject(h: Harness, params: Record<string, unknown>, alg: 'PS256' | 'none' = 'PS256'): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const claims = { iss: h.clientId, aud: ISSUER, iat: now, nbf: now, exp: now + 300, jti: randomUUID(), ...params };
  if (alg === 'none') return new UnsecuredJWT(claims).encode();
  const key = createPrivateKey(readFileSync(pki.tpp1.signingKey, 'utf8'));
  return new SignJWT(claims).setProtectedHeader({ alg: 'PS256', kid: pki.tpp1.signingKid }).sign(key);
}

function baseParams(h: Harness): Record<string, string> {
  return {
    response_type: 'code id_token',
    client_id: h.clientId,
    redirect_uri: REDIRECT,
    scope: 'openid accounts',
    state: 'state-123',
    nonce: 'nonce-123',
    code_challenge: CHALLENGE,
    code_challenge_method: 'S256',
  };
}

async function authorize(h: Harness, params: Record<string, string> = {}, ro: Record<string, unknown> = {}): Promise<Response> {
  const all = { ...baseParams(h), ...params };
  const query = new URLSearchParams({ client_id: all.client_id!, response_type: all.response_type!, scope: all.scope!, redirect_uri: all.redirect_uri!, request: await requestObject(h, { ...all, ...ro }) });
  return h.s.apps.is.request(`/oauth2/authorize?${query}`);
}

function fragment(res: Response): URLSearchParams {
  assert.equal(res.status, 302);
  return new URLSearchParams(new URL(res.headers.get('location')!).hash.slice(1));
}

async function token(h: Harness, form: Record<string, string>, cert: 'tpp1' | 'tpp2' | 'none' = 'tpp1'): Promise<Response> {
  return h.s.apps.is.request('/oauth2/token', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cert !== 'none' ? { [CERT_HEADER]: encodeURIComponent(certs[cert]) } : {}) },
    body: new URLSearchParams({ client_id: h.clientId, ...form }).toString(),
  });
}

async function codeFor(h: Harness): Promise<string> {
  const code = fragment(await authorize(h)).get('code');
  assert.ok(code);
  return code;
}

const redeem = (h: Harness, code: string, extra: Record<string, string> = {}) =>
  token(h, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: VERIFIER, ...extra });

async function userinfo(h: Harness, accessToken: string | undefined, cert: 'tpp1' | 'tpp2' | 'none' = 'tpp1'): Promise<Response> {
  const headers: Record<string, string> = {};
  if (accessToken) headers.authorization = `Bearer ${accessToken}`;
  if (cert !== 'none') headers[CERT_HEADER] = encodeURIComponent(certs[cert]);
  return h.s.apps.is.request('/oauth2/userinfo?schema=openid', { headers });
}

function rowCount(h: Harness, table: string): number {
  return (h.s.ctx.store.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
}

describe('authorization endpoint', () => {
  test('a valid hybrid request redirects with code, id_token (c_hash, s_hash, nonce) and state in the fragment', async () => {
    const h = await open();
    const params = fragment(await authorize(h));
    const code = params.get('code')!;
    assert.equal(params.get('state'), 'state-123');
    const idToken = decodeJwt(params.get('id_token')!);
    const half = (v: string) => createHash('sha256').update(v).digest().subarray(0, 16).toString('base64url');
    assert.equal(idToken.iss, ISSUER);
    assert.equal(idToken.aud, h.clientId);
    assert.equal(idToken.sub, 'psu-test-user');
    assert.equal(idToken.nonce, 'nonce-123');
    assert.equal(idToken.c_hash, half(code));
    assert.equal(idToken.s_hash, half('state-123'));
    h.s.close();
  });

  test('an unregistered redirect URI is a 400 JSON page, never a redirect, and stores nothing', async () => {
    const h = await open();
    const res = await authorize(h, { redirect_uri: 'https://attacker.example/cb' });
    assert.equal(res.status, 400);
    assert.equal(res.headers.get('location'), null);
    assert.deepEqual(await res.json(), { error: 'invalid_request', error_description: "Your application's callback URL does not match with the registered redirect URLs." });
    assert.equal(rowCount(h, 'authorization_codes'), 0);
    h.s.close();
  });

  test('an unknown client is a 400 JSON page', async () => {
    const h = await open();
    const res = await h.s.apps.is.request(`/oauth2/authorize?client_id=nobody&redirect_uri=${encodeURIComponent(REDIRECT)}&response_type=code`);
    assert.equal(res.status, 400);
    assert.equal(((await res.json()) as { error: string }).error, 'invalid_request');
    h.s.close();
  });

  test('under FAPI a plain request (no request object) is refused by redirect with the state', async () => {
    const h = await open();
    const q = new URLSearchParams({ ...baseParams(h), response_type: 'code' });
    const res = await h.s.apps.is.request(`/oauth2/authorize?${q}`);
    const location = new URL(res.headers.get('location')!);
    assert.equal(location.searchParams.get('error'), 'invalid_request');
    assert.equal(location.searchParams.get('state'), 'state-123');
    h.s.close();
  });

  for (const [name, ro] of [
    ['aud of another server', { aud: 'https://elsewhere.example/token' }],
    ['iss of another client', { iss: 'someone-else' }],
    ['exp 61 minutes after nbf', { exp: Math.floor(Date.now() / 1000) + 3660 }],
    ['nbf 61 minutes ago', { nbf: Math.floor(Date.now() / 1000) - 3660, exp: Math.floor(Date.now() / 1000) + 60 }],
    ['no nbf', { nbf: undefined }],
  ] as const) {
    test(`a request object with ${name} is invalid_request_object`, async () => {
      const h = await open();
      const params = fragment(await authorize(h, {}, ro));
      assert.equal(params.get('error'), 'invalid_request_object');
      assert.equal(params.get('code'), null);
      h.s.close();
    });
  }

  test('alg none is refused, and accepted only with the fault switch', async () => {
    for (const faults of [[], ['authorize.request-object-unsigned-ok']]) {
      const h = await open({ faults });
      const all = baseParams(h);
      const q = new URLSearchParams({ client_id: h.clientId, response_type: all.response_type!, redirect_uri: REDIRECT, scope: all.scope!, request: await requestObject(h, all, 'none') });
      const params = fragment(await h.s.apps.is.request(`/oauth2/authorize?${q}`));
      assert.equal(params.get('error'), faults.length ? null : 'invalid_request_object');
      h.s.close();
    }
  });

  test('PKCE: missing challenge and plain are refused under FAPI', async () => {
    const h = await open({}, { ext_pkce_support_plain: true });
    assert.equal(fragment(await authorize(h, {}, { code_challenge: undefined, code_challenge_method: undefined })).get('error'), 'invalid_request');
    assert.equal(fragment(await authorize(h, { code_challenge_method: 'plain', code_challenge: VERIFIER })).get('error'), 'invalid_request');
    h.s.close();
  });

  test('PKCE: plain works in the generic profile for a client that enabled it', async () => {
    const h = await open({ profile: 'generic' }, { ext_pkce_support_plain: true });
    const code = fragment(await authorize(h, { code_challenge_method: 'plain', code_challenge: VERIFIER })).get('code')!;
    assert.equal((await redeem(h, code)).status, 200);
    h.s.close();
  });

  test('RFC 6749 §3.1: parameters without a value are treated as omitted (generic, no request object)', async () => {
    const h = await open({ profile: 'generic' });
    const query = new URLSearchParams({ ...baseParams(h), response_type: 'code', request_uri: '', request: '', state: '' });
    const res = await h.s.apps.is.request(`/oauth2/authorize?${query}`);
    assert.equal(res.status, 302);
    const location = new URL(res.headers.get('location')!);
    assert.ok(location.searchParams.get('code'), `a code, not an error: ${location}`);
    assert.equal(location.searchParams.has('state'), false, 'an empty state is no state');
    // An empty code_challenge_method with a challenge is the default method, not an error.
    const plainDefault = await h.s.apps.is.request(`/oauth2/authorize?${new URLSearchParams({ ...baseParams(h), response_type: 'code', code_challenge_method: '', code_challenge: '' })}`);
    assert.ok(new URL(plainDefault.headers.get('location')!).searchParams.get('code'), 'no challenge at all is fine for this client');
    h.s.close();
  });

  test('OIDC Registration §2: the ID token alg is the registered one; generic defaults to RS256, FAPI to PS256', async () => {
    const algOf = async (h: Harness) => decodeProtectedHeader(fragment(await authorize(h, {})).get('id_token')!).alg;
    const cases: [ConfigOverrides, Record<string, unknown>, string][] = [
      [{ profile: 'generic' }, {}, 'RS256'],
      [{ profile: 'generic' }, { id_token_signed_response_alg: 'RS256' }, 'RS256'],
      [{ profile: 'generic' }, { id_token_signed_response_alg: 'PS256' }, 'PS256'],
      [{}, {}, 'PS256'],
      [{}, { id_token_signed_response_alg: 'ES256' }, 'ES256'],
    ];
    for (const [overrides, metadata, alg] of cases) {
      const h = await open(overrides, metadata);
      try {
        assert.equal(await algOf(h), alg, `${JSON.stringify(overrides)} ${JSON.stringify(metadata)}`);
      } finally {
        h.s.close();
      }
    }
  });

  test('under FAPI only the request object counts: its nonce, state and PKCE, not the query\'s', async () => {
    const h = await open();
    const all = baseParams(h);
    const { nonce: _n, state: _s, ...inside } = all;
    const query = new URLSearchParams({ client_id: all.client_id!, response_type: all.response_type!, scope: all.scope!, redirect_uri: all.redirect_uri!, nonce: 'query-nonce', state: 'query-state', request: await requestObject(h, { ...inside, nonce: 'ro-nonce' }) });
    const params = fragment(await h.s.apps.is.request(`/oauth2/authorize?${query}`));
    assert.ok(params.get('code'));
    assert.equal(params.get('state'), null, 'the query\'s state is not used');
    assert.equal(decodeJwt(params.get('id_token')!).nonce, 'ro-nonce');
    h.s.close();
  });

  test('POST with a form body and a repeated parameter is a 400 page', async () => {
    const h = await open();
    const res = await h.s.apps.is.request('/oauth2/authorize', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `client_id=${h.clientId}&client_id=${h.clientId}`,
    });
    assert.equal(res.status, 400);
    h.s.close();
  });
});

describe('authorization_code grant', () => {
  test('the code is exchanged once for bound tokens and an ID token; reuse revokes them', async () => {
    const h = await open();
    const code = await codeFor(h);
    const first = await redeem(h, code);
    assert.equal(first.status, 200);
    const body = (await first.json()) as Record<string, string>;
    assert.ok(body.refresh_token && body.id_token);
    assert.equal(decodeJwt(body.id_token!).nonce, 'nonce-123');
    const thumbprint = createHash('sha256').update(new X509Certificate(certs.tpp1).raw).digest('base64url');
    assert.deepEqual(decodeJwt(body.access_token!).cnf, { 'x5t#S256': thumbprint });
    assert.equal((await userinfo(h, body.access_token)).status, 200);

    const second = await redeem(h, code);
    assert.equal(second.status, 400);
    assert.equal(((await second.json()) as { error: string }).error, 'invalid_grant');
    assert.equal((await userinfo(h, body.access_token)).status, 401);
    h.s.close();
  });

  test('wrong verifier, wrong redirect_uri and expired codes are invalid_grant and write nothing', async () => {
    const h = await open();
    const code = await codeFor(h);
    const before = rowCount(h, 'tokens');
    const cases: Record<string, string>[] = [{ code_verifier: 'x'.repeat(43) }, { code_verifier: 'short' }, { code_verifier: CHALLENGE }, { redirect_uri: `${REDIRECT}/` }];
    for (const extra of cases) {
      const res = await redeem(h, code, extra);
      assert.equal(res.status, 400, JSON.stringify(extra));
      assert.equal(((await res.json()) as { error: string }).error, 'invalid_grant');
    }
    assert.equal(rowCount(h, 'tokens'), before);
    h.clock.advance(601);
    assert.equal((await redeem(h, code)).status, 400);
    h.s.close();
  });

  test('a token request without a client certificate issues nothing and leaves the code unused', async () => {
    const h = await open();
    const code = await codeFor(h);
    const res = await redeem(h, code, {});
    assert.equal(res.status, 200);
    const other = await codeFor(h);
    const refused = await token(h, { grant_type: 'authorization_code', code: other, redirect_uri: REDIRECT, code_verifier: VERIFIER }, 'none');
    // tls_client_auth without a certificate fails client authentication (RFC 8705 section 2).
    assert.equal(refused.status, 401);
    assert.equal(rowCount(h, 'tokens'), 2);
    assert.equal((await redeem(h, other)).status, 200);
    h.s.close();
  });
});

describe('refresh_token grant', () => {
  async function tokens(h: Harness): Promise<Record<string, string>> {
    const res = await redeem(h, await codeFor(h));
    assert.equal(res.status, 200);
    return (await res.json()) as Record<string, string>;
  }

  test('rotation: a used refresh token is refused and its reuse revokes the family', async () => {
    const h = await open();
    const t = await tokens(h);
    const r1 = await token(h, { grant_type: 'refresh_token', refresh_token: t.refresh_token! });
    assert.equal(r1.status, 200);
    const n = (await r1.json()) as Record<string, string>;
    assert.notEqual(n.refresh_token, t.refresh_token);
    const replay = await token(h, { grant_type: 'refresh_token', refresh_token: t.refresh_token! });
    assert.equal(replay.status, 400);
    assert.equal((await userinfo(h, n.access_token)).status, 401);
    h.s.close();
  });

  test('RFC 8705 §3.2: the bound access token introspects with cnf, the refresh token without', async () => {
    const h = await open();
    const t = await tokens(h);
    const introspect = async (value: string) => {
      const res = await h.s.apps.is.request('/oauth2/introspect', {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token: value }).toString(),
      });
      return (await res.json()) as Record<string, unknown>;
    };
    assert.ok((await introspect(t.access_token!)).cnf, 'the access token is bound');
    const refresh = await introspect(t.refresh_token!);
    assert.equal(refresh.active, true);
    assert.equal(refresh.cnf, undefined, 'a confidential client\'s refresh token is not bound');
    h.s.close();
  });

  test('without rotation the refresh token stays usable', async () => {
    const h = await open({ validators: { refreshTokenRotation: false } });
    const t = await tokens(h);
    for (let i = 0; i < 2; i++) {
      const res = await token(h, { grant_type: 'refresh_token', refresh_token: t.refresh_token! });
      assert.equal(res.status, 200);
      assert.equal(((await res.json()) as Record<string, unknown>).refresh_token, undefined);
    }
    h.s.close();
  });

  test('scope may narrow but never widen', async () => {
    const h = await open();
    const t = await tokens(h);
    const wide = await token(h, { grant_type: 'refresh_token', refresh_token: t.refresh_token!, scope: 'openid accounts payments' });
    assert.equal(wide.status, 400);
    assert.equal(((await wide.json()) as { error: string }).error, 'invalid_scope');
    const narrow = await token(h, { grant_type: 'refresh_token', refresh_token: t.refresh_token!, scope: 'accounts' });
    assert.equal(narrow.status, 200);
    assert.equal(((await narrow.json()) as { scope: string }).scope, 'accounts');
    h.s.close();
  });
});

describe('userinfo and SCIM /Me', () => {
  test('missing token: 401 with a bare Bearer challenge; garbage: invalid_token', async () => {
    const h = await open();
    const none = await userinfo(h, undefined);
    assert.equal(none.status, 401);
    assert.equal(none.headers.get('www-authenticate'), 'Bearer');
    const bad = await userinfo(h, 'garbage');
    assert.equal(bad.status, 401);
    assert.match(bad.headers.get('www-authenticate')!, /^Bearer error="invalid_token"/);
    h.s.close();
  });

  test('RFC 6750 §2.2, §2.3: the token in a form body or the query, as Identity Server reads it; two methods are invalid_request', async () => {
    const h = await open();
    const t = (await (await redeem(h, await codeFor(h))).json()) as Record<string, string>;
    const cert = { [CERT_HEADER]: encodeURIComponent(certs.tpp1) };
    const form = await h.s.apps.is.request('/oauth2/userinfo', {
      method: 'POST', headers: { ...cert, 'content-type': 'application/x-www-form-urlencoded' }, body: `access_token=${t.access_token}`,
    });
    assert.equal(form.status, 200, await form.clone().text());
    const query = await h.s.apps.is.request(`/oauth2/userinfo?access_token=${t.access_token}`, { headers: cert });
    assert.equal(query.status, 200);
    const both = await h.s.apps.is.request(`/oauth2/userinfo?access_token=${t.access_token}`, { headers: { ...cert, authorization: `Bearer ${t.access_token}` } });
    assert.equal(both.status, 400);
    assert.match(both.headers.get('www-authenticate')!, /^Bearer error="invalid_request"/);
    // /scim2/Me reads the header only.
    const scim = await h.s.apps.is.request(`/scim2/Me?access_token=${t.access_token}`, { headers: cert });
    assert.equal(scim.status, 401);
    h.s.close();
  });

  test('a bound token over another or no certificate is invalid_token', async () => {
    const h = await open();
    const t = (await (await redeem(h, await codeFor(h))).json()) as Record<string, string>;
    assert.equal((await userinfo(h, t.access_token, 'tpp2')).status, 401);
    assert.equal((await userinfo(h, t.access_token, 'none')).status, 401);
    const ok = await userinfo(h, t.access_token, 'tpp1');
    assert.deepEqual(await ok.json(), { sub: 'psu-test-user' });
    h.s.close();
  });

  test('a client credentials token is 403 insufficient_scope', async () => {
    const h = await open();
    const cc = await token(h, { grant_type: 'client_credentials', scope: 'openid accounts' });
    assert.equal(cc.status, 200, await cc.clone().text());
    const res = await userinfo(h, ((await cc.json()) as Record<string, string>).access_token);
    assert.equal(res.status, 403);
    assert.match(res.headers.get('www-authenticate')!, /error="insufficient_scope"/);
    h.s.close();
  });

  test('SCIM /Me: the user, or a SCIM error', async () => {
    const h = await open();
    const t = (await (await redeem(h, await codeFor(h))).json()) as Record<string, string>;
    const me = await h.s.apps.is.request('/scim2/Me', { headers: { authorization: `Bearer ${t.access_token}`, [CERT_HEADER]: encodeURIComponent(certs.tpp1) } });
    assert.equal(me.status, 200);
    assert.equal(me.headers.get('content-type'), 'application/scim+json');
    assert.equal(((await me.json()) as { userName: string }).userName, 'psu@sandbox.local');
    const err = await h.s.apps.is.request('/scim2/Me');
    assert.equal(err.status, 401);
    assert.deepEqual(await err.json(), { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], detail: 'Authentication required', status: '401' });
    h.s.close();
  });
});

describe('garbage input', () => {
  test('never a 5xx, and nothing stored', async () => {
    const h = await open();
    const r = encodeURIComponent(REDIRECT);
    const paths = [
      `/oauth2/authorize?client_id=${h.clientId}&redirect_uri=${r}&request=not.a.jwt`,
      `/oauth2/authorize?client_id=${h.clientId}&redirect_uri=${r}&request=%00%01`,
      `/oauth2/authorize?client_id=${h.clientId}&redirect_uri=${r}&request=e30.e30.e30`,
      `/oauth2/authorize?client_id=${h.clientId}&redirect_uri=not%20a%20uri`,
      `/oauth2/authorize?client_id=${h.clientId}&redirect_uri=${r}&request_uri=https://x.example/ro`,
      `/oauth2/authorize?client_id=%FF&redirect_uri=${r}`,
      '/oauth2/authorize',
    ];
    for (const path of paths) {
      const res = await h.s.apps.is.request(path);
      assert.ok(res.status < 500, `${path} answered ${res.status}`);
    }
    for (const authorization of ['Bearer', 'Bearer ' + 'a'.repeat(5000), 'Bearer a.b.c', 'Basic Zm9vOmJhcg==']) {
      const res = await h.s.apps.is.request('/oauth2/userinfo', { headers: { authorization } });
      assert.ok(res.status === 400 || res.status === 401, `${authorization.slice(0, 20)} answered ${res.status}`);
    }
    for (const form of [{ grant_type: 'authorization_code' }, { grant_type: 'authorization_code', code: '\u0000' }, { grant_type: 'refresh_token' }, { grant_type: 'refresh_token', refresh_token: 'x', scope: '\u00e9' }] as Record<string, string>[]) {
      const res = await token(h, form);
      assert.ok(res.status === 400, `${JSON.stringify(form)} answered ${res.status}`);
    }
    assert.equal(rowCount(h, 'authorization_codes'), 0);
    assert.equal(rowCount(h, 'tokens'), 0);
    h.s.close();
  });
});
