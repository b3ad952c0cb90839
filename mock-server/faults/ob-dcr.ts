import type { FaultSwitch } from '../faults.ts';

/** Open Banking DCR (rules DCR-REQ-*, DCR-SSA-*, DCR-MGT-*, WSO2-OBDCR-*). One switch per validation. */
export const OB_DCR_FAULTS = [
  {
    name: 'ob-dcr.accept-any-content-type',
    rules: ['DCR-REQ-04', 'DCR-REQ-05', 'WSO2-OBDCR-02'],
    description: 'A registration body of any media type is read as a JWS instead of answered 415.',
  },
  {
    name: 'ob-dcr.register-without-mtls',
    rules: ['DCR-REQ-36'],
    description: 'POST /register creates a client without a client certificate on the connection.',
  },
  {
    name: 'ob-dcr.skip-ssa-signature',
    rules: ['DCR-SSA-02', 'DCR-SSA-10'],
    description: 'The SSA signature is not verified (an unknown kid or a wrong signature passes).',
  },
  {
    name: 'ob-dcr.accept-untrusted-directory',
    rules: ['DCR-SSA-03'],
    description: 'An SSA signed by a key that is not a trusted directory key is accepted when its kid is unknown.',
  },
  {
    name: 'ob-dcr.accept-any-ssa-alg',
    rules: ['DCR-SSA-07', 'DCR-SSA-08'],
    description: 'An SSA signed with RS256, or unsigned (alg none), is accepted.',
  },
  {
    name: 'ob-dcr.trust-header-keys',
    rules: ['DCR-SSA-09'],
    description: 'A key embedded in the JOSE header (jwk) verifies an SSA or a registration request.',
  },
  {
    name: 'ob-dcr.accept-untrusted-issuer',
    rules: ['DCR-SSA-04'],
    description: 'An SSA whose iss is not a trusted register is accepted.',
  },
  {
    name: 'ob-dcr.accept-expired-ssa',
    rules: ['DCR-SSA-05'],
    description: 'An expired SSA is accepted.',
  },
  {
    name: 'ob-dcr.accept-future-ssa',
    rules: ['DCR-SSA-06'],
    description: 'An SSA issued in the future beyond the clock skew is accepted.',
  },
  {
    name: 'ob-dcr.client-keys-from-directory',
    rules: ['DCR-SSA-12'],
    description: "A client's assertions are verified with its software's keys in the directory (by software_id), not at the SSA's JWKS location.",
  },
  {
    name: 'ob-dcr.jwks-uri-any-location',
    rules: ['DCR-SSA-15'],
    description: "The SSA's software JWKS location is fetched whatever it is: http, userinfo, off the allow-list.",
  },
  {
    name: 'ob-dcr.jwks-follow-redirects',
    rules: ['DCR-SSA-15'],
    description: 'A redirect from the software JWKS location is followed, wherever it leads.',
  },
  {
    name: 'ob-dcr.jwks-no-refetch-for-unknown-kid',
    rules: ['JWT-22'],
    description: "A client JWT naming a kid its cached software key set lacks is verified with the cached set, never re-read.",
  },
  {
    name: 'ob-dcr.jwks-refetch-every-unknown-kid',
    rules: ['JWT-22'],
    description: 'Every JWT naming a kid the cached key set lacks makes the sandbox fetch the key set location again, however often.',
  },
  {
    name: 'ob-dcr.jwks-cached-forever',
    rules: ['JWT-23'],
    description: 'A fetched key set is used until a JWT names a kid it lacks: a key removed from the location goes on verifying.',
  },
  {
    name: 'ob-dcr.jwks-unbounded',
    rules: ['DCR-SSA-15'],
    description: 'A software JWKS answer is read whole, whatever its size.',
  },
  {
    name: 'ob-dcr.skip-request-signature',
    rules: ['DCR-REQ-07'],
    description: "The registration request's signature is not verified against the software's JWKS.",
  },
  {
    name: 'ob-dcr.accept-rs256',
    rules: ['DCR-REQ-08'],
    description: 'A registration request signed with RS256 is accepted.',
  },
  {
    name: 'ob-dcr.skip-iss-check',
    rules: ['DCR-REQ-09', 'DCR-REQ-10', 'DCR-REQ-18'],
    description: 'The request iss (and software_id) need not be the SSA software_id.',
  },
  {
    name: 'ob-dcr.skip-aud-check',
    rules: ['DCR-REQ-11', 'DCR-REQ-12'],
    description: 'The request aud is not checked.',
  },
  {
    name: 'ob-dcr.accept-expired',
    rules: ['DCR-REQ-13'],
    description: 'An expired (or exp-less) registration request is accepted.',
  },
  {
    name: 'ob-dcr.accept-missing-iat',
    rules: ['DCR-REQ-14'],
    description: 'A registration request without iat is accepted.',
  },
  {
    name: 'ob-dcr.accept-missing-jti',
    rules: ['DCR-REQ-15'],
    description: 'A registration request without jti is accepted.',
  },
  {
    name: 'ob-dcr.accept-replayed-jti',
    rules: ['DCR-REQ-16'],
    description: 'A registration request whose jti was already accepted is accepted again.',
  },
  {
    name: 'ob-dcr.ignore-redirect-uris',
    rules: ['DCR-REQ-20'],
    description: "Request redirect_uris outside the SSA's are accepted even with the redirectUrisWithinSsa validator on.",
  },
  {
    name: 'ob-dcr.accept-insecure-redirect-uris',
    rules: ['DCR-REQ-21'],
    description: 'http and localhost redirect URIs are accepted.',
  },
  {
    name: 'ob-dcr.accept-any-auth-method',
    rules: ['DCR-REQ-22', 'DCR-REQ-23', 'DCR-REQ-24'],
    description: 'Any token_endpoint_auth_method is registered, client_secret_* included.',
  },
  {
    name: 'ob-dcr.accept-any-signing-alg',
    rules: ['DCR-REQ-25', 'DCR-REQ-28'],
    description: 'token_endpoint_auth_signing_alg, id_token_signed_response_alg and request_object_signing_alg are not checked.',
  },
  {
    name: 'ob-dcr.skip-subject-dn-check',
    rules: ['DCR-REQ-26'],
    description: 'tls_client_auth_subject_dn is not required with tls_client_auth nor refused without it.',
  },
  {
    name: 'ob-dcr.accept-rsa1-5',
    rules: ['JWT-20'],
    description: 'RSA1_5 is registered as id_token_encrypted_response_alg.',
  },
  {
    name: 'ob-dcr.accept-any-grant-type',
    rules: ['DCR-REQ-29'],
    description: 'Unknown grant types are registered.',
  },
  {
    name: 'ob-dcr.accept-any-response-type',
    rules: ['DCR-REQ-30'],
    description: 'Unknown response types are registered.',
  },
  {
    name: 'ob-dcr.accept-any-application-type',
    rules: ['DCR-REQ-35'],
    description: 'Any application_type is registered.',
  },
  {
    name: 'ob-dcr.ignore-ssa-scope',
    rules: ['DCR-REQ-34', 'DCR-SSA-14'],
    description: "Requested scopes beyond the SSA's are registered.",
  },
  {
    name: 'ob-dcr.skip-org-check',
    rules: ['WSO2-OBDCR-07'],
    description: "A transport certificate of another organisation than the SSA's is accepted.",
  },
  {
    name: 'ob-dcr.allow-duplicate-software',
    rules: ['DCR-REQ-37', 'WSO2-OBDCR-04'],
    description: 'A second registration of the same software_id is accepted.',
  },
  {
    name: 'ob-dcr.issued-at-number',
    rules: ['WSO2-OBDCR-05'],
    description: 'client_id_issued_at is answered as a number instead of the product\'s string.',
  },
  {
    name: 'ob-dcr.issued-at-milliseconds',
    rules: ['WSO2-OBDCR-05'],
    description: 'client_id_issued_at is the registration time in milliseconds, not seconds.',
  },
  {
    name: 'ob-dcr.response-omits-subject-dn',
    rules: ['DCR-REQ-02'],
    description: 'The registration response leaves out the registered tls_client_auth_subject_dn.',
  },
  {
    name: 'ob-dcr.ssa-expiry-a-second-late',
    rules: ['DCR-SSA-05'],
    description: 'An SSA whose exp is exactly now minus the leeway is still accepted (expired one second late).',
  },
  {
    name: 'ob-dcr.ssa-iat-a-second-early',
    rules: ['DCR-SSA-06'],
    description: 'An SSA issued exactly the leeway ahead of the clock is refused as issued in the future.',
  },
  {
    name: 'ob-dcr.request-expiry-a-second-late',
    rules: ['DCR-REQ-13', 'JWT-06'],
    description: 'A registration request whose exp is exactly now minus the leeway is still accepted.',
  },
  {
    name: 'ob-dcr.request-nbf-a-second-early',
    rules: ['JWT-07'],
    description: 'A registration request valid from exactly the leeway ahead of the clock is refused as not yet valid.',
  },
  {
    name: 'ob-dcr.jwks-tls-unverified',
    rules: ['DCR-SSA-15'],
    description: 'A software JWKS location on the allow-list is read whatever its TLS certificate, a self-signed one included.',
  },
  {
    name: 'ob-dcr.uk-web-only',
    rules: ['DCR-REQ-35'],
    description: 'UK registrations with application_type mobile are refused (the UK allows web and mobile).',
  },
  {
    name: 'ob-dcr.cdr-scope-required',
    rules: ['DCR-REQ-34'],
    description: 'CDR registrations without scope are refused instead of taking the software statement\'s.',
  },
  {
    name: 'ob-dcr.accept-other-client-token',
    rules: ['DCR-MGT-08'],
    description: "A management call with another client's token reads, updates or deletes the client.",
  },
  {
    name: 'ob-dcr.unknown-client-404',
    rules: ['DCR-MGT-06', 'DCR-MGT-07', 'WSO2-OBDCR-03'],
    description: 'A management call for an unknown client id answers 404 instead of 401.',
  },
  {
    name: 'ob-dcr.keep-token-on-unknown-client',
    rules: ['DCR-MGT-06'],
    description: 'The access token used on an unknown client id stays valid.',
  },
  {
    name: 'ob-dcr.skip-registration-scope',
    rules: ['DCR-MGT-03'],
    description: 'CDR: a management call with a token lacking cdr:registration is accepted.',
  },
  {
    name: 'ob-dcr.accept-missing-token',
    rules: ['DCR-MGT-04', 'WSO2-OBDCR-06'],
    description: 'A management call without a valid bearer token is answered as the client asked (for the client in the path).',
  },
  {
    name: 'ob-dcr.put-skips-validation',
    rules: ['DCR-MGT-15', 'DCR-MGT-09'],
    description: 'PUT stores the claims it gets without the registration validation.',
  },
  {
    name: 'ob-dcr.allow-software-id-change',
    rules: ['DCR-MGT-16', 'WSO2-OBDCR-08'],
    description: "PUT may change the client's software_id.",
  },
  {
    name: 'ob-dcr.put-revokes-tokens',
    rules: ['DCR-MGT-17'],
    description: "A successful PUT revokes the client's access tokens.",
  },
  {
    name: 'ob-dcr.delete-keeps-client',
    rules: ['DCR-MGT-19', 'DCR-MGT-20'],
    description: 'DELETE answers 204 but the client and its tokens keep working.',
  },
  {
    name: 'ob-dcr.ignore-request-nbf',
    rules: ['JWT-07'],
    description: 'A registration request whose nbf is in the future is accepted.',
  },
  {
    name: 'ob-dcr.accept-critical-headers',
    rules: ['JWT-13'],
    description: 'A registration request with a crit header (e.g. RFC 7797 b64: false) is accepted.',
  },
  {
    name: 'ob-dcr.jwks-any-status',
    rules: ['DCR-REQ-07'],
    description: 'A key set location answering an error status is read for keys all the same.',
  },
] as const satisfies readonly FaultSwitch[];
