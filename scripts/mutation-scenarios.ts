/**
 * The conformance scenarios as the tests of a mutation run: every scenario (one per pickle) on
 * every default embedded target, run in this process with cucumber's API, the step definitions
 * loaded once. scripts/mutation-test-runner.ts (the Stryker test runner) imports this module from
 * Stryker's sandbox copy, so everything here is imported relative to this file and loads that
 * copy's instrumented mock-server/.
 *
 * A test's id is `<target>:<feature path>:<line>` (the line of the scenario, or of the example row
 * of an outline), which is also the location cucumber selects it by.
 */
import type { ISupportCodeLibrary } from '@cucumber/cucumber/api';
import type { Envelope } from '@cucumber/messages';
import { loadSteps, runFeatures } from './cucumber-run.ts';
import { DEFAULT_TARGETS } from './default-targets.ts';
import { targetPath } from '../steps/support/target.ts';
import { isFailureStatus, scenarioResultsFromEnvelopes } from '../report/scenario-results.ts';

export const MUTATION_TARGETS: readonly string[] = DEFAULT_TARGETS;

export interface ScenarioOutcome {
  id: string;
  name: string;
  target: string;
  /** Feature file, relative to the repository. */
  uri: string;
  line: number;
  status: 'passed' | 'failed' | 'skipped';
  ms: number;
  message?: string;
}

export interface TargetRun {
  outcomes: ScenarioOutcome[];
  /** False also when the run failed outside any scenario (a BeforeAll or AfterAll hook). */
  success: boolean;
}

export interface RunHooks {
  /** Called as each scenario starts (its test id) and once it ended (undefined). */
  onCurrentTest?: (id: string | undefined) => void;
}

export function testId(target: string, uri: string, line: number): string {
  return `${target}:${uri}:${line}`;
}

/** `<target>:<uri>:<line>` back into its parts (the target names contain no colon). */
export function parseTestId(id: string): { target: string; uri: string; line: number } {
  const m = /^([^:]+):(.+):(\d+)$/.exec(id);
  if (!m) throw new Error(`not a scenario test id: ${id}`);
  return { target: m[1]!, uri: m[2]!, line: Number(m[3]) };
}

/** Cucumber paths selecting these scenarios: one `uri:line:line…` per feature file. */
export function locationPaths(ids: readonly { uri: string; line: number }[]): string[] {
  const byUri = new Map<string, number[]>();
  for (const { uri, line } of ids) byUri.set(uri, [...(byUri.get(uri) ?? []), line]);
  return [...byUri].map(([uri, lines]) => `${uri}:${lines.join(':')}`);
}

export class ScenarioSession {
  private readonly support: ISupportCodeLibrary;

  private constructor(support: ISupportCodeLibrary) {
    this.support = support;
  }

  static async load(): Promise<ScenarioSession> {
    return new ScenarioSession(await loadSteps({ ...process.env, OBC_TARGET: targetPath(MUTATION_TARGETS[0]!) }));
  }

  /**
   * Runs scenarios on one target: every one, or those at `locations`. Each run starts the
   * target's own sandbox (BeforeAll), so a mutant active now is active from its start-up on.
   */
  async run(target: string, opts: { locations?: { uri: string; line: number }[]; failFast?: boolean } & RunHooks = {}): Promise<TargetRun> {
    const envelopes: Envelope[] = [];
    const pickleOfTestCase = new Map<string, string>();
    const pickleLine = new Map<string, { uri: string; line: number }>();
    const started = new Map<string, { pickleId: string; t0: number }>();
    const ms = new Map<string, number>();
    // In-process run (no workers): the hooks read this process's environment. Never with faults.
    process.env.OBC_TARGET = targetPath(target);
    process.env.OBC_FAULTS = '';
    const success = await runFeatures({
      support: this.support,
      parallel: 0,
      quiet: true,
      ...(opts.locations ? { paths: locationPaths(opts.locations) } : {}),
      failFast: opts.failFast ?? false,
      onMessage: (e) => {
        envelopes.push(e);
        if (e.pickle) pickleLine.set(e.pickle.id, { uri: e.pickle.uri, line: e.pickle.location?.line ?? 0 });
        if (e.testCase) pickleOfTestCase.set(e.testCase.id, e.testCase.pickleId);
        if (e.testCaseStarted) {
          const pickleId = pickleOfTestCase.get(e.testCaseStarted.testCaseId)!;
          const where = pickleLine.get(pickleId)!;
          started.set(e.testCaseStarted.id, { pickleId, t0: performance.now() });
          opts.onCurrentTest?.(testId(target, where.uri, where.line));
        }
        if (e.testCaseFinished) {
          const s = started.get(e.testCaseFinished.testCaseStartedId);
          if (s) ms.set(s.pickleId, performance.now() - s.t0);
          opts.onCurrentTest?.(undefined);
        }
      },
    });
    const outcomes = scenarioResultsFromEnvelopes(envelopes).map((r): ScenarioOutcome => {
      const line = r.line ?? 0;
      const status = r.status === 'skipped' ? 'skipped' : isFailureStatus(r.status) ? 'failed' : 'passed';
      return {
        id: testId(target, r.uri, line),
        name: `[${target}] ${r.name} (${r.uri}:${line})`,
        target,
        uri: r.uri,
        line,
        status,
        ms: Math.round(ms.get(r.id) ?? 0),
        ...(status === 'failed' ? { message: r.error ?? r.status } : {}),
      };
    });
    return { outcomes, success };
  }
}
