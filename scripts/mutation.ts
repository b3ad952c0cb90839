/**
 * `npm run mutation [-- --surface <folder>]...`: StrykerJS over mock-server/, driven by the whole
 * conformance suite on the four embedded targets (scripts/mutation-test-runner.ts). One Stryker
 * run: the dry run records which scenarios reach each mutant, and each mutant is then tried only
 * against those. `--surface` mutates only the named folders under mock-server/ (`root` for the
 * files directly in it), `--file` only the named files (a big surface in parts: each run's
 * results are kept as soon as it ends).
 *
 * Results live in one incremental file, reports/mutation/incremental.json: a rerun only tests
 * mutants whose code changed, and a `--surface` run merges its results into it, so the summary
 * (reports/mutation/summary.json, printed at the end) always has every surface's latest score.
 * Stryker cannot see a changed step definition, so a change under features/, steps/ or the runner
 * forces a full run of the mutated files; `--retest-survivors` instead re-tests only the last
 * survivors, sound after scenarios were only added (an added scenario cannot revive a killed
 * mutant), not after one was weakened or removed. The HTML report of the run is
 * reports/mutation/index.html.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { Stryker } from '@stryker-mutator/core';
import { REPO_ROOT } from '../steps/support/target.ts';
// @ts-expect-error: a plain JavaScript module without declarations (Stryker loads it with import()).
import { EXCLUDED } from '../stryker.config.mjs';

let OUT = join(REPO_ROOT, 'reports', 'mutation');
let INCREMENTAL = join(OUT, 'incremental.json');
let FINGERPRINTS = join(OUT, 'scenarios.json');
const MOCK = join(REPO_ROOT, 'mock-server');

/** The mutation report's shape, as far as this script reads it (mutation-testing-report-schema). */
interface ReportMutant {
  status: string;
  mutatorName: string;
  replacement?: string;
  statusReason?: string;
  location: { start: { line: number; column: number } };
}
interface Report {
  files: Record<string, { mutants: ReportMutant[] } & Record<string, unknown>>;
  testFiles?: Record<string, unknown>;
  [k: string]: unknown;
}

export interface SurfaceScore {
  surface: string;
  mutants: number;
  killed: number;
  timeout: number;
  survived: number;
  noCoverage: number;
  ignored: number;
  errors: number;
  /** (killed + timeout) / (killed + timeout + survived + noCoverage), percent; null without valid mutants. */
  score: number | null;
  survivors: string[];
}

/** Every surface: the folders of mock-server/ not excluded whole, and `root` for the files directly in it. */
export function surfaces(): string[] {
  const excludedWhole = (name: string) => EXCLUDED.some((e: { pattern: string }) => e.pattern === `!mock-server/${name}/**`);
  return ['root', ...readdirSync(MOCK).filter((n) => statSync(join(MOCK, n)).isDirectory() && !excludedWhole(n)).sort()];
}

/** The surface a mutated file belongs to. */
export function surfaceOf(file: string): string {
  const rel = relative(MOCK, join(REPO_ROOT, file)).split(/[\\/]/);
  return rel.length > 1 ? rel[0]! : 'root';
}

function mutateGlobs(surface: string): string[] {
  return surface === 'root' ? ['mock-server/*.ts'] : [`mock-server/${surface}/**/*.ts`];
}

/** Files whose change can change a mutant's verdict without changing the mutant itself. */
function scenarioFingerprint(): string {
  const hash = createHash('sha256');
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const p = join(dir, name);
      return statSync(p).isDirectory() ? walk(p) : [p];
    });
  const files = [...walk(join(REPO_ROOT, 'features')), ...walk(join(REPO_ROOT, 'steps')), ...walk(join(REPO_ROOT, 'fixtures', 'targets'))]
    .concat(['scripts/mutation-test-runner.ts', 'scripts/mutation-scenarios.ts', 'scripts/cucumber-run.ts', 'scripts/default-targets.ts'].map((f) => join(REPO_ROOT, f)))
    .sort();
  for (const f of files) hash.update(relative(REPO_ROOT, f)).update('\0').update(readFileSync(f)).update('\0');
  return hash.digest('hex');
}

