/**
 * `npm run merge-reports -- [--out DIR] SHARD_DIR...` (and `npx ob-conformance merge-reports`):
 * merge the report directories of N shards of one target (`--shard I/N`) into one: the same
 * index.html, junit.xml, rules.json/rules.html, messages.ndjson and run.json a single run of the
 * whole suite writes. Exits as the run would have.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { MergeError, mergeShardMessages } from '../report/merge-messages.ts';
import { parseEnvelopes, summarize } from '../report/scenario-results.ts';
import { UNKNOWN_RULE_REASON } from '../report/rule-matrix.ts';
import { formatSummaryLine, printRunSummary } from '../report/summary.ts';
import { summaryTable } from '../report/summary-table.ts';
import { REPORT_FILES, writeReports, type RunRecord } from '../report/write-reports.ts';

const USAGE = `usage: npm run merge-reports -- [--out DIR] SHARD_DIR...
       npx ob-conformance merge-reports [--out DIR] SHARD_DIR...

Merges the report directories of the N shards of one target (each written by
\`conformance --shard I/N\`, holding messages.ndjson and run.json) into one report directory:
index.html, junit.xml, rules.json, rules.html, messages.ndjson, run.json, as one run of the whole
suite writes them, classified with the baseline and --strict the shards ran with. Every shard
1..N must be given once, all of one target, suite version and tag selection.

options:
  --out DIR    where the merged reports go (default: reports/merged)
  -h, --help   this text

Exit code: as \`conformance\`: 0 when nothing failed, 1 when a scenario failed, was not checked,
no scenario ran, a rule id is unknown or a baseline entry is stale; 2 when the shards cannot be
merged.`;

interface Shard {
  dir: string;
  record: RunRecord;
  index: number;
  total: number;
}

function readShard(dir: string): Shard {
  const runJson = join(dir, 'run.json');
  if (!existsSync(runJson) || !existsSync(join(dir, 'messages.ndjson'))) throw new MergeError(`${dir}: no run.json and messages.ndjson (not a report directory of conformance --shard)`);
  const record = JSON.parse(readFileSync(runJson, 'utf8')) as RunRecord;
  const m = /^(\d+)\/(\d+)$/.exec(record.meta.shard ?? '');
  if (!m) throw new MergeError(`${dir}: the run was not a shard (run.json names no shard)`);
  return { dir, record, index: Number(m[1]), total: Number(m[2]) };
}

/** The shards must be one suite's run against one target, each slice once. */
function checkShards(shards: readonly Shard[]): void {
  const [first] = shards;
  if (!first) throw new MergeError('no shard directory given');
  const same = (what: string, get: (s: Shard) => unknown) => {
    for (const s of shards) {
      if (JSON.stringify(get(s)) !== JSON.stringify(get(first))) throw new MergeError(`${s.dir}: another ${what} than ${first.dir}`);
    }
  };
  same('target', (s) => s.record.meta.target);
  same('suite version', (s) => s.record.meta.suite);
  same('tag selection', (s) => s.record.meta.tags ?? '');
  same('baseline', (s) => s.record.baseline ?? null);
  same('--strict', (s) => s.record.strict);
  same('shard count', (s) => s.total);
  const seen = new Set(shards.map((s) => s.index));
  const missing = Array.from({ length: first.total }, (_, i) => i + 1).filter((i) => !seen.has(i));
  if (missing.length > 0) throw new MergeError(`shard ${missing.map((i) => `${i}/${first.total}`).join(', ')} missing: a merge of some shards is not the whole run`);
  if (seen.size !== shards.length) throw new MergeError('a shard is given twice');
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const shards = positionals.map((d) => readShard(resolve(d))).sort((a, b) => a.index - b.index);
  checkShards(shards);
  const envelopes = mergeShardMessages(shards.map((s) => parseEnvelopes(readFileSync(join(s.dir, 'messages.ndjson'), 'utf8'), join(s.dir, 'messages.ndjson'))));
  const { meta, baseline, strict } = shards[0]!.record;
  const out = resolve(values.out ?? join('reports', 'merged'));
  const written = await writeReports(out, envelopes, {
    target: { name: meta.target, profile: meta.profile, ...(meta.product ? { product: meta.product } : {}) },
    baseline,
    strict,
    tags: meta.tags,
    shards: shards.length,
  });
  console.log(`Merged ${shards.length} shards of ${meta.target} into ${out}/ ${REPORT_FILES.join(', ')}`);
  for (const e of written.runErrors) console.error(`the run itself failed in a shard: ${e}`);
  for (const e of written.stale) console.error(`stale baseline entry (the scenario ${e.scenario} of ${e.uri} did not fail): remove it`);
  printRunSummary(written.results, written.rows, () => undefined);
  for (const line of summaryTable([{ target: meta.target, results: written.results, durationMs: written.meta.durationMs, leftBehind: written.leftBehind }])) console.log(line);
  const unknownRules = written.rows.some((r) => r.reason === UNKNOWN_RULE_REASON);
  const counts = summarize(written.results);
  console.log(formatSummaryLine(counts));
  return counts.failed > 0 || counts.total === 0 || unknownRules || written.stale.length > 0 || written.runErrors.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof MergeError ? `merge error: ${e.message}\n(--help tells how to merge)` : e);
    process.exit(2);
  },
);
