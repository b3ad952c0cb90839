/**
 * From cucumber's verdicts to the harness's: a failure before the rule's own check is "not
 * checked" (the target could not be set up for it), a failure the target's baseline expects is
 * "baselined", an @optional (SHOULD/MAY) rule that fails is a "warning" unless --strict. A
 * baseline entry whose scenario now passes is stale: the run fails, so a baseline only shrinks.
 */
import { readFileSync } from 'node:fs';
import type { ScenarioResult, ScenarioStatus } from './scenario-results.ts';

/** One expected failure: the scenario (feature file and name), its rule and the clause missed. */
export interface BaselineEntry {
  /** `features/<file>.feature` */
  uri: string;
  /** The scenario name as the report shows it (outline rows with their substituted values). */
  scenario: string;
  rule: string;
  /** deviation: the target misses the clause; harness: our defect, to fix; disputed: the rule's reading needs review. */
  class?: 'deviation' | 'harness' | 'disputed';
  /** The spec clause the target misses, and the evidence. */
  reason: string;
}

export interface Baseline {
  target: string;
  entries: BaselineEntry[];
}

export class BaselineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BaselineError';
  }
}

export function loadBaseline(path: string): Baseline {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new BaselineError(`cannot read baseline ${path}: ${(e as Error).message}`);
  }
  const b = raw as Partial<Baseline>;
  if (typeof b.target !== 'string' || !Array.isArray(b.entries)) throw new BaselineError(`${path}: needs "target" and "entries"`);
  b.entries.forEach((e, i) => {
    for (const k of ['uri', 'scenario', 'rule', 'reason'] as const) {
      if (typeof e[k] !== 'string' || e[k] === '') throw new BaselineError(`${path}: entries[${i}].${k} must be a non-empty string`);
    }
  });
  return b as Baseline;
}

const key = (uri: string, scenario: string) => `${uri}\u0000${scenario}`;

export interface Classified {
  results: ScenarioResult[];
  /** Baseline entries whose scenario passed, or did not run at all. */
  stale: BaselineEntry[];
}

/**
 * `partial`: the run selected a subset of the suite (tags, a shard), so a baselined scenario that
 * did not run says nothing; in a whole run it means the entry names a scenario that is gone.
 */
export function classify(results: readonly ScenarioResult[], opts: { baseline?: Baseline | undefined; strict?: boolean; partial?: boolean } = {}): Classified {
  const expected = new Map((opts.baseline?.entries ?? []).map((e) => [key(e.uri, e.scenario), e]));
  const out = results.map((r) => {
    const k = key(r.uri, r.name);
    const entry = expected.get(k);
    let status: ScenarioStatus = r.status;
    const copy: ScenarioResult = { ...r };
    if (r.status === 'failed' || r.status === 'unknown') {
      if (entry) {
        status = 'baselined';
        copy.baselineReason = entry.reason;
      } else if (r.failedInSetup) {
        status = 'not-checked';
      } else if (!opts.strict && r.tags.includes('@optional')) {
        status = 'warning';
      }
    }
    copy.status = status;
    return copy;
  });
  const statusOf = new Map(out.map((r) => [key(r.uri, r.name), r.status]));
  const stale = (opts.baseline?.entries ?? []).filter((e) => {
    const k = key(e.uri, e.scenario);
    return statusOf.has(k) ? statusOf.get(k) === 'passed' : !opts.partial;
  });
  return { results: out, stale };
}

export interface OutcomeCounts {
  passed: number;
  failed: number;
  notChecked: number;
  skipped: number;
  baselined: number;
  warnings: number;
}

export function outcomeCounts(results: readonly ScenarioResult[]): OutcomeCounts {
  const c: OutcomeCounts = { passed: 0, failed: 0, notChecked: 0, skipped: 0, baselined: 0, warnings: 0 };
  for (const r of results) {
    if (r.status === 'passed') c.passed++;
    else if (r.status === 'skipped') c.skipped++;
    else if (r.status === 'not-checked') c.notChecked++;
    else if (r.status === 'baselined') c.baselined++;
    else if (r.status === 'warning') c.warnings++;
    else c.failed++;
  }
  return c;
}

export function formatOutcomes(c: OutcomeCounts): string {
  return `${c.passed} passed, ${c.failed} failed, ${c.notChecked} not checked (setup), ${c.skipped} skipped, ${c.baselined} baselined, ${c.warnings} warnings`;
}
