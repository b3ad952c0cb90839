import type { ClientMetadata } from '../store/clients.ts';
import { IsDcrError, invalidClientMetadata } from '../errors/is-dcr-error.ts';

/**
 * Validation of an IS DCR v1.1 RegistrationRequestDTO (identity-inbound-auth-oauth). One rule per
 * function; each throws the product's error. Only members the product knows are kept: unknown
 * members are ignored (RFC 7591 §2).
 */

/** Identity Server's default service provider name regex (`ServiceProviderNameRegex`). */
export const CLIENT_NAME_REGEX = /^[a-zA-Z0-9\s.+_-]+$/;

export const SUPPORTED_GRANT_TYPES = [
  'authorization_code',
  'client_credentials',
  'refresh_token',
  'urn:ietf:params:oauth:grant-type:jwt-bearer',
  'implicit',
  'password',
  'urn:ietf:params:oauth:grant-type:saml2-bearer',
  'iwa:ntlm',
  'urn:ietf:params:oauth:grant-type:device_code',
] as const;

export const SUPPORTED_AUTH_METHODS = [
  'client_secret_basic',
  'client_secret_post',
  'private_key_jwt',
  'tls_client_auth',
  'self_signed_tls_client_auth',
  'none',
] as const;

const STRING_MEMBERS = [
  'client_name', 'jwks_uri', 'url', 'ext_param_client_id', 'ext_param_client_secret', 'token_type_extension',
  'ext_token_type', 'backchannel_logout_uri', 'frontchannel_logout_uri', 'ext_param_sp_template',
  'ext_application_display_name', 'ext_application_owner', 'token_endpoint_auth_method',
  'token_endpoint_auth_signing_alg', 'sector_identifier_uri', 'id_token_signed_response_alg',
  'id_token_encrypted_response_alg', 'id_token_encrypted_response_enc', 'request_object_signing_alg',
  'tls_client_auth_subject_dn', 'subject_type', 'request_object_encryption_alg', 'request_object_encryption_enc',
  'software_statement', 'scope',
  // RegistrationRequestDTO: a String ("application" or "organization"), not a list.
  'ext_allowed_audience',
] as const;
const STRING_ARRAY_MEMBERS = ['redirect_uris', 'grant_types', 'contacts', 'post_logout_redirect_uris', 'request_uris'] as const;
const BOOLEAN_MEMBERS = [
  'backchannel_logout_session_required', 'is_management_app', 'ext_pkce_mandatory', 'ext_pkce_support_plain',
  'ext_public_client', 'token_endpoint_allow_reuse_pvt_key_jwt', 'require_pushed_authorization_requests',
  'require_signed_request_object', 'tls_client_certificate_bound_access_tokens',
] as const;
const INTEGER_MEMBERS = [
  'ext_param_client_secret_expires_at', 'ext_application_token_lifetime', 'ext_user_token_lifetime',
  'ext_refresh_token_lifetime', 'ext_id_token_lifetime',
] as const;
/** RFC 7591 §2 `jwks`: a sandbox extension besides `jwks_uri`, so clients need no hosted key set. */
const OBJECT_MEMBERS = ['jwks'] as const;

function pickTyped(body: Record<string, unknown>): ClientMetadata {
  const out: ClientMetadata = {};
  const bad = (member: string, what: string) => invalidClientMetadata(`Invalid data sent for the service provider : ${member} must be ${what}`);
  for (const m of STRING_MEMBERS) {
    const v = body[m];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string') throw bad(m, 'a string');
    out[m] = v;
  }
  for (const m of STRING_ARRAY_MEMBERS) {
    const v = body[m];
    if (v === undefined || v === null) continue;
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) throw bad(m, 'an array of strings');
    out[m] = [...v];
  }
  for (const m of BOOLEAN_MEMBERS) {
    const v = body[m];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'boolean') throw bad(m, 'a boolean');
    out[m] = v;
  }
  for (const m of INTEGER_MEMBERS) {
    const v = body[m];
    if (v === undefined || v === null) continue;
    // A Long of the DTO: any sign binds (DCRMService checks the secret expiry itself, the lifetimes
    // not), a fraction is truncated (Jackson's ACCEPT_FLOAT_AS_INT, on by default).
    if (typeof v !== 'number') throw bad(m, 'an integer');
    out[m] = Math.trunc(v);
  }
  for (const m of OBJECT_MEMBERS) {
    const v = body[m];
    if (v === undefined || v === null) continue;
    // RFC 7517 §5: an object with a `keys` list (a scalar or a list has no such member).
    if (!Array.isArray((v as { keys?: unknown }).keys)) throw bad(m, 'a JWK Set');
    out[m] = v;
  }
  return out;
}

