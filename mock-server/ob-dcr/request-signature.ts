import type { JWK } from 'jose';
import type { SandboxContext } from '../context.ts';
import { resolveJwks } from '../directory/jwks-resolver.ts';
import { verifyWithKeys, type DecodedJws } from './jws.ts';
import { invalidRequest, MESSAGES } from './errors.ts';
import type { ObDcrProfile } from './profile.ts';
import { ssaJwksUri } from './ssa-claims.ts';

/** FAPI1-Adv §8.6 (DCR-REQ-08): PS256 or ES256; RS256, HS*, none refused. */
export function requestAlgorithms(ctx: SandboxContext): string[] {
  return ctx.faults.has('ob-dcr.accept-rs256') ? ['PS256', 'ES256', 'RS256'] : ['PS256', 'ES256'];
}

/** DCR-REQ-08: the request's alg is allowed, before any key is looked for. */
export function checkRequestAlgorithm(ctx: SandboxContext, request: DecodedJws): void {
  // Stryker disable next-line StringLiteral: any string that names no algorithm is refused alike.
  if (!requestAlgorithms(ctx).includes(request.header.alg ?? '')) throw invalidRequest(MESSAGES.requestNoKey);
}

/** The software's keys, from the SSA's JWKS location only (DCR-REQ-07, DCR-SSA-12), never from headers. */
async function softwareKeys(ctx: SandboxContext, profile: ObDcrProfile, ssa: DecodedJws, request: DecodedJws): Promise<JWK[]> {
  const uri = ssaJwksUri(profile, ssa.claims);
  if (typeof uri !== 'string') throw invalidRequest(MESSAGES.requestJwks);
  const lookup = await resolveJwks(ctx, uri);
  if (!lookup.ok) {
    // Stryker disable next-line StringLiteral: the log line is never sent.
    ctx.log(`OB DCR: software JWKS not used: ${lookup.reason}`);
    throw invalidRequest(MESSAGES.requestJwks);
  }
  // Stryker disable next-line ArrayDeclaration: a string among the keys is no key (the kid and isSigningKey filters of verifyWithKeys drop it).
  const header = ctx.faults.has('ob-dcr.trust-header-keys') && request.header.jwk ? [{ ...(request.header.jwk as JWK), kid: request.header.kid }] : [];
  // The fault accepts RS256 with the software's RSA key, whatever algorithm the JWK names.
  const keys = ctx.faults.has('ob-dcr.accept-rs256') ? lookup.keys.map(({ alg: _alg, ...k }) => k) : lookup.keys;
  return [...keys, ...header];
}

/** UK OB DCR §Of JWS & JWKS, CDR Register §DCR (DCR-REQ-07): the request verifies with the software's key. */
export async function checkRequestSignature(ctx: SandboxContext, profile: ObDcrProfile, ssa: DecodedJws, request: DecodedJws): Promise<void> {
  if (ctx.faults.has('ob-dcr.skip-request-signature')) return;
  const keys = await softwareKeys(ctx, profile, ssa, request);
  const outcome = await verifyWithKeys(request, keys, requestAlgorithms(ctx));
  if (outcome === 'no-key') throw invalidRequest(MESSAGES.requestNoKey);
  if (outcome === 'bad-signature') throw invalidRequest(MESSAGES.requestBadSignature);
}
