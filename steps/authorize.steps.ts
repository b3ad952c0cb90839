import assert from 'node:assert/strict';
import { Given, Then, When, type DataTable } from '@cucumber/cucumber';
import { decodeProtectedHeader } from 'jose';
import type { ObWorld } from './support/world.ts';
import { secretValue } from './support/target.ts';
import { runtime } from './support/runtime.ts';
import {
  ABSENT, REDIRECT_URI, asIdentity, isRedirect, redirectUriOf, authorizationParams, identityOf, leftHalfHash,
  redirectParams, registerAuthorizeClient, requestObject, responseComponent, s256, sendAuthorization, verifyTargetJwt,
  isHybrid, issuerOf, jwksPlaceholdersUnquoted, type ReceivedAuthorization, type RequestObjectSigning, type SentAuthorization, type Tpp,
} from './support/authorize-client.ts';
import { accessTokenClaimsOf } from './support/introspect.ts';
import { sendAtOnce } from './support/at-once.ts';
import { certificateThumbprint, clientAuthentication, clientOf, jwtClaims, postForm, registerClientOrFail, requestToken } from './support/token-client.ts';

/**
 * The authorization code flow as a TPP and a browser drive it: authorization requests (with
 * request objects), the code at the token endpoint, refresh, and the user's claims at userinfo
 * and SCIM /Me. Tokens of a client are remembered as a list (`issued:<client>`), oldest first.
 */

interface TokenSet {
  access_token: string;
  refresh_token?: string;
  id_token?: string;
  scope?: string;
}

function tableOf(table: DataTable | undefined): Record<string, string> {
  return table ? table.rowsHash() : {};
}

function sent(world: ObWorld): SentAuthorization {
  return world.recall<SentAuthorization>('authorization:sent');
}

function issued(world: ObWorld, clientName: string): TokenSet[] {
  return world.remembered.has(`issued:${clientName}`) ? world.recall<TokenSet[]>(`issued:${clientName}`) : [];
}

function latest(world: ObWorld, clientName: string): TokenSet {
  const list = issued(world, clientName);
  const last = list[list.length - 1];
  assert.ok(last, `no tokens were issued to ${clientName} in this scenario`);
  return last;
}

function received(world: ObWorld, clientName: string): ReceivedAuthorization {
  return world.recall<ReceivedAuthorization>(`code:${clientName}`);
}

// ---------------------------------------------------------------- clients

Given('{word} has registered the authorization code client {string}', async function (this: ObWorld, tpp: string, name: string) {
  const res = await registerAuthorizeClient(this, name, tpp as Tpp);
  assert.equal(res.status, 201, `registration of ${name} failed: ${res.text.slice(0, 300)}`);
});

Given('{word} has registered the authorization code client {string} with:', async function (this: ObWorld, tpp: string, name: string, doc: string) {
  const res = await registerAuthorizeClient(this, name, tpp as Tpp, JSON.parse(doc) as Record<string, unknown>);
  assert.equal(res.status, 201, `registration of ${name} failed: ${res.text.slice(0, 300)}`);
});

/**
 * A client for the spec scenarios (AUTHZ-02..): a complete RFC 7591 / OIDC Registration request
 * for the code flow and nothing more. response_types and grant_types agree (OIDC Registration §2:
 * `code id_token` needs authorization_code and implicit); the client's JWKS is there for request
 * objects and private_key_jwt; the token endpoint auth method is the first the target offers
 * (discovery) of private_key_jwt, tls_client_auth (with mtls), client_secret_basic, client_secret_post.
 */
function specClientMetadata(world: ObWorld, tpp: Tpp, flow: 'code' | 'hybrid', extra: Record<string, unknown>): string {
  const has = (c: Parameters<ObWorld['target']['has']>[0]) => world.target.has(c);
  const auth = has('auth-private-key-jwt') ? 'private_key_jwt'
    : has('auth-tls-client-auth') && has('mtls') ? 'tls_client_auth'
    : has('auth-client-secret-basic') ? 'client_secret_basic' : 'client_secret_post';
  const doc: Record<string, unknown> = {
    redirect_uris: [REDIRECT_URI],
    response_types: [flow === 'code' ? 'code' : 'code id_token'],
    grant_types: flow === 'code' ? ['authorization_code'] : ['authorization_code', 'implicit'],
    token_endpoint_auth_method: auth,
    jwks: `{{jwks:${tpp}}}`,
    ...(auth === 'tls_client_auth' ? { tls_client_auth_subject_dn: `{{subject_dn:${tpp}}}` } : {}),
    ...extra,
  };
  return jwksPlaceholdersUnquoted(JSON.stringify(doc));
}

async function registerSpecClient(world: ObWorld, tpp: string, name: string, flow: 'code' | 'hybrid', extra: Record<string, unknown> = {}): Promise<void> {
  world.remember(`identity:${name}`, tpp as Tpp);
  world.remember(`response_type:${name}`, flow === 'code' ? 'code' : 'code id_token');
  await registerClientOrFail(world, name, specClientMetadata(world, tpp as Tpp, flow, extra));
}

Given('{word} has registered the code flow client {string}', async function (this: ObWorld, tpp: string, name: string) {
  await registerSpecClient(this, tpp, name, 'code');
});

Given('{word} has registered the code flow client {string} with:', async function (this: ObWorld, tpp: string, name: string, doc: string) {
  await registerSpecClient(this, tpp, name, 'code', JSON.parse(doc) as Record<string, unknown>);
});

Given('{word} has registered the hybrid flow client {string}', async function (this: ObWorld, tpp: string, name: string) {
  await registerSpecClient(this, tpp, name, 'hybrid');
});

// ---------------------------------------------------------------- authorization requests

/** FAPI1-Adv §5.2.2-10: the request object carries everything; the query repeats the OAuth basics. */
async function authorizeWithRequestObject(
  world: ObWorld,
  clientName: string,
  params: Record<string, string>,
  claims: Record<string, string> = {},
  signing: RequestObjectSigning = 'PS256',
): Promise<void> {
  const s = authorizationParams(world, clientName, params);
  const jwt = await requestObject(world, s, claims, signing);
  const query: Record<string, string> = { request: jwt };
  for (const k of ['client_id', 'response_type', 'scope', 'redirect_uri']) if (s.params[k] !== undefined) query[k] = s.params[k];
  await sendAuthorization(world, s, query);
}

When('the PSU authorizes {string}', async function (this: ObWorld, name: string) {
  await authorizeWithRequestObject(this, name, {});
});

When('the PSU authorizes {string} with:', async function (this: ObWorld, name: string, table: DataTable) {
  await authorizeWithRequestObject(this, name, tableOf(table));
});

When('the PSU authorizes {string} with a request object whose claim {string} is {string}', async function (this: ObWorld, name: string, claim: string, value: string) {
  await authorizeWithRequestObject(this, name, {}, { [claim]: value });
});

When('the PSU authorizes {string} with a request object whose claims are:', async function (this: ObWorld, name: string, table: DataTable) {
  await authorizeWithRequestObject(this, name, {}, Object.fromEntries(table.raw().map(([k, v]) => [k!, v!])));
});

