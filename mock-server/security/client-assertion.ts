import type { KeyObject } from 'node:crypto';
import { compactVerify, type JWK, type JWTPayload, type ProtectedHeaderParameters } from 'jose';
import { eddsaKeyFits, naiveNestingTooDeep, unboundedDecode, verifiesWithSmallRsaKey } from './assertion-fault-paths.ts';
import { decodeCompactJws, MalformedJwsError, tryDecodeCompactJws } from './compact-jws.ts';
import { MAX_JSON_DEPTH } from '../http/bounded-json.ts';


import type { SandboxContext } from '../context.ts';
import type { ClientRecord } from '../store/clients.ts';
import { isSigningKey, keyFitsAlg, publicKeyOf, refreshRegisteredKeys, registeredKeys } from './client-keys.ts';

/**
 * Verification of a JWT a client signed with a key it registered: the private_key_jwt client
 * assertion (RFC 7523 §2.2, §3; OIDC Core §9) and the JWT bearer authorization grant (RFC 7523
 * §2.1, §3). One rule per function; every failure goes through `rules.fail`, so each caller answers
 * with its own error (401 invalid_client for authentication, 400 invalid_grant for the grant).
 */
export interface AssertionRules {
  /** Namespace of the single-use jti (`assertion:<client>` or `grant:<client>`). */
  jtiNamespace: string;
  /** The `iss` the JWT must carry. */
  issuer: string;
  /** The `sub` the JWT must carry; undefined accepts any non-empty subject (the grant's user). */
  subject: string | undefined;
  /** Values of which `aud` must contain at least one. */
  audiences: readonly string[];
  /** Build the caller's error; `reason` is for the log only. */
  fail: (reason: string) => Error;
  /**
   * The keys of a trusted issuer that signs instead of the client (RFC 7523 §2.1 grant assertions
   * from an identity provider); absent: the client's registered keys and signing alg.
   */
  issuerKeys?: readonly JWK[];
}

/** CAUTH-07: the furthest ahead an assertion's `exp` may be (RFC 7523 §3 item 4 "MAY reject"). */
export const MAX_ASSERTION_LIFETIME_SECONDS = 3600;
/** `config.validators` key that turns the CAUTH-07 lifetime check off (on by default). */
export const ASSERTION_LIFETIME_VALIDATOR = 'clientAssertionMaxLifetime';

interface Parsed {
  header: ProtectedHeaderParameters;
  claims: JWTPayload;
}

/** JWT-14: three base64url parts, bounded JSON header and payload; anything else is refused, never a 5xx. */
function parse(ctx: SandboxContext, jwt: string, rules: AssertionRules): Parsed {
  if (ctx.faults.has('limits.naive-nesting-scan') && naiveNestingTooDeep(jwt)) throw rules.fail(`the JWT nests deeper than ${MAX_JSON_DEPTH} levels`);
  try {
    // Fault (JWT-14): the assertion decoded without the depth bound, as jose alone would.
    const { header, claims } = ctx.faults.has('limits.unbounded-json') ? unboundedDecode(jwt) : decodeCompactJws(jwt);
    return { header, claims };
  } catch (e) {
    throw rules.fail(e instanceof MalformedJwsError ? e.reason : 'the JWT cannot be decoded');
  }
}

/**
 * JWT-01, JWT-02, JWT-03, CAUTH-11: an allow-list of asymmetric algorithms. FAPI 1 §8.6 (UK, CDR)
 * allows PS256 and ES256; the generic profile also RS256, as its discovery document says.
 */
export function allowedAlgorithms(ctx: SandboxContext): readonly string[] {
  if (ctx.config.profile === 'generic') return ['PS256', 'ES256', 'RS256'];
  // JWT-04: EdDSA only in FAPI 2.0 (FAPI2-SP §5.4.1), which no sandbox profile emulates.
  return ctx.faults.has('token.accept-eddsa-under-fapi') ? ['PS256', 'ES256', 'EdDSA'] : ['PS256', 'ES256'];
}

/** The key fits the alg as client-keys.ts decides; EdDSA (only a fault switch allows it) as RFC 8037 §3.1. */
function fitsAlg(jwk: JWK, alg: string): boolean {
  // Stryker disable next-line ConditionalExpression,StringLiteral: with every switch off the allow-list has no EdDSA, so alg is never EdDSA here.
  return alg === 'EdDSA' ? eddsaKeyFits(jwk) : keyFitsAlg(jwk, alg);
}

