/**
 * The table `npm run conformance` ends with: one row per target, with the harness's verdicts,
 * then why scenarios were skipped and what could not be cleaned up.
 */
import { outcomeCounts } from './classify.ts';
import type { LeftBehind } from './left-behind.ts';
import { formatDuration } from './run-meta.ts';
import type { ScenarioResult } from './scenario-results.ts';

export interface TargetRun {
  target: string;
  results: readonly ScenarioResult[];
  durationMs: number;
  leftBehind: readonly LeftBehind[];
  /** The embedded sandbox: what stays on it is discarded with the run. */
  discarded?: boolean;
}

const COLUMNS = ['target', 'passed', 'failed', 'not checked (setup)', 'skipped', 'baselined', 'warnings', 'duration'] as const;

/** Why a skipped scenario was skipped: the reason the Before hook attached, first clause only. */
export function skipReason(r: ScenarioResult): string {
  const text = r.attachments?.find((a) => a.startsWith('Skipped: '));
  if (!text) return 'no reason given';
  return text.slice('Skipped: '.length).split('; ')[0]!.replace(/^target "[^"]+" /, 'target ').replace(/, target "[^"]+" runs/, ', target runs');
}

export function summaryTable(runs: readonly TargetRun[]): string[] {
  const rows = runs.map((r) => {
    const c = outcomeCounts(r.results);
    return [r.target, c.passed, c.failed, c.notChecked, c.skipped, c.baselined, c.warnings, formatDuration(r.durationMs)].map(String);
  });
  const widths = COLUMNS.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  const out = [line(COLUMNS), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];

  for (const r of runs) {
    const reasons = new Map<string, number>();
    for (const s of r.results.filter((x) => x.status === 'skipped')) reasons.set(skipReason(s), (reasons.get(skipReason(s)) ?? 0) + 1);
    if (reasons.size > 0) {
      out.push('', `Skipped on ${r.target}, by reason:`);
      for (const [why, n] of [...reasons].sort((a, b) => b[1] - a[1])) out.push(`  ${String(n).padStart(4)}  ${why}`);
    }
  }
  for (const r of runs) {
    if (r.leftBehind.length === 0) continue;
    if (r.discarded) {
      out.push('', `${r.leftBehind.length} object(s) the harness could not delete stayed on ${r.target}'s embedded sandbox, which is discarded with the run.`);
      continue;
    }
    out.push('', `Left behind on ${r.target} (created by the harness, could not be deleted; remove them by hand):`);
    for (const l of r.leftBehind) out.push(`  ${l.kind} ${l.id}: ${l.why}`);
  }
  return out;
}
