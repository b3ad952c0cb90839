/**
 * Every report of one target's run, written from its cucumber messages: index.html (cucumber's
 * HTML report with the run's metadata in a header), junit.xml (with <properties>), rules.json and
 * rules.html (the rule matrix), messages.ndjson and run.json. A single run and the merge of its
 * shards both come through here, so they write the same reports.
 */
import { createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Envelope } from '@cucumber/messages';
import { CucumberHtmlStream } from '@cucumber/html-formatter';
import { JUnitXmlPrinter } from '@cucumber/junit-xml-formatter';
import { classify, type Baseline, type BaselineEntry } from './classify.ts';
import { leftBehindIn, type LeftBehind } from './left-behind.ts';
import { loadNotApplicable, loadRuleCatalogue } from './rule-catalogue.ts';
import { buildRuleMatrix, escapeHtml, writeRuleReports, type RuleRow } from './rule-matrix.ts';
import { formatDuration, formatProduct, metaProperties, runTimes, suiteVersion, type ProductMeta, type RunMeta } from './run-meta.ts';
import { scenarioResultsFromEnvelopes, type ScenarioResult } from './scenario-results.ts';

/** What run.json holds: enough to write the same reports again (merge-reports reads it). */
export interface RunRecord {
  meta: RunMeta;
  /** The baseline the run was classified with, whole, so a merge needs no other file. */
  baseline?: Baseline;
  strict: boolean;
}

export interface ReportInput {
  target: { name: string; profile: string; product?: ProductMeta };
  baseline?: Baseline | undefined;
  strict: boolean;
  tags?: string | undefined;
  shard?: string | undefined;
  shards?: number | undefined;
}

export interface WrittenReports {
  meta: RunMeta;
  /** Failures of the run itself (a BeforeAll/AfterAll hook, cucumber's own), first lines. */
  runErrors: string[];
  results: ScenarioResult[];
  rows: RuleRow[];
  stale: BaselineEntry[];
  leftBehind: LeftBehind[];
}

export const REPORT_FILES = ['index.html', 'rules.html', 'rules.json', 'junit.xml', 'messages.ndjson', 'run.json'] as const;

export async function writeReports(dir: string, envelopes: readonly Envelope[], input: ReportInput): Promise<WrittenReports> {
  mkdirSync(dir, { recursive: true });
  const meta: RunMeta = {
    suite: suiteVersion(),
    target: input.target.name,
    profile: input.target.profile,
    ...(input.target.product ? { product: input.target.product } : {}),
    ...runTimes(envelopes),
    ...(input.tags ? { tags: input.tags } : {}),
    ...(input.shard ? { shard: input.shard } : {}),
    ...(input.shards ? { shards: input.shards } : {}),
  };
  writeFileSync(join(dir, 'messages.ndjson'), envelopes.map((e) => JSON.stringify(e)).join('\n') + '\n');
  const record: RunRecord = { meta, strict: input.strict, ...(input.baseline ? { baseline: input.baseline } : {}) };
  writeFileSync(join(dir, 'run.json'), JSON.stringify(record, null, 2) + '\n');

  await writeHtml(join(dir, 'index.html'), envelopes, meta);
  writeFileSync(join(dir, 'junit.xml'), junitXml(envelopes, meta));

  const runErrors = runErrorsIn(envelopes);
  // A run of some tags or one shard leaves baseline entries out: they are not stale there.
  const partial = input.tags !== undefined || input.shard !== undefined;
  const classified = classify(notCheckedAfterRunError(scenarioResultsFromEnvelopes(envelopes), runErrors), { baseline: input.baseline, strict: input.strict, partial });
  const notApplicable = loadNotApplicable(undefined, { profile: meta.profile, product: meta.product?.name });
  const rows = buildRuleMatrix(loadRuleCatalogue(), classified.results, notApplicable);
  writeRuleReports(dir, rows, meta);
  return { meta, runErrors, results: classified.results, rows, stale: classified.stale, leftBehind: leftBehindIn(envelopes) };
}

