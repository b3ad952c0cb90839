/**
 * `npm run mutation [-- --surface <folder>]...`: StrykerJS over mock-server/, driven by the whole
 * conformance suite on the five embedded targets (scripts/mutation-test-runner.ts). One Stryker
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
 * mutant), not after one was weakened or removed; `--retest-timeouts` re-tests the mutants that
 * timed out (Stryker counts a timeout as detected, and a loaded machine can time out a slow run).
 * The HTML report of the run is
 * reports/mutation/index.html.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { Stryker } from '@stryker-mutator/core';
import { REPO_ROOT } from '../steps/support/target.ts';
import { fileRecord, readRecord, staleness, writeRecord, type FileRecord, type MutationRecord, type ReportMutant, type StatusCounts } from './mutation-record.ts';
// @ts-expect-error: a plain JavaScript module without declarations (Stryker loads it with import()).
import { EXCLUDED } from '../stryker.config.mjs';

let OUT = join(REPO_ROOT, 'reports', 'mutation');
let INCREMENTAL = join(OUT, 'incremental.json');
let FINGERPRINTS = join(OUT, 'scenarios.json');
/** The tracked record of results (scripts/mutation-record.ts); runs with --reports elsewhere leave it alone. */
const RECORD = join(REPO_ROOT, 'mutation', 'results.json');
let keepRecord = true;
const MOCK = join(REPO_ROOT, 'mock-server');

interface Report {
  files: Record<string, { mutants: ReportMutant[]; source: string } & Record<string, unknown>>;
  testFiles?: Record<string, unknown>;
  [k: string]: unknown;
}

