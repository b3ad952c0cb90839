/**
 * The targets `npm run conformance` and the self-test use when none is named: the embedded sandbox
 * once per profile it emulates. `embedded-seed` is the UK profile with the redirect-URI validator
 * off, as seed 004's sample registration needs; `embedded-proxied` the UK profile behind a
 * TLS-terminating proxy the harness plays (client certificates in a header).
 */
export const DEFAULT_TARGETS = ['embedded', 'embedded-cdr', 'embedded-seed', 'embedded-generic', 'embedded-proxied'] as const;
