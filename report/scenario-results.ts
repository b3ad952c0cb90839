/**
 * Scenario results from a cucumber `message` formatter stream (messages.ndjson).
 *
 * One result per executed pickle (scenario, or one example row of a scenario outline). Pickles
 * without a test case (filtered out by tags/names) are not results. Retries are collapsed: the
 * status is the one of the last attempt.
 */
import { readFileSync } from 'node:fs';
import type { Envelope, GherkinDocument, Pickle, Scenario } from '@cucumber/messages';

/**
 * Cucumber's statuses, plus three the harness derives (classify.ts): `not-checked` (failed before
 * reaching what the rule checks: in a Given/Background step, or a setup error), `baselined` (a
 * failure the target's expected-failures baseline lists) and `warning` (an @optional SHOULD/MAY
 * rule that failed, without --strict).
 */
export type ScenarioStatus = 'passed' | 'failed' | 'skipped' | 'pending' | 'undefined' | 'ambiguous' | 'unknown' | 'not-checked' | 'baselined' | 'warning';

export interface ScenarioResult {
  /** Pickle id. */
  id: string;
  /** Pickle name; ` [example N]` appended when several pickles of one uri share a name. */
  name: string;
  /**
   * The title as written in the feature file, which is what the cucumber HTML report renders:
   * for a Scenario Outline the outline's title with its `<placeholders>` (the pickle name has
   * them substituted). Absent if the gherkin document is not in the stream.
   */
  gherkinName?: string;
  /** For an outline example: the report's `#<examples table>.<row>` label, e.g. `1.2`. */
  example?: string;
  uri: string;
  line?: number;
  /** All tag names, scenario and inherited (feature/rule/examples), e.g. `@rule:DCR-REQ-01`. */
  tags: string[];
  /** Rule IDs from `@rule:<ID>` tags, in tag order, without duplicates. */
  rules: string[];
  status: ScenarioStatus;
  /** Text attachments of the last attempt (e.g. the reason a scenario was skipped). */
  attachments?: string[];
  /** First line of the message of the first non-passing step of the last attempt, if any. */
  error?: string;
  /** Number of attempts (1 unless retried). */
  attempts?: number;
  /** The first non-passing step was a Given (Context) step or raised a SetupError. */
  failedInSetup?: boolean;
  /** Why a baselined scenario is expected to fail (the clause the target misses). */
  baselineReason?: string;
}

export interface ResultSummary {
  passed: number;
  failed: number;
  skipped: number;
  total: number;
}

/** Worst first. */
const SEVERITY: readonly ScenarioStatus[] = ['failed', 'ambiguous', 'undefined', 'pending', 'skipped', 'passed'];

function severity(s: ScenarioStatus): number {
  const i = SEVERITY.indexOf(s);
  // 'unknown' counts as a failure: rank it just after 'failed'.
  return i === -1 ? 0.5 : i;
}

function worst(a: ScenarioStatus, b: ScenarioStatus): ScenarioStatus {
  return severity(b) < severity(a) ? b : a;
}

export function toScenarioStatus(raw: unknown): ScenarioStatus {
  switch (String(raw).toUpperCase()) {
    case 'PASSED':
      return 'passed';
    case 'FAILED':
      return 'failed';
    case 'SKIPPED':
      return 'skipped';
    case 'PENDING':
      return 'pending';
    case 'UNDEFINED':
      return 'undefined';
    case 'AMBIGUOUS':
      return 'ambiguous';
    default:
      return 'unknown';
  }
}

/** Parses NDJSON text into envelopes; a malformed line is an error naming its line number. */
export function parseEnvelopes(ndjson: string, label = 'messages'): Envelope[] {
  const out: Envelope[] = [];
  const lines = ndjson.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    if (line === '') continue;
    try {
      out.push(JSON.parse(line) as Envelope);
    } catch (err) {
      throw new Error(`${label}:${i + 1}: not a JSON envelope: ${(err as Error).message}`);
    }
  }
  return out;
}

