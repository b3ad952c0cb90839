/**
 * Console summary of a conformance run.
 */
import type { RuleRow } from './rule-matrix.ts';
import { countRuleStatuses } from './rule-matrix.ts';
import type { ScenarioResult } from './scenario-results.ts';
import { isFailureStatus, summarize } from './scenario-results.ts';

/** `"N passed, N failed, N skipped"` — exactly this, nothing else. */
export function formatSummaryLine(s: { passed: number; failed: number; skipped: number }): string {
  return `${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped`;
}

const MAX_LISTED = 50;

/**
 * Prints a short human summary (rule counts per status, failing rules, failed scenarios with
 * their location) and, as the very last line, the plain scenario summary line, which it returns.
 * `log` defaults to `console.log` (one call per line).
 */
export function printRunSummary(
  results: readonly ScenarioResult[],
  rows: readonly RuleRow[],
  log: (line: string) => void = (l) => console.log(l),
): string {
  const c = countRuleStatuses(rows);
  log(
    `Rules: ${rows.length} total — ${c.passed} passed, ${c.failed} failed, ${c['skipped-only']} skipped only, ` +
      `${c.uncovered} uncovered, ${c['not-applicable']} not applicable`,
  );

  const failedRules = rows.filter((r) => r.status === 'failed');
  if (failedRules.length > 0) {
    log(`Failed rules (${failedRules.length}):`);
    for (const r of failedRules.slice(0, MAX_LISTED)) {
      log(`  ${r.rule}${r.reason === undefined ? '' : ` — ${r.reason}`}`);
    }
    if (failedRules.length > MAX_LISTED) log(`  … and ${failedRules.length - MAX_LISTED} more`);
  }

  const failed = results.filter((r) => isFailureStatus(r.status));
  if (failed.length > 0) {
    log(`Failed scenarios (${failed.length}):`);
    for (const r of failed.slice(0, MAX_LISTED)) {
      const where = r.line === undefined ? r.uri : `${r.uri}:${r.line}`;
      const status = r.status === 'failed' ? '' : ` [${r.status}]`;
      log(`  ✗ ${r.name}${status} (${where})${r.error === undefined ? '' : ` — ${r.error}`}`);
    }
    if (failed.length > MAX_LISTED) log(`  … and ${failed.length - MAX_LISTED} more`);
  }

  const line = formatSummaryLine(summarize(results));
  log(line);
  return line;
}
