import { randomBytes, randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import type { SandboxContext, SandboxEnv } from '../context.ts';
import { OAuthError, invalidRequest } from '../errors/oauth-error.ts';
import { AuthorizationRedirectError, withResponseParameters } from '../errors/authorization-redirect-error.ts';
import { oauthParameters, readForm } from '../http/request-body.ts';
import { registeredGrantTypes, type ClientRecord } from '../store/clients.ts';
import { codeId } from '../store/authorization-codes.ts';
import { TEST_USER } from './test-user.ts';
import { isFapi, resolveRequestObject, unverifiedClaim } from './request-object.ts';
import { PKCE_VALUE, type PkceMethod } from './pkce.ts';
import { grantScope, splitScope } from './scopes.ts';
import { normalizeResponseType, type ResponseType } from './response-type.ts';
import { leftHalfHash, signIdToken } from './id-token.ts';
import { LOGIN_PAGE_PATH, PendingAuthorizations, psuLoginApp } from './psu-login.ts';
import { mount } from '../http/mount.ts';

/**
 * The authorization endpoint (RFC 6749 §4.1.1, OIDC Core §3.1.2 and §3.3.2, FAPI 1 Advanced
 * §5.2.2). By default (`psu.login = "auto"`) the test user (test-user.ts) is signed in and
 * consents at once, so a valid request is answered straight away with the redirect carrying the
 * code; with `psu.login = "page"` it goes through a login and consent page (psu-login.ts).
 *
 * Until client_id and redirect_uri are known to be valid, errors are a 400 JSON page and never a
 * redirect (RFC 6749 §4.1.2.1); after that they go to the redirect URI, in the query for `code`
 * and in the fragment for `code id_token`, with the state.
 */


interface AuthorizationRequest {
  client: ClientRecord;
  responseType: ResponseType;
  redirectUri: string;
  scope: string;
  state: string | undefined;
  nonce: string | undefined;
  codeChallenge: string | undefined;
  codeChallengeMethod: PkceMethod | undefined;
}

/**
 * OIDC Core §3.1.2.1: GET with query parameters or POST with a form body (RFC 6749 §3.1 rules
 * both: a repeated parameter is invalid_request, AUTHZ-24).
 */
async function requestParameters(ctx: SandboxContext, c: Context<SandboxEnv>): Promise<Map<string, string>> {
  if (ctx.faults.has('authorize.accept-repeated-parameters')) {
    // Fault: a repeated parameter keeps its last value.
    const raw = c.req.method === 'POST' ? await c.req.text() : new URL(c.req.url).search;
    return oauthParameters(new URLSearchParams([...new Map(new URLSearchParams(raw))]), (d) => invalidRequest(d));
  }
  if (c.req.method === 'POST') return readForm(c, (d) => invalidRequest(d));
  return oauthParameters(new URL(c.req.url).searchParams, (d) => invalidRequest(d));
}

/** RFC 6749 §4.1.2.1: an unknown client is told on a page, not by redirect. */
function knownClient(ctx: SandboxContext, params: ReadonlyMap<string, string>): ClientRecord {
  const clientId = params.get('client_id');
  // Identity Server's text (AbstractResponseTypeRequestValidator.validateInputParameters).
  if (!clientId) throw invalidRequest('Client Id is not present in the authorization request');
  const client = ctx.store.clients.get(clientId);
  if (!client) throw invalidRequest(`Cannot find an application associated with the given consumer key : ${clientId}`);
  return client;
}

/**
 * RFC 6749 §3.1.2.2 / §4.1.2.1, OIDC Core §3.1.2.1: redirect_uri is present and exactly one of
 * the registered URIs (the request object's value wins, as it will for the request itself).
 */
function registeredRedirectUri(ctx: SandboxContext, client: ClientRecord, params: ReadonlyMap<string, string>): string {
  const registered = (client.metadata.redirect_uris as string[] | undefined) ?? [];
  // Fault authorize.single-redirect-uri-default: an omitted redirect_uri is the one registered URI (OAuth 2.0's leave, not OIDC's).
  const omitted = ctx.faults.has('authorize.single-redirect-uri-default') && registered.length === 1 ? registered[0] : undefined;
  const uri = unverifiedClaim(params.get('request'), 'redirect_uri') ?? params.get('redirect_uri') ?? omitted;
  if (!uri) throw invalidRequest('Redirect URI is not present in the authorization request.');
  if (!registered.includes(uri) && !(ctx.faults.has('authorize.ignore-redirect-uri-mismatch') && URL.canParse(uri))) {
    throw invalidRequest("Your application's callback URL does not match with the registered redirect URLs.");
  }
  return uri;
}

/** FAPI1-Adv §5.2.2-1: under the FAPI profiles (uk, cdr) a signed request object is required. */
function requireRequestObject(ctx: SandboxContext, params: ReadonlyMap<string, string>): void {
  if (params.has('request_uri')) throw new OAuthError(400, 'request_uri_not_supported', 'The request_uri parameter is not supported');
  if (isFapi(ctx) && !params.has('request')) throw invalidRequest('A signed request object (request parameter) is required');
}

/** RFC 6749 §3.1.1, OIDC Core §3.3.2.1: code or code id_token, for a client allowed the code grant. */
function responseTypeOf(ctx: SandboxContext, client: ClientRecord, params: ReadonlyMap<string, string>): ResponseType {
  const value = params.get('response_type');
  if (!value) throw invalidRequest('Missing response_type parameter value');
  const responseType = normalizeResponseType(value);
  if (!responseType) throw new OAuthError(400, 'unsupported_response_type', 'Invalid response_type parameter value');
  // RFC 6749 §4.1.2.1 (AUTHZ-22); fault authorize.code-for-any-client skips the check.
  if (!registeredGrantTypes(client).includes('authorization_code') && !ctx.faults.has('authorize.code-for-any-client')) {
    throw new OAuthError(400, 'unauthorized_client', 'The authorization_code grant is not allowed for this client');
  }
  return responseType;
}

/**
 * OIDC Core §3.3.2.1: a response type returning an ID token is an OpenID request; scope includes
 * openid. RFC 6749 §3.3 (TOK-08): the other scopes are narrowed to what the client may have, as
 * at the token endpoint (invalid_scope when none of them is allowed); openid asks for an ID token
 * and is not an API permission, so it is kept.
 */
function scopeOf(ctx: SandboxContext, client: ClientRecord, responseType: ResponseType, params: ReadonlyMap<string, string>): string {
  const scopes = splitScope(params.get('scope'));
  const openid = scopes.includes('openid');
  if (responseType === 'code id_token' && !openid) {
    throw invalidRequest('The scope must include openid for response_type code id_token');
  }
  const granted = grantScope(ctx, client, scopes.filter((s) => s !== 'openid').join(' '));
  return [...(openid ? ['openid'] : []), ...splitScope(granted)].join(' ');
}

/**
 * FAPI1-Adv §5.2.2-2 (AUTHZ-01): under the FAPI profiles (uk, cdr) the response type is
 * `code id_token`, or `code` with `response_mode=jwt` (JARM), which the sandbox does not offer; so
 * a plain `code` request is refused, after the checks that come first in the product's order.
 */
function requireFapiResponseType(ctx: SandboxContext, responseType: ResponseType): void {
  if (!isFapi(ctx) || responseType === 'code id_token' || ctx.faults.has('authorize.accept-code-under-fapi')) return;
  throw new OAuthError(400, 'unsupported_response_type', 'Under FAPI the response_type must be code id_token (JARM is not supported)');
}

/** OIDC Core §3.3.2.11: nonce is REQUIRED when the authorization endpoint returns an ID token. */
function nonceOf(responseType: ResponseType, params: ReadonlyMap<string, string>): string | undefined {
  const nonce = params.get('nonce');
  if (responseType === 'code id_token' && !nonce) throw invalidRequest('nonce is required for response_type code id_token');
  return nonce;
}

/** FAPI1-Adv §5.2.2-18 (PKCE-01), WSO2 ext_pkce_mandatory: a code_challenge is required. */
function requirePkce(ctx: SandboxContext, client: ClientRecord, params: ReadonlyMap<string, string>): void {
  const mandatory = isFapi(ctx) || client.metadata.ext_pkce_mandatory === true;
  if (!mandatory || params.has('code_challenge') || ctx.faults.has('authorize.no-pkce-required')) return;
  throw invalidRequest('PKCE is mandatory for this application. PKCE Challenge is not provided or is not upto RFC 7636 specification.');
}

/**
 * RFC 7636 §4.3: the method defaults to plain. FAPI1-Adv §5.2.2-18 (PKCE-02, PKCE-03): only S256.
 * Identity Server accepts plain only for applications that enable it (ext_pkce_support_plain).
 */
function pkceMethodOf(ctx: SandboxContext, client: ClientRecord, params: ReadonlyMap<string, string>): PkceMethod | undefined {
  // Identity Server reads the method only with a challenge (AuthzUtil.validatePKCEParameters).
  if (!params.has('code_challenge')) return undefined;
  const method = params.get('code_challenge_method') ?? 'plain';
  // The descriptions are Identity Server's (AuthzUtil.validatePKCEParameters).
  if (method !== 'S256' && method !== 'plain') throw invalidRequest('Unsupported PKCE Challenge Method');
  if (method === 'plain') {
    if (isFapi(ctx) && !ctx.faults.has('authorize.accept-plain-pkce-under-fapi')) {
      throw invalidRequest('The plain PKCE transformation algorithm is not allowed; use S256');
    }
    if (client.metadata.ext_pkce_support_plain !== true) {
      throw invalidRequest('This application does not support "plain" transformation algorithm.');
    }
  }
  return method;
}

/** RFC 7636 §4.2: the challenge is 43–128 unreserved characters. */
function pkceChallengeOf(params: ReadonlyMap<string, string>): string | undefined {
  const challenge = params.get('code_challenge');
  if (challenge !== undefined && !PKCE_VALUE.test(challenge)) {
    // Identity Server's text (AuthzUtil.validatePKCEParameters).
    throw invalidRequest('Code challenge used is not up to RFC 7636 specifications.');
  }
  return challenge;
}

async function validate(
  ctx: SandboxContext,
  client: ClientRecord,
  redirectUri: string,
  query: ReadonlyMap<string, string>,
): Promise<AuthorizationRequest> {
  requireRequestObject(ctx, query);
  const params = await resolveRequestObject(ctx, client, query);
  const responseType = responseTypeOf(ctx, client, params);
  requirePkce(ctx, client, params);
  const codeChallengeMethod = pkceMethodOf(ctx, client, params);
  const codeChallenge = pkceChallengeOf(params);
  requireFapiResponseType(ctx, responseType);
  return {
    client,
    responseType,
    redirectUri,
    scope: scopeOf(ctx, client, responseType, params),
    state: params.get('state'),
    nonce: nonceOf(responseType, params),
    codeChallenge,
    codeChallengeMethod,
  };
}

/** RFC 6749 §4.1.2: an opaque, single-use, short-lived code, stored by hash with what it grants. */
function storeCode(ctx: SandboxContext, req: AuthorizationRequest, code: string): void {
  const now = ctx.clock.nowSeconds();
  ctx.store.authorizationCodes.insert({
    id: codeId(code),
    clientId: req.client.clientId,
    subject: TEST_USER.sub,
    redirectUri: req.redirectUri,
    scope: req.scope,
    nonce: req.nonce,
    codeChallenge: req.codeChallenge,
    codeChallengeMethod: req.codeChallengeMethod,
    grantId: randomUUID(),
    issuedAt: now,
    expiresAt: now + ctx.config.tokens.authorizationCodeTtl,
  });
}

/**
 * The successful response: code and state (RFC 6749 §4.1.2), plus, for code id_token, the ID
 * token in the fragment (OIDC Core §3.3.2.5) with c_hash (§3.3.2.11) and s_hash (FAPI1-Adv
 * §5.2.2.1-5). The ID token is signed before the code is stored, so a failure stores nothing.
 */
async function successLocation(ctx: SandboxContext, req: AuthorizationRequest): Promise<string> {
  const code = randomBytes(32).toString('base64url');
  const state: Record<string, string> = req.state !== undefined ? { state: req.state } : {};
  if (req.responseType === 'code') {
    storeCode(ctx, req, code);
    return withResponseParameters(req.redirectUri, 'query', { code, ...state });
  }
  const idToken = await signIdToken(ctx, {
    client: req.client,
    subject: TEST_USER.sub,
    nonce: req.nonce,
    hashes: { c_hash: leftHalfHash(code), ...(req.state !== undefined ? { s_hash: leftHalfHash(req.state) } : {}) },
  });
  storeCode(ctx, req, code);
  // Stryker disable next-line StringLiteral: withResponseParameters answers in the fragment for any mode but 'query'.
  return withResponseParameters(req.redirectUri, 'fragment', { code, id_token: idToken, ...state });
}

/** `psu.login = "page"`: park the checked request and send the browser to the login page. */
function loginPageLocation(ctx: SandboxContext, logins: PendingAuthorizations, req: AuthorizationRequest): string {
  const key = logins.add(ctx, {
    clientName: req.client.clientName,
    scope: req.scope,
    redirectUri: req.redirectUri,
    responseMode: responseModeFor(req.responseType),
    state: req.state,
    complete: () => successLocation(ctx, req),
  });
  return `${ctx.urls.is}${LOGIN_PAGE_PATH}?sessionDataKey=${key}`;
}

/** OAuth 2.0 Multiple Response Type Encoding Practices §5: code id_token answers in the fragment, code in the query. */
function responseModeFor(responseType: ResponseType | undefined): 'query' | 'fragment' {
  if (responseType !== 'code id_token') return 'query';
  // Stryker disable next-line StringLiteral: withResponseParameters answers in the fragment for any mode but 'query'.
  return 'fragment';
}

/** Where an error goes once the redirect URI is trusted (responseModeFor), the request object's response_type first. */
function responseModeOf(query: ReadonlyMap<string, string>): 'query' | 'fragment' {
  const responseType = unverifiedClaim(query.get('request'), 'response_type') ?? query.get('response_type');
  return responseModeFor(normalizeResponseType(responseType));
}

export function authorizeApp(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  const logins = new PendingAuthorizations();
  mount(app, psuLoginApp(ctx, logins));
  // Fault authorize.get-only: POST is not routed (a 404, as oidc-provider without enableHttpPostMethods).
  app.on(ctx.faults.has('authorize.get-only') ? ['GET'] : ['GET', 'POST'], '/oauth2/authorize', async (c) => {
    const query = await requestParameters(ctx, c);
    const client = knownClient(ctx, query);
    const redirectUri = registeredRedirectUri(ctx, client, query);
    let request: AuthorizationRequest;
    try {
      request = await validate(ctx, client, redirectUri, query);
    } catch (e) {
      if (!(e instanceof OAuthError)) throw e;
      const state = unverifiedClaim(query.get('request'), 'state') ?? query.get('state');
      throw new AuthorizationRedirectError(redirectUri, responseModeOf(query), e.error, e.description, state);
    }
    const location = ctx.config.psu.login === 'page' ? loginPageLocation(ctx, logins, request) : await successLocation(ctx, request);
    return new Response(null, { status: 302, headers: { location, 'cache-control': 'no-store' } });
  });
  return app;
}