export function readScenarioResults(messagesNdjsonPath: string): ScenarioResult[] {
  return scenarioResultsFromEnvelopes(parseEnvelopes(readFileSync(messagesNdjsonPath, 'utf8'), messagesNdjsonPath));
}

interface Attempt {
  id: string;
  attempt: number;
  order: number;
  status: ScenarioStatus | undefined;
  error: string | undefined;
  attachments: string[];
  failedInSetup: boolean;
  finished: boolean;
  willBeRetried: boolean;
}

interface ScenarioInfo {
  name: string;
  /** Example row id → label `t.r`. */
  rows: Map<string, string>;
}

function collectScenarios(doc: GherkinDocument, into: Map<string, ScenarioInfo>): void {
  const addScenario = (sc: Scenario): void => {
    const rows = new Map<string, string>();
    sc.examples.forEach((ex, t) => {
      ex.tableBody.forEach((row, r) => rows.set(row.id, `${t + 1}.${r + 1}`));
    });
    into.set(sc.id, { name: sc.name, rows });
  };
  for (const child of doc.feature?.children ?? []) {
    if (child.scenario) addScenario(child.scenario);
    for (const rc of child.rule?.children ?? []) {
      if (rc.scenario) addScenario(rc.scenario);
    }
  }
}

function decodeBody(body: string, encoding: unknown): string {
  return String(encoding) === 'BASE64' ? Buffer.from(body, 'base64').toString('utf8') : body;
}

function firstLine(s: string): string {
  return (s.split('\n').find((l) => l.trim() !== '') ?? '').trim();
}

