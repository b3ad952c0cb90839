/**
 * `npm run mutation [-- --surface <folder>]...`: StrykerJS over mock-server/, one Stryker run per
 * surface (scripts/mutation-surfaces.ts): mutate only `mock-server/<folder>/` (less what
 * stryker.config.mjs excludes) and kill mutants with only the scenarios that exercise it, run by
 * scripts/mutation-run.ts on every embedded target. Reports per surface under
 * reports/mutation/<folder>/ (index.html, mutation.json, incremental.json) and a summary in
 * reports/mutation/summary.json.
 *
 * Incremental: Stryker reuses the result of every mutant whose code did not change. The command
 * runner reports no test files, so Stryker cannot see a changed scenario; this script fingerprints
 * features/, steps/ and the runner and forces a full run of the surface when they changed.
 * `--retest-survivors` instead re-tests only the mutants that survived last time and keeps the
 * killed ones: sound after scenarios were only added (an added scenario cannot revive a killed
 * mutant), not after one was weakened or removed; the default full run is always sound.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { Stryker } from '@stryker-mutator/core';
import type { MutantResult } from '@stryker-mutator/api/core';
import { REPO_ROOT } from '../steps/support/target.ts';
import { MUTATION_SURFACES, mutationSurface, type MutationSurface } from './mutation-surfaces.ts';
// @ts-expect-error: a plain JavaScript module without declarations (Stryker loads it with import()).
import { EXCLUDED } from '../stryker.config.mjs';

const OUT = join(REPO_ROOT, 'reports', 'mutation');

interface SurfaceScore {
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

/** Files whose change can change a mutant's verdict without changing the mutant itself. */
function scenarioFingerprint(surface: MutationSurface): string {
  const hash = createHash('sha256').update(surface.tags);
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const p = join(dir, name);
      return statSync(p).isDirectory() ? walk(p) : [p];
    });
  const files = [...walk(join(REPO_ROOT, 'features')), ...walk(join(REPO_ROOT, 'steps')), ...walk(join(REPO_ROOT, 'fixtures', 'targets'))]
    .concat(['scripts/mutation-run.ts', 'scripts/cucumber-run.ts', 'scripts/default-targets.ts'].map((f) => join(REPO_ROOT, f)))
    .sort();
  for (const f of files) hash.update(relative(REPO_ROOT, f)).update('\0').update(readFileSync(f)).update('\0');
  return hash.digest('hex');
}

function score(surface: string, results: MutantResult[]): SurfaceScore {
  const count = (s: MutantResult['status']) => results.filter((r) => r.status === s).length;
  const killed = count('Killed');
  const timeout = count('Timeout');
  const survived = count('Survived');
  const noCoverage = count('NoCoverage');
  const valid = killed + timeout + survived + noCoverage;
  return {
    surface,
    mutants: results.length,
    killed,
    timeout,
    survived,
    noCoverage,
    ignored: count('Ignored'),
    errors: count('RuntimeError') + count('CompileError'),
    score: valid === 0 ? null : Math.round(((killed + timeout) / valid) * 1000) / 10,
    survivors: results
      .filter((r) => r.status === 'Survived' || r.status === 'NoCoverage')
      .map((r) => `${r.fileName}:${r.location.start.line}:${r.location.start.column + 1} ${r.mutatorName}: ${JSON.stringify(r.replacement ?? '')}`),
  };
}

/** Drop the survivors from the incremental file, so that Stryker tests them again and reuses the rest. */
function forgetSurvivors(incrementalFile: string): number {
  if (!existsSync(incrementalFile)) return 0;
  const report = JSON.parse(readFileSync(incrementalFile, 'utf8')) as { files: Record<string, { mutants: { status: string }[] }> };
  let dropped = 0;
  for (const file of Object.values(report.files)) {
    const kept = file.mutants.filter((m) => m.status !== 'Survived' && m.status !== 'NoCoverage');
    dropped += file.mutants.length - kept.length;
    file.mutants = kept;
  }
  writeFileSync(incrementalFile, JSON.stringify(report));
  return dropped;
}

async function runSurface(surface: MutationSurface, force: boolean, retestSurvivors: boolean): Promise<SurfaceScore> {
  const dir = join(OUT, surface.folder);
  mkdirSync(dir, { recursive: true });
  const fingerprintFile = join(dir, 'scenarios.sha256');
  const fingerprint = scenarioFingerprint(surface);
  let scenariosChanged = !existsSync(fingerprintFile) || readFileSync(fingerprintFile, 'utf8').trim() !== fingerprint;
  const rel = (p: string) => relative(REPO_ROOT, p);
  if (retestSurvivors && !force && existsSync(join(dir, 'incremental.json'))) {
    console.log(`\nmutation: re-testing ${forgetSurvivors(join(dir, 'incremental.json'))} survivor(s) of mock-server/${surface.folder}/, keeping the killed mutants`);
    scenariosChanged = false;
  }
  console.log(`\nmutation: mock-server/${surface.folder}/ against "${surface.tags || '(every scenario)'}"${scenariosChanged || force ? ' (full run: scenarios changed or --force)' : ' (incremental)'}`);
  const stryker = new Stryker({
    mutate: [`mock-server/${surface.folder}/**/*.ts`, ...EXCLUDED.map((e: { pattern: string }) => e.pattern)],
    commandRunner: { command: `npx tsx scripts/mutation-run.ts --surface ${surface.folder}` },
    incrementalFile: rel(join(dir, 'incremental.json')),
    htmlReporter: { fileName: rel(join(dir, 'index.html')) },
    jsonReporter: { fileName: rel(join(dir, 'mutation.json')) },
    force: force || scenariosChanged,
  });
  const results = await stryker.runMutationTest();
  writeFileSync(fingerprintFile, fingerprint + '\n');
  return score(surface.folder, results);
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { surface: { type: 'string', multiple: true }, force: { type: 'boolean' }, 'retest-survivors': { type: 'boolean' } },
  });
  const surfaces = values.surface ? values.surface.map(mutationSurface) : [...MUTATION_SURFACES];
  const scores: SurfaceScore[] = [];
  for (const s of surfaces) scores.push(await runSurface(s, values.force ?? false, values['retest-survivors'] ?? false));

  mkdirSync(OUT, { recursive: true });
  const summaryFile = join(OUT, 'summary.json');
  // Keep the scores of surfaces this run did not measure.
  const previous: SurfaceScore[] = existsSync(summaryFile) ? (JSON.parse(readFileSync(summaryFile, 'utf8')).surfaces ?? []) : [];
  const merged = [...previous.filter((p) => !scores.some((s) => s.surface === p.surface)), ...scores].sort((a, b) => a.surface.localeCompare(b.surface));
  writeFileSync(summaryFile, JSON.stringify({ date: new Date().toISOString(), surfaces: merged }, null, 2) + '\n');

  console.log('\nMutation score per surface (killed + timed out of valid mutants; fault-switch code ignored):');
  for (const s of scores) {
    console.log(`  mock-server/${s.surface}/`.padEnd(40) + `${s.score === null ? '  n/a' : `${s.score.toFixed(1)}%`.padStart(6)}  ${s.killed + s.timeout} killed, ${s.survived} survived, ${s.noCoverage} no coverage, ${s.ignored} ignored${s.errors ? `, ${s.errors} errors` : ''}`);
    for (const line of s.survivors) console.log(`      survived  ${line}`);
  }
  console.log(`Reports: reports/mutation/<surface>/index.html; summary: reports/mutation/summary.json`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(2);
  },
);
