// @ts-check
/**
 * StrykerJS over mock-server/, driven by the conformance suite against the embedded targets.
 * Run it with `npm run mutation` (every surface) or `npm run mutation -- --surface <folder>`:
 * scripts/mutation.ts sets `mutate` and `force` for the run and merges the results.
 *
 * Test runner: "conformance" (scripts/mutation-test-runner.ts), whose tests are the scenarios on
 * the five embedded targets, run inside Stryker's worker with per-scenario coverage, so each mutant
 * is tried only against the scenarios that reach it. @stryker-mutator/cucumber-runner was not used:
 * it loads step definitions with cucumber's own loader (no TypeScript without a loader hook) and
 * knows nothing of targets, so it would run each scenario once, not once per embedded target.
 */

/** Never mutated, each with the reason. The `!` patterns are appended to every surface's `mutate`. */
export const EXCLUDED = [
  { pattern: '!mock-server/faults.ts', reason: 'the fault-switch table (names, rules, descriptions): data the self-test reads, no behaviour' },
  { pattern: '!mock-server/faults/**', reason: 'the fault-switch tables per surface: data, measured by npm run selftest' },
  { pattern: '!mock-server/main.ts', reason: 'the `npm run sandbox` entry point (ports, files, banner): never loaded by the embedded targets; peer-runs.ts covers it' },
  { pattern: '!mock-server/workers.ts', reason: 'node:cluster worker start-up for `npm run sandbox --workers`: never loaded by the embedded targets' },
  { pattern: '!mock-server/errors/unexpected-error.ts', reason: 'the answer to a client that went away or to a defect of the sandbox itself: no response a scenario could read on a sandbox without defects; test/errors.test.ts covers it' },
  { pattern: '!mock-server/directory/directory-app.ts', reason: "the sandbox's stand-in for the Open Banking Directory (software ids, SSAs, key sets for TPP developers): no bank serves it, so no conformance rule does; test/directory.test.ts covers it" },
  { pattern: '!mock-server/directory/test-directory.ts', reason: 'the data of that stand-in directory (its software products and signing key), read by the sandbox start-up and by ob-dcr as a bank reads the directory; test/directory.test.ts covers it' },
  { pattern: '!mock-server/security/assertion-fault-paths.ts', reason: 'fault-switch code: the helpers only the switches limits.unbounded-json, limits.naive-nesting-scan, token.accept-eddsa-under-fapi and token.accept-small-rsa-keys call; the self-test measures them' },
  { pattern: '!mock-server/oauth2/non-ascii-error-descriptions.ts', reason: 'fault-switch code: the middleware only the switch token.non-ascii-error-description mounts; the self-test measures it' },
  { pattern: '!mock-server/log.ts', reason: 'log line escaping: the suite does not read the log; test/log-safety.test.ts covers it' },
];

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'conformance',
  coverageAnalysis: 'perTest',
  mutate: ['mock-server/**/*.ts', ...EXCLUDED.map((e) => e.pattern)],
  // One worker per core of the 2-core machine (`--concurrency` overrides it).
  concurrency: 2,
  // A rerun only tests mutants of changed code (or whose scenarios changed).
  incremental: true,
  incrementalFile: 'reports/mutation/incremental.json',
  reporters: ['html', 'json', 'clear-text', 'progress'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowEmojis: false, logTests: false, reportMutants: false },
  // A mutant's run starts a TLS sandbox per target on top of its scenarios' time; on a busy shared
  // machine give it room before it counts as "timed out" (which Stryker scores as detected).
  timeoutMS: 20000,
  timeoutFactor: 2,
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
  plugins: ['@stryker-mutator/*', './scripts/mutation-test-runner.mjs', './scripts/mutation-fault-ignorer.mjs', './scripts/mutation-log-reason-ignorer.mjs'],
  // Mutants of fault-switch code are ignored with a reason (see the plugin): the self-test measures it.
  // Reasons of client-authentication failures and of body-less errors only reach the log (scripts/mutation-log-reason-ignorer.mjs).
  ignorers: ['fault-switches', 'log-only-reasons'],
  // Equivalent mutants are ignored where they are, with `// Stryker disable next-line <mutator>: <reason>`.
};
