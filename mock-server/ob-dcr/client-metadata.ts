import type { JWTPayload } from 'jose';
import type { SandboxContext } from '../context.ts';
import { invalidClientMetadata, invalidRedirectUri, MESSAGES, requireString } from './errors.ts';
import type { ObDcrProfile } from './profile.ts';
import { ssaRedirectUris, ssaScopes } from './ssa-claims.ts';

/**
 * The client metadata checks of an OB DCR request, in the product's order (wso2-surface §6.5:
 * required parameters, then redirect URIs, then algorithms). Each returns the value to register.
 */
type Claims = Record<string, unknown>;

/** `config.validators` key: request redirect_uris must be within the SSA's (on by default; seed 004 passes only with it off). */
export const REDIRECT_URIS_VALIDATOR = 'redirectUrisWithinSsa';
/** FAPI1-Adv §8.6 (DCR-REQ-25, DCR-REQ-28). */
const SIGNING_ALGS = ['PS256', 'ES256'];
/** UK OB DCR §Data Dictionary grant_types (DCR-REQ-29), with jwt-bearer as seed 004 registers it. */
const GRANT_TYPES = ['client_credentials', 'authorization_code', 'refresh_token', 'urn:ietf:params:oauth:grant-type:jwt-bearer', 'urn:openid:params:grant-type:ciba'];
/** OIDC response types the sandbox's authorize endpoint serves (DCR-REQ-30). */
const RESPONSE_TYPES = ['code id_token', 'code'];
const DEFAULT_RESPONSE_TYPES = ['code id_token'];

const isEmpty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
const stringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** The product's required parameters (FS 4.x validators), each with its own message. */
export function checkRequiredParameters(profile: ObDcrProfile, c: Claims): void {
  if (isEmpty(c.redirect_uris)) throw invalidClientMetadata(MESSAGES.redirectUrisEmpty);
  requireString(c.token_endpoint_auth_method, 'tokenEndpointAuthMethod', MESSAGES.authMethodMissing);
  if (isEmpty(c.grant_types)) throw invalidClientMetadata(MESSAGES.grantTypesEmpty);
  requireString(c.application_type, 'applicationType', MESSAGES.applicationTypeMissing);
  requireString(c.id_token_signed_response_alg, 'idTokenSignatureAlgorithm', MESSAGES.idTokenAlgMissing);
  requireString(c.request_object_signing_alg, 'requestObjectSignatureAlgorithm', MESSAGES.requestObjectAlgMissing);
  if (profile.scopeRequired) requireString(c.scope, 'scope', MESSAGES.scopeMissing);
}

/** UK OB DCR §Data Dictionary redirect_uris, FAPI1-Baseline §5.2.2-20 (DCR-REQ-21): absolute https, not localhost, no fragment. */
function acceptableRedirectUri(ctx: SandboxContext, uri: unknown): boolean {
  if (typeof uri !== 'string') return false;
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return false;
  }
  if (url.hash) return false;
  if (ctx.faults.has('ob-dcr.accept-insecure-redirect-uris')) return url.protocol === 'https:' || url.protocol === 'http:';
  return url.protocol === 'https:' && url.hostname !== 'localhost' && url.hostname !== '127.0.0.1' && url.hostname !== '[::1]';
}

export function checkRedirectUris(ctx: SandboxContext, c: Claims): string[] {
  const uris = c.redirect_uris;
  if (!Array.isArray(uris) || !uris.every((u) => acceptableRedirectUri(ctx, u))) throw invalidRedirectUri(MESSAGES.redirectUrisInvalid);
  return uris as string[];
}

/** RFC 7591 §3.2.2, UK OB DCR (DCR-REQ-20): every requested URI is one of the SSA's (a validator the bank can turn off). */
export function checkRedirectUrisWithinSsa(ctx: SandboxContext, profile: ObDcrProfile, ssa: JWTPayload, uris: string[]): void {
  if (ctx.config.validators[REDIRECT_URIS_VALIDATOR] === false || ctx.faults.has('ob-dcr.ignore-redirect-uris')) return;
  const allowed = ssaRedirectUris(profile, ssa);
  if (!stringArray(allowed) || !allowed.every((u) => URL.canParse(u))) throw invalidRedirectUri(MESSAGES.redirectUrisSsa);
  if (!uris.every((u) => allowed.includes(u))) throw invalidRedirectUri(MESSAGES.redirectUrisMismatch);
}

/** DCR-REQ-22/23/24 by profile; DCR-REQ-25: private_key_jwt names PS256 or ES256. */
export function checkAuthMethod(ctx: SandboxContext, profile: ObDcrProfile, c: Claims): string {
  const method = c.token_endpoint_auth_method;
  if (typeof method !== 'string') throw invalidClientMetadata(MESSAGES.authMethodInvalid);
  if (!profile.authMethods.includes(method) && !ctx.faults.has('ob-dcr.accept-any-auth-method')) {
    throw invalidClientMetadata(MESSAGES.authMethodInvalid);
  }
  if (ctx.faults.has('ob-dcr.accept-any-signing-alg')) return method;
  const alg = c.token_endpoint_auth_signing_alg;
  if (method === 'private_key_jwt' && isEmpty(alg)) throw invalidClientMetadata(MESSAGES.signingAlgMissing);
  if (alg !== undefined && !SIGNING_ALGS.includes(alg as string)) throw invalidClientMetadata(MESSAGES.algInvalid);
  return method;
}