When('the PSU authorizes {string} with the {word} only in the query', async function (this: ObWorld, name: string, param: string) {
  const s = authorizationParams(this, name, {});
  const value = s.params[param];
  assert.ok(value !== undefined, `no ${param} to send`);
  const jwt = await requestObject(this, s, { [param]: ABSENT });
  const query: Record<string, string> = { request: jwt, [param]: value };
  for (const k of ['client_id', 'response_type', 'scope', 'redirect_uri']) query[k] = s.params[k]!;
  await sendAuthorization(this, s, query);
});

When('the PSU authorizes {string} with a request object signed with {string}', async function (this: ObWorld, name: string, signing: string) {
  await authorizeWithRequestObject(this, name, {}, {}, signing as RequestObjectSigning);
});

When('the PSU authorizes {string} without a request object with:', async function (this: ObWorld, name: string, table: DataTable) {
  const s = authorizationParams(this, name, tableOf(table));
  await sendAuthorization(this, s, s.params);
});

/**
 * OIDC Core §6.2, RFC 9101 §5.2: the request object by reference. It is served from the harness's
 * host where the target reaches it (software-jwks-host); a target whose metadata says it takes no
 * request_uri is sent one that nobody serves, since it must not be fetched.
 */
When('the PSU authorizes {string} with its request object by reference', async function (this: ObWorld, name: string) {
  const supported = this.target.discovery.request_uri_parameter_supported !== false;
  const host = runtime().jwksHost;
  if (supported && !(host && this.target.has('software-jwks-host'))) {
    this.attach(`Skipped: target "${this.target.file.name}" takes request_uri (OIDC Discovery §3, default true) and the harness has no host it reaches (software-jwks-host)`, 'text/plain');
    return 'skipped';
  }
  const s = authorizationParams(this, name, {});
  const jwt = await requestObject(this, s);
  const path = `${this.unique('request-object')}/ro.jwt`;
  host?.serve(path, { kind: 'body', body: jwt, contentType: 'application/oauth-authz-req+jwt' });
  const requestUri = host ? `${host.url}/${path}` : `https://tpp.example/${path}`;
  const query = { request_uri: requestUri, client_id: s.params.client_id!, response_type: s.params.response_type!, scope: s.params.scope!, redirect_uri: s.params.redirect_uri! };
  await sendAuthorization(this, s, query);
  return undefined;
});

/** OIDC Discovery §3: request_uri_parameter_supported, true when omitted; OIDC Core §3.1.2.6: request_uri_not_supported. */
Then('the request by reference is answered as the metadata says', async function (this: ObWorld) {
  const s = sent(this);
  const { params } = redirectParams(this.lastResponse, responseComponent(s));
  if (this.target.discovery.request_uri_parameter_supported === false) {
    assert.equal(params.get('error'), 'request_uri_not_supported', `metadata says request_uri_parameter_supported false; Location: ${this.lastResponse.headers.location}`);
    // No state to return: it is inside the request object the server did not read.
    assert.equal(params.get('code'), null, 'an error response carries no code');
  } else {
    assert.equal(params.get('error'), null, `request_uri_parameter_supported is ${String(this.target.discovery.request_uri_parameter_supported ?? 'absent (true)')} but the request by reference was refused: ${this.lastResponse.headers.location}`);
    assert.ok(params.get('code'), `no code: ${this.lastResponse.headers.location}`);
  }
});

/** RFC 6749 §3.1.1: the query's response_type is the request object's, its values in another order. */
When('the PSU authorizes {string} with the response_type {string} in the request object and {string} in the query', async function (this: ObWorld, name: string, inside: string, outside: string) {
  const s = authorizationParams(this, name, { response_type: inside });
  const jwt = await requestObject(this, s);
  const query = { request: jwt, client_id: s.params.client_id!, response_type: outside, scope: s.params.scope!, redirect_uri: s.params.redirect_uri! };
  await sendAuthorization(this, s, query);
});

When('the PSU authorizes {string} with the redirect_uri {string} in the request object and the registered one in the query', async function (this: ObWorld, name: string, uri: string) {
  const s = authorizationParams(this, name, { redirect_uri: uri });
  const jwt = await requestObject(this, s);
  const query = { request: jwt, client_id: s.params.client_id!, response_type: s.params.response_type!, scope: s.params.scope!, redirect_uri: redirectUriOf(this, name) };
  await sendAuthorization(this, s, query);
});

/**
 * The spec scenarios' request (RFC 6749 §4.1.1, OIDC Core §3.1.2.1): the client's registered
 * response type, scope openid, state, nonce and an S256 challenge, as plain query parameters.
 */
function specParams(world: ObWorld, name: string, overrides: Record<string, string>): SentAuthorization {
  const responseType = world.remembered.has(`response_type:${name}`) ? world.recall<string>(`response_type:${name}`) : 'code';
  return authorizationParams(world, name, { response_type: responseType, scope: 'openid', ...overrides });
}

When('the PSU requests an authorization for {string}', async function (this: ObWorld, name: string) {
  const s = specParams(this, name, {});
  await sendAuthorization(this, s, s.params);
});

When('the PSU requests an authorization for {string} with:', async function (this: ObWorld, name: string, table: DataTable) {
  const s = specParams(this, name, tableOf(table));
  await sendAuthorization(this, s, s.params);
});

/** RFC 6749 §3.1: the parameter again, with the same value, after the others; else a valid request. */
When('the PSU requests an authorization for {string} with the parameter {word} sent twice', async function (this: ObWorld, name: string, param: string) {
  const s = specParams(this, name, {});
  const value = s.params[param];
  assert.ok(value !== undefined, `no ${param} to send`);
  await sendAuthorization(this, s, [...Object.entries(s.params), [param, value]]);
});

/**
 * RFC 9101 §5 / OIDC Core §6.1: every parameter in a signed request object, with client_id,
 * response_type, scope and redirect_uri repeated in the query as OAuth 2.0 needs them.
 */
async function specRequestObject(world: ObWorld, name: string, claims: Record<string, string>, signing: RequestObjectSigning): Promise<void> {
  const s = specParams(world, name, {});
  const jwt = await requestObject(world, s, claims, signing);
  const query: Record<string, string> = { request: jwt };
  for (const k of ['client_id', 'response_type', 'scope', 'redirect_uri']) if (s.params[k] !== undefined) query[k] = s.params[k];
  await sendAuthorization(world, s, query);
}

When('the PSU requests an authorization for {string} with a request object', async function (this: ObWorld, name: string) {
  await specRequestObject(this, name, {}, 'PS256');
});

When('the PSU requests an authorization for {string} with a request object signed with {string}', async function (this: ObWorld, name: string, signing: string) {
  await specRequestObject(this, name, {}, signing as RequestObjectSigning);
});

When('the PSU requests an authorization for {string} with a request object whose claim {string} is {string}', async function (this: ObWorld, name: string, claim: string, value: string) {
  await specRequestObject(this, name, { [claim]: value }, 'PS256');
});

/**
 * JWT-14: a `request` that is no JWS: not three base64url parts of JSON, or a header without `alg`
 * (RFC 7515 §4.1.1: alg is REQUIRED), over the claims a good request object would carry.
 */
const MALFORMED_REQUESTS: Record<string, (claims: Record<string, string>) => string> = {
  'three parts that are not base64url JSON': () => 'not.a.jwt',
  'a header without alg': (claims) => [{ typ: 'oauth-authz-req+jwt' }, claims].map((x) => Buffer.from(JSON.stringify(x)).toString('base64url')).join('.') + '.c2ln',
};