/** Builds scenario results from envelopes in stream order. */
export function scenarioResultsFromEnvelopes(envelopes: Iterable<Envelope>): ScenarioResult[] {
  const pickles: Pickle[] = [];
  const scenarios = new Map<string, ScenarioInfo>();
  const testCaseToPickle = new Map<string, string>();
  const attemptsByTestCase = new Map<string, Attempt[]>();
  const attemptsById = new Map<string, Attempt>();
  const contextSteps = new Set<string>();
  const testStepToPickleStep = new Map<string, string>();
  let order = 0;

  for (const env of envelopes) {
    if (env.gherkinDocument) collectScenarios(env.gherkinDocument, scenarios);
    else if (env.pickle) {
      pickles.push(env.pickle);
      for (const st of env.pickle.steps) if (String(st.type) === 'Context') contextSteps.add(st.id);
    } else if (env.testCase) {
      testCaseToPickle.set(env.testCase.id, env.testCase.pickleId);
      for (const ts of env.testCase.testSteps) if (ts.pickleStepId) testStepToPickleStep.set(ts.id, ts.pickleStepId);
    }
    else if (env.testCaseStarted) {
      const s = env.testCaseStarted;
      const a: Attempt = {
        id: s.id,
        attempt: s.attempt ?? 0,
        order: order++,
        status: undefined,
        error: undefined,
        attachments: [],
        failedInSetup: false,
        finished: false,
        willBeRetried: false,
      };
      attemptsById.set(s.id, a);
      const list = attemptsByTestCase.get(s.testCaseId) ?? [];
      list.push(a);
      attemptsByTestCase.set(s.testCaseId, list);
    } else if (env.testStepFinished) {
      const f = env.testStepFinished;
      const a = attemptsById.get(f.testCaseStartedId);
      if (!a) continue;
      const st = toScenarioStatus(f.testStepResult.status);
      const before = a.status;
      a.status = before === undefined ? st : worst(before, st);
      if (a.error === undefined && st !== 'passed' && st !== 'skipped') {
        const msg = f.testStepResult.message ?? f.testStepResult.exception?.message;
        if (msg) a.error = firstLine(msg);
        const pickleStep = testStepToPickleStep.get(f.testStepId);
        // A failing hook (no pickle step) is setup too; so is a SetupError anywhere.
        a.failedInSetup = pickleStep === undefined || contextSteps.has(pickleStep) || /SetupError|TargetError/.test(msg ?? '');
      }
    } else if (env.testCaseFinished) {
      const a = attemptsById.get(env.testCaseFinished.testCaseStartedId);
      if (!a) continue;
      a.finished = true;
      a.willBeRetried = env.testCaseFinished.willBeRetried;
    } else if (env.attachment) {
      const att = env.attachment;
      if (att.testCaseStartedId === undefined || !att.mediaType.startsWith('text/')) continue;
      attemptsById.get(att.testCaseStartedId)?.attachments.push(decodeBody(att.body, att.contentEncoding));
    }
  }

  const pickleToTestCase = new Map<string, string>();
  for (const [tc, p] of testCaseToPickle) pickleToTestCase.set(p, tc);

  const results: ScenarioResult[] = [];
  for (const p of pickles) {
    const tc = pickleToTestCase.get(p.id);
    if (tc === undefined) continue; // not selected for this run
    const attempts = attemptsByTestCase.get(tc) ?? [];
    // Last attempt: highest attempt number, later in the stream on a tie.
    const last = attempts.reduce<Attempt | undefined>(
      (best, a) => (best === undefined || a.attempt > best.attempt || (a.attempt === best.attempt && a.order > best.order) ? a : best),
      undefined,
    );
    const status: ScenarioStatus = last?.status ?? 'skipped';
    const tags = [...new Set(p.tags.map((t) => t.name))];
    const rules = [
      ...new Set(tags.filter((t) => t.startsWith('@rule:')).map((t) => t.slice('@rule:'.length).trim()).filter((r) => r !== '')),
    ];
    const r: ScenarioResult = { id: p.id, name: p.name, uri: p.uri, tags, rules, status };
    const scenarioId = p.astNodeIds[0];
    const info = scenarioId === undefined ? undefined : scenarios.get(scenarioId);
    if (info) {
      r.gherkinName = info.name;
      const rowId = p.astNodeIds[1];
      const label = rowId === undefined ? undefined : info.rows.get(rowId);
      if (label !== undefined) r.example = label;
    }
    if (p.location?.line !== undefined) r.line = p.location.line;
    if (last && last.attachments.length > 0) r.attachments = [...last.attachments];
    if (last?.error !== undefined && status !== 'passed' && status !== 'skipped') r.error = last.error;
    if (attempts.length > 1) r.attempts = attempts.length;
    if (status === 'failed' && last?.failedInSetup) r.failedInSetup = true;
    results.push(r);
  }

  // Disambiguate names shared by several pickles of the same uri (outline examples whose
  // title has no placeholder, or duplicate scenario titles).
  const groups = new Map<string, ScenarioResult[]>();
  for (const r of results) {
    const key = `${r.uri}\u0000${r.name}`;
    const g = groups.get(key) ?? [];
    g.push(r);
    groups.set(key, g);
  }
  for (const g of groups.values()) {
    if (g.length < 2) continue;
    g.forEach((r, i) => {
      r.name = `${r.name} [example ${i + 1}]`;
    });
  }
  return results;
}

/**
 * The plain line's three counts: `failed` counts failed, not checked, ambiguous, undefined,
 * pending and unknown scenarios; `skipped` also counts baselined failures and warnings, which do
 * not fail a run (the detailed line of outcomeCounts tells them apart).
 */
export function summarize(results: readonly ScenarioResult[]): ResultSummary {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const r of results) {
    if (r.status === 'passed') passed++;
    else if (!isFailureStatus(r.status)) skipped++;
    else failed++;
  }
  return { passed, failed, skipped, total: results.length };
}

/** True for statuses that fail a run. */
export function isFailureStatus(s: ScenarioStatus): boolean {
  return s !== 'passed' && s !== 'skipped' && s !== 'baselined' && s !== 'warning';
}
