import type { FaultSwitch } from '../faults.ts';

/** Token service: token endpoint, client authentication, introspection, revocation (CAUTH, TOK, CNF, INTRO, REV, JWT, ERR). */
export const TOKEN_FAULTS = [
  {
    name: 'token.accept-alg-none',
    rules: ['JWT-01', 'CAUTH-11'],
    description: 'An unsigned client assertion (alg "none") is accepted.',
  },
  {
    name: 'token.keep-empty-params',
    rules: ['TOK-26'],
    description: 'A token request parameter sent without a value counts as sent (client_secret= beside an assertion is a second authentication method).',
  },
  {
    name: 'token.accept-replayed-jti',
    rules: ['CAUTH-09', 'JWT-09'],
    description: 'A client assertion whose jti was already used is accepted again.',
  },
  {
    name: 'token.jti-forgotten-at-exp',
    rules: ['CAUTH-09', 'JWT-09'],
    description: "A client assertion's jti is remembered only until its exp, so within the clock leeway after it the assertion is accepted again.",
  },
  {
    name: 'token.jti-check-then-record',
    rules: ['CAUTH-09', 'JWT-09'],
    description: "A client assertion's jti is checked, then recorded without looking whether another request recorded it in between: copies sent together all authenticate.",
  },
  {
    name: 'token.skip-assertion-audience',
    rules: ['CAUTH-04'],
    description: 'The aud of a client assertion is not checked.',
  },
  {
    name: 'token.untyped-time-claims',
    rules: ['JWT-25'],
    description: 'A client-signed JWT whose exp, nbf or iat is not a number is read as if it were one, and passes the time checks.',
  },
  {
    name: 'token.accept-expired-assertion',
    rules: ['CAUTH-06', 'JWT-06'],
    description: 'An expired client assertion is accepted.',
  },
  {
    name: 'token.no-cnf',
    rules: ['CNF-01', 'CNF-02'],
    description: 'Access tokens are issued without cnf even when they must be certificate-bound.',
  },
  {
    name: 'token.public-client-credentials',
    rules: ['WSO2-TOK-05', 'TOK-25'],
    description: 'A public client (no authentication) gets a client_credentials token.',
  },
  {
    name: 'token.public-client-introspection',
    rules: ['INTRO-02'],
    description: 'A public client introspects without authenticating.',
  },
  {
    name: 'token.revoked-still-active',
    rules: ['INTRO-06', 'REV-03'],
    description: 'Revocation is recorded but introspection still reports the token active.',
  },
  {
    name: 'token.active-at-exp',
    rules: ['INTRO-05'],
    description: 'An access token is still active on the second of its exp (an inclusive expiry check).',
  },
  {
    name: 'token.zero-lifetime-literal',
    rules: ['WSO2-TOK-09'],
    description: "An application lifetime of 0 (the connector's \"not given\") is taken as 0 seconds instead of the server's default.",
  },
  {
    name: 'token.invalid-client-400-no-challenge',
    rules: ['CAUTH-15', 'ERR-02'],
    description: 'Failed client authentication answers 400 without a WWW-Authenticate challenge.',
  },
  {
    name: 'token.challenge-only-for-basic',
    rules: ['WSO2-TOK-06'],
    description: 'invalid_client carries a WWW-Authenticate challenge only when the client used a Basic header.',
  },
  {
    name: 'token.refresh-token-without-grant',
    rules: ['WSO2-TOK-07'],
    description: 'A refresh token is issued to a client not registered for the refresh_token grant.',
  },
  {
    name: 'token.accept-any-auth-method',
    rules: ['CAUTH-12'],
    description: 'A client may authenticate with any method, not only the one it registered.',
  },
  {
    name: 'token.accept-wrong-subject-dn',
    rules: ['CAUTH-17'],
    description: 'tls_client_auth accepts a trusted certificate whatever its subject DN.',
  },
  {
    name: 'token.accept-out-of-date-certificate',
    rules: ['CAUTH-17'],
    description: 'Client authentication accepts a certificate from a trusted CA outside its validity period.',
  },
  {
    name: 'token.trust-client-cert-header',
    rules: ['CAUTH-25'],
    description: 'Client authentication takes the certificate from the client-supplied proxy header, with no trusted proxy configured.',
  },
  {
    name: 'token.no-cache-headers',
    rules: ['TOK-07'],
    description: 'Successful token responses lack Cache-Control: no-store and Pragma: no-cache.',
  },
  {
    name: 'token.introspect-other-clients-tokens',
    rules: ['INTRO-10'],
    description: "A client introspecting another client's token gets the token's data.",
  },
  {
    name: 'token.revoke-stale-refresh-token',
    rules: ['REV-04'],
    description: 'Revoking a refresh token that was already rotated or revoked ends the live tokens of its grant.',
  },
  {
    name: 'token.revoke-other-clients-tokens',
    rules: ['REV-08'],
    description: "A client can revoke another client's token.",
  },
  {
    name: 'token.jwt-bearer-invalid-client',
    rules: ['TOK-19'],
    description: 'A bad JWT bearer grant assertion is answered 401 invalid_client instead of 400 invalid_grant.',
  },
  {
    name: 'token.grant-any-scope',
    rules: ['TOK-08'],
    description: 'Requested scopes are granted as asked, beyond what the client may have.',
  },
  {
    name: 'token.accept-two-auth-methods',
    rules: ['CAUTH-13'],
    description: 'A request using two client authentication mechanisms is accepted (the first one wins).',
  },
  {
    name: 'token.accept-eddsa-under-fapi',
    rules: ['JWT-04'],
    description: 'EdDSA (Ed25519) client assertions are accepted under the FAPI 1-based UK and CDR profiles.',
  },
  {
    name: 'token.accept-small-rsa-keys',
    rules: ['JWT-15'],
    description: 'A client assertion signed with a registered RSA key under 2048 bits is accepted.',
  },
  {
    name: 'token.ignore-assertion-typ',
    rules: ['JWT-16'],
    description: 'The typ header of a client assertion is not checked, so a dpop+jwt or at+jwt passes as one.',
  },
  {
    name: 'token.cnf-over-public-key',
    rules: ['CNF-08'],
    description: 'cnf.x5t#S256 is computed over the public key (SPKI), so another certificate for the same key matches.',
  },
  {
    name: 'token.long-lived-bearer-under-fapi',
    rules: ['TOK-20', 'CNF-05'],
    description: 'Under the UK and CDR profiles a token request without a client certificate gets an unbound bearer token with the full lifetime (3600 s).',
  },
  {
    name: 'token.non-ascii-error-description',
    rules: ['ERR-04'],
    description: 'Token endpoint errors carry a description with typographic quotes (non-ASCII), which RFC 6749 §5.2 forbids.',
  },
  {
    name: 'token.accept-self-issued-bearer-assertion',
    rules: ['TOK-23'],
    description: 'A jwt-bearer grant assertion the client signed itself (iss = its client_id, its registered key) gets a token for any sub.',
  },
  {
    name: 'token.public-client-certificate-authenticates',
    rules: ['CNF-10'],
    description: "A public client's certificate is taken for tls_client_auth, so the public client presenting one is refused.",
  },
  {
    name: 'token.accept-other-org-certificate',
    rules: ['WSO2-TOK-08'],
    description: "An Open Banking client authenticates, and manages its registration, over another organisation's transport certificate.",
  },
  {
    name: 'token.ignores-client-lifetimes',
    rules: ['WSO2-TOK-09'],
    description: "Tokens get the server's default lifetimes whatever the application's own (ext_*_token_lifetime).",
  },
  {
    name: 'token.jwt-whatever-token-type',
    rules: ['WSO2-TOK-10'],
    description: "An application whose token type is Default gets JWT access tokens.",
  },
] as const satisfies readonly FaultSwitch[];