When('the PSU requests an authorization for {string} with a request parameter of {}', async function (this: ObWorld, name: string, variant: string) {
  const make = MALFORMED_REQUESTS[variant];
  assert.ok(make, `unknown malformed request "${variant}"; known: ${Object.keys(MALFORMED_REQUESTS).join('; ')}`);
  const s = specParams(this, name, {});
  const query: Record<string, string> = { request: make(s.params) };
  // The state in the query too: a request object that cannot be read cannot carry it back.
  for (const k of ['client_id', 'response_type', 'scope', 'redirect_uri', 'state']) if (s.params[k] !== undefined) query[k] = s.params[k];
  await sendAuthorization(this, s, query);
});

/** RFC 9101 §6.3: only the request object's redirect_uri counts, whatever the query repeats. */
When('the PSU requests an authorization for {string} with the redirect_uri {string} in the request object and the registered one in the query', async function (this: ObWorld, name: string, uri: string) {
  const s = specParams(this, name, { redirect_uri: uri });
  const jwt = await requestObject(this, s);
  const query = { request: jwt, client_id: s.params.client_id!, response_type: s.params.response_type!, scope: s.params.scope!, redirect_uri: redirectUriOf(this, name) };
  await sendAuthorization(this, s, query);
});

Given('{string} has obtained tokens through a plain authorization code flow', async function (this: ObWorld, name: string) {
  await plainCodeFlow(this, name, {});
});

Given('{string} has obtained tokens through a plain authorization code flow for the scope {string}', async function (this: ObWorld, name: string, scope: string) {
  await plainCodeFlow(this, name, { scope });
});

async function plainCodeFlow(world: ObWorld, name: string, overrides: Record<string, string>): Promise<void> {
  const s = specParams(world, name, overrides);
  // A nonce belongs to an OpenID request (OIDC Core §3.1.2.1): a plain OAuth request has none.
  if (!(s.params.scope ?? '').split(' ').includes('openid')) delete s.params.nonce;
  await sendAuthorization(world, s, s.params);
  await redeemReceivedCode(world, name, s);
}

/** The code of the authorization response just received, redeemed at the token endpoint (which must answer 200). */
async function redeemReceivedCode(world: ObWorld, name: string, s: SentAuthorization): Promise<void> {
  assert.ok(isRedirect(world.lastResponse), `authorization failed: ${world.lastResponse.status} ${world.lastResponse.text.slice(0, 200)}`);
  const { params } = redirectParams(world.lastResponse, responseComponent(s));
  assert.ok(params.get('code'), `no code: ${world.lastResponse.headers.location}`);
  world.remember(`code:${name}`, { code: params.get('code')!, idToken: params.get('id_token') ?? undefined, redirectUri: s.params.redirect_uri!, verifier: s.verifier } satisfies ReceivedAuthorization);
  await redeem(world, name, name, {});
  assert.equal(world.lastResponse.status, 200, `token request failed: ${world.lastResponse.text.slice(0, 300)}`);
}

/** OIDC Core §3.1.2.1: the next authorization request is sent by POST, its parameters form-encoded. */
Given('the authorization request is sent by POST', function (this: ObWorld) {
  this.remember('authorization:method', 'POST');
});

/** How the test user answers the login and consent pages of the next authorization (login-driver.ts). */
Given('the PSU will deny consent', function (this: ObWorld) {
  this.remember('psu:conduct', 'deny');
});

Given('the PSU will sign in with a wrong password', function (this: ObWorld) {
  this.remember('psu:conduct', 'wrong-password');
});

// ---------------------------------------------------------------- authorization responses

Then('the PSU is redirected back with an authorization code', async function (this: ObWorld) {
  const s = sent(this);
  const { base, params } = redirectParams(this.lastResponse, responseComponent(s));
  assert.equal(base, s.params.redirect_uri ?? redirectUriOf(this, s.clientName), 'redirected somewhere other than the registered redirect URI');
  assert.equal(params.get('error'), null, `error response: ${params.toString()}`);
  const code = params.get('code');
  assert.ok(code, `no code in ${this.lastResponse.headers.location}`);
  // RFC 6749 §4.1.2: the state is returned exactly.
  assert.equal(params.get('state') ?? undefined, s.params.state, 'state');
  const idToken = params.get('id_token') ?? undefined;
  if (isHybrid(s)) {
    assert.ok(idToken, 'code id_token answered without an id_token');
    this.remember('authorization:id_token', idToken);
  }
  this.remember(`code:${s.clientName}`, { code, idToken, redirectUri: s.params.redirect_uri ?? redirectUriOf(this, s.clientName), verifier: s.verifier } satisfies ReceivedAuthorization);
});

Then('the ID token of the authorization response is signed by the server for {string} with c_hash, s_hash and the nonce', async function (this: ObWorld, name: string) {
  const s = sent(this);
  const { code, idToken } = received(this, name);
  assert.ok(idToken, 'no ID token');
  const claims = await verifyTargetJwt(this, idToken);
  assert.equal(claims.iss, issuerOf(this), 'iss');
  assert.deepEqual([claims.aud].flat(), [clientOf(this, name).client_id], 'aud');
  assert.ok(typeof claims.sub === 'string' && claims.sub.length > 0, 'sub');
  assert.equal(claims.nonce, s.params.nonce, 'nonce (OIDC Core 3.3.2.11)');
  assert.equal(claims.c_hash, leftHalfHash(code), 'c_hash (OIDC Core 3.3.2.11)');
  assert.equal(claims.s_hash, leftHalfHash(s.params.state!), 's_hash (FAPI1-Adv 5.2.2.1)');
  assert.ok(typeof claims.exp === 'number' && typeof claims.iat === 'number' && claims.exp > claims.iat, 'exp after iat');
});

/** OIDC Registration §2 (WSO2-AUTHZ-12): the registered alg, with the JWKS key of that alg. */
Then('the ID token of the authorization response is signed {word}', async function (this: ObWorld, alg: string) {
  const { idToken } = received(this, sent(this).clientName);
  assert.ok(idToken, 'no ID token');
  assert.equal(decodeProtectedHeader(idToken).alg, alg, 'ID token alg');
  await verifyTargetJwt(this, idToken, [alg]);
});

/**
 * OIDC Registration §2 and RFC 7591 §3.2.1: a registration response naming an
 * id_token_signed_response_alg the client did not send names the one the server defaulted to, and
 * its ID tokens are signed with it. A response without the member asserts nothing.
 */
Then('the ID token of the authorization response is signed with the alg its registration response names', async function (this: ObWorld) {
  const name = sent(this).clientName;
  const named = (clientOf(this, name) as { id_token_signed_response_alg?: unknown }).id_token_signed_response_alg;
  if (named === undefined) return;
  const { idToken } = received(this, name);
  assert.ok(idToken, 'no ID token');
  assert.equal(decodeProtectedHeader(idToken).alg, named, 'the ID token alg is not the one the registration response names');
});

Then('the ID token of the authorization response is signed with one of {string}', async function (this: ObWorld, list: string) {
  const { idToken } = received(this, sent(this).clientName);
  assert.ok(idToken, 'no ID token');
  const algs = list.split(',').map((a) => a.trim());
  const alg = String(decodeProtectedHeader(idToken).alg);
  assert.ok(algs.includes(alg), `ID token alg ${alg}, expected one of ${algs.join(', ')}`);
  await verifyTargetJwt(this, idToken, [alg]);
});