const firstLine = (s: string) => s.split('\n').find((l) => l.trim() !== '')?.trim() ?? s;

/** Failed BeforeAll/AfterAll hooks and an exception of the test run itself. */
export function runErrorsIn(envelopes: readonly Envelope[]): string[] {
  const out: string[] = [];
  for (const e of envelopes) {
    const hook = e.testRunHookFinished?.result;
    if (hook && String(hook.status) !== 'PASSED') out.push(firstLine(hook.message ?? hook.exception?.message ?? String(hook.status)));
    const ex = e.testRunFinished?.exception;
    if (ex) out.push(firstLine(ex.message ?? ex.type));
  }
  return [...new Set(out)];
}

/**
 * When the run's own set-up failed (the worker could not reach the target, say), cucumber skips
 * every scenario; they were not checked, and say why, rather than "skipped" as if the target had
 * not claimed the capability.
 */
function notCheckedAfterRunError(results: ScenarioResult[], runErrors: readonly string[]): ScenarioResult[] {
  if (runErrors.length === 0) return results;
  return results.map((r) => (r.status === 'skipped' && !r.attachments?.length
    ? { ...r, status: 'failed', failedInSetup: true, error: `the run's set-up failed: ${runErrors[0]}` }
    : r));
}

/** Cucumber's HTML report, with a header naming the run and a title naming the target. */
async function writeHtml(path: string, envelopes: readonly Envelope[], meta: RunMeta): Promise<void> {
  await pipeline(Readable.from(envelopes), new CucumberHtmlStream(), createWriteStream(path));
  const html = readFileSync(path, 'utf8');
  const title = `ob-conformance — ${meta.target}`;
  const header = `<header id="obc-run" style="font:14px/1.45 system-ui,sans-serif;padding:10px 24px;border-bottom:1px solid #d0d7de;background:#f6f8fa">`
    + `<b>${escapeHtml(`${meta.suite.name} ${meta.suite.version}`)}</b> · target <code>${escapeHtml(meta.target)}</code> · profile ${escapeHtml(meta.profile)}`
    + ` · product ${escapeHtml(formatProduct(meta.product))} · started ${escapeHtml(meta.startedAt)} · duration ${escapeHtml(formatDuration(meta.durationMs))}`
    + `${meta.shard ? ` · shard ${escapeHtml(meta.shard)}` : ''}${meta.shards ? ` · merged from ${meta.shards} shards` : ''}`
    + `${meta.tags ? ` · tags <code>${escapeHtml(meta.tags)}</code>` : ''} · <a href="rules.html">rule matrix</a></header>`;
  const out = html.replace('<title>Cucumber</title>', `<title>${escapeHtml(title)}</title>`).replace('<body>', `<body>\n${header}`);
  if (out === html) throw new Error('the cucumber HTML template changed: cannot add the run header');
  writeFileSync(path, out);
}

const xmlAttr = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** Cucumber's JUnit XML, with the run's metadata as the test suite's <properties>. */
export function junitXml(envelopes: readonly Envelope[], meta: RunMeta): string {
  let xml = '';
  const printer = new JUnitXmlPrinter({ suiteName: 'ob-conformance' }, (s) => (xml += s));
  for (const e of envelopes) printer.update(e);
  const properties = `<properties>\n${metaProperties(meta).map(([k, v]) => `    <property name="${xmlAttr(`ob-conformance.${k}`)}" value="${xmlAttr(v)}"/>`).join('\n')}\n  </properties>`;
  const open = /<testsuite\b[^>]*?(\/?)>/.exec(xml);
  if (!open) throw new Error('the JUnit printer wrote no <testsuite>');
  const at = open.index + open[0].length;
  return open[1] === '/'
    ? `${xml.slice(0, open.index)}${open[0].slice(0, -2)}>\n  ${properties}\n</testsuite>${xml.slice(at)}`
    : `${xml.slice(0, at)}\n  ${properties}${xml.slice(at)}`;
}
