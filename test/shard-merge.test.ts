import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
import { runScript } from './harness-cli.ts';
import type { RulesJson } from '../report/rule-matrix.ts';
import type { RunRecord } from '../report/write-reports.ts';
import { readScenarioResults } from '../report/scenario-results.ts';
import { outcomeCounts } from '../report/classify.ts';

// Discovery and the JWKS: 42 scenarios, one of them skipped on the uk profile, in seconds.
const TAGS = '@surface:discovery or @surface:jwks';

test('three shards merged give the same rule matrix, scenario counts and JUnit cases as one run', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'obc-shards-'));
  try {
    const common = ['--target', 'embedded', '--tags', TAGS, '--parallel', '0'];
    const runs = await Promise.all([
      runScript('conformance', [...common, '--reports', join(dir, 'one')]),
      ...[1, 2, 3].map((i) => runScript('conformance', [...common, '--shard', `${i}/3`, '--reports', join(dir, `shard-${i}`)])),
    ]);
    for (const r of runs) assert.equal(r.code, 0, r.stdout + r.stderr);
    const merge = await runScript('merge-reports', ['--out', join(dir, 'merged'), ...[3, 1, 2].map((i) => join(dir, `shard-${i}`, 'embedded'))]);
    assert.equal(merge.code, 0, merge.stdout + merge.stderr);

    const one = join(dir, 'one', 'embedded');
    const merged = join(dir, 'merged');
    // Each shard ran a slice, not the whole suite.
    const shardCounts = [1, 2, 3].map((i) => readScenarioResults(join(dir, `shard-${i}`, 'embedded', 'messages.ndjson')).length);
    const whole = readScenarioResults(join(one, 'messages.ndjson'));
    assert.ok(whole.length > 30, `the subset runs ${whole.length} scenarios`);
    assert.equal(shardCounts.reduce((a, b) => a + b, 0), whole.length);
    assert.ok(shardCounts.every((n) => n > 0 && n < whole.length), `slices ${shardCounts.join(', ')}`);

    // Scenario counts, by the harness's verdicts.
    const mergedResults = readScenarioResults(join(merged, 'messages.ndjson'));
    assert.deepEqual(outcomeCounts(mergedResults), outcomeCounts(whole));
    assert.deepEqual(mergedResults.map((r) => `${r.uri} ${r.name}`).sort(), whole.map((r) => `${r.uri} ${r.name}`).sort());

    // The rule matrix: every rule with the same status, reason and scenarios.
    const matrix = (d: string) => (JSON.parse(readFileSync(join(d, 'rules.json'), 'utf8')) as RulesJson).rules
      .map((r) => ({ rule: r.rule, status: r.status, reason: r.reason, scenarios: r.scenarios.map((s) => `${s.status} ${s.uri}:${s.line} ${s.name}`) }));
    assert.deepEqual(matrix(merged), matrix(one));
    assert.ok(matrix(one).filter((r) => r.status === 'passed').length > 10, 'the subset passes rules in every shard');

    // JUnit: the same test cases with the same outcomes (times differ).
    const cases = (d: string) => [...readFileSync(join(d, 'junit.xml'), 'utf8').matchAll(/<testcase classname="([^"]*)" name="([^"]*)"[^>]*>\s*(<skipped|<failure)?/g)].map((m) => `${m[1]} | ${m[2]} | ${m[3] ?? 'passed'}`);
    assert.deepEqual(cases(merged), cases(one));
    assert.match(readFileSync(join(merged, 'junit.xml'), 'utf8'), /<property name="ob-conformance.shards.merged" value="3"\/>/);

    const record = JSON.parse(readFileSync(join(merged, 'run.json'), 'utf8')) as RunRecord;
    assert.equal(record.meta.shards, 3);
    assert.equal(record.meta.target, 'embedded');
    assert.match(readFileSync(join(merged, 'index.html'), 'utf8'), /<title>ob-conformance — embedded<\/title>[\s\S]*merged from 3 shards/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('merge-reports refuses an incomplete set of shards, naming the missing one', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'obc-shards-'));
  try {
    const run = await runScript('conformance', ['--target', 'embedded', '--tags', '@rule:DISC-01', '--parallel', '0', '--shard', '1/2', '--reports', dir]);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const merge = await runScript('merge-reports', ['--out', join(dir, 'merged'), join(dir, 'embedded')]);
    assert.equal(merge.code, 2);
    assert.match(merge.stderr, /shard 2\/2 missing/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