Then('the PSU is redirected back with the error {string} in the {word}', function (this: ObWorld, error: string, component: string) {
  const s = sent(this);
  assert.ok(component === 'query' || component === 'fragment', `unknown component ${component}`);
  const { base, params } = redirectParams(this.lastResponse, component);
  assert.equal(base, redirectUriOf(this, s.clientName), 'error sent somewhere other than the registered redirect URI');
  assert.equal(params.get('error'), error, `error; Location: ${this.lastResponse.headers.location}`);
  assert.equal(params.get('code'), null, 'an error response carries no code');
  assert.equal(params.get('state') ?? undefined, s.params.state, 'state (RFC 6749 4.1.2.1)');
  const other = new URL(this.lastResponse.headers.location!);
  const otherComponent = component === 'query' ? other.hash : other.search;
  assert.ok(!otherComponent.includes('error='), `error also in the ${component === 'query' ? 'fragment' : 'query'}`);
});

/**
 * RFC 6749 §3.3 (TOK-08): a scope the client may not have is refused with invalid_scope
 * (§4.1.2.1), or the server narrows the request and says so: the token response then MUST carry
 * the granted `scope` (§5.1), without the refused one.
 */
Then('the scope {string} is refused with invalid_scope or left out of what {string} is granted', async function (this: ObWorld, scope: string, name: string) {
  const s = sent(this);
  const { base, params } = redirectParams(this.lastResponse, responseComponent(s));
  assert.equal(base, redirectUriOf(this, name), 'redirected somewhere other than the registered redirect URI');
  const error = params.get('error');
  if (error !== null) {
    assert.equal(error, 'invalid_scope', `error; Location: ${this.lastResponse.headers.location}`);
    return;
  }
  const code = params.get('code');
  assert.ok(code, `neither an error nor a code in ${this.lastResponse.headers.location}`);
  this.remember(`code:${name}`, { code, idToken: params.get('id_token') ?? undefined, redirectUri: s.params.redirect_uri ?? redirectUriOf(this, name), verifier: s.verifier } satisfies ReceivedAuthorization);
  await redeem(this, name, name, {});
  const res = this.lastResponse;
  assert.equal(res.status, 200, `the narrowed grant's code was not redeemed: ${res.text.slice(0, 300)}`);
  const granted = (res.json as TokenSet).scope;
  assert.ok(typeof granted === 'string', 'a narrowed grant MUST name its scope in the token response (RFC 6749 §3.3, §5.1)');
  assert.ok(!granted.split(' ').includes(scope), `"${scope}" was granted: ${granted}`);
});

/** RFC 6749 §4.1.2.1 (AUTHZ-16): the error in the component the response type uses. */
Then('the PSU is redirected back with the error {string}', function (this: ObWorld, error: string) {
  const s = sent(this);
  const { base, params } = redirectParams(this.lastResponse, responseComponent(s));
  assert.equal(base, redirectUriOf(this, s.clientName), 'error sent somewhere other than the registered redirect URI');
  assert.equal(params.get('error'), error, `error; Location: ${this.lastResponse.headers.location}`);
  assert.equal(params.get('code'), null, 'an error response carries no code');
  assert.equal(params.get('state') ?? undefined, s.params.state, 'state (RFC 6749 4.1.2.1)');
});

/** RFC 6749 §3.1 (AUTHZ-17): whatever the server shows, no redirect carries a code. */
Then('no authorization code is issued', function (this: ObWorld) {
  const res = this.lastResponse;
  const location = res.headers.location;
  if (!isRedirect(res) || !location) return;
  const to = new URL(location, res.url);
  const params = new URLSearchParams([...to.searchParams, ...new URLSearchParams(to.hash.slice(1))]);
  assert.equal(params.get('code'), null, `a code was issued: ${location}`);
});

Then('the authorization endpoint answers {int} without redirecting', function (this: ObWorld, status: number) {
  const res = this.lastResponse;
  assert.equal(res.status, status, `${res.status}; Location: ${res.headers.location}; body: ${res.text.slice(0, 200)}`);
  assert.equal(res.headers.location, undefined, 'an unvalidated redirect URI must never be redirected to (RFC 6749 4.1.2.1)');
});

/**
 * RFC 6749 §4.1.2.1, §3.1.2.4 (AUTHZ-02, AUTHZ-03): with a redirect URI or client the server
 * cannot trust, it MUST NOT redirect the user-agent to that URI. How it tells the user is not
 * fixed (an error page, a redirect to a page of its own), so no status is asserted: only that no
 * Location leads to the requested redirect URI (same origin and path, with the query it was sent
 * with) and that no code was issued anywhere.
 */
Then('the authorization endpoint does not redirect to the requested redirect URI', function (this: ObWorld) {
  const res = this.lastResponse;
  const requested = sent(this).params.redirect_uri;
  const location = res.headers.location;
  if (!isRedirect(res) || !location) return;
  const to = new URL(location, res.url);
  assert.ok(!to.searchParams.has('code') && !new URLSearchParams(to.hash.slice(1)).has('code'), `a code was issued: ${location}`);
  if (!requested) return;
  const asked = new URL(requested);
  const sameQuery = [...asked.searchParams].every(([k, v]) => to.searchParams.getAll(k).includes(v));
  assert.ok(!(to.origin === asked.origin && to.pathname === asked.pathname && sameQuery), `redirected (${res.status}) to the requested redirect URI: ${location}`);
});

/**
 * Where the rule names no single code (RFC 6749 §4.1.2.1 lists them): the error response at the
 * redirect URI, with one of `errors`, the state, and no code.
 */
Then('the PSU is redirected back with one of the errors {string} in the {word}', function (this: ObWorld, errors: string, component: string) {
  const s = sent(this);
  assert.ok(component === 'query' || component === 'fragment', `unknown component ${component}`);
  const { base, params } = redirectParams(this.lastResponse, component);
  assert.equal(base, redirectUriOf(this, s.clientName), 'error sent somewhere other than the registered redirect URI');
  const allowed = errors.split(',').map((e) => e.trim());
  assert.ok(allowed.includes(params.get('error') ?? ''), `error ${params.get('error')}, expected one of ${allowed.join(', ')}; Location: ${this.lastResponse.headers.location}`);
  assert.equal(params.get('code'), null, 'an error response carries no code');
  assert.equal(params.get('state') ?? undefined, s.params.state, 'state (RFC 6749 4.1.2.1)');
});

/**
 * The product's exact error_description of an error redirect (ERR-08), read from the component
 * that carries the error; Identity Server builds it in AuthzUtil / CarbonOAuthAuthzRequest. A
 * character of the text that RFC 6749 §4.1.2.1 keeps out of error_description (a quote, a
 * backslash) may come as a space, as a server keeping to that set renders it.
 */
Then('in the WSO2 dialect the redirect\'s error description is {string}', function (this: ObWorld, text: string) {
  if (!this.isWso2Product) {
    this.attach(`error_description not asserted: target "${this.target.file.name}" declares no WSO2 product`, 'text/plain');
    return;
  }
  assert.ok(isRedirect(this.lastResponse), `expected an error redirect, got ${this.lastResponse.status}`);
  const to = new URL(this.lastResponse.headers.location!);
  const params = [new URLSearchParams(to.search), new URLSearchParams(to.hash.slice(1))].find((p) => p.has('error'));
  assert.ok(params, `no error in ${to.href}`);
  const actual = params.get('error_description');
  const rendered = text.replace(/[^\x20-\x21\x23-\x5B\x5D-\x7E]/g, ' ');
  assert.ok(actual === text || actual === rendered, `error_description ${JSON.stringify(actual)}, expected ${JSON.stringify(text)}; Location: ${to.href}`);
});

