import { compactVerify, createLocalJWKSet, type JSONWebKeySet, type JWTPayload } from 'jose';
import { tryDecodeCompactJws, type DecodedJws } from '../security/compact-jws.ts';
import type { SandboxContext } from '../context.ts';
import { issuerOf } from '../context.ts';
import type { ClientRecord } from '../store/clients.ts';
import { refreshRegisteredKeys, registeredKeys } from '../security/client-keys.ts';
import { OAuthError } from '../errors/oauth-error.ts';
import { normalizeResponseType } from './response-type.ts';

/**
 * Request objects (OIDC Core §6.1, RFC 9101, FAPI 1 Advanced §5.2.2): a JWT signed by the client
 * with the key it registered (`jwks`), carrying the authorization request parameters. One rule
 * per function; each throws `invalid_request_object` (OIDC Core §3.1.2.6).
 */

const FAPI_ALGS = ['PS256', 'ES256'];
const GENERIC_ALGS = ['PS256', 'ES256', 'RS256'];
/** FAPI1-Adv §5.2.2-13 and -17: 60 minutes. */
const SIXTY_MINUTES = 3600;

const invalidRequestObject = (description: string) => new OAuthError(400, 'invalid_request_object', description);

export function isFapi(ctx: SandboxContext): boolean {
  return ctx.config.profile !== 'generic';
}

/** A claim of a request object read without verifying it: only to find where to send errors. */
export function unverifiedClaim(requestObject: string | undefined, name: string): string | undefined {
  if (!requestObject) return undefined;
  const value = tryDecodeCompactJws(requestObject)?.claims[name];
  return typeof value === 'string' ? value : undefined;
}

/** JWT-14: a compact JWS with a bounded JSON header and payload (security/compact-jws.ts). */
function decoded(ctx: SandboxContext, jwt: string): DecodedJws {
  const d = tryDecodeCompactJws(jwt);
  // Fault authorize.malformed-request-object-crashes: a request that is no JWS is a server error.
  if (!d && ctx.faults.has('authorize.malformed-request-object-crashes')) throw new Error('the request object is not a JWS');
  if (!d) throw invalidRequestObject('Request object is not a valid JWT');
  return d;
}

function headerAlg(ctx: SandboxContext, client: ClientRecord, jws: DecodedJws): string {
  const alg: unknown = jws.header.alg;
  if (typeof alg !== 'string') throw invalidRequestObject('Request object has no alg header');
  if (alg === 'none') {
    // RFC 8725 §3.1, FAPI1-Adv §8.6: unsigned request objects are refused.
    if (ctx.faults.has('authorize.request-object-unsigned-ok')) return alg;
    throw invalidRequestObject('Request object signature verification failed: alg none is not allowed');
  }
  // FAPI1-Adv §8.6: PS256 or ES256 only; OIDC Registration §2 request_object_signing_alg.
  const allowed = ctx.faults.has('authorize.request-object-ps256-only') ? ['PS256']
    : isFapi(ctx) && !ctx.faults.has('authorize.request-object-rs256-under-fapi') ? FAPI_ALGS : GENERIC_ALGS;
  const registered = client.metadata.request_object_signing_alg;
  const otherThanRegistered = typeof registered === 'string' && registered !== alg && !ctx.faults.has('authorize.request-object-ignores-registered-alg');
  if (!allowed.includes(alg) || otherThanRegistered || (registered === undefined && ctx.faults.has('authorize.request-object-needs-registered-alg'))) {
    throw invalidRequestObject(`Request object signature verification failed due to an invalid signing algorithm ${alg}`);
  }
  return alg;
}

/** The client's registered keys: its `jwks`, or its allow-listed `jwks_uri` (OB DCR clients). */
async function registeredKeySet(ctx: SandboxContext, client: ClientRecord, kid: unknown): Promise<JSONWebKeySet> {
  await refreshRegisteredKeys(ctx.jwksUris, client, typeof kid === 'string' ? kid : undefined);
  const lookup = registeredKeys(ctx.jwksUris, client);
  if (!lookup.ok || lookup.keys.length === 0) {
    throw invalidRequestObject(`Request object signature verification failed: ${lookup.ok ? 'the client registered no keys' : lookup.reason}`);
  }
  return { keys: lookup.keys } as JSONWebKeySet;
}

async function verifiedPayload(ctx: SandboxContext, client: ClientRecord, jwt: string): Promise<JWTPayload> {
  const jws = decoded(ctx, jwt);
  const alg = headerAlg(ctx, client, jws);
  if (alg === 'none') return jws.claims;
  try {
    // The verified payload is the one decoded above (the same bytes), already a bounded JSON object.
    await compactVerify(jwt, createLocalJWKSet(await registeredKeySet(ctx, client, jws.header.kid)), { algorithms: [alg] });
  } catch (e) {
    if (e instanceof OAuthError) throw e;
    throw invalidRequestObject('Request object signature verification failed due to an invalid signature');
  }
  return jws.claims;
}

