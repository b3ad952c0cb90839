import type { SoftwareProduct, SsaFlavour } from './software-statements.ts';

/**
 * The claims of an Open Banking DCR registration request JWT, as seed 004's sample request carries
 * them (UK OB DCR §Data Dictionary; CDS DCR API ClientRegistration): `iss` = the SSA's software_id,
 * the software's redirect URIs, private_key_jwt with PS256 (or tls_client_auth with the transport
 * certificate's subject DN), the four grant types, `code id_token`, PS256 ID token and request
 * object signing, RSA-OAEP/A256GCM ID token encryption, and the SSA itself. Pure.
 */
export const REGISTRATION_GRANT_TYPES = [
  'client_credentials',
  'authorization_code',
  'refresh_token',
  'urn:ietf:params:oauth:grant-type:jwt-bearer',
] as const;

/** Default lifetime of a registration request when the caller gives no `exp`. */
export const REGISTRATION_REQUEST_LIFETIME_SECONDS = 300;

export interface RegistrationRequestOptions {
  aud: string;
  iat: number;
  jti: string;
  exp?: number;
  authMethod?: 'private_key_jwt' | 'tls_client_auth';
  /** RFC 8705 §2.1.2 `tls_client_auth_subject_dn`, for tls_client_auth (DCR-REQ-26). */
  subjectDn?: string;
}

export function registrationRequestClaims(
  _flavour: SsaFlavour,
  product: SoftwareProduct,
  ssa: string,
  opts: RegistrationRequestOptions,
): Record<string, unknown> {
  const method = opts.authMethod ?? 'private_key_jwt';
  return {
    iss: product.softwareId,
    iat: opts.iat,
    exp: opts.exp ?? opts.iat + REGISTRATION_REQUEST_LIFETIME_SECONDS,
    jti: opts.jti,
    aud: opts.aud,
    redirect_uris: [...product.redirectUris],
    token_endpoint_auth_signing_alg: 'PS256',
    token_endpoint_auth_method: method,
    ...(method === 'tls_client_auth' && opts.subjectDn !== undefined ? { tls_client_auth_subject_dn: opts.subjectDn } : {}),
    grant_types: [...REGISTRATION_GRANT_TYPES],
    response_types: ['code id_token'],
    application_type: 'web',
    id_token_signed_response_alg: 'PS256',
    id_token_encrypted_response_alg: 'RSA-OAEP',
    id_token_encrypted_response_enc: 'A256GCM',
    request_object_signing_alg: 'PS256',
    scope: product.scope,
    software_statement: ssa,
  };
}