/**
 * RFC 9101 §6.3, OIDC Core §6.1: a request the server refuses issues no code. Where the error
 * goes is not fixed when the request object names another client: back to the redirect URI of
 * the query's client with an error, or an error page of the server's own.
 */
Then('the authorization request is refused without a code', function (this: ObWorld) {
  const res = this.lastResponse;
  const location = res.headers.location;
  if (isRedirect(res) && location) {
    const to = new URL(location, res.url);
    const params = new URLSearchParams([...to.searchParams, ...new URLSearchParams(to.hash.slice(1))]);
    assert.equal(params.get('code'), null, `a code was issued: ${location}`);
    assert.ok(params.get('error'), `a redirect without an error: ${location}`);
    return;
  }
  assert.ok(res.status >= 400 && res.status < 500, `answered ${res.status}, neither an error redirect nor an error page: ${res.text.slice(0, 200)}`);
});

/** The signing algorithms the target lists for ID tokens (OIDC Discovery §3), none excluded. */
function idTokenAlgs(world: ObWorld): string[] {
  const listed = world.target.discovery.id_token_signing_alg_values_supported;
  const algs = Array.isArray(listed) ? listed.filter((a): a is string => typeof a === 'string' && a !== 'none') : [];
  return algs.length > 0 ? algs : ['RS256'];
}

/**
 * OIDC Core §3.3.2.11 and §3.3.2.12 (AUTHZ-07): the ID token of a code id_token response is
 * signed by the issuer for the client, carries the request's nonce and c_hash of the code. s_hash
 * is FAPI's (FAPI1-Adv §5.2.2.1-5), not asserted here.
 */
Then('the ID token of the authorization response is signed by the server for {string} with c_hash and the nonce', async function (this: ObWorld, name: string) {
  const s = sent(this);
  const { code, idToken } = received(this, name);
  assert.ok(idToken, 'no ID token');
  const claims = await verifyTargetJwt(this, idToken, idTokenAlgs(this));
  assert.equal(claims.iss, issuerOf(this), 'iss');
  assert.ok([claims.aud].flat().includes(clientOf(this, name).client_id), 'aud contains the client_id (OIDC Core 2)');
  assert.ok(typeof claims.sub === 'string' && claims.sub.length > 0, 'sub');
  assert.equal(claims.nonce, s.params.nonce, 'nonce (OIDC Core 3.3.2.11)');
  assert.equal(claims.c_hash, leftHalfHash(code), 'c_hash (OIDC Core 3.3.2.11)');
  assert.ok(typeof claims.exp === 'number' && typeof claims.iat === 'number' && claims.exp > claims.iat, 'exp after iat');
});

/** OIDC Discovery §3: the algorithms the server accepts for request objects or client assertions; a scenario needing another is skipped. */
Given(/^the target lists "([^"]+)" in (request_object_signing_alg_values_supported|token_endpoint_auth_signing_alg_values_supported)$/, function (this: ObWorld, alg: string, member: string) {
  const listed = this.target.discovery[member];
  if (Array.isArray(listed) && listed.includes(alg)) return undefined;
  this.attach(`Skipped: target "${this.target.file.name}" does not list ${alg} in ${member}`, 'text/plain');
  return 'skipped';
});

/**
 * OIDC Registration §2: a client may only ask for an alg the server offers
 * (id_token_signing_alg_values_supported, OIDC Discovery §3); where it offers none by that name
 * the scenario does not apply and is skipped with the reason.
 */
Given('the target signs ID tokens with {word}', function (this: ObWorld, alg: string) {
  if (idTokenAlgs(this).includes(alg)) return undefined;
  this.attach(`Skipped: target "${this.target.file.name}" does not list ${alg} in id_token_signing_alg_values_supported`, 'text/plain');
  return 'skipped';
});

/** OIDC Registration §2 (AUTHZ-09): the ID token of the token response is signed with `alg`. */
Then('the ID token issued to {string} is signed {word}', async function (this: ObWorld, name: string, alg: string) {
  const idToken = latest(this, name).id_token;
  assert.ok(idToken, 'no ID token in the token response (OIDC Core 3.1.3.3)');
  assert.equal(decodeProtectedHeader(idToken).alg, alg, 'ID token alg');
  const claims = await verifyTargetJwt(this, idToken, [alg]);
  assert.equal(claims.iss, issuerOf(this), 'iss');
});

/** The ID token of the token response, verified: `exp` - `iat` (WSO2-TOK-09, the application's ID token lifetime). */
Then('the ID token issued to {string} lives {int} seconds', async function (this: ObWorld, name: string, seconds: number) {
  const idToken = latest(this, name).id_token;
  assert.ok(idToken, 'no ID token in the token response (OIDC Core 3.1.3.3)');
  const claims = await verifyTargetJwt(this, idToken, idTokenAlgs(this));
  assert.equal((claims.exp as number) - (claims.iat as number), seconds, `exp ${String(claims.exp)} - iat ${String(claims.iat)}`);
});

// ---------------------------------------------------------------- token endpoint

async function redeem(world: ObWorld, clientName: string, codeOf: string, overrides: Record<string, string>): Promise<void> {
  const r = received(world, codeOf);
  const form: Record<string, string | undefined> = {
    grant_type: 'authorization_code',
    code: r.code,
    redirect_uri: r.redirectUri,
    code_verifier: r.verifier,
  };
  for (const [k, v] of Object.entries(overrides)) form[k] = v === ABSENT ? undefined : v;
  const res = await requestToken(world, { identity: identityOf(world, clientName), clientName, form });
  if (res.status === 200) world.remember(`issued:${clientName}`, [...issued(world, clientName), res.json as TokenSet]);
}

When('{string} redeems the authorization code', async function (this: ObWorld, name: string) {
  await redeem(this, name, name, {});
});

/** TOK-10 under concurrency: one code in several token requests sent together. */
When('{string} redeems the authorization code in {int} token requests at once', async function (this: ObWorld, name: string, count: number) {
  const r = received(this, name);
  const form = { grant_type: 'authorization_code', code: r.code, redirect_uri: r.redirectUri, code_verifier: r.verifier };
  await sendAtOnce(this, count, () => requestToken(this, { identity: identityOf(this, name), clientName: name, form }));
});

When('{string} redeems the authorization code again', async function (this: ObWorld, name: string) {
  await redeem(this, name, name, {});
});

When('{string} redeems the authorization code with:', async function (this: ObWorld, name: string, table: DataTable) {
  await redeem(this, name, name, tableOf(table));
});

/** RFC 7636 §4.2: the challenge is the S256 of exactly this verifier, whatever its shape. */
When('the PSU authorizes {string} with the code challenge of the code_verifier {string}', async function (this: ObWorld, name: string, verifier: string) {
  await authorizeWithRequestObject(this, name, { code_challenge: s256(verifier), code_challenge_method: 'S256' });
});

When('{string} redeems the authorization code with the code_verifier {string}', async function (this: ObWorld, name: string, verifier: string) {
  await redeem(this, name, name, { code_verifier: verifier });
});

