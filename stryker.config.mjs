// @ts-check
/**
 * StrykerJS over mock-server/, driven by the conformance suite against the embedded targets.
 * Run it with `npm run mutation` (every surface) or `npm run mutation -- --surface <folder>`:
 * scripts/mutation.ts runs Stryker once per surface (scripts/mutation-surfaces.ts), overriding
 * `mutate`, the command, the incremental file and the report paths below for that surface.
 *
 * Test runner: the command runner. @stryker-mutator/cucumber-runner loads the step definitions
 * with cucumber's own loader, which cannot import our TypeScript steps without a loader hook in
 * every child process, and would run the whole suite with no per-surface tag selection; the command
 * (scripts/mutation-run.ts) runs only the surface's scenarios, in-process, on every embedded target.
 */

/** Never mutated, each with the reason. The `!` patterns are appended to every surface's `mutate`. */
export const EXCLUDED = [
  { pattern: '!mock-server/faults.ts', reason: 'the fault-switch table (names, rules, descriptions): data the self-test reads, no behaviour' },
  { pattern: '!mock-server/faults/**', reason: 'the fault-switch tables per surface: data, measured by npm run selftest' },
  { pattern: '!mock-server/main.ts', reason: 'the `npm run sandbox` entry point (ports, files, banner): never loaded by the embedded targets; peer-runs.ts covers it' },
  { pattern: '!mock-server/workers.ts', reason: 'node:cluster worker start-up for `npm run sandbox --workers`: never loaded by the embedded targets' },
  { pattern: '!mock-server/log.ts', reason: 'log line escaping: the suite does not read the log; test/log-safety.test.ts covers it' },
];

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'command',
  // Replaced per surface by scripts/mutation.ts.
  commandRunner: { command: 'npx tsx scripts/mutation-run.ts --surface jwks' },
  mutate: ['mock-server/**/*.ts', ...EXCLUDED.map((e) => e.pattern)],
  // 2 shared CPU cores: one mutant at a time.
  concurrency: 1,
  // A rerun only tests mutants of changed code (or whose scenarios changed).
  incremental: true,
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  reporters: ['html', 'json', 'clear-text', 'progress'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowEmojis: false, logTests: false, reportMutants: false },
  // A run starts a TLS sandbox per target; on a busy shared machine give it room before a
  // mutant counts as "timed out" (which Stryker scores as detected).
  timeoutMS: 20000,
  timeoutFactor: 2,
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
  plugins: ['@stryker-mutator/*', './scripts/mutation-fault-ignorer.mjs'],
  // Mutants of fault-switch code are ignored with a reason (see the plugin): the self-test measures it.
  ignorers: ['fault-switches'],
  // Equivalent mutants are ignored where they are, with `// Stryker disable next-line <mutator>: <reason>`.
};
