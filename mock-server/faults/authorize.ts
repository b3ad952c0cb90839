import type { FaultSwitch } from '../faults.ts';

/** Authorization endpoint, authorization_code, PKCE, refresh_token and userinfo. */
export const AUTHORIZE_FAULTS = [
  {
    name: 'authorize.ignore-redirect-uri-mismatch',
    rules: ['WSO2-AUTHZ-02', 'AUTHZ-02', 'TOK-12'],
    description: 'The authorization endpoint redirects to an unregistered redirect_uri, and the token endpoint ignores a differing one.',
  },
  {
    name: 'authorize.accept-repeated-parameters',
    rules: ['AUTHZ-24'],
    description: 'The authorization endpoint takes a parameter sent more than once at its last value instead of refusing the request.',
  },
  {
    name: 'authorize.accept-wrong-pkce-verifier',
    rules: ['PKCE-05', 'PKCE-07'],
    description: 'The token endpoint accepts any code_verifier of the right shape for an S256 challenge.',
  },
  {
    name: 'authorize.accept-code-twice',
    rules: ['TOK-10'],
    description: 'An authorization code can be redeemed more than once.',
  },
  {
    name: 'authorize.accept-plain-pkce-under-fapi',
    rules: ['PKCE-02', 'PKCE-03'],
    description: 'code_challenge_method plain (or omitted) is accepted under the FAPI profiles.',
  },
  {
    name: 'authorize.no-pkce-required',
    rules: ['PKCE-01'],
    description: 'An authorization request without code_challenge is accepted under FAPI (and for ext_pkce_mandatory clients).',
  },
  {
    name: 'authorize.accept-expired-code',
    rules: ['TOK-09'],
    description: 'An expired authorization code is still redeemed.',
  },
  {
    name: 'authorize.request-object-unsigned-ok',
    rules: ['JWT-01', 'AUTHZ-10'],
    description: 'A request object with alg none is accepted without a signature.',
  },
  {
    name: 'authorize.query-overrides-request-object',
    rules: ['WSO2-AUTHZ-11'],
    description: 'Under FAPI, parameters sent only in the query are used next to the request object\'s.',
  },
  {
    name: 'authorize.id-token-ignores-registered-alg',
    rules: ['WSO2-AUTHZ-12', 'AUTHZ-09'],
    description: "ID tokens are signed PS256 whatever id_token_signed_response_alg the client registered.",
  },
  {
    name: 'userinfo.header-token-only',
    rules: ['WSO2-AUTHZ-13'],
    description: 'userinfo reads the access token from the Authorization header only; a second method goes unnoticed.',
  },
  {
    name: 'userinfo.ignore-certificate-binding',
    rules: ['CNF-03', 'CNF-04'],
    description: 'Userinfo accepts a certificate-bound token over a connection with no or another client certificate.',
  },
  {
    name: 'refresh.accept-rotated-token',
    rules: ['TOK-14'],
    description: 'A refresh token that was rotated (or revoked) is still accepted.',
  },
  {
    name: 'refresh.ignore-reuse',
    rules: ['TOK-24'],
    description: 'A replaced refresh token presented again is refused, but the refresh token that replaced it stays usable.',
  },
  {
    name: 'refresh.widen-scope',
    rules: ['TOK-15'],
    description: 'A refresh request may ask for (and gets) scope beyond the original grant.',
  },
  {
    name: 'authorize.accept-code-under-fapi',
    rules: ['AUTHZ-01'],
    description: 'Under the FAPI profiles (uk, cdr) response_type=code without JARM is accepted.',
  },
  {
    name: 'authorize.accept-verifier-without-challenge',
    rules: ['PKCE-10'],
    description: 'A code issued without a code_challenge is redeemed with any code_verifier sent.',
  },
  {
    name: 'authorize.accept-any-verifier-shape',
    rules: ['PKCE-04'],
    description: 'A code_verifier outside RFC 7636 §4.1 (43-128 unreserved characters) is accepted when its S256 matches the challenge.',
  },
  {
    name: 'authorize.accept-request-object-before-nbf',
    rules: ['JWT-07'],
    description: 'A request object whose nbf is still ahead (beyond the clock skew) is served.',
  },
  {
    name: 'authorize.request-object-needs-registered-alg',
    rules: ['AUTHZ-10'],
    description: 'A client that registered no request_object_signing_alg cannot use request objects at all.',
  },
  {
    name: 'authorize.single-redirect-uri-default',
    rules: ['AUTHZ-23'],
    description: 'An OpenID request without redirect_uri is answered at the client\'s one registered redirect URI.',
  },
  {
    name: 'authorize.malformed-request-object-crashes',
    rules: ['JWT-14'],
    description: 'A request parameter that is no JWS makes the authorization endpoint fail with a server error.',
  },
  {
    name: 'authorize.code-for-any-client',
    rules: ['AUTHZ-22'],
    description: 'A client that registered neither the code response type nor the authorization_code grant is given a code.',
  },
  {
    name: 'authorize.request-object-rs256-under-fapi',
    rules: ['JWT-03'],
    description: 'Under FAPI, request objects signed RS256 are accepted like the generic profile\'s.',
  },
  {
    name: 'authorize.request-object-ps256-only',
    rules: ['JWT-03', 'AUTHZ-10'],
    description: 'Request objects signed with any algorithm but PS256 are refused, although discovery lists ES256 (and RS256 in the generic profile).',
  },
  {
    name: 'authorize.request-object-ignores-registered-alg',
    rules: ['AUTHZ-10'],
    description: 'A request object\'s algorithm is not compared with the client\'s registered request_object_signing_alg (only the key\'s own alg, when it names one).',
  },
  {
    name: 'authorize.get-only',
    rules: ['AUTHZ-20'],
    description: 'The authorization endpoint serves GET only; a request by POST is not found.',
  },
  {
    name: 'authorize.userinfo-of-test-user',
    rules: ['AUTHZ-21'],
    description: "UserInfo answers the test user's claims whatever user the access token was issued for.",
  },
  {
    name: 'authorize.psu-deny-ignored',
    rules: ['AUTHZ-16'],
    description: "The login page takes the PSU's refusal of consent for an approval and issues a code.",
  },
  {
    name: 'authorize.psu-any-password',
    rules: ['AUTHZ-17'],
    description: 'The login page signs the test user in whatever password is typed.',
  },
  {
    name: 'authorize.userinfo-without-openid',
    rules: ['AUTHZ-18'],
    description: "UserInfo gives a user's claims for an access token that was not granted the openid scope.",
  },
  {
    name: 'authorize.bearer-one-space-exact-case',
    rules: ['AUTHZ-19'],
    description: 'A Bearer credential is read only as `Bearer` with that case and a single space before the token.',
  },
] as const satisfies readonly FaultSwitch[];