/** UK OB DCR §Data Dictionary, RFC 8705 §2.1.2 (DCR-REQ-26): tls_client_auth_subject_dn iff tls_client_auth. */
export function checkSubjectDn(ctx: SandboxContext, profile: ObDcrProfile, c: Claims, method: string): void {
  if (ctx.faults.has('ob-dcr.skip-subject-dn-check')) return;
  const dn = c.tls_client_auth_subject_dn;
  if (method === 'tls_client_auth') {
    if (profile.subjectDnRequired && (typeof dn !== 'string' || dn === '')) throw invalidClientMetadata(MESSAGES.subjectDnMissing);
  } else if (dn !== undefined) {
    throw invalidClientMetadata(MESSAGES.subjectDnUnexpected);
  }
}

/** DCR-REQ-29: grant types from the allowed set. */
export function checkGrantTypes(ctx: SandboxContext, c: Claims): string[] {
  const grants = c.grant_types;
  if (!stringArray(grants)) throw invalidClientMetadata(MESSAGES.grantTypesInvalid);
  if (!ctx.faults.has('ob-dcr.accept-any-grant-type') && !grants.every((g) => GRANT_TYPES.includes(g))) {
    throw invalidClientMetadata(MESSAGES.grantTypesInvalid);
  }
  return grants;
}

/**
 * DCR-REQ-30: response types default to `code id_token`; unknown ones are refused, and every
 * response type needs the authorization_code grant (OIDC Registration §2 consistency).
 */
export function checkResponseTypes(ctx: SandboxContext, c: Claims, grants: string[]): string[] {
  const types = c.response_types === undefined ? DEFAULT_RESPONSE_TYPES : c.response_types;
  if (ctx.faults.has('ob-dcr.accept-any-response-type')) return stringArray(types) ? types : DEFAULT_RESPONSE_TYPES;
  if (!stringArray(types) || !types.every((t) => RESPONSE_TYPES.includes(t))) throw invalidClientMetadata(MESSAGES.responseTypesInvalid);
  if (types.length > 0 && !grants.includes('authorization_code')) throw invalidClientMetadata(MESSAGES.responseTypesInvalid);
  return types;
}

/** DCR-REQ-35: UK web or mobile, CDR web. */
export function checkApplicationType(ctx: SandboxContext, profile: ObDcrProfile, c: Claims): void {
  if (ctx.faults.has('ob-dcr.accept-any-application-type')) return;
  if (!profile.applicationTypes.includes(c.application_type as string)) throw invalidClientMetadata(MESSAGES.applicationTypeInvalid);
}

/** DCR-REQ-28: ID token and request object signing algorithms PS256 or ES256. */
export function checkTokenAlgorithms(ctx: SandboxContext, c: Claims): void {
  if (ctx.faults.has('ob-dcr.accept-any-signing-alg')) return;
  for (const name of ['id_token_signed_response_alg', 'request_object_signing_alg'] as const) {
    if (!SIGNING_ALGS.includes(c[name] as string)) throw invalidClientMetadata(MESSAGES.algInvalid);
  }
}

/** FAPI1-Adv §8.6.1 (JWT-20): RSA1_5 key transport is not registrable for ID token (or other) encryption. */
export function checkEncryptionAlgorithms(ctx: SandboxContext, c: Claims): void {
  if (ctx.faults.has('ob-dcr.accept-rsa1-5')) return;
  for (const name of ['id_token_encrypted_response_alg', 'request_object_encryption_alg', 'userinfo_encrypted_response_alg'] as const) {
    if (c[name] === 'RSA1_5') throw invalidClientMetadata(MESSAGES.encryptionAlgInvalid);
  }
}

/** DCR-REQ-34, DCR-SSA-14: the scope is within the SSA's; CDR without a scope registers the SSA's. */
export function checkScope(ctx: SandboxContext, profile: ObDcrProfile, ssa: JWTPayload, c: Claims): string {
  const allowed = ssaScopes(profile, ssa);
  if (c.scope === undefined && !profile.scopeRequired) return allowed.filter((s) => s !== 'openid').join(' ');
  if (typeof c.scope !== 'string') throw invalidClientMetadata(MESSAGES.scopeInvalid);
  const wanted = c.scope.split(' ').filter(Boolean);
  if (wanted.length === 0) throw invalidClientMetadata(MESSAGES.scopeMissing);
  if (!ctx.faults.has('ob-dcr.ignore-ssa-scope') && !wanted.every((s) => allowed.includes(s))) throw invalidClientMetadata(MESSAGES.scopeInvalid);
  return [...new Set(wanted)].join(' ');
}
