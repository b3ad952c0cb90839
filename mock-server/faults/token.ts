import type { FaultSwitch } from '../faults.ts';

/** Token service: token endpoint, client authentication, introspection, revocation (CAUTH, TOK, CNF, INTRO, REV, JWT, ERR). */
export const TOKEN_FAULTS = [
  {
    name: 'token.accept-alg-none',
    rules: ['JWT-01', 'CAUTH-11'],
    description: 'An unsigned client assertion (alg "none") is accepted.',
  },
  {
    name: 'token.accept-replayed-jti',
    rules: ['CAUTH-09', 'JWT-09'],
    description: 'A client assertion whose jti was already used is accepted again.',
  },
  {
    name: 'token.skip-assertion-audience',
    rules: ['CAUTH-04'],
    description: 'The aud of a client assertion is not checked.',
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
    name: 'token.revoked-still-active',
    rules: ['INTRO-06', 'REV-03'],
    description: 'Revocation is recorded but introspection still reports the token active.',
  },
  {
    name: 'token.invalid-client-400-no-challenge',
    rules: ['CAUTH-15', 'ERR-02'],
    description: 'Failed client authentication answers 400 without a WWW-Authenticate challenge.',
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
] as const satisfies readonly FaultSwitch[];
