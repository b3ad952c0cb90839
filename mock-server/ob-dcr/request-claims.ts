import type { SandboxContext } from '../context.ts';
import { isNumericDate, type DecodedJws } from './jws.ts';
import { invalidClientMetadata, MESSAGES, requireString } from './errors.ts';
import type { ObDcrProfile } from './profile.ts';

/** UK OB DCR §Data Dictionary, CDS ClientRegistration (DCR-REQ-09, -10): iss is the SSA software_id. */
export function checkIssuer(ctx: SandboxContext, request: DecodedJws, softwareId: string): void {
  const iss = request.claims.iss;
  requireString(iss, 'iss', MESSAGES.issMissing);
  if (ctx.faults.has('ob-dcr.skip-iss-check')) return;
  if (iss !== softwareId) throw invalidClientMetadata(MESSAGES.issMismatch);
}

/** UK OB DCR §Data Dictionary (DCR-REQ-18): a software_id in the request is the SSA's. */
export function checkSoftwareId(ctx: SandboxContext, request: DecodedJws, softwareId: string): void {
  const id = request.claims.software_id;
  if (id === undefined || ctx.faults.has('ob-dcr.skip-iss-check')) return;
  if (id !== softwareId) throw invalidClientMetadata(MESSAGES.softwareIdMismatch);
}

/** DCR-REQ-11 (UK, validator `registrationAudience`) / DCR-REQ-12 (CDR, always): aud names this server. */
export function checkAudience(ctx: SandboxContext, profile: ObDcrProfile, request: DecodedJws): void {
  if (ctx.faults.has('ob-dcr.skip-aud-check')) return;
  if (profile.flavour === 'uk' && ctx.config.validators.registrationAudience === false) return;
  const aud = request.claims.aud;
  const values = typeof aud === 'string' ? [aud] : Array.isArray(aud) ? aud : [];
  if (!values.some((a) => profile.audiences.includes(a))) throw invalidClientMetadata(MESSAGES.audience);
}

/** RFC 7519 §4.1.4, UK OB DCR §Data Dictionary (DCR-REQ-13): exp present and not passed beyond the skew. */
export function checkExpiry(ctx: SandboxContext, request: DecodedJws): void {
  if (ctx.faults.has('ob-dcr.accept-expired')) return;
  const exp = request.claims.exp;
  if (exp === undefined) throw invalidClientMetadata(MESSAGES.expMissing);
  let expiredAt = ctx.clock.nowSeconds() - ctx.config.clockSkewSeconds;
  // Fault ob-dcr.request-expiry-a-second-late: a request whose exp is exactly now minus the leeway still counts.
  if (ctx.faults.has('ob-dcr.request-expiry-a-second-late')) expiredAt -= 1;
  if (!isNumericDate(exp) || exp <= expiredAt) throw invalidClientMetadata(MESSAGES.expired);
}

/** DCR-REQ-14: iat present, and not in the future beyond the skew (RFC 7519 §4.1.6). */
export function checkIssuedAt(ctx: SandboxContext, request: DecodedJws): void {
  if (ctx.faults.has('ob-dcr.accept-missing-iat')) return;
  const iat = request.claims.iat;
  if (iat === undefined) throw invalidClientMetadata(MESSAGES.iatMissing);
  if (!isNumericDate(iat) || iat > ctx.clock.nowSeconds() + ctx.config.clockSkewSeconds) throw invalidClientMetadata(MESSAGES.iatFuture);
}

/** RFC 7519 §4.1.5 (JWT-07): not accepted before its nbf (beyond the skew); a non-numeric nbf is invalid. */
export function checkNotBefore(ctx: SandboxContext, request: DecodedJws): void {
  if (ctx.faults.has('ob-dcr.ignore-request-nbf')) return;
  const nbf = request.claims.nbf;
  if (nbf === undefined) return;
  let limit = ctx.clock.nowSeconds() + ctx.config.clockSkewSeconds;
  // Fault ob-dcr.request-nbf-a-second-early: a request valid from exactly the leeway ahead is refused already.
  if (ctx.faults.has('ob-dcr.request-nbf-a-second-early')) limit -= 1;
  if (!isNumericDate(nbf) || nbf > limit) throw invalidClientMetadata(MESSAGES.notYetValid);
}

/**
 * RFC 7515 §4.1.11 (JWT-13): no JOSE extension is understood, so a `crit` header makes the JWS
 * invalid; in particular RFC 7797's `b64: false`, which jose would otherwise honour.
 */
export function checkNoCriticalHeader(ctx: SandboxContext, request: DecodedJws): void {
  if (request.header.crit === undefined || ctx.faults.has('ob-dcr.accept-critical-headers')) return;
  throw invalidClientMetadata(MESSAGES.criticalHeader);
}

/** DCR-REQ-15: jti present (a non-empty string). */
export function checkJtiPresent(ctx: SandboxContext, request: DecodedJws): string | undefined {
  const jti = request.claims.jti;
  if (typeof jti === 'string' && jti !== '') return jti;
  if (ctx.faults.has('ob-dcr.accept-missing-jti')) return undefined;
  throw invalidClientMetadata(MESSAGES.jtiMissing);
}

// Stryker disable next-line StringLiteral: any name keeps registration jtis apart from the `assertion:` and `grant:` namespaces alike.
export const REGISTRATION_JTI_NAMESPACE = 'ob-dcr:registration';

/** Seconds a registration jti is remembered: until the request expires (plus skew), at least one day. */
export function jtiRetention(ctx: SandboxContext, request: DecodedJws): number {
  const now = ctx.clock.nowSeconds();
  const exp = isNumericDate(request.claims.exp) ? request.claims.exp : now;
  // Stryker disable next-line ArithmeticOperator: past exp plus the skew checkExpiry refuses the request before its jti is looked at, so the day's floor changes no answer (it holds only under ob-dcr.accept-expired).
  const floor = now + 86_400;
  return Math.max(exp + ctx.config.clockSkewSeconds, floor);
}

/**
 * RFC 7519 §4.1.7 (DCR-REQ-16): a jti is accepted once. Claimed inside the transaction that writes
 * the client, so a refused registration consumes nothing.
 */
export function claimJti(ctx: SandboxContext, request: DecodedJws, jti: string | undefined): void {
  if (jti === undefined || ctx.faults.has('ob-dcr.accept-replayed-jti')) return;
  if (!ctx.store.usedJtis.claim(REGISTRATION_JTI_NAMESPACE, jti, jtiRetention(ctx, request), ctx.clock.nowSeconds())) {
    throw invalidClientMetadata(MESSAGES.jtiReplayed);
  }
}

/** DCR-REQ-16 in the product's order: a jti already accepted is refused before the metadata is looked at. */
export function checkJtiNotReplayed(ctx: SandboxContext, jti: string | undefined): void {
  if (jti === undefined || ctx.faults.has('ob-dcr.accept-replayed-jti')) return;
  const seen = ctx.store.db
    .prepare('SELECT 1 FROM used_jtis WHERE namespace = ? AND jti = ? AND expires_at >= ?')
    .get(REGISTRATION_JTI_NAMESPACE, jti, ctx.clock.nowSeconds());
  if (seen) throw invalidClientMetadata(MESSAGES.jtiReplayed);
}