/** RFC 9101 §10.2 / FAPI1-Adv §5.2.2: iss is the client. */
function checkIssuer(client: ClientRecord, claims: JWTPayload): void {
  if (claims.iss !== client.clientId) throw invalidRequestObject('Request object iss does not match the client_id');
}

/** FAPI1-Adv §5.2.2-15 (JWT-19): aud is, or contains, the issuer identifier. */
function checkAudience(ctx: SandboxContext, claims: JWTPayload): void {
  const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!aud.includes(issuerOf(ctx))) throw invalidRequestObject('Request object aud does not contain the issuer identifier');
}

/** RFC 7519 §4.1.4 and FAPI1-Adv §5.2.2-13: exp is present and not passed. */
function checkExpiry(ctx: SandboxContext, claims: JWTPayload): void {
  const now = ctx.clock.nowSeconds();
  if (typeof claims.exp !== 'number') throw invalidRequestObject('Request object has no exp claim');
  if (claims.exp <= now - ctx.config.clockSkewSeconds) throw invalidRequestObject('Request object has expired');
}

/** RFC 7519 §4.1.5; FAPI1-Adv §5.2.2-17 (JWT-18): nbf present (FAPI), not in the future, at most 60 minutes old. */
function checkNotBefore(ctx: SandboxContext, claims: JWTPayload): void {
  const now = ctx.clock.nowSeconds();
  if (claims.nbf === undefined && !isFapi(ctx)) return;
  if (typeof claims.nbf !== 'number') throw invalidRequestObject('Request object has no nbf claim');
  if (claims.nbf > now + ctx.config.clockSkewSeconds && !ctx.faults.has('authorize.accept-request-object-before-nbf')) throw invalidRequestObject('Request object is not yet valid (nbf)');
  if (isFapi(ctx) && claims.nbf < now - SIXTY_MINUTES) throw invalidRequestObject('Request object nbf is more than 60 minutes in the past');
}

/** FAPI1-Adv §5.2.2-13 (JWT-17): exp at most 60 minutes after nbf. */
function checkLifetime(ctx: SandboxContext, claims: JWTPayload): void {
  if (!isFapi(ctx) || typeof claims.nbf !== 'number' || typeof claims.exp !== 'number') return;
  if (claims.exp - claims.nbf > SIXTY_MINUTES) throw invalidRequestObject('Request object lifetime (exp - nbf) exceeds 60 minutes');
}

/** OIDC Core §6.1: client_id and response_type inside must match the query parameters. */
function checkMatchesQuery(query: ReadonlyMap<string, string>, claims: JWTPayload): void {
  // RFC 6749 §3.1.1: the order of response_type values does not matter.
  const canonical = (name: string, value: unknown) =>
    name === 'response_type' && typeof value === 'string' ? (normalizeResponseType(value) ?? value) : value;
  for (const name of ['client_id', 'response_type']) {
    const inside = canonical(name, claims[name]);
    const outside = canonical(name, query.get(name));
    if (inside !== undefined && outside !== undefined && inside !== outside) {
      throw invalidRequestObject(`Request object ${name} does not match the ${name} request parameter`);
    }
  }
}

const JWT_CLAIMS = new Set(['iss', 'aud', 'exp', 'nbf', 'iat', 'jti', 'sub']);

/**
 * Verify the `request` parameter and return the authorization request parameters. Under the FAPI
 * profiles only the request object's parameters are used (FAPI1-Adv §5.2.2-10), besides the
 * query's client_id and response_type, which must match it (OIDC Core §6.1); elsewhere the query
 * parameters overridden by the request object's (OIDC Core §6.3.3).
 */
export async function resolveRequestObject(
  ctx: SandboxContext,
  client: ClientRecord,
  query: ReadonlyMap<string, string>,
): Promise<Map<string, string>> {
  const jwt = query.get('request');
  const merged = new Map(query);
  merged.delete('request');
  if (jwt === undefined) return merged;
  if (isFapi(ctx) && !ctx.faults.has('authorize.query-overrides-request-object')) {
    for (const name of [...merged.keys()]) if (name !== 'client_id' && name !== 'response_type') merged.delete(name);
  }
  const claims = await verifiedPayload(ctx, client, jwt);
  checkIssuer(client, claims);
  checkAudience(ctx, claims);
  checkExpiry(ctx, claims);
  checkNotBefore(ctx, claims);
  checkLifetime(ctx, claims);
  checkMatchesQuery(query, claims);
  for (const [name, value] of Object.entries(claims)) {
    if (!JWT_CLAIMS.has(name) && typeof value === 'string') merged.set(name, value);
  }
  return merged;
}