/** FAPI1-Baseline §5.2.2-5 (JWT-15): RSA keys of at least 2048 bits. */
export const MIN_RSA_BITS = 2048;

function rsaBits(key: KeyObject): number | undefined {
  // Stryker disable next-line all: jose refuses RS256/PS256 with an RSA key under 2048 bits itself (RFC 7518 §3.3, §3.5): the same 401; only the logged reason differs.
  return key.asymmetricKeyType === 'rsa' || key.asymmetricKeyType === 'rsa-pss' ? key.asymmetricKeyDetails?.modulusLength : undefined;
}

/**
 * JWT-15: a registered RSA key under 2048 bits never authenticates; fails when no other candidate
 * key is left. (EC keys: the allow-list has only ES256, which fits only P-256 keys, above FAPI's
 * 160/224-bit floor.)
 */
function strongKeys(ctx: SandboxContext, keys: KeyObject[], rules: AssertionRules): KeyObject[] {
  if (ctx.faults.has('token.accept-small-rsa-keys')) return keys;
  const strong = keys.filter((k) => (rsaBits(k) ?? MIN_RSA_BITS) >= MIN_RSA_BITS);
  // Stryker disable next-line all: as above, jose refuses the small key anyway; this names the reason in the log.
  if (strong.length === 0 && keys.length > 0) throw rules.fail(`the registered RSA key has fewer than ${MIN_RSA_BITS} bits`);
  return strong;
}

/**
 * RFC 8725 §3.11 (JWT-16): a JWT of another kind (`dpop+jwt`, `at+jwt`, `secevent+jwt`, ...) is
 * not a client assertion. Accepted: no `typ`, `JWT` (RFC 7519 §5.1), and for client assertions
 * `client-authentication+jwt` (draft-ietf-oauth-rfc7523bis); an `application/` prefix is allowed
 * (RFC 7515 §4.1.9).
 */
