/**
 * `npm test`: typecheck, unit tests, the conformance suite against the embedded sandbox, the
 * fault-switch self-test and the browser check of the reports, with V8 coverage of the sandbox
 * collected from every stage into reports/coverage/. Ends with the plain line
 * `N passed, N failed, N skipped` summed over all stages.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../steps/support/target.ts';
import { formatSummaryLine } from '../report/summary.ts';
import { failureDigest, plainLine, stageVerdict, type Counts } from './stage-verdict.ts';

interface Stage {
  name: string;
  command: string[];
  /** Read the stage's counts from its output; undefined when it printed none. */
  parse: (output: string) => Counts | undefined;
}

const bin = (name: string) => join(REPO_ROOT, 'node_modules', '.bin', name);


/** node:test's closing "# pass N" / "# fail N" / "# skipped N" / "# todo N" lines. */
function nodeTestCounts(output: string): Counts | undefined {
  const n = (label: string) => Number(new RegExp(`^[#ℹ] ${label} (\\d+)$`, 'm').exec(output)?.[1] ?? NaN);
  const passed = n('pass');
  const failed = n('fail');
  if (Number.isNaN(passed) || Number.isNaN(failed)) return undefined;
  return { passed, failed, skipped: (n('skipped') || 0) + (n('todo') || 0) };
}

const STAGES: Stage[] = [
  { name: 'typecheck', command: [bin('tsc'), '--noEmit', '-p', '.'], parse: () => undefined },
  {
    name: 'unit tests',
    command: [
      // Two files at a time: most wait on sandboxes and child processes, not on the CPU.
      process.execPath, '--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec',
      ...readdirSync(join(REPO_ROOT, 'test')).filter((f) => f.endsWith('.test.ts')).sort().map((f) => join('test', f)),
    ],
    parse: nodeTestCounts,
  },
  { name: 'conformance (embedded sandbox)', command: [bin('tsx'), 'scripts/conformance.ts'], parse: plainLine },
  { name: 'independent servers (oidc-provider, sandbox-remote)', command: [bin('tsx'), 'scripts/peer-runs.ts'], parse: plainLine },
  { name: 'self-test (fault switches)', command: [bin('tsx'), 'scripts/selftest.ts'], parse: plainLine },
  {
    // A fixed mutant sample (the whole of `npm run mutation` takes hours): every valid mutant of
    // the JWKS endpoint must be caught, which also proves the mutation runner works from a clean clone.
    name: 'mutation sample (mock-server/jwks/)',
    // Stryker's main process keeps per-scenario coverage of every target's ~5,400 scenarios: the
    // default ~4 GB heap ran out once in a clean-clone CI, so it gets 8 GB.
    command: [process.execPath, '--max-old-space-size=8192', '--import', 'tsx', 'scripts/mutation.ts', '--file', 'mock-server/jwks/jwks-app.ts', '--reports', 'reports/mutation-sample', '--force', '--expect-all-killed'],
    parse: plainLine,
  },
  { name: 'browser check (reports in Chromium)', command: [bin('tsx'), 'scripts/browser-check.ts'], parse: plainLine },
];

function run(command: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const [cmd, ...args] = command as [string, ...string[]];
    const child = spawn(cmd, args, { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const tee = (stream: NodeJS.WriteStream) => (chunk: Buffer) => {
      output += chunk.toString();
      stream.write(chunk);
    };
    child.stdout.on('data', tee(process.stdout));
    child.stderr.on('data', tee(process.stderr));
    child.on('error', (e) => resolve({ code: 127, output: `${output}\n${e.message}` }));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

async function main(): Promise<number> {
  const coverageTmp = join(REPO_ROOT, 'reports', 'coverage', '.v8');
  rmSync(join(REPO_ROOT, 'reports', 'coverage'), { recursive: true, force: true });
  mkdirSync(coverageTmp, { recursive: true });
  const env = { ...process.env, NODE_V8_COVERAGE: coverageTmp, FORCE_COLOR: '0' };

  const total: Counts = { passed: 0, failed: 0, skipped: 0 };
  const lines: string[] = [];
  const started = Date.now();
  for (const stage of STAGES) {
    console.log(`\n=== ${stage.name} ===`);
    const t0 = Date.now();
    const { code, output } = await run(stage.command, env);
    const { counts, mark, skipReason } = stageVerdict(code, output, stage.parse(output));
    total.passed += counts.passed;
    total.failed += counts.failed;
    total.skipped += counts.skipped;
    lines.push(`${mark.padEnd(4)} ${stage.name.padEnd(38)} ${formatSummaryLine(counts)}  (${((Date.now() - t0) / 1000).toFixed(1)} s)${skipReason ? `\n     ${skipReason}` : ''}`);
    if (mark === 'FAIL') {
      const digest = failureDigest(output);
      lines.push(...(digest.length > 0 ? digest : [`exit code ${code}; no failure line recognised, see the stage's output above`]).map((l) => `     ${l}`));
    }
  }

  console.log('\n=== coverage of mock-server/ ===');
  await run(
    [bin('c8'), 'report', '--temp-directory', coverageTmp, '--reports-dir', join(REPO_ROOT, 'reports', 'coverage'),
      '--include', 'mock-server/**', '--reporter', 'html', '--reporter', 'text-summary'],
    { ...process.env },
  );

  console.log(`\n=== summary (${((Date.now() - started) / 1000).toFixed(0)} s) ===`);
  for (const line of lines) console.log(line);
  console.log('Coverage report: reports/coverage/index.html');
  console.log(formatSummaryLine(total));
  return total.failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
