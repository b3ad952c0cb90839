import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import {
  loadConfiguration,
  loadSupport,
  runCucumber,
  type IRunEnvironment,
  type ISupportCodeLibrary,
} from '@cucumber/cucumber/api';
import type { Envelope } from '@cucumber/messages';
import { REPO_ROOT } from '../steps/support/target.ts';

export const FEATURES = ['features/**/*.feature'];
export const STEPS = ['steps/**/*.ts'];

export interface RunOptions {
  /** Cucumber tag expression selecting scenarios. */
  tags?: string;
  /** Feature paths, each optionally with `:line` filters; every feature file when absent. */
  paths?: string[];
  /** Skip the remaining scenarios after the first failure (cucumber's --fail-fast). */
  failFast?: boolean;
  /** `I/N`: run only the I-th of N slices of the scenarios (cucumber's --shard). */
  shard?: string;
  parallel?: number;
  /** Write index.html, junit.xml and messages.ndjson here; nothing is written when absent. */
  reportDir?: string;
  /** Print progress to stdout. */
  progress?: boolean;
  /** Support code loaded once and reused across runs (the self-test runs many). */
  support?: ISupportCodeLibrary;
  onMessage?: (envelope: Envelope) => void;
  env?: NodeJS.ProcessEnv;
  /** Discard cucumber's own console output. */
  quiet?: boolean;
}

const discard = () => new Writable({ write: (_chunk, _enc, done) => done() });

function environment(env?: NodeJS.ProcessEnv, quiet = false): IRunEnvironment {
  return { cwd: REPO_ROOT, stdout: quiet ? discard() : process.stdout, stderr: process.stderr, env: env ?? process.env };
}

async function configuration(opts: RunOptions) {
  const format: string[] = [];
  if (opts.progress) format.push('progress');
  if (opts.reportDir) {
    rmSync(opts.reportDir, { recursive: true, force: true });
    mkdirSync(opts.reportDir, { recursive: true });
    format.push(
      `html:${join(opts.reportDir, 'index.html')}`,
      `junit:${join(opts.reportDir, 'junit.xml')}`,
      `message:${join(opts.reportDir, 'messages.ndjson')}`,
    );
  }
  const { runConfiguration } = await loadConfiguration(
    {
      file: false,
      provided: {
        paths: opts.paths ?? FEATURES,
        import: STEPS,
        format,
        formatOptions: { junit: { suiteName: 'ob-conformance' } },
        parallel: opts.parallel ?? 0,
        tags: opts.tags ?? '',
        shard: opts.shard ?? '',
        strict: true,
        failFast: opts.failFast ?? false,
      },
    },
    environment(opts.env),
  );
  return runConfiguration;
}

/** Load the step definitions once, for callers that run cucumber many times in one process. */
export async function loadSteps(env?: NodeJS.ProcessEnv): Promise<ISupportCodeLibrary> {
  const runConfiguration = await configuration({});
  return loadSupport(runConfiguration, environment(env));
}

export async function runFeatures(opts: RunOptions): Promise<boolean> {
  const runConfiguration = await configuration(opts);
  const { success } = await runCucumber(
    opts.support ? { ...runConfiguration, support: opts.support } : runConfiguration,
    environment(opts.env, opts.quiet),
    opts.onMessage,
  );
  return success;
}
