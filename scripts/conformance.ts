/**
 * `npm run conformance`: run every scenario against a target (the embedded sandbox by default)
 * and write reports/<target>/: index.html, junit.xml, messages.ndjson, rules.html, rules.json.
 */
import { join, resolve } from 'node:path';
import { classify, formatOutcomes, loadBaseline, outcomeCounts, BaselineError } from '../report/classify.ts';
import { parseArgs } from 'node:util';
import { loadSteps, runFeatures } from './cucumber-run.ts';
import { loadTargetFile, REPO_ROOT, targetPath, TargetError } from '../steps/support/target.ts';
import { ensureTestPki } from '../pki/test-pki.ts';
import { readScenarioResults, summarize, type ScenarioResult } from '../report/scenario-results.ts';
import { loadNotApplicable, loadRuleCatalogue } from '../report/rule-catalogue.ts';
import { buildRuleMatrix, writeRuleReports, UNKNOWN_RULE_REASON } from '../report/rule-matrix.ts';
import { printRunSummary } from '../report/summary.ts';
import { DEFAULT_TARGETS } from './default-targets.ts';


const USAGE = `usage: npm run conformance -- [--target NAME|FILE]... [--baseline FILE]... [--strict] [--tags EXPR] [--parallel N]
  --target    a target under fixtures/targets/ or a JSON file; repeatable
              (default: OBC_TARGET, else ${DEFAULT_TARGETS.join(' and ')})
  --baseline  expected failures of a target (JSON: {"target", "entries": [{uri, scenario, rule, reason}]});
              repeatable, matched to targets by name. Baselined failures do not fail the run; a
              baselined scenario that passes (a stale entry) does.
  --strict    an @optional (SHOULD/MAY) rule that fails fails the run (default: a warning)
  --tags      cucumber tag expression, e.g. "@surface:discovery and not @optional"
  --parallel  worker processes (default 2)

Exit code: 0 when nothing failed, 1 when a scenario failed, was not checked (setup failed) or a
baseline entry is stale, 2 for a usage or target error.`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      target: { type: 'string', multiple: true },
      tags: { type: 'string' },
      parallel: { type: 'string' },
      baseline: { type: 'string', multiple: true },
      strict: { type: 'boolean' },
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

  // Generate the test PKI once here, before the workers start and race for it.
  await ensureTestPki();
  const catalogue = loadRuleCatalogue();
  const baselines = (values.baseline ?? []).map((p) => loadBaseline(resolve(p)));
  for (const b of baselines) {
    if (!targets.some((t) => t.file.name === b.target)) throw new TargetError(`baseline for target "${b.target}", which this run does not include`);
  }
  let stale = 0;

  // Step definitions are ES modules, imported once per process: load them once and hand the same
  // library to every run, or a second run in this process would see no steps at all.
  const support = await loadSteps();
  const all: ScenarioResult[] = [];
  const lines: string[] = [];
  let unknownRules = false;
  for (const { path, file: target } of targets) {
    const reportDir = join(REPO_ROOT, 'reports', target.name);
    console.log(`\nob-conformance: target ${target.name} (${target.embedded ? 'embedded sandbox' : target.urls?.is}), profile ${target.profile}, ${parallel} workers`);
    await runFeatures({
      progress: true,
      parallel,
      support,
      reportDir,
      ...(values.tags ? { tags: values.tags } : {}),
      env: { ...process.env, OBC_TARGET: path },
    });
    const classified = classify(readScenarioResults(join(reportDir, 'messages.ndjson')), {
      baseline: baselines.find((b) => b.target === target.name),
      strict: values.strict ?? false,
      partial: values.tags !== undefined,
    });
    const results = classified.results;
    const notApplicable = loadNotApplicable(undefined, { profile: target.profile, product: target.product?.name });
    const rows = buildRuleMatrix(catalogue, results, notApplicable);
    unknownRules ||= rows.some((r) => r.reason === UNKNOWN_RULE_REASON);
    writeRuleReports(reportDir, rows, { target: target.name, generatedAt: new Date().toISOString() });
    console.log(`\nReports: ${join('reports', target.name)}/index.html, rules.html, rules.json, junit.xml, messages.ndjson`);
    for (const e of classified.stale) console.error(`stale baseline entry (the scenario ${e.scenario} of ${e.uri} did not fail): remove it`);
    stale += classified.stale.length;
    console.log(`Outcome: ${formatOutcomes(outcomeCounts(results))}`);
    lines.push(`${target.name}: ${printRunSummary(results, rows)}`);
    all.push(...results.map((r) => ({ ...r, name: `[${target.name}] ${r.name}` })));
  }

  if (targets.length > 1) {
    // One matrix over every profile run: a rule a profile skips may be covered by another.
    const dir = join(REPO_ROOT, 'reports', 'combined');
    const rows = buildRuleMatrix(catalogue, all, loadNotApplicable());
    writeRuleReports(dir, rows, { target: targets.map((t) => t.file.name).join(' + '), generatedAt: new Date().toISOString() });
    console.log(`\n=== all targets: ${targets.map((t) => t.file.name).join(', ')} (matrix: reports/combined/rules.html) ===`);
    for (const line of lines) console.log(`  ${line}`);
    printRunSummary(all, rows);
  }
  if (unknownRules) console.error('A scenario is tagged with a rule id that no catalogue defines (see "unknown rule id" above).');
  const counts = summarize(all);
  if (targets.length > 1) console.log(`Outcome, all targets: ${formatOutcomes(outcomeCounts(all))}`);
  return counts.failed > 0 || counts.total === 0 || unknownRules || stale > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof TargetError || e instanceof BaselineError ? `${e.name === 'TargetError' ? 'target error' : 'baseline error'}: ${e.message}\n${USAGE}` : e);
    process.exit(2);
  },
);
