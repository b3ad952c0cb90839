import type { FaultSwitch } from '../faults.ts';

/** Discovery and JWKS (rules DISC-*, WSO2-DISC-*). */
export const DISCOVERY_FAULTS = [
  {
    name: 'discovery.request-uri-unsaid',
    rules: ['DISC-19'],
    description: 'The metadata leaves request_uri_parameter_supported out (so true by default) though the server refuses request_uri.',
  },
  {
    name: 'discovery.issuer-mismatch',
    rules: ['DISC-02'],
    description: 'Discovery publishes an issuer that differs from the URL it is fetched from (trailing slash).',
  },
  {
    name: 'discovery.missing-jwks-uri',
    rules: ['DISC-03'],
    description: 'Discovery omits the required jwks_uri member.',
  },
  {
    name: 'discovery.alg-none',
    rules: ['DISC-06', 'DISC-07'],
    description: "Discovery lists 'none' among token_endpoint_auth_signing_alg_values_supported.",
  },
  {
    name: 'discovery.rs256-in-fapi',
    rules: ['DISC-07'],
    description: 'Discovery lists RS256 for ID tokens and request objects under the UK, CDR or FAPI profile.',
  },
  {
    name: 'discovery.no-introspection',
    rules: ['DISC-15', 'WSO2-DISC-02'],
    description: 'Discovery omits introspection_endpoint and revocation_endpoint although both exist.',
  },
  {
    name: 'discovery.no-registration',
    rules: ['DISC-05', 'WSO2-DISC-02'],
    description: 'Discovery omits registration_endpoint.',
  },
  {
    name: 'discovery.oauth-metadata-missing-issuer',
    rules: ['DISC-04'],
    description: 'The RFC 8414 oauth-authorization-server document omits issuer.',
  },
  {
    name: 'jwks.private-members',
    rules: ['DISC-11'],
    description: 'The JWKS publishes the private members of the signing keys (d, p, q, dp, dq, qi).',
  },
  {
    name: 'jwks.duplicate-kid',
    rules: ['DISC-12'],
    description: 'Two keys in the JWKS share one kid.',
  },
  {
    name: 'jwks.missing-use',
    rules: ['DISC-13'],
    description: 'Signing keys are published without use: "sig".',
  },
  {
    name: 'jwks.not-a-key-set',
    rules: ['DISC-10'],
    description: 'The jwks_uri answers a bare key array instead of {"keys": [...]}.',
  },
  {
    name: 'discovery.pkce-plain-in-fapi',
    rules: ['PKCE-09'],
    description: "code_challenge_methods_supported lists 'plain' under the UK, CDR or FAPI profile.",
  },
  {
    name: 'discovery.no-bound-token-support',
    rules: ['CNF-06', 'WSO2-DISC-03'],
    description: 'Discovery omits tls_client_certificate_bound_access_tokens although tokens are bound.',
  },
  {
    name: 'discovery.omit-accepted-auth-method',
    rules: ['DISC-17'],
    description: 'token_endpoint_auth_methods_supported leaves out self_signed_tls_client_auth, which the token endpoint accepts.',
  },
  {
    name: 'discovery.omit-served-grant',
    rules: ['DISC-18'],
    description: 'grant_types_supported leaves out client_credentials and refresh_token, which the token endpoint serves.',
  },
  {
    name: 'discovery.deny-request-objects',
    rules: ['DISC-18'],
    description: 'request_parameter_supported is false, though the authorization endpoint serves request objects.',
  },
] as const satisfies readonly FaultSwitch[];