When('{string} redeems the authorization code with its code challenge as the code_verifier', async function (this: ObWorld, name: string) {
  const s = sent(this);
  await redeem(this, name, name, { code_verifier: s.params.code_challenge! });
});

When('{string} redeems the authorization code issued to {string}', async function (this: ObWorld, name: string, owner: string) {
  await redeem(this, name, owner, {});
});

Given('{string} has obtained tokens through the authorization code flow', async function (this: ObWorld, name: string) {
  await codeFlow(this, name, {});
});

/**
 * OIDC Core §11: a refresh token for the user's absence is asked for with the offline_access
 * scope and prompt=consent; a server may issue refresh tokens without it, none must with it refused.
 */
Given('{string} has obtained tokens with offline access through the authorization code flow', async function (this: ObWorld, name: string) {
  await codeFlow(this, name, { scope: 'openid accounts offline_access', prompt: 'consent' });
});

async function codeFlow(world: ObWorld, name: string, request: Record<string, string>): Promise<void> {
  await authorizeWithRequestObject(world, name, request);
  await redeemReceivedCode(world, name, sent(world));
}

/** WSO2-TOK-07: no refresh token for a client that cannot use the refresh_token grant. */
Then('the token response has no refresh token', function (this: ObWorld) {
  const res = this.lastResponse;
  assert.equal(res.status, 200, `token request failed: ${res.text.slice(0, 300)}`);
  const body = res.json as Record<string, unknown>;
  assert.ok(typeof body.access_token === 'string', 'access_token');
  assert.equal(body.refresh_token, undefined, 'refresh_token was issued');
});

/**
 * OIDC Core §3.1.3.3, §3.1.3.7 (AUTHZ-15): the code's token response carries an access token and
 * an ID token signed by the server, issued by it, for the client, with the request's nonce.
 */
Then('the token response has an access token and an ID token for the client and the nonce', async function (this: ObWorld) {
  const res = this.lastResponse;
  assert.equal(res.status, 200, `token request failed: ${res.text.slice(0, 300)}`);
  const body = res.json as Record<string, unknown>;
  assert.ok(typeof body.access_token === 'string' && body.access_token.length > 0, 'access_token');
  assert.equal(typeof body.token_type === 'string' ? body.token_type.toLowerCase() : body.token_type, 'bearer', 'token_type (RFC 6749 §7.1, case-insensitive)');
  assert.ok(typeof body.id_token === 'string', 'id_token (OIDC Core 3.1.3.3)');
  // Any alg the target lists for ID tokens (OIDC Discovery §3), RS256 in the generic profile.
  const claims = await verifyTargetJwt(this, body.id_token, idTokenAlgs(this));
  const clientId = clientOf(this, sent(this).clientName).client_id;
  assert.equal(claims.iss, issuerOf(this), 'iss (OIDC Core 3.1.3.7 item 2)');
  assert.ok([claims.aud].flat().includes(clientId), 'aud contains the client_id (item 3)');
  if (Array.isArray(claims.aud) && claims.aud.length > 1) assert.equal(claims.azp, clientId, 'azp with several audiences (item 4)');
  const now = Math.floor(Date.now() / 1000);
  assert.ok(typeof claims.exp === 'number' && claims.exp > now - 60, 'exp not passed (item 9)');
  assert.ok(typeof claims.iat === 'number', 'iat (item 10)');
  assert.ok(typeof claims.sub === 'string' && claims.sub.length > 0, 'sub (OIDC Core 2)');
  assert.equal(claims.nonce, sent(this).params.nonce, 'nonce (item 11)');
});

Then('the token response has an access token, a refresh token and an ID token for the nonce', async function (this: ObWorld) {
  const res = this.lastResponse;
  assert.equal(res.status, 200, `token request failed: ${res.text.slice(0, 300)}`);
  assert.equal(res.headers['cache-control'], 'no-store', 'Cache-Control (RFC 6749 5.1)');
  const body = res.json as Record<string, unknown>;
  assert.equal(body.token_type, 'Bearer');
  assert.ok(typeof body.access_token === 'string' && body.access_token.length > 0, 'access_token');
  assert.ok(typeof body.refresh_token === 'string' && body.refresh_token.length > 0, 'refresh_token');
  assert.ok(typeof body.expires_in === 'number' && body.expires_in > 0, 'expires_in');
  assert.ok(typeof body.id_token === 'string', 'id_token (OIDC Core 3.1.3.3)');
  const claims = await verifyTargetJwt(this, body.id_token);
  assert.equal(claims.nonce, sent(this).params.nonce, 'nonce');
  assert.equal(claims.aud, clientOf(this, sent(this).clientName).client_id, 'aud');
});

/** RFC 8705 §3.1, or §3.2 through introspection for an opaque token. */
Then('the access token of {string} is bound to the certificate of {word}', async function (this: ObWorld, name: string, identity: string) {
  const claims = await accessTokenClaimsOf(this, latest(this, name).access_token, name);
  const cnf = claims.cnf as Record<string, unknown> | undefined;
  assert.equal(cnf?.['x5t#S256'], certificateThumbprint(this, identity as Tpp), 'cnf.x5t#S256 (RFC 8705 3.1)');
});

// ---------------------------------------------------------------- refresh

async function refresh(world: ObWorld, name: string, which: 'latest' | 'first', scope?: string): Promise<void> {
  const list = issued(world, name);
  const source = which === 'first' ? list[0] : list[list.length - 1];
  assert.ok(source?.refresh_token, `no refresh token for ${name}`);
  const form: Record<string, string | undefined> = { grant_type: 'refresh_token', refresh_token: source.refresh_token, scope };
  const res = await requestToken(world, { identity: identityOf(world, name), clientName: name, form });
  if (res.status === 200) {
    const body = res.json as TokenSet;
    // Without rotation the refresh token stays the one presented (RFC 6749 6).
    world.remember(`issued:${name}`, [...list, { ...body, refresh_token: body.refresh_token ?? source.refresh_token }]);
  }
}

/** TOK-14 under rotation and concurrency: the latest refresh token in several requests sent together. */
When('{string} refreshes its tokens in {int} requests at once', async function (this: ObWorld, name: string, count: number) {
  const list = issued(this, name);
  const refreshToken = list[list.length - 1]?.refresh_token;
  assert.ok(refreshToken, `no refresh token for ${name}`);
  const form = { grant_type: 'refresh_token', refresh_token: refreshToken };
  await sendAtOnce(this, count, () => requestToken(this, { identity: identityOf(this, name), clientName: name, form }));
});

/** RFC 7009 §2.2 (REV-04): revoke a refresh token that rotation has already replaced. */
When('{string} revokes its first refresh token', async function (this: ObWorld, name: string) {
  const first = issued(this, name)[0]?.refresh_token;
  assert.ok(first, `no refresh token for ${name}`);
  const auth = await clientAuthentication(this, name);
  await postForm(this, identityOf(this, name), 'revocation_endpoint', { ...auth.form, token: first }, auth.headers);
});

/** DISC-18: a refresh where the server issued a refresh token; a server that issued none is not asked. */
When('{string} refreshes its tokens, where it was given a refresh token', async function (this: ObWorld, name: string) {
  if (!issued(this, name).at(-1)?.refresh_token) {
    this.attach(`Skipped: the token response for ${name} had no refresh token, so the server was not asked to refresh`, 'text/plain');
    return 'skipped';
  }
  await refresh(this, name, 'latest');
  return undefined;
});