function checkClientName(m: ClientMetadata): void {
  const name = m.client_name as string | undefined;
  if (!name || name.trim() === '') throw invalidClientMetadata('The client name is missing or empty.');
  if (!CLIENT_NAME_REGEX.test(name)) {
    throw invalidClientMetadata(`Client Name is not adhering to the regex: ${CLIENT_NAME_REGEX.source}`);
  }
}

/** RFC 6749 §3.1.2: an absolute URI (WHATWG URL parses nothing else, any scheme) without a fragment. */
function isRedirectUri(uri: string): boolean {
  return URL.canParse(uri) && !new URL(uri).hash;
}

function checkRedirectUris(m: ClientMetadata): void {
  for (const uri of (m.redirect_uris as string[] | undefined) ?? []) {
    if (!isRedirectUri(uri)) throw new IsDcrError(400, 'invalid_redirect_uri', `Invalid redirect URI: ${uri}`);
  }
  // Stryker disable next-line ArrayDeclaration: no list and a list without these grants need no redirect URI alike
  const grants = (m.grant_types as string[] | undefined) ?? [];
  const needsRedirect = grants.includes('authorization_code') || grants.includes('implicit');
  if (needsRedirect && !((m.redirect_uris as string[] | undefined) ?? []).length) {
    throw new IsDcrError(400, 'invalid_redirect_uri', 'Redirect URI is mandatory for the authorization_code grant type');
  }
}

function checkGrantTypes(m: ClientMetadata): void {
  for (const g of (m.grant_types as string[] | undefined) ?? []) {
    if (!(SUPPORTED_GRANT_TYPES as readonly string[]).includes(g)) {
      throw invalidClientMetadata(`Invalid data sent for the service provider : grant type ${g} is not supported`);
    }
  }
}

function checkAuthMethod(m: ClientMetadata): void {
  const method = m.token_endpoint_auth_method as string | undefined;
  if (method === undefined) return;
  if (!(SUPPORTED_AUTH_METHODS as readonly string[]).includes(method)) {
    throw invalidClientMetadata('Invalid token endpoint authentication method requested.');
  }
  // DCRMService asks no key set of private_key_jwt or self_signed_tls_client_auth (WSO2-ISDCR-10):
  // the keys may come later (jwks_uri on update, the application certificate).
  // RFC 8705 §2.1.2: tls_client_auth names the expected subject.
  if (method === 'tls_client_auth' && !m.tls_client_auth_subject_dn) {
    throw invalidClientMetadata('tls_client_auth_subject_dn is required for tls_client_auth');
  }
}

/** The assertion signing alg is checked whether or not a method is named. */
function checkAuthSigningAlg(m: ClientMetadata): void {
  const alg = m.token_endpoint_auth_signing_alg as string | undefined;
  if (alg !== undefined && !['PS256', 'ES256', 'RS256'].includes(alg)) {
    throw invalidClientMetadata('Invalid signature algorithm requested');
  }
}

/** Identity Server's default OAuthServerConfiguration clientIdValidationRegex, matched whole. */
export const CLIENT_ID_REGEX = '[a-zA-Z0-9_]{15,30}';
const CLIENT_ID_PATTERN = new RegExp(`^(?:${CLIENT_ID_REGEX})$`);

/** DCRMService: a preset ext_param_client_id must match the pattern (BAD_REQUEST_CLIENT_ID_VIOLATES_PATTERN). */
function checkPresetClientId(m: ClientMetadata): void {
  const id = m.ext_param_client_id;
  if (typeof id === 'string' && id !== '' && !CLIENT_ID_PATTERN.test(id)) {
    throw invalidClientMetadata(`Provided client id is not adhering to the provided regex ${CLIENT_ID_REGEX}`);
  }
}

