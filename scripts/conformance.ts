/**
 * `npm run conformance` (and `npx ob-conformance`): run every scenario against a target (the
 * embedded sandbox by default) and write <reports>/<target>/: index.html, junit.xml,
 * messages.ndjson, rules.html, rules.json, run.json.
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Envelope } from '@cucumber/messages';
import { formatOutcomes, loadBaseline, outcomeCounts, BaselineError } from '../report/classify.ts';
import { loadSteps, runFeatures } from './cucumber-run.ts';
import { loadTargetFile, targetPath, TargetError } from '../steps/support/target.ts';
import { targetSecrets } from '../steps/support/target-secrets.ts';
import { RATE_URL_ENV, startRateCoordinator, type RateCoordinator } from '../steps/support/rate-limit.ts';
import { ensureTestPki } from '../pki/test-pki.ts';
import { summarize, type ScenarioResult } from '../report/scenario-results.ts';
import { loadNotApplicable, loadRuleCatalogue } from '../report/rule-catalogue.ts';
import { buildRuleMatrix, writeRuleReports, UNKNOWN_RULE_REASON } from '../report/rule-matrix.ts';
import { formatSummaryLine, printRunSummary } from '../report/summary.ts';
import { summaryTable, type TargetRun } from '../report/summary-table.ts';
import { progressPrinter } from '../report/progress.ts';
import { redactEnvelope, redactor } from '../report/redact.ts';
import { formatDuration, formatProduct, suiteVersion } from '../report/run-meta.ts';
import { REPORT_FILES, writeReports } from '../report/write-reports.ts';
import { DEFAULT_TARGETS } from './default-targets.ts';

const USAGE = `usage: npm run conformance -- [options]
       npx ob-conformance [options]
       npx ob-conformance merge-reports [--out DIR] SHARD_DIR...   (see --help there)

Runs the conformance scenarios against a target and writes, per target, <reports>/<target>/:
index.html (cucumber's report), rules.html and rules.json (the rule matrix), junit.xml,
messages.ndjson and run.json. Each names the suite version, target, profile, product, start
time and duration. Prints progress while it runs and a summary table per target at the end.

options:
  --target NAME|FILE  a target under fixtures/targets/ or a target JSON file (schema:
                      schemas/target.schema.json); repeatable. Default: $OBC_TARGET, else
                      ${DEFAULT_TARGETS.join(', ')}
  --baseline FILE     known failures of a target (JSON {"target", "entries": [{uri, scenario,
                      rule, class, reason}]}); repeatable, matched to targets by name.
                      Baselined failures do not fail the run; a baselined scenario that passes
                      (a stale entry) does
  --strict            an @optional (SHOULD/MAY) rule that fails fails the run (default: warning)
  --tags EXPR         cucumber tag expression, e.g. "@surface:discovery and not @optional"
  --parallel N        worker processes (default 2; 0 runs in this process)
  --rate N            at most N requests per second to the target, over all workers together
                      (fractions allowed, e.g. 0.5); default: no limit
  --shard I/N         run only the I-th of N slices of the scenarios (1 <= I <= N); merge the
                      N report directories with merge-reports
  --reports DIR       where the report directories go (default: reports, in the current
                      directory)
  -h, --help          this text

environment:
  OBC_TARGET          the target when no --target is given
  secrets             a target names them as {"env": "NAME"} or {"file": "path"}; they are
                      never printed and are scrubbed from every report

Everything the harness creates on a target is named obc-... and deleted after its scenario;
what could not be deleted is listed at the end.

Exit code: 0 when nothing failed; 1 when a scenario failed, was not checked (setup failed), no
scenario ran, a rule id is unknown, a baseline entry is stale or the run's own set-up failed
(the target unreachable, say); 2 for a usage, target or baseline error.`;

/** `I/N` with 1 <= I <= N. */
function parseShard(value: string): string {
  const m = /^(\d+)\/(\d+)$/.exec(value);
  if (!m || Number(m[1]) < 1 || Number(m[1]) > Number(m[2])) throw new TargetError(`--shard must be I/N with 1 <= I <= N, e.g. 1/3 (got "${value}")`);
  return value;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      target: { type: 'string', multiple: true },
      tags: { type: 'string' },
      parallel: { type: 'string' },
      baseline: { type: 'string', multiple: true },
      strict: { type: 'boolean' },
      rate: { type: 'string' },
      shard: { type: 'string' },
      reports: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const names = values.target ?? (process.env.OBC_TARGET ? [process.env.OBC_TARGET] : DEFAULT_TARGETS);
  const targets = names.map((n) => {
    const path = targetPath(n);
    return { path, file: loadTargetFile(path) };
  });
  const parallel = Number(values.parallel ?? 2);
  if (!Number.isInteger(parallel) || parallel < 0) throw new TargetError(`--parallel must be a whole number`);
  const rate = values.rate === undefined ? undefined : Number(values.rate);
  if (rate !== undefined && !(rate > 0 && Number.isFinite(rate))) throw new TargetError(`--rate must be a positive number of requests per second (got "${values.rate}")`);
  const shard = values.shard === undefined ? undefined : parseShard(values.shard);
  const reportsRoot = resolve(values.reports ?? 'reports');

  // Generate the test PKI once here, before the workers start and race for it.
  await ensureTestPki();
  const catalogue = loadRuleCatalogue();
  const baselines = (values.baseline ?? []).map((p) => loadBaseline(resolve(p)));
  for (const b of baselines) {
    if (!targets.some((t) => t.file.name === b.target)) throw new TargetError(`baseline for target "${b.target}", which this run does not include`);
  }

  let coordinator: RateCoordinator | undefined;
  if (rate !== undefined) coordinator = await startRateCoordinator(rate);
  try {
    // Step definitions are ES modules, imported once per process: load them once and hand the same
    // library to every run, or a second run in this process would see no steps at all.
    const support = await loadSteps();
    const all: ScenarioResult[] = [];
    const runs: TargetRun[] = [];
    const lines: string[] = [];
    let unknownRules = false;
    let stale = 0;
    let runErrors = 0;
    for (const { path, file: target } of targets) {
      const reportDir = join(reportsRoot, target.name);
      console.log(`\n${suiteVersion().name} ${suiteVersion().version}: target ${target.name} (${target.embedded ? 'embedded sandbox' : target.urls?.is}), profile ${target.profile}, product ${formatProduct(target.product)}`
        + `, ${parallel} workers${rate ? `, at most ${rate} requests/s` : ''}${shard ? `, shard ${shard}` : ''}`);
      const env = { ...process.env, OBC_TARGET: path, ...(coordinator ? { [RATE_URL_ENV]: coordinator.url } : {}) };
      // Without workers the hooks run in this process and read its environment.
      if (parallel === 0) Object.assign(process.env, env);
      const redact = redactor(targetSecrets(target));
      const envelopes: Envelope[] = [];
      const progress = progressPrinter();
      await runFeatures({
        quiet: true,
        parallel,
        support,
        ...(values.tags ? { tags: values.tags } : {}),
        ...(shard ? { shard } : {}),
        env,
        onMessage: (e) => {
          const clean = redactEnvelope(e, redact);
          envelopes.push(clean);
          progress(clean);
        },
      });
      const baseline = baselines.find((b) => b.target === target.name);
      const written = await writeReports(reportDir, envelopes, {
        target,
        baseline,
        strict: values.strict ?? false,
        tags: values.tags,
        shard,
      });
      const results = written.results;
      for (const e of written.runErrors) console.error(`the run itself failed on ${target.name}: ${e}`);
      runErrors += written.runErrors.length;
      unknownRules ||= written.rows.some((r) => r.reason === UNKNOWN_RULE_REASON);
      console.log(`\nReports: ${reportDir}/ ${REPORT_FILES.join(', ')}`);
      for (const e of written.stale) console.error(`stale baseline entry (the scenario ${e.scenario} of ${e.uri} did not fail): remove it`);
      stale += written.stale.length;
      console.log(`Outcome: ${formatOutcomes(outcomeCounts(results))} (${formatDuration(written.meta.durationMs)})`);
      lines.push(`${target.name}: ${printRunSummary(results, written.rows)}`);
      runs.push({ target: target.name, results, durationMs: written.meta.durationMs, leftBehind: written.leftBehind, discarded: target.embedded !== undefined });
      all.push(...results.map((r) => ({ ...r, name: `[${target.name}] ${r.name}` })));
    }

    if (targets.length > 1) {
      // One matrix over every profile run: a rule a profile skips may be covered by another.
      const dir = join(reportsRoot, 'combined');
      const rows = buildRuleMatrix(catalogue, all, loadNotApplicable());
      writeRuleReports(dir, rows, { target: targets.map((t) => t.file.name).join(' + '), generatedAt: new Date().toISOString() });
      console.log(`\n=== all targets: ${targets.map((t) => t.file.name).join(', ')} (matrix: ${join(dir, 'rules.html')}) ===`);
      for (const line of lines) console.log(`  ${line}`);
      printRunSummary(all, rows, () => undefined);
    }
    console.log('');
    for (const line of summaryTable(runs)) console.log(line);
    if (unknownRules) console.error('A scenario is tagged with a rule id that no catalogue defines (see "unknown rule id" above).');
    const counts = summarize(all);
    console.log(formatSummaryLine(counts));
    return counts.failed > 0 || counts.total === 0 || unknownRules || stale > 0 || runErrors > 0 ? 1 : 0;
  } finally {
    await coordinator?.close();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof TargetError || e instanceof BaselineError ? `${e.name === 'TargetError' ? 'target error' : 'baseline error'}: ${e.message}\n(--help lists the options)` : e);
    process.exit(2);
  },
);
