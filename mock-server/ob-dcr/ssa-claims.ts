import type { JWTPayload } from 'jose';
import { UK_ROLE_SCOPES } from '../../pki/software-products.ts';
import type { ObDcrProfile } from './profile.ts';

/** What the registration reads from an SSA, by flavour (UK OB Directory vs CDR Register claim names). */
export function ssaJwksUri(profile: ObDcrProfile, ssa: JWTPayload): unknown {
  return profile.flavour === 'cdr' ? ssa.jwks_uri : ssa.software_jwks_endpoint;
}

export function ssaRedirectUris(profile: ObDcrProfile, ssa: JWTPayload): unknown {
  return profile.flavour === 'cdr' ? ssa.redirect_uris : ssa.software_redirect_uris;
}

const split = (s: unknown) => (typeof s === 'string' ? s.split(' ').filter(Boolean) : []);

/**
 * The scopes the SSA allows (DCR-REQ-34, DCR-SSA-14): CDR its `scope`; UK the scopes of its
 * `software_roles` (UK OB DCR §Data Mapping: AISP accounts, PISP payments, CBPII
 * fundsconfirmations) plus an explicit `scope` claim if it has one; `openid` always.
 */
export function ssaScopes(profile: ObDcrProfile, ssa: JWTPayload): string[] {
  if (profile.flavour === 'cdr') return ['openid', ...split(ssa.scope)];
  const roles = Array.isArray(ssa.software_roles) ? ssa.software_roles : split(ssa.software_roles);
  const fromRoles = roles.map((r) => (typeof r === 'string' ? UK_ROLE_SCOPES[r] : undefined)).filter((s): s is string => !!s);
  return ['openid', ...fromRoles, ...split(ssa.scope)];
}

export function ssaOrgId(ssa: JWTPayload): string | undefined {
  return typeof ssa.org_id === 'string' ? ssa.org_id : undefined;
}
