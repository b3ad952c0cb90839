import { OAuthError } from '../errors/oauth-error.ts';
import { WireError } from '../errors/wire-error.ts';

/**
 * OB DCR errors: `{error, error_description}` with the product's codes and descriptions
 * (wso2-surface §6.5: FS `DynamicClientRegistrationRequestMediator`/`DCRExecutor` and the IS
 * validators). Where the product names no text, the sandbox's own is listed in rules/wso2.md W7.
 */
export const invalidRequest = (description: string) => new OAuthError(400, 'invalid_request', description);
export const invalidSoftwareStatement = (description: string) => new OAuthError(400, 'invalid_software_statement', description);
export const unapprovedSoftwareStatement = (description: string) => new OAuthError(400, 'unapproved_software_statement', description);
export const invalidClientMetadata = (description: string) => new OAuthError(400, 'invalid_client_metadata', description);
export const invalidRedirectUri = (description: string) => new OAuthError(400, 'invalid_redirect_uri', description);
export const unsupportedMediaType = (description: string) => new OAuthError(415, 'invalid_request', description);

export const MESSAGES = {
  emptyPayload: 'Request payload is empty or not present.',
  malformedJwt: 'Provided jwt is malformed and cannot be decoded',
  ssaNull: 'Required parameter software statement cannot be null',
  ssaMalformed: 'Malformed Software Statement JWT found',
  ssaSignature: 'Signature validation failed for the software statement',
  ssaIssuer: 'Invalid issuer in software statement',
  ssaExpired: 'Software statement has expired',
  ssaFuture: 'Software statement is issued in the future',
  requestNoKey: 'Invalid request signature. Signed JWT rejected: Another algorithm expected, or no matching key(s) found',
  requestBadSignature: 'Invalid request signature. Signed JWT rejected: Invalid signature',
  requestJwks: 'Invalid request signature. Could not retrieve the software JWKS',
  issMissing: 'Required parameter iss not found in the request',
  issMismatch: 'Invalid issuer, issuer should be the same as the software id',
  softwareIdMismatch: 'Invalid software_id, software_id should be the same as the software id of the software statement',
  audience: 'Invalid audience, the request is not addressed to this server',
  expMissing: 'Required parameter exp not found in the request',
  expired: 'Registration request has expired',
  iatMissing: 'Required parameter iat not found in the request',
  iatFuture: 'Registration request is issued in the future',
  notYetValid: 'Registration request is not yet valid',
  criticalHeader: 'Registration request uses a critical JOSE header extension this server does not support',
  jtiMissing: 'Required parameter jti not found in the request',
  jtiReplayed: 'Rejected the replayed jti in the registration request',
  redirectUrisEmpty: 'Required parameter redirectUris cannot be empty',
  redirectUrisInvalid: 'Invalid redirect_uris found in the Request',
  redirectUrisSsa: 'Invalid redirect_uris found in the SSA',
  redirectUrisMismatch: 'Redirect URIs do not match with the software statement',
  authMethodMissing: 'Required parameter tokenEndpointAuthMethod not found in the request',
  authMethodInvalid: 'Invalid token endpoint authentication method requested.',
  signingAlgMissing: 'Token endpoint auth signing alg must be specified if token_endpoint_auth_method is private_key_jwt.',
  subjectDnMissing: 'Required parameter tlsClientAuthSubjectDn not found in the request',
  subjectDnUnexpected: 'tls_client_auth_subject_dn is allowed only with token_endpoint_auth_method tls_client_auth',
  algInvalid: 'Invalid signature algorithm requested',
  encryptionAlgInvalid: 'Invalid encryption algorithm requested',
  grantTypesEmpty: 'Required parameter grantTypes cannot be empty',
  grantTypesInvalid: 'Invalid grantTypes provided',
  responseTypesInvalid: 'Invalid responseTypes provided',
  applicationTypeMissing: 'Required parameter applicationType not found in the request',
  applicationTypeInvalid: 'Invalid applicationType provided',
  idTokenAlgMissing: 'Required parameter idTokenSignatureAlgorithm not found in the request',
  requestObjectAlgMissing: 'Required parameter requestObjectSignatureAlgorithm not found in the request',
  scopeMissing: 'Required parameter scope not found in the request',
  scopeInvalid: 'Invalid scope provided',
  orgMismatch: 'The transport certificate does not belong to the organisation of the software statement',
  duplicate: (name: string) => `Application with the name ${name} already exist in the system`,
  /** FS RequiredParamsValidator on a blank string parameter (a null one its Gson copy leaves out: "not found"). */
  emptyParameter: (name: string) => `Required parameter ${name} cannot be empty`,
  softwareIdChange: 'The software_id of a registered client cannot be changed',
  notBound: 'Token is not bound to the client id sent in the request',
} as const;

/**
 * FS RequiredParamsValidator on a required string parameter: absent (null is left out of its Gson
 * copy of the request) is `missing`, blank is "cannot be empty"; another type is left to the
 * parameter's own check.
 */
export function requireString(value: unknown, name: string, missing: string): void {
  if (value === undefined || value === null) throw invalidClientMetadata(missing);
  if (typeof value === 'string' && value.trim() === '') throw invalidClientMetadata(MESSAGES.emptyParameter(name));
}

/**
 * The API Manager gateway's authentication failure (wso2-surface §6.2): APIM 4.x answers
 * `{code, message, description}`; an FS accelerator gateway wraps the three under `error`.
 */
export class GatewayAuthError extends WireError {
  readonly status: number;
  readonly code: string;
  readonly gatewayMessage: string;
  readonly description: string;
  readonly wrapped: boolean;
  override readonly headers: Record<string, string>;

  constructor(status: number, code: string, gatewayMessage: string, description: string, wrapped: boolean, headers: Record<string, string> = {}) {
    // Stryker disable next-line StringLiteral: the Error's own message is never sent; the answer is built from the fields below.
    super(`${code} ${gatewayMessage}`);
    // Stryker disable next-line StringLiteral: the Error name is never sent.
    this.name = 'GatewayAuthError';
    this.status = status;
    this.code = code;
    this.gatewayMessage = gatewayMessage;
    this.description = description;
    this.wrapped = wrapped;
    this.headers = headers;
  }

  body() {
    const inner = { code: this.code, message: this.gatewayMessage, description: this.description };
    return this.wrapped ? { error: inner } : inner;
  }
}