export function scoreOf(surface: string, files: Report['files']): SurfaceScore {
  const mutants = Object.entries(files)
    .filter(([file]) => surfaceOf(file) === surface)
    .flatMap(([file, f]) => f.mutants.map((m) => ({ file, m })));
  const count = (s: string) => mutants.filter(({ m }) => m.status === s).length;
  const killed = count('Killed');
  const timeout = count('Timeout');
  const survived = count('Survived');
  const noCoverage = count('NoCoverage');
  const valid = killed + timeout + survived + noCoverage;
  return {
    surface,
    mutants: mutants.length,
    killed,
    timeout,
    survived,
    noCoverage,
    ignored: count('Ignored'),
    errors: count('RuntimeError') + count('CompileError'),
    score: valid === 0 ? null : Math.floor(((killed + timeout) / valid) * 1000) / 10,
    survivors: mutants
      .filter(({ m }) => m.status === 'Survived' || m.status === 'NoCoverage')
      .map(({ file, m }) => `${file}:${m.location.start.line}:${m.location.start.column} ${m.mutatorName}${m.status === 'NoCoverage' ? ' (no coverage)' : ''}: ${JSON.stringify(m.replacement ?? '')}`),
  };
}

function readReport(file: string): Report | undefined {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Report) : undefined;
}

/** Drop the survivors from the incremental file, so that Stryker tests them again and reuses the rest. */
function forgetSurvivors(report: Report, mutatedNow: (file: string) => boolean): number {
  let dropped = 0;
  for (const [file, f] of Object.entries(report.files)) {
    if (!mutatedNow(file)) continue;
    const kept = f.mutants.filter((m) => m.status !== 'Survived' && m.status !== 'NoCoverage');
    dropped += f.mutants.length - kept.length;
    f.mutants = kept;
  }
  return dropped;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      surface: { type: 'string', multiple: true },
      force: { type: 'boolean' },
      'retest-survivors': { type: 'boolean' },
      file: { type: 'string', multiple: true },
      concurrency: { type: 'string' },
      reports: { type: 'string' },
      'expect-all-killed': { type: 'boolean' },
      'scores-only': { type: 'boolean' },
    },
  });
  if (values.reports) {
    OUT = join(REPO_ROOT, values.reports);
    INCREMENTAL = join(OUT, 'incremental.json');
    FINGERPRINTS = join(OUT, 'scenarios.json');
  }
  const all = surfaces();
  for (const s of values.surface ?? []) if (!all.includes(s)) throw new Error(`no surface "${s}" under mock-server/; known: ${all.join(', ')}`);
  const files = (values.file ?? []).map((f) => relative(REPO_ROOT, join(REPO_ROOT, f)));
  for (const f of files) if (!f.startsWith('mock-server/') || !f.endsWith('.ts') || !existsSync(join(REPO_ROOT, f))) throw new Error(`--file ${f}: not a .ts file under mock-server/`);
  const chosen = files.length > 0 ? [...new Set(files.map(surfaceOf))] : values.surface ?? all;
  const globs = files.length > 0 ? files : chosen.flatMap(mutateGlobs);
  /** Files this run mutates: Stryker's report replaces their earlier results. */
  const mutatedNow = (file: string) => (files.length > 0 ? files.includes(file) : chosen.includes(surfaceOf(file)));
  mkdirSync(OUT, { recursive: true });

  const before = readReport(INCREMENTAL);
  const fingerprint = scenarioFingerprint();
  const fingerprints = (existsSync(FINGERPRINTS) ? JSON.parse(readFileSync(FINGERPRINTS, 'utf8')) : {}) as Record<string, string>;
  if (values['scores-only']) {
    // Print and write the summary of the results kept so far, without running Stryker.
    if (!before) throw new Error(`no results yet in ${relative(REPO_ROOT, INCREMENTAL)}: run npm run mutation first`);
    printScores(all, before, fingerprints, fingerprint);
    return 0;
  }
  let stale = chosen.some((s) => fingerprints[s] !== fingerprint);
  if (values['retest-survivors'] && before && !values.force) {
    console.log(`mutation: re-testing ${forgetSurvivors(before, mutatedNow)} survivor(s), keeping the killed mutants`);
    writeFileSync(INCREMENTAL, JSON.stringify(before));
    stale = false;
  }
  const force = (values.force ?? false) || stale;
  console.log(`mutation: ${files.length > 0 ? files.join(', ') : chosen.length === all.length ? 'all of mock-server/' : chosen.map((s) => `mock-server/${s === 'root' ? '*.ts' : s + '/'}`).join(', ')}` +
    ` against the whole suite on the embedded targets${force ? ' (full run: scenarios changed or --force)' : ' (incremental)'}`);

  const stryker = new Stryker({
    mutate: [...globs, ...EXCLUDED.map((e: { pattern: string }) => e.pattern)],
    incrementalFile: relative(REPO_ROOT, INCREMENTAL),
    force,
    ...(values.concurrency ? { concurrency: Number(values.concurrency) } : {}),
    htmlReporter: { fileName: relative(REPO_ROOT, join(OUT, 'index.html')) },
    jsonReporter: { fileName: relative(REPO_ROOT, join(OUT, 'mutation.json')) },
  });
  await stryker.runMutationTest();

  // Stryker wrote only this run's files: put back the other files' results (of files that still exist).
  const after = readReport(INCREMENTAL);
  if (!after) throw new Error('Stryker wrote no incremental report');
  if (before) {
    for (const [file, f] of Object.entries(before.files)) if (!mutatedNow(file) && !after.files[file] && existsSync(join(REPO_ROOT, file))) after.files[file] = f;
    after.testFiles = { ...before.testFiles, ...after.testFiles };
  }
  writeFileSync(INCREMENTAL, JSON.stringify(after));
  // A surface measured in part keeps its old fingerprint until every part is measured again.
  if (files.length === 0) for (const s of chosen) fingerprints[s] = fingerprint;
  writeFileSync(FINGERPRINTS, JSON.stringify(fingerprints, null, 2) + '\n');

  printScores(all, after, fingerprints, fingerprint);
  const where = relative(REPO_ROOT, OUT);
  console.log(`Survivors: ${where}/summary.json; report: ${where}/index.html`);
  if (values['expect-all-killed']) {
    // The fixed sample `npm test` runs: every valid mutant of the files must be caught.
    const now = Object.entries(after.files).filter(([file]) => mutatedNow(file)).flatMap(([, f]) => f.mutants);
    const caught = now.filter((m) => m.status === 'Killed' || m.status === 'Timeout').length;
    const missed = now.filter((m) => m.status === 'Survived' || m.status === 'NoCoverage' || m.status === 'RuntimeError' || m.status === 'CompileError');
    for (const m of missed) console.log(`  not caught: ${m.mutatorName} ${JSON.stringify(m.replacement ?? '')} at line ${m.location.start.line} (${m.status})`);
    console.log(`${caught} passed, ${missed.length} failed, ${now.length - caught - missed.length} skipped`);
    return missed.length === 0 && caught > 0 ? 0 : 1;
  }
  return 0;
}

