/**
 * Progress of a run, read from the cucumber messages as they arrive: one line each time another
 * tenth of the scenarios has finished (and at least every 30 s), so a CI log shows the run moving
 * without a line per scenario.
 */
import type { Envelope } from '@cucumber/messages';
import { formatDuration } from './run-meta.ts';

export function progressPrinter(log: (line: string) => void = (l) => console.log(l), now: () => number = Date.now): (e: Envelope) => void {
  const started = now();
  let total = 0;
  let done = 0;
  let failing = 0;
  let lastTenth = 0;
  let lastAt = started;
  const failedAttempts = new Set<string>();
  return (e) => {
    if (e.testCase) total++;
    else if (e.testStepFinished) {
      const st = String(e.testStepFinished.testStepResult.status);
      if (st !== 'PASSED' && st !== 'SKIPPED') failedAttempts.add(e.testStepFinished.testCaseStartedId);
    } else if (e.testCaseFinished && !e.testCaseFinished.willBeRetried) {
      done++;
      if (failedAttempts.has(e.testCaseFinished.testCaseStartedId)) failing++;
      const tenth = total === 0 ? 0 : Math.floor((done * 10) / total);
      const t = now();
      if (tenth > lastTenth || t - lastAt >= 30_000 || done === total) {
        lastTenth = tenth;
        lastAt = t;
        log(`  ${String(done).padStart(String(total).length)}/${total} scenarios, ${failing} not passed, ${formatDuration(t - started)}`);
      }
    }
  };
}