function checkType(ctx: SandboxContext, header: ProtectedHeaderParameters, rules: AssertionRules): void {
  if (header.typ === undefined || ctx.faults.has('token.ignore-assertion-typ')) return;
  const typ = String(header.typ).toLowerCase().replace(/^application\//, '');
  const allowed = rules.jtiNamespace.startsWith('assertion:') ? ['jwt', 'client-authentication+jwt'] : ['jwt'];
  if (!allowed.includes(typ)) throw rules.fail(`typ ${String(header.typ)} is not a type this JWT may have`);
}

function checkAlgorithm(ctx: SandboxContext, client: ClientRecord, header: ProtectedHeaderParameters, rules: AssertionRules): void {
  const alg = header.alg ?? '';
  if (alg === 'none' && ctx.faults.has('token.accept-alg-none')) return;
  if (!allowedAlgorithms(ctx).includes(alg)) throw rules.fail(`algorithm ${alg || '(none)'} is not allowed`);
  if (rules.issuerKeys) return;
  // OIDC Registration §2: the registered token_endpoint_auth_signing_alg is the only one accepted.
  const registered = client.metadata.token_endpoint_auth_signing_alg;
  if (typeof registered === 'string' && registered !== alg) {
    throw rules.fail(`algorithm ${alg} differs from the registered token_endpoint_auth_signing_alg ${registered}`);
  }
}

/** RFC 7515 §4.1.11 (JWT-13): no extension is understood, so any `crit` makes the JWS invalid. */
function checkCritical(header: ProtectedHeaderParameters, rules: AssertionRules): void {
  if (header.crit !== undefined) throw rules.fail(`unsupported critical header(s): ${JSON.stringify(header.crit)}`);
}

/**
 * RFC 7523 §3 items 9-10, JWT-10/11/12: the signature must verify with a signing key the client
 * registered, chosen by `kid` when present. `jku`, `x5u`, `x5c` and `jwk` headers are ignored.
 */
function candidateKeys(ctx: SandboxContext, client: ClientRecord, header: ProtectedHeaderParameters, rules: AssertionRules): JWK[] {
  const lookup = rules.issuerKeys ? { ok: true as const, keys: [...rules.issuerKeys] } : registeredKeys(ctx.jwksUris, client);
  if (!lookup.ok) throw rules.fail(lookup.reason);
  const alg = header.alg!;
  const byKid = header.kid === undefined ? lookup.keys : lookup.keys.filter((k) => k.kid === header.kid);
  if (byKid.length === 0) throw rules.fail(`no registered key has kid ${header.kid}`);
  const signing = byKid.filter(isSigningKey);
  if (signing.length === 0) throw rules.fail('the only matching registered key is marked use "enc"');
  const fitting = signing.filter((k) => fitsAlg(k, alg));
  if (fitting.length === 0) throw rules.fail(`no registered signing key fits algorithm ${alg}`);
  return fitting;
}

async function checkSignature(ctx: SandboxContext, client: ClientRecord, jwt: string, header: ProtectedHeaderParameters, rules: AssertionRules): Promise<void> {
  if (header.alg === 'none' && ctx.faults.has('token.accept-alg-none')) return;
  const keys = candidateKeys(ctx, client, header, rules).map(publicKeyOf).filter((k): k is KeyObject => k !== undefined);
  for (const key of strongKeys(ctx, keys, rules)) {
    // Fault token.accept-small-rsa-keys: a key jose refuses as too small is tried by hand.
    if (ctx.faults.has('token.accept-small-rsa-keys') && (rsaBits(key) ?? MIN_RSA_BITS) < MIN_RSA_BITS) {
      if (verifiesWithSmallRsaKey(jwt, key, header.alg!)) return;
      continue;
    }
    try {
      await compactVerify(jwt, key, { algorithms: [header.alg!] });
      return;
    } catch {
      // try the next candidate key
    }
  }
  throw rules.fail('the signature does not verify with any registered key');
}

/** RFC 7523 §3 item 1 (CAUTH-02): `iss` is the client. */
function checkIssuer(claims: JWTPayload, rules: AssertionRules): void {
  if (claims.iss !== rules.issuer) throw rules.fail(`iss ${JSON.stringify(claims.iss)} is not ${rules.issuer}`);
}

/** RFC 7523 §3 item 2 (CAUTH-03): `sub` is the client for authentication, the user for the grant. */
function checkSubject(claims: JWTPayload, rules: AssertionRules): void {
  if (typeof claims.sub !== 'string' || claims.sub === '') throw rules.fail('sub is missing');
  if (rules.subject !== undefined && claims.sub !== rules.subject) throw rules.fail(`sub ${claims.sub} is not ${rules.subject}`);
}

/** RFC 7523 §3 item 3 (CAUTH-04): `aud`, a string or an array, names this server's token endpoint or issuer. */
function checkAudience(ctx: SandboxContext, claims: JWTPayload, rules: AssertionRules): void {
  if (ctx.faults.has('token.skip-assertion-audience')) return;
  const aud = typeof claims.aud === 'string' ? [claims.aud] : Array.isArray(claims.aud) ? claims.aud : [];
  if (!aud.some((a) => rules.audiences.includes(a))) throw rules.fail(`none of the audience values ${JSON.stringify(claims.aud)} is ${rules.audiences.join(' or ')}`);
}

/** RFC 7519 §2, §4.1.4-§4.1.6 (JWT-25): exp, nbf and iat are NumericDates, JSON numbers. */
function isNumericDate(ctx: SandboxContext, v: unknown): v is number {
  // Fault token.untyped-time-claims: any value present passes for a NumericDate.
  if (ctx.faults.has('token.untyped-time-claims') && v !== undefined) return true;
  return typeof v === 'number' && Number.isFinite(v);
}

/** RFC 7523 §3 item 4 (CAUTH-06, JWT-06): `exp` is required and not passed (beyond the skew). */
function checkExpiry(ctx: SandboxContext, claims: JWTPayload, rules: AssertionRules): void {
  if (!isNumericDate(ctx, claims.exp)) throw rules.fail('exp is missing');
  if (ctx.faults.has('token.accept-expired-assertion')) return;
  if (claims.exp <= ctx.clock.nowSeconds() - ctx.config.clockSkewSeconds) throw rules.fail(`the JWT expired at ${claims.exp}`);
}

/** RFC 7523 §3 item 4 "MAY reject unreasonably far in the future" (CAUTH-07), a configurable validator. */
function checkLifetime(ctx: SandboxContext, claims: JWTPayload, rules: AssertionRules): void {
  if (ctx.config.validators[ASSERTION_LIFETIME_VALIDATOR] === false) return;
  const limit = ctx.clock.nowSeconds() + MAX_ASSERTION_LIFETIME_SECONDS + ctx.config.clockSkewSeconds;
  if ((claims.exp as number) > limit) throw rules.fail(`exp ${claims.exp} is more than ${MAX_ASSERTION_LIFETIME_SECONDS} s ahead`);
}

/** RFC 7523 §3 item 5 (CAUTH-08, JWT-07): not used before `nbf`. */
function checkNotBefore(ctx: SandboxContext, claims: JWTPayload, rules: AssertionRules): void {
  if (claims.nbf === undefined) return;
  if (!isNumericDate(ctx, claims.nbf)) throw rules.fail('nbf is not a NumericDate');
  if (claims.nbf > ctx.clock.nowSeconds() + ctx.config.clockSkewSeconds) throw rules.fail(`the JWT is not valid before ${claims.nbf}`);
}

/** RFC 7523 §3 item 6, JWT-08: an `iat` beyond the clock skew in the future is refused. */
function checkIssuedAt(ctx: SandboxContext, claims: JWTPayload, rules: AssertionRules): void {
  if (claims.iat === undefined) return;
  if (!isNumericDate(ctx, claims.iat)) throw rules.fail('iat is not a NumericDate');
  if (claims.iat > ctx.clock.nowSeconds() + ctx.config.clockSkewSeconds) throw rules.fail(`iat ${claims.iat} is in the future`);
}

/** OIDC Core §9, RFC 7523 §3 item 7 (CAUTH-09, JWT-09): `jti` is required. */
function checkJtiPresent(claims: JWTPayload, rules: AssertionRules): string {
  if (typeof claims.jti !== 'string' || claims.jti === '') throw rules.fail('jti is missing');
  return claims.jti;
}

/**
 * CAUTH-09: a jti is used once. Claimed only when the caller commits what the request produces, so
 * a refused request (a JWT failing a check, or a request refused after authentication) does not
 * consume it; the row lives until the JWT expires.
 */
function claimJti(ctx: SandboxContext, claims: JWTPayload, jti: string, rules: AssertionRules): void {
  if (ctx.faults.has('token.accept-replayed-jti')) return;
  // Fault token.jti-forgotten-at-exp: the jti is forgotten at exp, while the leeway still accepts the JWT.
  const expiresAt = (claims.exp as number) + (ctx.faults.has('token.jti-forgotten-at-exp') ? 0 : ctx.config.clockSkewSeconds);
  // Fault token.jti-check-then-record: the record's answer is ignored, so only the earlier check stands.
  if (!ctx.store.usedJtis.claim(rules.jtiNamespace, jti, expiresAt, ctx.clock.nowSeconds()) && !ctx.faults.has('token.jti-check-then-record')) {
    throw rules.fail(`jti ${jti} has been used before`);
  }
}

/** Decode a JWT without trusting it, to find the client it claims to come from. */
export function unverifiedClaims(jwt: string): JWTPayload | undefined {
  return tryDecodeCompactJws(jwt)?.claims;
}

/** A JWT that passed every check; its jti is single-use once `claimJti` runs in the caller's commit. */
export interface VerifiedJwt {
  claims: JWTPayload;
  /** Record the jti as used; throws `rules.fail` when another request used it first. */
  claimJti(): void;
}

/** Verify a client-signed JWT; returns its claims, or throws `rules.fail(reason)`. */
export async function verifyClientJwt(ctx: SandboxContext, client: ClientRecord, jwt: string, rules: AssertionRules): Promise<VerifiedJwt> {
  const { header, claims } = parse(ctx, jwt, rules);
  checkAlgorithm(ctx, client, header, rules);
  checkType(ctx, header, rules);
  checkCritical(header, rules);
  if (!rules.issuerKeys) await refreshRegisteredKeys(ctx.jwksUris, client, header.kid);
  await checkSignature(ctx, client, jwt, header, rules);
  checkIssuer(claims, rules);
  checkSubject(claims, rules);
  checkAudience(ctx, claims, rules);
  checkExpiry(ctx, claims, rules);
  checkLifetime(ctx, claims, rules);
  checkNotBefore(ctx, claims, rules);
  checkIssuedAt(ctx, claims, rules);
  const jti = checkJtiPresent(claims, rules);
  // CAUTH-09: a jti seen before is refused now; it is recorded only with the request's commit.
  if (!ctx.faults.has('token.accept-replayed-jti') && ctx.store.usedJtis.isUsed(rules.jtiNamespace, jti, ctx.clock.nowSeconds())) {
    throw rules.fail(`jti ${jti} has been used before`);
  }
  return { claims, claimJti: () => claimJti(ctx, claims, jti, rules) };
}
