/**
 * The tracked record of mutation results, mutation/results.json: per mutated file, the hash of
 * the source Stryker measured, the scenario fingerprint it ran with, the counts per status and
 * each survivor. Stryker's own incremental file cannot be kept in git (it lists every covering
 * scenario of every mutant: hundreds of megabytes over mock-server/), so without this record the
 * README's figures would live only on the machine that measured them.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** A mutant as the mutation-testing-report-schema gives it, as far as the record reads it. */
export interface ReportMutant {
  status: string;
  mutatorName: string;
  replacement?: string;
  location: { start: { line: number; column: number } };
}

export interface StatusCounts {
  killed: number;
  timeout: number;
  survived: number;
  noCoverage: number;
  ignored: number;
  errors: number;
}

export interface FileRecord {
  /** sha256 of the source the mutants were made from. */
  sha256: string;
  /** The scenario fingerprint (features, steps, targets, runner) the mutants ran against. */
  scenarios: string;
  /** ISO date of the run. */
  measured: string;
  counts: StatusCounts;
  /** `line:column Mutator[ (no coverage)]: "replacement"`, in source order. */
  survivors: string[];
}

export type MutationRecord = Record<string, FileRecord>;

export const sha256 = (text: string | Buffer): string => createHash('sha256').update(text).digest('hex');

export function countStatuses(mutants: readonly ReportMutant[]): StatusCounts {
  const count = (...s: string[]) => mutants.filter((m) => s.includes(m.status)).length;
  return {
    killed: count('Killed'),
    timeout: count('Timeout'),
    survived: count('Survived'),
    noCoverage: count('NoCoverage'),
    ignored: count('Ignored'),
    errors: count('RuntimeError', 'CompileError'),
  };
}

export function survivorsOf(mutants: readonly ReportMutant[]): string[] {
  return mutants
    .filter((m) => m.status === 'Survived' || m.status === 'NoCoverage')
    .sort((a, b) => a.location.start.line - b.location.start.line || a.location.start.column - b.location.start.column)
    .map((m) => `${m.location.start.line}:${m.location.start.column} ${m.mutatorName}${m.status === 'NoCoverage' ? ' (no coverage)' : ''}: ${JSON.stringify(m.replacement ?? '')}`);
}

export function fileRecord(source: string, mutants: readonly ReportMutant[], scenarios: string, measured: string): FileRecord {
  return { sha256: sha256(source), scenarios, measured, counts: countStatuses(mutants), survivors: survivorsOf(mutants) };
}

export function readRecord(path: string): MutationRecord {
  if (!existsSync(path)) return {};
  return (JSON.parse(readFileSync(path, 'utf8')) as { files: MutationRecord }).files;
}

/** Sorted by file, one file per line group, so that a re-measured surface is a readable diff. */
export function writeRecord(path: string, record: MutationRecord): void {
  mkdirSync(dirname(path), { recursive: true });
  const files = Object.fromEntries(Object.keys(record).sort().map((f) => [f, record[f]!]));
  writeFileSync(path, JSON.stringify({ $comment: 'Written by npm run mutation (scripts/mutation-record.ts); the figures in the README come from here.', files }, null, 2) + '\n');
}

/** Why a file's recorded result may no longer hold, or undefined when it is current. */
export function staleness(repoRoot: string, file: string, rec: FileRecord, scenarioFingerprint: string): string | undefined {
  const path = join(repoRoot, file);
  if (!existsSync(path)) return 'file removed';
  if (sha256(readFileSync(path)) !== rec.sha256) return 'code changed since measured';
  if (rec.scenarios !== scenarioFingerprint) return 'scenarios changed since measured';
  return undefined;
}