/** Scores per surface and overall, printed and written to summary.json. */
function printScores(all: string[], report: Report, fingerprints: Record<string, string>, fingerprint: string): void {
  const scores = all.map((s) => scoreOf(s, report.files)).filter((s) => s.mutants > 0);
  const valid = (s: SurfaceScore) => s.killed + s.timeout + s.survived + s.noCoverage;
  const totalValid = scores.reduce((n, s) => n + valid(s), 0);
  const totalKilled = scores.reduce((n, s) => n + s.killed + s.timeout, 0);
  const overall = totalValid === 0 ? null : Math.floor((totalKilled / totalValid) * 1000) / 10;
  const outdated = all.filter((s) => fingerprints[s] !== fingerprint && scores.some((x) => x.surface === s));
  const notMeasured = all.filter((s) => !scores.some((x) => x.surface === s));
  writeFileSync(join(OUT, 'summary.json'), JSON.stringify({ date: new Date().toISOString(), overall, outdated, notMeasured, surfaces: scores }, null, 2) + '\n');

  console.log('\nMutation score per surface (killed + timed out of valid mutants; fault-switch code and equivalents ignored):');
  for (const s of scores) {
    const name = s.surface === 'root' ? 'mock-server/*.ts' : `mock-server/${s.surface}/`;
    console.log(`  ${name}`.padEnd(34) + `${s.score === null ? '  n/a' : `${s.score.toFixed(1)}%`.padStart(6)}  ${s.killed + s.timeout} killed, ${s.survived} survived, ${s.noCoverage} no coverage, ${s.ignored} ignored${s.errors ? `, ${s.errors} errors` : ''}${outdated.includes(s.surface) ? '  (measured with older scenarios)' : ''}`);
  }
  console.log(`  overall`.padEnd(34) + `${overall === null ? '  n/a' : `${overall.toFixed(1)}%`.padStart(6)}  ${totalKilled} of ${totalValid} valid mutants killed` +
    (notMeasured.length > 0 ? `, over ${scores.length} of ${all.length} surfaces (not measured yet: ${notMeasured.join(', ')})` : ''));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(e);
      process.exit(2);
    },
  );
}
