/**
 * `npm run selftest`: prove the suite catches broken servers. For every fault switch of the
 * sandbox, run the scenarios tagged with the rules it breaks against a sandbox with that switch
 * on, and require at least one to fail. A switch is tried on the default embedded targets in
 * turn (UK, CDR, ...) until one catches it, so a profile-specific rule is checked where its
 * scenarios run. All in this one process: the step definitions are loaded once and each run
 * starts its own in-memory sandbox.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Envelope } from '@cucumber/messages';
import { FAULT_SWITCHES } from '../mock-server/faults.ts';
import { loadSteps, runFeatures } from './cucumber-run.ts';
import { REPO_ROOT, targetPath } from '../steps/support/target.ts';
import { ensureTestPki } from '../pki/test-pki.ts';
import { DEFAULT_TARGETS } from './default-targets.ts';
import { scenarioResultsFromEnvelopes, isFailureStatus } from '../report/scenario-results.ts';
import { formatSummaryLine } from '../report/summary.ts';

interface SwitchOutcome {
  switch: string;
  rules: string[];
  caught: boolean;
  /** The target that caught it, or the last one tried. */
  target: string;
  scenarios: number;
  failedScenarios: string[];
}

type Support = Awaited<ReturnType<typeof loadSteps>>;

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { only: { type: 'string' } } });
  const switches = FAULT_SWITCHES.filter((f) => !values.only || f.name === values.only);
  if (switches.length === 0) throw new Error(`no fault switch named ${values.only}`);

  await ensureTestPki();
  const support = await loadSteps({ ...process.env, OBC_TARGET: targetPath(DEFAULT_TARGETS[0]) });
  const outcomes: SwitchOutcome[] = [];

  // A clean run first, per target before its first use: if the selected scenarios already fail
  // without faults, a "caught" switch would prove nothing.
  const allRules = switches.flatMap((s) => [...s.rules]);
  const clean = new Set<string>();
  const ensureClean = async (target: string): Promise<boolean> => {
    if (clean.has(target)) return true;
    const baseline = await runSwitch(support, target, undefined, allRules);
    if (baseline.failedScenarios.length > 0) {
      console.error(`selftest: on ${target}, ${baseline.failedScenarios.length} scenario(s) fail without any fault switch:\n  ${baseline.failedScenarios.join('\n  ')}`);
      return false;
    }
    clean.add(target);
    return true;
  };

  for (const fault of switches) {
    let outcome: SwitchOutcome | undefined;
    for (const target of DEFAULT_TARGETS) {
      if (!(await ensureClean(target))) {
        console.log(formatSummaryLine({ passed: 0, failed: switches.length, skipped: 0 }));
        return 1;
      }
      outcome = await runSwitch(support, target, fault.name, [...fault.rules]);
      if (outcome.caught) break;
    }
    outcomes.push(outcome!);
    const mark = outcome!.caught ? 'ok    ' : 'MISSED';
    console.log(`${mark} ${fault.name.padEnd(44)} ${outcome!.failedScenarios.length}/${outcome!.scenarios} scenario(s) failed on ${outcome!.target}  [${fault.rules.join(', ')}]`);
  }

  const dir = join(REPO_ROOT, 'reports', 'selftest');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'summary.json'),
    JSON.stringify(outcomes.map((o) => ({ switch: o.switch, rules: o.rules, caught: o.caught, target: o.target, scenarios: o.scenarios, failed: o.failedScenarios })), null, 2) + '\n',
  );
  const missed = outcomes.filter((o) => !o.caught);
  console.log(`\nSelf-test: ${outcomes.length - missed.length} of ${outcomes.length} fault switches caught; reports/selftest/summary.json`);
  for (const m of missed) console.log(`  not caught: ${m.switch} (rules ${m.rules.join(', ')}; ${m.scenarios} scenario(s) ran)`);
  console.log(formatSummaryLine({ passed: outcomes.length - missed.length, failed: missed.length, skipped: 0 }));
  return missed.length > 0 ? 1 : 0;
}

async function runSwitch(support: Support, target: string, fault: string | undefined, rules: string[]): Promise<SwitchOutcome> {
  const envelopes: Envelope[] = [];
  // In-process run (no workers): the hooks read this process's environment.
  process.env.OBC_TARGET = targetPath(target);
  process.env.OBC_FAULTS = fault ?? '';
  await runFeatures({
    support,
    parallel: 0,
    quiet: true,
    tags: [...new Set(rules)].map((r) => `@rule:${r}`).join(' or '),
    onMessage: (e) => envelopes.push(e),
  });
  const results = scenarioResultsFromEnvelopes(envelopes).filter((r) => r.status !== 'skipped');
  const failed = results.filter((r) => isFailureStatus(r.status)).map((r) => `${r.name} (${r.uri})`);
  return { switch: fault ?? '(none)', rules, caught: failed.length > 0, target, scenarios: results.length, failedScenarios: failed };
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(2);
  },
);
