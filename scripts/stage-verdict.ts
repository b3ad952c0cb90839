/**
 * How `npm test` (scripts/test-all.ts) judges one stage from its exit code and output.
 */
export interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

export interface StageVerdict {
  counts: Counts;
  mark: 'ok' | 'FAIL' | 'skip';
  /** The one-line reason a skipped stage gave (`# SKIP <reason>`). */
  skipReason?: string;
}

export function stageVerdict(code: number, output: string, parsed: Counts | undefined): StageVerdict {
  // A stage that printed no counts is one check; a non-zero exit is always a failure.
  const counts = parsed ? { ...parsed } : { passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, skipped: 0 };
  if (code !== 0 && counts.failed === 0) counts.failed = 1;
  // A stage that ran nothing proves nothing, unless it says it was skipped, and why.
  const skipReason = /^# SKIP (.*)$/m.exec(output)?.[1];
  const skippedWithReason = skipReason !== undefined && counts.skipped > 0 && code === 0;
  if (counts.passed + counts.failed === 0 && !skippedWithReason) counts.failed = 1;
  const mark = counts.failed > 0 ? 'FAIL' : counts.passed === 0 ? 'skip' : 'ok';
  return { counts, mark, ...(mark === 'skip' && skipReason ? { skipReason } : {}) };
}

/** The plain "N passed, N failed[, N skipped]" line our own scripts print last. */
export function plainLine(output: string): Counts | undefined {
  const lines = output.trim().split('\n').reverse();
  for (const line of lines) {
    const m = /^(\d+) passed, (\d+) failed(?:, (\d+) skipped)?\s*$/.exec(line.trim());
    if (m) return { passed: Number(m[1]), failed: Number(m[2]), skipped: Number(m[3] ?? 0) };
  }
  return undefined;
}

/** Lines by which our stages name what failed: cucumber's ✗ list, node:test's ✖, TAP `not ok`, and our scripts' own refusals. */
const FAILURE_LINE = /^\s*(?:✗ |✖ |not ok\b|not caught: |stale baseline entry|the run itself failed|selftest: )|fewer than the floor|did not start in \d+ s|exited with (?!0\b)\d+/;
const MAX_DIGEST_LINES = 25;

/**
 * What a failed stage said about its failures, for the closing summary: CI logs are often read
 * from their tail, which otherwise ends in long lists far below the failing scenario's name.
 */
export function failureDigest(output: string): string[] {
  const seen = new Set<string>();
  for (const raw of output.split('\n')) {
    const line = raw.trimEnd();
    if (FAILURE_LINE.test(line)) seen.add(line.trim());
  }
  const lines = [...seen];
  return lines.length > MAX_DIGEST_LINES ? [...lines.slice(0, MAX_DIGEST_LINES), `… and ${lines.length - MAX_DIGEST_LINES} more`] : lines;
}
