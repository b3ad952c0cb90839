/**
 * A Stryker test runner ("conformance") whose tests are the conformance scenarios on the embedded
 * targets (scripts/mutation-scenarios.ts), run inside Stryker's worker process. It reports which
 * mutants each scenario reaches (coverageAnalysis "perTest"), so a mutant is tried only against
 * the scenarios that execute its code, and the worker stays up between mutants (Stryker's mutant
 * switching flips `__stryker__.activeMutant`).
 *
 * Coverage is attributed the way the runs actually see the code:
 * - a scenario's own requests and hooks: to that scenario;
 * - a target's sandbox start-up and shutdown (cucumber's BeforeAll/AfterAll): to every scenario
 *   of that target, since every run starts its sandbox again with the mutant active;
 * - module loading: static, so Stryker restarts this worker with the mutant active from the start
 *   (capability reloadEnvironment false) and runs every scenario.
 *
 * Stryker loads it through scripts/mutation-test-runner.mjs, which registers tsx; the scenario
 * module is imported from the worker's working directory, Stryker's sandbox copy.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { INSTRUMENTER_CONSTANTS, type MutantCoverage } from '@stryker-mutator/api/core';
import { commonTokens, declareClassPlugin, PluginKind, tokens } from '@stryker-mutator/api/plugin';
import type { Logger } from '@stryker-mutator/api/logging';
import {
  DryRunStatus,
  TestStatus,
  determineHitLimitReached,
  toMutantRunResult,
  type DryRunOptions,
  type DryRunResult,
  type MutantRunOptions,
  type MutantRunResult,
  type TestResult,
  type TestRunner,
  type TestRunnerCapabilities,
} from '@stryker-mutator/api/test-runner';
import type { ScenarioOutcome, ScenarioSession } from './mutation-scenarios.ts';

type ScenarioModule = typeof import('./mutation-scenarios.ts');

interface StrykerNamespace {
  activeMutant?: string;
  currentTestId?: string;
  mutantCoverage?: MutantCoverage;
  hitCount?: number;
  hitLimit?: number;
}

function strykerNamespace(): StrykerNamespace {
  const g = globalThis as unknown as Record<string, StrykerNamespace | undefined>;
  return (g[INSTRUMENTER_CONSTANTS.NAMESPACE] ??= {});
}

function coverage(ns: StrykerNamespace): MutantCoverage {
  return (ns.mutantCoverage ??= { static: {}, perTest: {} });
}

function toTestResult(o: ScenarioOutcome): TestResult {
  const base = { id: o.id, name: o.name, timeSpentMs: o.ms, fileName: o.uri, startPosition: { line: o.line - 1, column: 0 } };
  if (o.status === 'failed') return { ...base, status: TestStatus.Failed, failureMessage: o.message ?? 'failed' };
  if (o.status === 'skipped') return { ...base, status: TestStatus.Skipped };
  return { ...base, status: TestStatus.Success };
}

export class ConformanceTestRunner implements TestRunner {
  static inject = tokens(commonTokens.logger);
  private module?: ScenarioModule;
  private session?: ScenarioSession;
  /** Test ids of each target, from the dry run (in this worker). */
  private readonly testsOfTarget = new Map<string, string[]>();
  /**
   * Mutants each scenario killed in this worker. Mutants come file by file, so the scenarios that
   * caught the last ones are the likeliest to catch the next: they run first, which only changes
   * how soon a killed mutant's run stops, never a verdict (a survivor runs every covering scenario).
   */
  private readonly kills = new Map<string, number>();

  private readonly log: Logger;

  constructor(log: Logger) {
    this.log = log;
  }

  capabilities(): TestRunnerCapabilities {
    // Module-level code runs once per process: a static mutant needs a new worker.
    return { reloadEnvironment: false };
  }

  private async load(): Promise<{ module: ScenarioModule; session: ScenarioSession }> {
    if (!this.module || !this.session) {
      const url = pathToFileURL(join(process.cwd(), 'scripts', 'mutation-scenarios.ts')).href;
      this.module = (await import(url)) as ScenarioModule;
      this.session = await this.module.ScenarioSession.load();
      this.log.debug(`conformance runner: scenarios loaded from ${process.cwd()}`);
    }
    return { module: this.module, session: this.session };
  }

  /**
   * The ids in the order to run them: feature files (cucumber keeps a file's scenarios in line
   * order) and targets by the most kills of any of their scenarios, otherwise as given.
   */
  private killersFirst(ids: readonly string[]): string[] {
    const kills = (id: string) => this.kills.get(id) ?? 0;
    const groupKey = (id: string) => id.slice(0, id.lastIndexOf(':'));
    const best = new Map<string, number>();
    const targetBest = new Map<string, number>();
    for (const id of ids) {
      best.set(groupKey(id), Math.max(best.get(groupKey(id)) ?? 0, kills(id)));
      const target = id.slice(0, id.indexOf(':'));
      targetBest.set(target, Math.max(targetBest.get(target) ?? 0, kills(id)));
    }
    const order = new Map(ids.map((id, i) => [id, i]));
    return [...ids].sort((a, b) => {
      const ta = a.slice(0, a.indexOf(':'));
      const tb = b.slice(0, b.indexOf(':'));
      return (targetBest.get(tb)! - targetBest.get(ta)!) || (best.get(groupKey(b))! - best.get(groupKey(a))!) || order.get(a)! - order.get(b)!;
    });
  }

  async dryRun(options: DryRunOptions): Promise<DryRunResult> {
    const ns = strykerNamespace();
    const cov = coverage(ns);
    const { module, session } = await this.load();
    const moduleStatic = cov.static;
    const perTest: Record<string, Record<string, number>> = {};
    const tests: TestResult[] = [];
    for (const target of module.MUTATION_TARGETS) {
      cov.static = {};
      const run = await session.run(target, { onCurrentTest: (id) => (ns.currentTestId = id) });
      const startup = cov.static;
      const failed = run.outcomes.filter((o) => o.status === 'failed');
      if (failed.length > 0 || !run.success) {
        cov.static = moduleStatic;
        const what = failed.map((o) => `${o.name}: ${o.message}`).join('\n') || 'the run failed outside any scenario';
        return { status: DryRunStatus.Error, errorMessage: `the conformance suite fails on ${target} without any mutant:\n${what}` };
      }
      this.testsOfTarget.set(target, run.outcomes.map((o) => o.id));
      for (const o of run.outcomes) {
        perTest[o.id] = { ...startup, ...(cov.perTest[o.id] ?? {}) };
        tests.push(toTestResult(o));
      }
    }
    cov.static = moduleStatic;
    return {
      status: DryRunStatus.Complete,
      tests,
      ...(options.coverageAnalysis === 'off' ? {} : { mutantCoverage: { static: moduleStatic, perTest } }),
    };
  }

  async mutantRun(options: MutantRunOptions): Promise<MutantRunResult> {
    const ns = strykerNamespace();
    // A static mutant must be active while the modules load (this worker is new for it).
    if (options.mutantActivation === 'static') ns.activeMutant = options.activeMutant.id;
    const { module, session } = await this.load();
    ns.activeMutant = options.activeMutant.id;
    ns.currentTestId = undefined;
    ns.hitLimit = options.hitLimit;
    ns.hitCount = options.hitLimit === undefined ? undefined : 0;
    try {
      const plan = new Map<string, { uri: string; line: number }[] | undefined>();
      if (options.testFilter) {
        for (const id of this.killersFirst(options.testFilter)) {
          const { target, uri, line } = module.parseTestId(id);
          plan.set(target, [...(plan.get(target) ?? []), { uri, line }]);
        }
      } else {
        for (const target of module.MUTATION_TARGETS) plan.set(target, undefined);
      }
      const outcomes: ScenarioOutcome[] = [];
      for (const [target, locations] of plan) {
        const first = locations?.[0] ? module.testId(target, locations[0].uri, locations[0].line) : this.testsOfTarget.get(target)?.[0] ?? `${target}:(start-up)`;
        const failure = (message: string): ScenarioOutcome => ({ id: first, name: first, target, uri: '', line: 0, status: 'failed', ms: 0, message });
        let run: Awaited<ReturnType<ScenarioSession['run']>>;
        try {
          run = await session.run(target, { locations, failFast: !options.disableBail });
        } catch (e) {
          // Cucumber gives up on the run (a BeforeAll hook threw: the sandbox did not start), as
          // `npm run conformance` would: the suite caught the mutant.
          outcomes.push(failure(`the run on ${target} broke: ${(e as Error).message.split('\n')[0]}`));
          break;
        }
        outcomes.push(...run.outcomes);
        const hit = determineHitLimitReached(ns.hitCount, ns.hitLimit);
        if (hit) return toMutantRunResult(hit);
        if (!run.success && !run.outcomes.some((o) => o.status === 'failed')) {
          // Failed outside any scenario (an AfterAll hook: the sandbox did not stop).
          outcomes.push(failure(`the run on ${target} failed outside any scenario`));
        }
        if (!options.disableBail && outcomes.some((o) => o.status === 'failed')) break;
      }
      for (const o of outcomes) if (o.status === 'failed') this.kills.set(o.id, (this.kills.get(o.id) ?? 0) + 1);
      return toMutantRunResult({ status: DryRunStatus.Complete, tests: outcomes.map(toTestResult) }, options.disableBail);
    } finally {
      ns.activeMutant = undefined;
      ns.hitCount = undefined;
      ns.hitLimit = undefined;
    }
  }
}

export const strykerPlugins = [declareClassPlugin(PluginKind.TestRunner, 'conformance', ConformanceTestRunner)];