/** The authorization request was served: a redirect with a code and the state that travelled in the request object. */
function codeServed(world: ObWorld): boolean {
  const s = sent(world);
  if (!isRedirect(world.lastResponse)) return false;
  const { params } = redirectParams(world.lastResponse, responseComponent(s));
  return params.get('code') !== null && params.get('state') === s.params.state;
}

/** DISC-18, RFC 8414 §2: `code_challenge_methods_supported` lists the PKCE methods the server supports. */
Then('a code returned means the metadata lists {word} in {string}', function (this: ObWorld, value: string, member: string) {
  if (!codeServed(this)) {
    this.attach(`Skipped: the authorization endpoint did not serve the request (status ${this.lastResponse.status}); the rule is about what it serves`, 'text/plain');
    return 'skipped';
  }
  const listed = this.target.discovery[member];
  assert.ok(Array.isArray(listed) && listed.includes(value), `${member} ${JSON.stringify(listed)} leaves out ${value}, which the authorization endpoint just served`);
  return undefined;
});

/**
 * DISC-18, OIDC Discovery §3: `request_parameter_supported` (omitted: false) says whether the OP
 * serves the request parameter. The state travelled only inside the request object, so a code
 * returned with it shows the server served the request object.
 */
Then('a code returned through the request object means the metadata has "request_parameter_supported" true', function (this: ObWorld) {
  if (!codeServed(this)) {
    this.attach(`Skipped: the authorization endpoint did not serve the request object (status ${this.lastResponse.status}); the rule is about servers that do`, 'text/plain');
    return 'skipped';
  }
  assert.equal(this.target.discovery.request_parameter_supported, true,
    `request_parameter_supported is ${JSON.stringify(this.target.discovery.request_parameter_supported)}, though the authorization endpoint just served a request object`);
  return undefined;
});

When('{string} refreshes its tokens', async function (this: ObWorld, name: string) {
  await refresh(this, name, 'latest');
});

When('{string} refreshes its tokens with the scope {string}', async function (this: ObWorld, name: string, scope: string) {
  await refresh(this, name, 'latest', scope);
});

When('{string} refreshes with its first refresh token again', async function (this: ObWorld, name: string) {
  await refresh(this, name, 'first');
});

When('{string} refreshes with the refresh token of {string}', async function (this: ObWorld, name: string, owner: string) {
  const source = latest(this, owner);
  await requestToken(this, { identity: identityOf(this, name), clientName: name, form: { grant_type: 'refresh_token', refresh_token: source.refresh_token } });
});

/** RFC 6749 §6: a refresh token the server never issued, or its access token sent in its place. */
When(/^"([^"]+)" refreshes with (a made-up refresh token|its access token as the refresh token)$/, async function (this: ObWorld, name: string, what: string) {
  const value = what.startsWith('a made-up') ? 'obc-never-issued-refresh-token-0123456789' : latest(this, name).access_token;
  await requestToken(this, { identity: identityOf(this, name), clientName: name, form: { grant_type: 'refresh_token', refresh_token: value } });
});

/** RFC 6749 §6: a refresh issues a new access token; the body and the tokens before it. */
function refreshed(world: ObWorld): { body: TokenSet; previous: TokenSet } {
  const res = world.lastResponse;
  assert.equal(res.status, 200, `refresh failed: ${res.text.slice(0, 300)}`);
  const body = res.json as TokenSet;
  const list = issued(world, sent(world).clientName);
  const previous = list[list.length - 2];
  assert.ok(previous, 'no earlier tokens');
  assert.notEqual(body.access_token, previous.access_token, 'access token is new');
  return { body, previous };
}

Then('the refresh response has a new access token', function (this: ObWorld) {
  refreshed(this);
});

/** Rotation (RFC 6749 §6 MAY, RFC 9700 §4.14.2): the refresh token is replaced too. */
Then('the refresh response has a new access token and a new refresh token', function (this: ObWorld) {
  const { body, previous } = refreshed(this);
  assert.ok(body.refresh_token, 'a refresh token is returned (rotation)');
  assert.notEqual(body.refresh_token, previous.refresh_token, 'refresh token is rotated');
});

Then('the granted scope is {string}', function (this: ObWorld, scope: string) {
  const body = this.lastResponse.json as TokenSet;
  assert.equal(this.lastResponse.status, 200, this.lastResponse.text.slice(0, 300));
  assert.deepEqual((body.scope ?? '').split(' ').sort(), scope.split(' ').sort(), 'scope');
});

// ---------------------------------------------------------------- userinfo and SCIM /Me

/** A resource on the target: userinfo from discovery, SCIM /Me on the product's listener. */
type Resource = 'userinfo' | 'scim-me';

function resourceUrl(world: ObWorld, resource: Resource, query = ''): string {
  const base = resource === 'userinfo' ? world.endpoint('userinfo_endpoint') : world.url('is', world.target.path('scimMe'));
  return query ? `${base}${base.includes('?') ? '&' : '?'}${query}` : base;
}

async function bearerCall(world: ObWorld, method: string, url: string, identity: string, token: string | undefined): Promise<void> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  await world.send(asIdentity(identity), method, url, { headers });
}

When('{string} calls userinfo with its access token', async function (this: ObWorld, name: string) {
  await bearerCall(this, 'GET', resourceUrl(this, 'userinfo', 'schema=openid'), identityOf(this, name), latest(this, name).access_token);
});

When('{string} calls userinfo with its first access token', async function (this: ObWorld, name: string) {
  const first = issued(this, name)[0];
  assert.ok(first, `no tokens for ${name}`);
  await bearerCall(this, 'GET', resourceUrl(this, 'userinfo'), identityOf(this, name), first.access_token);
});

When('{string} calls userinfo with its access token by POST', async function (this: ObWorld, name: string) {
  await bearerCall(this, 'POST', resourceUrl(this, 'userinfo'), identityOf(this, name), latest(this, name).access_token);
});

/** RFC 6750 §2.2: the access_token parameter of a form-encoded POST body. */
When('{string} calls userinfo with its access token in the form body', async function (this: ObWorld, name: string) {
  const body = new URLSearchParams({ access_token: latest(this, name).access_token }).toString();
  await this.send(asIdentity(identityOf(this, name)), 'POST', resourceUrl(this, 'userinfo'), {
    headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' }, body,
  });
});

/** RFC 6750 §2: one request, two methods (the header and the query). */
When('{string} calls userinfo with its access token in both the header and the query', async function (this: ObWorld, name: string) {
  const token = latest(this, name).access_token;
  await bearerCall(this, 'GET', resourceUrl(this, 'userinfo', new URLSearchParams({ access_token: token }).toString()), identityOf(this, name), token);
});

/** RFC 6750 §2.1, OIDC Core §5.3.1: GET with the token in the Authorization header, nothing else. */
When('{string} calls userinfo with its access token in the Authorization header', async function (this: ObWorld, name: string) {
  await bearerCall(this, 'GET', resourceUrl(this, 'userinfo'), identityOf(this, name), latest(this, name).access_token);
});

/** RFC 6750 §2: one request, two methods (the header and a form-encoded body, §2.1 and §2.2). */
When('{string} calls userinfo with its access token in both the header and the form body', async function (this: ObWorld, name: string) {
  const token = latest(this, name).access_token;
  await this.send(asIdentity(identityOf(this, name)), 'POST', resourceUrl(this, 'userinfo'), {
    headers: { accept: 'application/json', authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ access_token: token }).toString(),
  });
});

