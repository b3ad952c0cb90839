import type { JWK } from 'jose';
import type { SandboxContext } from '../context.ts';
import { decodeJws, isNumericDate, verifyWithKeys, type DecodedJws } from './jws.ts';
import { invalidSoftwareStatement, unapprovedSoftwareStatement, MESSAGES } from './errors.ts';
import { trustedDirectoryKeys } from './directory-keys.ts';
import type { ObDcrProfile } from './profile.ts';

/** FAPI1-Adv §8.6, CDS Security Profile (DCR-SSA-07): the register signs with PS256 or ES256. */
const SSA_ALGORITHMS = ['PS256', 'ES256'];

/** RFC 7591 §3.1.1 (DCR-REQ-17): the request carries a software_statement string. */
export function checkSsaPresent(claims: Record<string, unknown>): string {
  const ssa = claims.software_statement;
  if (ssa === undefined || ssa === null || ssa === '') throw invalidSoftwareStatement(MESSAGES.ssaNull);
  if (typeof ssa !== 'string') throw invalidSoftwareStatement(MESSAGES.ssaMalformed);
  return ssa;
}

/** RFC 7591 §2.3 (DCR-SSA-01): the SSA is a JWS with an `iss`. */
export function checkSsaForm(ssa: string): DecodedJws {
  const d = decodeJws(ssa);
  if (!d || typeof d.claims.iss !== 'string') throw invalidSoftwareStatement(MESSAGES.ssaMalformed);
  return d;
}

/** DCR-SSA-09 fault only: a key embedded in the header. */
function headerKeys(ctx: SandboxContext, d: DecodedJws): JWK[] {
  return ctx.faults.has('ob-dcr.trust-header-keys') && d.header.jwk ? [{ ...(d.header.jwk as JWK), kid: d.header.kid }] : [];
}

/**
 * RFC 7591 §2.3, §3.2.2 (DCR-SSA-02, -03, -07, -08, -10): signed with PS256/ES256 by a trusted
 * directory key found by kid.
 */
export async function checkSsaSignature(ctx: SandboxContext, d: DecodedJws): Promise<void> {
  if (ctx.faults.has('ob-dcr.skip-ssa-signature')) return;
  const anyAlg = ctx.faults.has('ob-dcr.accept-any-ssa-alg');
  if (anyAlg && d.header.alg === 'none') return;
  const trusted = trustedDirectoryKeys(ctx).map((k) => (anyAlg ? { ...k, alg: undefined } : k));
  const keys = [...trusted, ...headerKeys(ctx, d)];
  if (ctx.faults.has('ob-dcr.accept-untrusted-directory') && !keys.some((k) => k.kid === d.header.kid)) return;
  const outcome = await verifyWithKeys(d, keys, anyAlg ? [...SSA_ALGORITHMS, 'RS256'] : SSA_ALGORITHMS);
  if (outcome !== 'ok') throw invalidSoftwareStatement(MESSAGES.ssaSignature);
}

/** RFC 7591 §3.2.2 (DCR-SSA-04): the SSA comes from a trusted register. */
export function checkSsaIssuer(ctx: SandboxContext, profile: ObDcrProfile, d: DecodedJws): void {
  if (ctx.faults.has('ob-dcr.accept-untrusted-issuer')) return;
  if (!profile.ssaIssuers.includes(d.claims.iss as string)) throw unapprovedSoftwareStatement(MESSAGES.ssaIssuer);
}

/** RFC 7519 §4.1.4 (DCR-SSA-05): not expired beyond the clock skew; UK SSAs may carry no exp (seed 004). */
export function checkSsaExpiry(ctx: SandboxContext, d: DecodedJws): void {
  const exp = d.claims.exp;
  if (exp === undefined || ctx.faults.has('ob-dcr.accept-expired-ssa')) return;
  // Fault ob-dcr.ssa-expiry-a-second-late: an SSA whose exp is exactly now minus the leeway still counts.
  let expiredAt = ctx.clock.nowSeconds() - ctx.config.clockSkewSeconds;
  if (ctx.faults.has('ob-dcr.ssa-expiry-a-second-late')) expiredAt -= 1;
  if (!isNumericDate(exp) || exp <= expiredAt) throw invalidSoftwareStatement(MESSAGES.ssaExpired);
}

/** RFC 7519 §4.1.5-6 (DCR-SSA-06): not issued (or valid) only in the future beyond the skew. */
export function checkSsaNotFuture(ctx: SandboxContext, d: DecodedJws): void {
  if (ctx.faults.has('ob-dcr.accept-future-ssa')) return;
  // Fault ob-dcr.ssa-iat-a-second-early: an iat exactly the leeway ahead is refused already.
  let limit = ctx.clock.nowSeconds() + ctx.config.clockSkewSeconds;
  if (ctx.faults.has('ob-dcr.ssa-iat-a-second-early')) limit -= 1;
  for (const claim of ['iat', 'nbf'] as const) {
    const v = d.claims[claim];
    if (v === undefined) continue;
    if (!isNumericDate(v) || v > limit) throw invalidSoftwareStatement(MESSAGES.ssaFuture);
  }
}

/** The SSA's software_id (required to register anything). */
export function ssaSoftwareId(d: DecodedJws): string {
  const id = d.claims.software_id;
  if (typeof id !== 'string' || id === '') throw invalidSoftwareStatement(MESSAGES.ssaMalformed);
  return id;
}