/** DCRMService: a secret expiry (epoch seconds, RFC 7591 §3.2.1) is 0 for never, or in the future. */
function checkSecretExpiry(m: ClientMetadata, nowSeconds: number): void {
  const at = m.ext_param_client_secret_expires_at;
  // An absent expiry (undefined) compares false: nothing to check.
  if (at !== 0 && (at as number) < nowSeconds) {
    throw invalidClientMetadata(`The provided client secret expiry time is in the past: ${at}`);
  }
}

function checkJwksExclusive(m: ClientMetadata): void {
  // RFC 7591 §2: jwks and jwks_uri MUST NOT both be present.
  if (m.jwks && m.jwks_uri) throw invalidClientMetadata('Both jwks and jwks_uri are present; send only one');
}

/** What the deployment's profile adds to the product's own checks. */
export interface RegistrationPolicy {
  /** FAPI 1 Advanced based (UK, CDR): refuse RSA1_5 key transport. */
  fapi: boolean;
  /** The algorithms the server signs ID tokens with (its keys). */
  idTokenAlgs: readonly string[];
  /**
   * DCRMService's value checks (WSO2-ISDCR-10): preset client id pattern, secret expiry against
   * this time, the assertion signing alg. Absent: not checked (fault switch).
   */
  valueChecks?: { nowSeconds: number };
}

/** OIDC Registration §2 (WSO2-AUTHZ-12): an ID token alg the server can sign with, never none. */
function checkIdTokenAlg(m: ClientMetadata, policy: RegistrationPolicy): void {
  const alg = m.id_token_signed_response_alg;
  if (alg !== undefined && !policy.idTokenAlgs.includes(alg as string)) {
    throw invalidClientMetadata('Invalid signature algorithm requested');
  }
}

/** Members naming a JWE key management algorithm the server would use for the client. */
const ENCRYPTION_ALG_MEMBERS = ['id_token_encrypted_response_alg', 'request_object_encryption_alg'] as const;

/** FAPI1-Adv §8.6.1 (JWT-20): RSA1_5 shall not be used, so it is not registrable under FAPI. */
function checkKeyTransport(m: ClientMetadata, policy: RegistrationPolicy): void {
  if (!policy.fapi) return;
  for (const member of ENCRYPTION_ALG_MEMBERS) {
    if (m[member] === 'RSA1_5') throw invalidClientMetadata(`Invalid data sent for the service provider : ${member} RSA1_5 is not allowed`);
  }
}

/** Validated metadata of a registration (POST) or update (PUT) request. */
export function validateRegistration(body: Record<string, unknown>, policy: RegistrationPolicy): ClientMetadata {
  const m = pickTyped(body);
  checkClientName(m);
  checkGrantTypes(m);
  checkRedirectUris(m);
  checkJwksExclusive(m);
  checkAuthMethod(m);
  // Stryker disable next-line ConditionalExpression: valueChecks is absent only under the fault isdcr.unchecked-registration-values
  if (policy.valueChecks) {
    checkAuthSigningAlg(m);
    checkPresetClientId(m);
    checkSecretExpiry(m, policy.valueChecks.nowSeconds);
  }
  checkKeyTransport(m, policy);
  checkIdTokenAlg(m, policy);
  return m;
}

/**
 * `additionalAttributes` of an IS DCR v1.1 registration or update (`Map<String,String>` in the
 * request DTOs): the service provider properties the fsKeyManager sets for a regulatory application
 * (`regulatory`, `sp_certificate`, ...; apim-surface §5.3 step 4). Scalars are read as strings;
 * undefined when the request sends none.
 */
export function readAdditionalAttributes(body: Record<string, unknown>): Record<string, string> | undefined {
  const v = body.additionalAttributes;
  if (v === undefined || v === null) return undefined;
  const bad = () => invalidClientMetadata('Invalid data sent for the service provider : additionalAttributes must be an object of strings');
  if (typeof v !== 'object' || Array.isArray(v)) throw bad();
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    if (x === null || x === undefined) continue;
    if (typeof x !== 'string' && typeof x !== 'number' && typeof x !== 'boolean') throw bad();
    out[k] = String(x);
  }
  return out;
}
