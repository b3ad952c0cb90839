/**
 * The targets `npm run conformance` and the self-test use when none is named: the embedded sandbox
 * once per profile it emulates. `embedded-seed` is the UK profile with the redirect-URI validator
 * off, as seed 004's sample registration needs.
 */
export const DEFAULT_TARGETS = ['embedded', 'embedded-cdr', 'embedded-seed', 'embedded-generic'] as const;