export interface SurfaceScore extends StatusCounts {
  surface: string;
  mutants: number;
  /** (killed + timeout) / (killed + timeout + survived + noCoverage), percent; null without valid mutants. */
  score: number | null;
  survivors: string[];
  /** Files whose recorded result may no longer hold, with the reason. */
  stale: string[];
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

/** The .ts files of a surface (relative to the repository), as `--surface` mutates them. */
export function surfaceFiles(surface: string): string[] {
  const dir = surface === 'root' ? MOCK : join(MOCK, surface);
  const walk = (d: string): string[] =>
    readdirSync(d).flatMap((n) => {
      const p = join(d, n);
      if (statSync(p).isDirectory()) return surface === 'root' ? [] : walk(p);
      return n.endsWith('.ts') ? [relative(REPO_ROOT, p)] : [];
    });
  const excluded = new Set(EXCLUDED.map((e: { pattern: string }) => e.pattern.slice(1)));
  return walk(dir).filter((f) => !excluded.has(f));
}

/** Whether stryker.config.mjs excludes a file (an exact `!file` or a `!folder/**` pattern). */
export function isExcluded(file: string): boolean {
  return EXCLUDED.some(({ pattern }: { pattern: string }) => {
    const p = pattern.slice(1);
    return p.endsWith('/**') ? file.startsWith(p.slice(0, -2)) : file === p;
  });
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

export function scoreOf(surface: string, record: MutationRecord, stale: (file: string, rec: FileRecord) => string | undefined = () => undefined): SurfaceScore {
  const files = Object.entries(record).filter(([file]) => surfaceOf(file) === surface);
  const counts: StatusCounts = { killed: 0, timeout: 0, survived: 0, noCoverage: 0, ignored: 0, errors: 0 };
  for (const [, r] of files) for (const k of Object.keys(counts) as (keyof StatusCounts)[]) counts[k] += r.counts[k];
  const valid = counts.killed + counts.timeout + counts.survived + counts.noCoverage;
  return {
    surface,
    mutants: Object.values(counts).reduce((n, c) => n + c, 0),
    ...counts,
    score: valid === 0 ? null : Math.floor(((counts.killed + counts.timeout) / valid) * 1000) / 10,
    survivors: files.flatMap(([file, r]) => r.survivors.map((s) => `${file}:${s}`)),
    stale: files.flatMap(([file, r]) => {
      const why = stale(file, r);
      return why ? [`${file}: ${why}`] : [];
    }),
  };
}

function readReport(file: string): Report | undefined {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Report) : undefined;
}

/** Drop the survivors from the incremental file, so that Stryker tests them again and reuses the rest. */
function forgetMutants(report: Report, mutatedNow: (file: string) => boolean, statuses: readonly string[]): number {
  let dropped = 0;
  for (const [file, f] of Object.entries(report.files)) {
    if (!mutatedNow(file)) continue;
    const kept = f.mutants.filter((m) => !statuses.includes(m.status));
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
      'retest-timeouts': { type: 'boolean' },
      file: { type: 'string', multiple: true },
      concurrency: { type: 'string' },
      reports: { type: 'string' },
      'expect-all-killed': { type: 'boolean' },
      'scores-only': { type: 'boolean' },
      markdown: { type: 'boolean' },
    },
  });
  if (values.reports) {
    OUT = join(REPO_ROOT, values.reports);
    INCREMENTAL = join(OUT, 'incremental.json');
    FINGERPRINTS = join(OUT, 'scenarios.json');
    keepRecord = false;
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
    const record = recordOf(before, () => false, fingerprints, fingerprint, keepRecord ? readRecord(RECORD) : {});
    if (Object.keys(record).length === 0) throw new Error(`no results yet in ${relative(REPO_ROOT, keepRecord ? RECORD : INCREMENTAL)}: run npm run mutation first`);
    printScores(all, record, fingerprint);
    if (values.markdown) printMarkdown(all, record, fingerprint);
    return 0;
  }
  let stale = chosen.some((s) => fingerprints[s] !== fingerprint);
  // --retest-timeouts: a mutant that timed out on a loaded machine counts as detected; try it again.
  const retest = [...(values['retest-survivors'] ? ['Survived', 'NoCoverage'] : []), ...(values['retest-timeouts'] ? ['Timeout'] : [])];
  if (retest.length > 0 && before && !values.force) {
    console.log(`mutation: re-testing ${forgetMutants(before, mutatedNow, retest)} mutant(s) (${retest.join(', ')}), keeping the others`);
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

  const record = recordOf(after, mutatedNow, fingerprints, fingerprint, keepRecord ? readRecord(RECORD) : {});
  if (keepRecord) writeRecord(RECORD, record);
  printScores(all, record, fingerprint);
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

/**
 * The record after a run: the files this run mutated are measured now; files in Stryker's report
 * that the record lacks get their surface's last fingerprint; the rest of the record stays.
 */
function recordOf(report: Report | undefined, mutatedNow: (file: string) => boolean, fingerprints: Record<string, string>, fingerprint: string, kept: MutationRecord): MutationRecord {
  // A file excluded since it was measured no longer counts.
  const record = Object.fromEntries(Object.entries(kept).filter(([file]) => !isExcluded(file)));
  const today = new Date().toISOString().slice(0, 10);
  for (const [file, f] of Object.entries(report?.files ?? {})) {
    if (!existsSync(join(REPO_ROOT, file)) || isExcluded(file)) continue;
    if (mutatedNow(file)) record[file] = fileRecord(f.source, f.mutants, fingerprint, today);
    else record[file] ??= fileRecord(f.source, f.mutants, fingerprints[surfaceOf(file)] ?? 'unknown', today);
  }
  return record;
}

/** Why a surface's figure may no longer hold, each reason once ("file: reason" entries). */
const staleReasons = (s: SurfaceScore): string => [...new Set(s.stale.map((x) => x.slice(x.indexOf(': ') + 2)))].join('; ');

/** `  (k of n files)` for a surface measured in part, else nothing. */
function partial(surface: string, record: MutationRecord): string {
  const all = surfaceFiles(surface);
  const measured = all.filter((f) => record[f] !== undefined).length;
  return measured < all.length ? `  (${measured} of ${all.length} files)` : '';
}

/** Scores per surface and overall, printed and written to summary.json. */
function printScores(all: string[], record: MutationRecord, fingerprint: string): void {
  const scores = all.map((s) => scoreOf(s, record, (file, rec) => staleness(REPO_ROOT, file, rec, fingerprint))).filter((s) => s.mutants > 0);
  const valid = (s: SurfaceScore) => s.killed + s.timeout + s.survived + s.noCoverage;
  const totalValid = scores.reduce((n, s) => n + valid(s), 0);
  const totalKilled = scores.reduce((n, s) => n + s.killed + s.timeout, 0);
  const overall = totalValid === 0 ? null : Math.floor((totalKilled / totalValid) * 1000) / 10;
  const outdated = scores.filter((s) => s.stale.length > 0).map((s) => s.surface);
  const notMeasured = all.filter((s) => !scores.some((x) => x.surface === s));
  writeFileSync(join(OUT, 'summary.json'), JSON.stringify({ date: new Date().toISOString(), overall, outdated, notMeasured, surfaces: scores }, null, 2) + '\n');

  console.log('\nMutation score per surface (killed + timed out of valid mutants; fault-switch code and equivalents ignored):');
  for (const s of scores) {
    const name = s.surface === 'root' ? 'mock-server/*.ts' : `mock-server/${s.surface}/`;
    console.log(`  ${name}`.padEnd(34) + `${s.score === null ? '  n/a' : `${s.score.toFixed(1)}%`.padStart(6)}  ${s.killed + s.timeout} killed, ${s.survived} survived, ${s.noCoverage} no coverage, ${s.ignored} ignored${s.errors ? `, ${s.errors} errors` : ''}${partial(s.surface, record)}${s.stale.length > 0 ? `  (outdated: ${staleReasons(s)})` : ''}`);
  }
  console.log(`  overall`.padEnd(34) + `${overall === null ? '  n/a' : `${overall.toFixed(1)}%`.padStart(6)}  ${totalKilled} of ${totalValid} valid mutants killed` +
    (notMeasured.length > 0 ? `, over ${scores.length} of ${all.length} surfaces (not measured yet: ${notMeasured.join(', ')})` : ''));
}

/** The README's table: one row per measured surface, from the record. */
function printMarkdown(all: string[], record: MutationRecord, fingerprint: string): void {
  console.log('\n| Surface | Score | Killed of valid | Measured | State |\n|---|---|---|---|---|');
  for (const name of all) {
    const s = scoreOf(name, record, (file, rec) => staleness(REPO_ROOT, file, rec, fingerprint));
    if (s.mutants === 0) continue;
    const files = Object.entries(record).filter(([f]) => surfaceOf(f) === name);
    const dates = [...new Set(files.map(([, r]) => r.measured))].sort();
    const valid = s.killed + s.timeout + s.survived + s.noCoverage;
    const why = staleReasons(s);
    console.log(`| \`mock-server/${name === 'root' ? '*.ts' : `${name}/`}\`${partial(name, record)} | ${s.score === null ? 'n/a' : `${s.score.toFixed(1)}%`} | ${s.killed + s.timeout} of ${valid} | ${dates.join(', ')} | ${why || 'current'} |`);
  }
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