When('{string} presents its access token at userinfo over the connection of {word}', async function (this: ObWorld, name: string, identity: string) {
  await bearerCall(this, 'GET', resourceUrl(this, 'userinfo'), identity, latest(this, name).access_token);
});

/** RFC 6750 §3.1: a refresh or ID token is no access token (invalid_token). */
When('{string} presents its {word} token at userinfo as a Bearer token', async function (this: ObWorld, name: string, kind: string) {
  const tokens = latest(this, name);
  const token = kind === 'refresh' ? tokens.refresh_token : kind === 'ID' ? tokens.id_token : undefined;
  assert.ok(token, `no ${kind} token for ${name}`);
  await bearerCall(this, 'GET', resourceUrl(this, 'userinfo'), identityOf(this, name), token);
});

When('a client calls userinfo without an access token', async function (this: ObWorld) {
  await bearerCall(this, 'GET', resourceUrl(this, 'userinfo'), 'tpp1', undefined);
});

/** RFC 6750 §2.1: the credential is `Bearer` 1*SP b64token; here its access token after another prefix. */
When('{string} calls userinfo with its access token after {string} in the Authorization header', async function (this: ObWorld, name: string, prefix: string) {
  await this.send(asIdentity(identityOf(this, name)), 'GET', resourceUrl(this, 'userinfo'), {
    headers: { accept: 'application/json', authorization: `${prefix} ${latest(this, name).access_token}` },
  });
});

/** RFC 6750 §2.2: only a form-encoded body carries `access_token`; here the same text under another Content-Type. */
When('{string} calls userinfo by POST with its access token as access_token in a {string} body', async function (this: ObWorld, name: string, contentType: string) {
  await this.send(asIdentity(identityOf(this, name)), 'POST', resourceUrl(this, 'userinfo'), {
    headers: { accept: 'application/json', 'content-type': contentType },
    body: new URLSearchParams({ access_token: latest(this, name).access_token }).toString(),
  });
});

/** RFC 6749 §3.1: a parameter MUST NOT be included more than once; here `access_token` twice in the form body. */
When('{string} calls userinfo with its access token twice in the form body', async function (this: ObWorld, name: string) {
  const token = latest(this, name).access_token;
  await this.send(asIdentity(identityOf(this, name)), 'POST', resourceUrl(this, 'userinfo'), {
    headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams([['access_token', token], ['access_token', token]]).toString(),
  });
});

/** The request carried no token by any RFC 6750 §2 method: 401 (no credentials, §3.1) or 400 (a malformed request, §3.1). */
Then('the userinfo request is not authenticated', function (this: ObWorld) {
  assert.ok([400, 401].includes(this.lastResponse.status), `status ${this.lastResponse.status}: ${this.lastResponse.text.slice(0, 200)}`);
});

When('a client calls userinfo with the Authorization header {string}', async function (this: ObWorld, header: string) {
  await this.send('tpp1', 'GET', resourceUrl(this, 'userinfo'), { headers: { authorization: header } });
});

When('{string} calls SCIM Me with its access token', async function (this: ObWorld, name: string) {
  await bearerCall(this, 'GET', resourceUrl(this, 'scim-me'), identityOf(this, name), latest(this, name).access_token);
});

When('a client calls SCIM Me without an access token', async function (this: ObWorld) {
  await bearerCall(this, 'GET', resourceUrl(this, 'scim-me'), 'tpp1', undefined);
});

When('{string} obtains a client credentials token with the scope {string}', async function (this: ObWorld, name: string, scope: string) {
  const res = await requestToken(this, { identity: identityOf(this, name), clientName: name, form: { grant_type: 'client_credentials', scope } });
  assert.equal(res.status, 200, `client_credentials failed: ${res.text.slice(0, 300)}`);
  this.remember(`issued:${name}`, [...issued(this, name), res.json as TokenSet]);
});

Then('the user claims have the subject of the ID token of {string}', async function (this: ObWorld, name: string) {
  const idToken = latest(this, name).id_token;
  assert.ok(idToken, 'no ID token was issued');
  // Any alg the target signs ID tokens with; which one is AUTHZ-09's business, not this step's.
  const sub = (await verifyTargetJwt(this, idToken, idTokenAlgs(this))).sub;
  const body = this.lastResponse.json as Record<string, unknown> | undefined;
  assert.equal(this.lastResponse.status, 200, this.lastResponse.text.slice(0, 300));
  // OIDC Core §5.3.2: the sub of userinfo MUST equal the sub of the ID token.
  assert.equal(body?.sub, sub, 'sub');
});

Then('the response is a SCIM user with the subject of the ID token of {string}', async function (this: ObWorld, name: string) {
  const idToken = latest(this, name).id_token;
  assert.ok(idToken, 'no ID token was issued');
  const sub = (await verifyTargetJwt(this, idToken)).sub;
  const res = this.lastResponse;
  assert.equal(res.status, 200, res.text.slice(0, 300));
  const body = JSON.parse(res.text) as Record<string, unknown>;
  // RFC 7644 §8.1: the SCIM media type.
  assert.equal((res.headers['content-type'] ?? '').split(';')[0]!.trim(), 'application/scim+json', 'Content-Type');
  assert.deepEqual(body.schemas, ['urn:ietf:params:scim:schemas:core:2.0:User']);
  assert.equal(body.id, sub, 'id');
  assert.ok(typeof body.userName === 'string' && body.userName.length > 0, 'userName');
  // The user who signed in, where the target file names the login user.
  const login = this.target.file.login?.username;
  if (login !== undefined) assert.equal(body.userName, secretValue(login, 'login.username'), 'userName of the user who signed in');
  // RFC 7643 §3.1: meta.resourceType "User"; meta.location the resource's URI, …/Users/{id} (RFC 7644 §3.2).
  const meta = (body.meta ?? {}) as Record<string, unknown>;
  assert.equal(meta.resourceType, 'User', 'meta.resourceType');
  assert.ok(typeof meta.location === 'string' && new URL(meta.location).pathname.endsWith(`/Users/${encodeURIComponent(String(sub))}`), `meta.location: ${String(meta.location)}`);
});

Then('the response is a SCIM error with the status {string}', function (this: ObWorld, status: string) {
  const res = this.lastResponse;
  assert.equal(String(res.status), status);
  const body = JSON.parse(res.text) as Record<string, unknown>;
  assert.deepEqual(body.schemas, ['urn:ietf:params:scim:api:messages:2.0:Error']);
  assert.equal(body.status, status, 'SCIM status is a string (RFC 7644 3.12)');
  assert.ok(typeof body.detail === 'string' && body.detail.length > 0, 'detail');
});

Then('the Bearer challenge has the error {string}', function (this: ObWorld, error: string) {
  const challenge = this.lastResponse.headers['www-authenticate'] ?? '';
  assert.match(challenge, /^Bearer\b/, `WWW-Authenticate: ${challenge}`);
  assert.match(challenge, new RegExp(`error="${error}"`), `WWW-Authenticate: ${challenge}`);
});

// ---------------------------------------------------------------- time

When('{int} seconds pass on the authorization server', function (this: ObWorld, seconds: number) {
  this.clock.advance(seconds);
});
