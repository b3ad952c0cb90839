import assert from 'node:assert/strict';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { SignJWT, UnsecuredJWT, createLocalJWKSet, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';
import type { ObWorld } from './world.ts';
import type { HttpResponse } from './http-client.ts';
import type { IdentityName } from './target.ts';
import { harnessEcKey, signingMaterial, type Signer } from './client-assertion.ts';
import { clientOf, registerClient } from './token-client.ts';
import { runAuthorization, type PsuConduct } from './login-driver.ts';
import { withLeeway } from './claims-table.ts';

/**
 * The harness as a browser and a TPP in the authorization code flow: register a client that
 * signs request objects with its TPP's key and authenticates with tls_client_auth, send the
 * authorization request as a browser would (GET, redirects not followed), and read the response
 * parameters from the Location header.
 */
export const REDIRECT_URI = 'https://tpp.example/callback';
/** A table value that leaves the parameter (or claim) out. */
export const ABSENT = '<absent>';

export type Tpp = 'tpp1' | 'tpp2';

/** What the harness sent in one authorization request, to check the response against. */
export interface SentAuthorization {
  clientName: string;
  params: Record<string, string>;
  /** The PKCE verifier behind the challenge, if one was sent. */
  verifier: string | undefined;
}

/** The code (and ID token) an authorization response delivered. */
export interface ReceivedAuthorization {
  code: string;
  idToken: string | undefined;
  redirectUri: string;
  verifier: string | undefined;
}

export function identityOf(world: ObWorld, clientName: string): Tpp {
  return world.recall<Tpp>(`identity:${clientName}`);
}

/**
 * Register through IS DCR a client of `tpp` for the code flow: tls_client_auth with the TPP's
 * transport certificate, its signing JWKS for request objects, PS256 (seed 004 registers
 * response_types ["code id_token"] and request_object_signing_alg PS256).
 */
/** A `"{{jwks:tpp1+ec}}"` string member becomes the placeholder itself, which token-client.ts expands to a JWKS object. */
export function jwksPlaceholdersUnquoted(json: string): string {
  return json.replace(/"(\{\{jwks:[a-z0-9]+(?:[:+][a-z0-9]+)?\}\})"/g, '$1');
}

/** The FAPI code flow client of seed 004; `extra` replaces members, and a member given as `<absent>` is left out. */
export async function registerAuthorizeClient(world: ObWorld, name: string, tpp: Tpp, extra: Record<string, unknown> = {}): Promise<HttpResponse> {
  const doc = jwksPlaceholdersUnquoted(JSON.stringify({
    grant_types: ['authorization_code', 'refresh_token', 'client_credentials'],
    redirect_uris: [REDIRECT_URI],
    response_types: ['code id_token'],
    token_endpoint_auth_method: 'tls_client_auth',
    tls_client_auth_subject_dn: `{{subject_dn:${tpp}}}`,
    jwks: `{{jwks:${tpp}}}`,
    request_object_signing_alg: 'PS256',
    id_token_signed_response_alg: 'PS256',
    // RFC 8705 §3.4: the client asks for certificate-bound tokens (FAPI profiles bind them anyway).
    tls_client_certificate_bound_access_tokens: true,
    ...extra,
  }, (_k, v: unknown) => (v === ABSENT ? undefined : v)));
  world.remember(`identity:${name}`, tpp);
  return registerClient(world, name, doc);
}

/** RFC 7636 §4.1: a high-entropy verifier of 43–128 unreserved characters. */
export function newVerifier(): string {
  return randomBytes(48).toString('base64url');
}

export function s256(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/** OIDC Core §3.3.2.11: base64url of the left half of the SHA-256 of the value's octets (UTF-8). */
export function leftHalfHash(value: string): string {
  const d = createHash('sha256').update(value, 'utf8').digest();
  return d.subarray(0, 16).toString('base64url');
}

/** The issuer identifier, from discovery (OIDC Discovery §3). */
export function issuerOf(world: ObWorld): string {
  return world.issuer;
}

/** The client's redirect URI: the one it registered (or the target names for it). */
export function redirectUriOf(world: ObWorld, clientName: string): string {
  const uris = (clientOf(world, clientName) as { redirect_uris?: string[] }).redirect_uris;
  return uris?.[0] ?? REDIRECT_URI;
}

/**
 * The parameters of an authorization request: the defaults of an Open Banking hybrid flow
 * (code id_token, openid accounts, nonce, state, S256 PKCE), overridden by `overrides`
 * (`<absent>` leaves one out).
 */
export function authorizationParams(world: ObWorld, clientName: string, overrides: Record<string, string>): SentAuthorization {
  const verifier = newVerifier();
  const params: Record<string, string> = {
    response_type: 'code id_token',
    client_id: clientOf(world, clientName).client_id,
    redirect_uri: redirectUriOf(world, clientName),
    scope: 'openid accounts',
    state: randomUUID(),
    nonce: randomUUID(),
    code_challenge_method: 'S256',
  };
  Object.assign(params, overrides);
  // RFC 7636 §4.2: plain sends the verifier itself as the challenge.
  params.code_challenge ??= params.code_challenge_method === 'plain' ? verifier : s256(verifier);
  for (const [k, v] of Object.entries(params)) if (v === ABSENT) delete params[k];
  return { clientName, params, verifier: params.code_challenge === undefined ? undefined : verifier };
}

export type RequestObjectSigning = 'PS256' | 'ES256' | 'none' | 'RS256' | `key of ${Signer}`;

/**
 * A request object (OIDC Core §6.1, FAPI1-Adv §5.2.2): the parameters as claims, iss = client,
 * aud = issuer, nbf/iat now, exp in 5 minutes, a jti; `claims` overrides or (with `<absent>`)
 * removes any claim. Times may be written `now±N` or `nbf+N`.
 */
export async function requestObject(world: ObWorld, sent: SentAuthorization, claims: Record<string, string> = {}, signing: RequestObjectSigning = 'PS256'): Promise<string> {
  const now = world.nowSeconds();
  const payload: JWTPayload = {
    iss: sent.params.client_id,
    aud: issuerOf(world),
    iat: now,
    nbf: now,
    exp: now + 300,
    jti: randomUUID(),
    ...sent.params,
  };
  for (const [name, raw] of Object.entries(claims)) {
    if (raw === ABSENT) delete payload[name];
    else payload[name] = claimValue(raw, now, payload.nbf, world.target.file.clockSkewSeconds);
  }
  if (signing === 'none') return new UnsecuredJWT(payload).encode();
  if (signing === 'ES256') {
    // The harness's EC key, registered with the JWKS variant `tpp1+ec` (client-assertion.ts jwksFor).
    const ec = await harnessEcKey();
    return new SignJWT(payload).setProtectedHeader({ alg: 'ES256', kid: ec.jwk.kid, typ: 'oauth-authz-req+jwt' }).sign(ec.privateKey);
  }
  const signer: Signer = signing.startsWith('key of ') ? (signing.slice('key of '.length) as Signer) : identityOf(world, sent.clientName);
  const material = signingMaterial(signer);
  const alg = signing === 'RS256' ? 'RS256' : 'PS256';
  return new SignJWT(payload).setProtectedHeader({ alg, kid: material.kid, typ: 'oauth-authz-req+jwt' }).sign(material.privateKey);
}

/** `now` or `nbf` with offsets (`now-leeway+1`, `nbf+3600`; `leeway` is the target's declared clock skew), else the text. */
function claimValue(raw: string, now: number, nbf: unknown, leeway: number | undefined): unknown {
  const time = /^(now|nbf)((?:[+-]\d+)*)$/.exec(withLeeway(raw, leeway));
  if (time) return [...time[2]!.matchAll(/([+-])(\d+)/g)].reduce((n, m) => n + (m[1] === '+' ? 1 : -1) * Number(m[2]), time[1] === 'now' ? now : Number(nbf));
  return raw;
}

/**
 * Send the authorization request as a browser: GET with the query, then the test user signs in
 * and consents as the target's login steps say, until the server sends the browser back to the
 * client (or shows an error page). World.response is that last answer. `query` as pairs may
 * repeat a parameter.
 */
export async function sendAuthorization(world: ObWorld, sent: SentAuthorization, query: Record<string, string> | [string, string][]): Promise<HttpResponse> {
  world.remember('authorization:sent', sent);
  const url = `${world.endpoint('authorization_endpoint')}?${new URLSearchParams(query).toString()}`;
  const method = world.remembered.get('authorization:method') === 'POST' ? 'POST' : 'GET';
  world.response = await runAuthorization(world, url, world.remembered.get('psu:conduct') as PsuConduct | undefined, method);
  return world.response;
}

/** RFC 6749 §4.1.2 and §3.1.2: the authorization server redirects; HTTP leaves the 3xx code open. */
export function isRedirect(res: HttpResponse): boolean {
  return res.status >= 300 && res.status < 400 && res.headers.location !== undefined;
}

/** The response parameters of a redirect: the query or the fragment of the Location. */
export function redirectParams(res: HttpResponse, component: 'query' | 'fragment'): { base: string; params: URLSearchParams } {
  assert.ok(isRedirect(res), `expected a redirect, got ${res.status}: ${res.text.slice(0, 300)}`);
  const location = res.headers.location;
  assert.ok(location, 'the redirect has no Location header');
  const url = new URL(location);
  const params = component === 'query' ? new URLSearchParams(url.search) : new URLSearchParams(url.hash.slice(1));
  return { base: `${url.origin}${url.pathname}`, params };
}

/** OAuth 2.0 Multiple Response Type Encoding Practices §5: code id_token answers in the fragment. */
export function responseComponent(sent: SentAuthorization): 'query' | 'fragment' {
  return isHybrid(sent) ? 'fragment' : 'query';
}

/** RFC 6749 §3.1.1: response_type values in any order; the hybrid flow returns an ID token too. */
export function isHybrid(sent: SentAuthorization): boolean {
  return (sent.params.response_type ?? '').split(' ').includes('id_token');
}

/** Verify a JWT the target signed, against its JWKS (jwks_uri from discovery). */
export async function verifyTargetJwt(world: ObWorld, jwt: string, algorithms: string[] = ['PS256', 'ES256']): Promise<JWTPayload> {
  const res = await world.http.send('none', 'GET', world.endpoint('jwks_uri'));
  const jwks = res.json as JSONWebKeySet;
  const { payload } = await jwtVerify(jwt, createLocalJWKSet(jwks), { algorithms, currentDate: new Date(Date.now() + (world.target.has('clock-control') ? world.clock.offsetSeconds * 1000 : 0)) });
  return payload;
}

export function asIdentity(name: string): IdentityName | 'none' {
  assert.ok(['tpp1', 'tpp2', 'untrusted', 'none'].includes(name), `unknown TLS identity ${name}`);
  return name as IdentityName | 'none';
}
