import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  loadNotApplicable,
  loadRuleCatalogue,
  parseRuleMarkdown,
  splitTableRow,
} from '../report/rule-catalogue.ts';
import type { RuleEntry } from '../report/rule-catalogue.ts';
import { readScenarioResults, summarize } from '../report/scenario-results.ts';
import type { ScenarioResult } from '../report/scenario-results.ts';
import {
  buildRuleMatrix,
  escapeHtml,
  inlineMarkdownToHtml,
  renderRulesHtml,
  writeRuleReports,
} from '../report/rule-matrix.ts';
import type { RuleRow } from '../report/rule-matrix.ts';
import { formatSummaryLine, printRunSummary } from '../report/summary.ts';

const here = dirname(fileURLToPath(import.meta.url));
const fixture = join(here, 'fixtures', 'messages.ndjson');

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'report-test-'));
}

// ---------------------------------------------------------------------------------------------
// Catalogue

test('real catalogue: every section and rule family is parsed', () => {
  const cat = loadRuleCatalogue();
  const ids = cat.map((e) => e.rule);
  assert.equal(new Set(ids).size, ids.length, 'rule IDs are unique');
  for (let i = 1; i <= 40; i++) assert.ok(ids.includes(`DCR-REQ-${String(i).padStart(2, '0')}`), `DCR-REQ-${i}`);
  for (let i = 1; i <= 15; i++) assert.ok(ids.includes(`DISC-${String(i).padStart(2, '0')}`), `DISC-${i}`);
  for (const fam of ['DCR-SSA-', 'DCR-MGT-', 'CAUTH-', 'TOK-', 'PKCE-', 'CNF-', 'INTRO-', 'REV-', 'JWT-', 'ERR-']) {
    assert.ok(ids.some((id) => id.startsWith(fam)), fam);
  }
  assert.ok(cat.length >= 200, `expected >= 200 rules, got ${cat.length}`);
  // No header or separator row sneaks in.
  assert.ok(!ids.includes('ID'));
  assert.ok(cat.every((e) => e.text !== '' && e.section !== ''));
});

test('real catalogue: exact fields of a few rows', () => {
  const cat = loadRuleCatalogue();
  const get = (id: string): RuleEntry => {
    const e = cat.find((x) => x.rule === id);
    assert.ok(e, id);
    return e;
  };
  const r1 = get('DCR-REQ-01');
  assert.equal(r1.section, '1. Registration request (POST /register)');
  assert.equal(
    r1.text,
    'A valid registration request (well-formed signed request JWT carrying a valid SSA) MUST create a client and return the client information response.',
  );
  assert.equal(r1.expected, '201 Created, `Content-Type: application/json`, body contains `client_id`');
  assert.equal(r1.source, 'RFC 7591 §3.2.1; UK OB DCR §Endpoints › POST /register; CDS DCR API POST /register (201)');
  assert.deepEqual(r1.profiles, ['generic', 'UK', 'CDR']);
  assert.equal(r1.file, 'rules/catalogue.md');

  const d1 = get('DISC-01');
  assert.equal(d1.section, '10. Discovery and JWKS');
  assert.equal(d1.text, '`GET /.well-known/openid-configuration` MUST return the metadata as JSON.');
  assert.equal(d1.source, 'OIDC Discovery §4, §4.2');

  assert.deepEqual(get('DCR-REQ-08').profiles, ['UK', 'CDR', 'FAPI']);
  assert.deepEqual(get('DCR-REQ-05').profiles, ['CDR']);
});

test('wso2 rules are loaded with the catalogue', () => {
  const cat = loadRuleCatalogue();
  const w = cat.filter((e) => e.rule.startsWith('WSO2-'));
  // Other rules may be added to rules/wso2.md; these are the initial ones.
  for (const id of ['WSO2-DISC-01', 'WSO2-DISC-02', 'WSO2-TLS-01', 'WSO2-TLS-02', 'WSO2-TLS-03', 'WSO2-ERR-01']) {
    assert.ok(w.some((e) => e.rule === id), id);
  }
  assert.ok(w.every((e) => e.file === 'rules/wso2.md'));
  const d = w[0];
  assert.ok(d);
  assert.equal(d.file, 'rules/wso2.md');
  assert.equal(d.source, 'seed 000 (fsKeyManager Well-known URL); wso2-surface §1.1');
  assert.deepEqual(d.profiles, ['generic', 'UK', 'CDR']);
  assert.match(d.text, /^The discovery document is served at `\/oauth2\/token\/\.well-known\/openid-configuration`/);
  // WSO2 rules come after the standard ones.
  const firstWso2 = cat.findIndex((e) => e.rule.startsWith('WSO2-'));
  assert.ok(cat.slice(firstWso2).every((e) => e.rule.startsWith('WSO2-')));
});

test('table cells: escaped pipes, backticks, header mapping, non-rule tables ignored', () => {
  assert.deepEqual(splitTableRow('| a | b \\| c | `x \\| y` |'), ['a', 'b | c', '`x | y`']);
  assert.deepEqual(splitTableRow('a|b'), ['a', 'b']);

  const md = [
    '# Title',
    '| Not | A | Rule table |',
    '|---|---|---|',
    '| X-01 | nope | nope |',
    '',
    '## 7. Pipes',
    '',
    '| ID | Rule | Expected outcome | Source clause | Profiles |',
    '|:---|---|---|---|---:|',
    '| `PIPE-01` | Value is `a \\| b` and <html> & co. | 400 `invalid_request` | RFC 1 §2 \\| RFC 3 | generic,  UK , `CDR` |',
    '| PIPE-02 | Second | 200 | RFC 9 | |',
    '',
    '### Sub heading keeps the section',
    '| ID | Rule |',
    '|---|---|',
    '| PIPE-03 | Only two columns |',
  ].join('\n');
  const rows = parseRuleMarkdown(md, 'x.md');
  assert.deepEqual(
    rows.map((r) => r.rule),
    ['PIPE-01', 'PIPE-02', 'PIPE-03'],
  );
  const [p1, p2, p3] = rows;
  assert.ok(p1 && p2 && p3);
  assert.equal(p1.section, '7. Pipes');
  assert.equal(p1.text, 'Value is `a | b` and <html> & co.');
  assert.equal(p1.expected, '400 `invalid_request`');
  assert.equal(p1.source, 'RFC 1 §2 | RFC 3');
  assert.deepEqual(p1.profiles, ['generic', 'UK', 'CDR']);
  assert.equal(p1.line, 10);
  assert.equal(p1.file, 'x.md');
  assert.deepEqual(p2.profiles, []);
  assert.equal(p3.section, '7. Pipes');
  assert.equal(p3.source, '');
});

test('loadRuleCatalogue: explicit files, duplicates rejected', () => {
  const dir = tmp();
  try {
    const a = join(dir, 'a.md');
    const b = join(dir, 'b.md');
    writeFileSync(a, '## 1. A\n\n| ID | Rule | Expected outcome | Source clause | Profiles |\n|---|---|---|---|---|\n| A-01 | r | e | s | generic |\n');
    writeFileSync(b, '## 1. B\n\n| ID | Rule | Expected outcome | Source clause | Profiles |\n|---|---|---|---|---|\n| A-01 | again | e | s | UK |\n');
    assert.deepEqual(
      loadRuleCatalogue([a]).map((e) => e.rule),
      ['A-01'],
    );
    assert.throws(() => loadRuleCatalogue([a, b]), /duplicate rule id A-01/);
    assert.throws(() => loadRuleCatalogue([join(dir, 'missing.md')]), /not found/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('loadNotApplicable: default file, entries, validation', () => {
  assert.ok(loadNotApplicable() instanceof Map);
  const dir = tmp();
  try {
    const f = join(dir, 'na.json');
    writeFileSync(f, JSON.stringify([{ rule: 'DCR-REQ-06', reason: 'JSON registration is not offered' }]));
    assert.deepEqual([...loadNotApplicable(f)], [['DCR-REQ-06', 'JSON registration is not offered']]);
    assert.equal(loadNotApplicable(join(dir, 'absent.json')).size, 0);
    writeFileSync(f, JSON.stringify([{ rule: 'DCR-REQ-06' }]));
    assert.throws(() => loadNotApplicable(f), /reason/);
    writeFileSync(f, '{');
    assert.throws(() => loadNotApplicable(f), /not valid JSON/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// ---------------------------------------------------------------------------------------------
// Scenario results

test('scenario results from the message stream', () => {
  const results = readScenarioResults(fixture);
  const byName = new Map(results.map((r) => [r.name, r]));
  assert.deepEqual(
    results.map((r) => [r.name, r.status]),
    [
      ['Passed scenario', 'passed'],
      ['Failed scenario', 'failed'],
      ['Skipped scenario', 'skipped'],
      ['Flaky scenario', 'passed'],
      ['Outline alpha', 'passed'],
      ['Outline beta', 'passed'],
      ['Same name outline [example 1]', 'passed'],
      ['Same name outline [example 2]', 'undefined'],
      ['Scenario without steps', 'skipped'],
    ],
  );
  // Pickle without a test case (filtered out) is not a result.
  assert.ok(!results.some((r) => r.name === 'Not selected scenario'));

  const p = byName.get('Passed scenario');
  assert.ok(p);
  assert.equal(p.id, 'p1');
  assert.equal(p.uri, 'features/sample.feature');
  assert.equal(p.line, 5);
  assert.deepEqual(p.tags, ['@rule:DISC-01', '@rule:DCR-REQ-01', '@profile:uk']);
  assert.deepEqual(p.rules, ['DISC-01', 'DCR-REQ-01']);
  assert.equal(p.attachments, undefined);

  const f = byName.get('Failed scenario');
  assert.equal(f?.error, 'AssertionError: expected status 201, got 500');

  const s = byName.get('Skipped scenario');
  assert.deepEqual(s?.attachments, ['skipped: the target has no mTLS listener', 'second note']);

  const flaky = byName.get('Flaky scenario');
  assert.equal(flaky?.attempts, 2);
  assert.equal(flaky?.error, undefined);

  const a = byName.get('Outline alpha');
  assert.equal(a?.gherkinName, 'Outline <kind>');
  assert.equal(a?.example, '1.1');
  assert.equal(byName.get('Outline beta')?.example, '1.2');
  assert.equal(byName.get('Same name outline [example 2]')?.gherkinName, 'Same name outline');
});

test('summarize counts pending/undefined/ambiguous/unknown as failed', () => {
  const results = readScenarioResults(fixture);
  assert.deepEqual(summarize(results), { passed: 5, failed: 2, skipped: 2, total: 9 });
  const mk = (status: ScenarioResult['status']): ScenarioResult => ({ id: status, name: status, uri: 'u', tags: [], rules: [], status });
  assert.deepEqual(
    summarize(['passed', 'failed', 'skipped', 'pending', 'undefined', 'ambiguous', 'unknown'].map((s) => mk(s as ScenarioResult['status']))),
    { passed: 1, failed: 5, skipped: 1, total: 7 },
  );
});

// ---------------------------------------------------------------------------------------------
// Matrix

function matrix(): RuleRow[] {
  const cat = loadRuleCatalogue();
  const na = new Map([
    ['DCR-REQ-06', 'JSON registration <not> offered & never will be'],
    ['DCR-REQ-02', 'marked N/A but its scenario fails'],
  ]);
  return buildRuleMatrix(cat, readScenarioResults(fixture), na);
}

test('rule matrix statuses', () => {
  const rows = matrix();
  const get = (id: string): RuleRow => {
    const r = rows.find((x) => x.rule === id);
    assert.ok(r, id);
    return r;
  };
  assert.equal(get('DCR-REQ-03').status, 'passed'); // retried then passed
  assert.equal(get('WSO2-DISC-01').status, 'passed'); // outline, both examples passed
  assert.equal(get('DCR-REQ-01').status, 'failed'); // one outline example undefined
  assert.equal(get('DISC-01').status, 'failed'); // inherited feature tag, one failing scenario
  assert.equal(get('DCR-REQ-04').status, 'uncovered'); // its only scenario was not selected
  assert.equal(get('TOK-01').status, 'uncovered');
  assert.equal(get('TOK-01').scenarios.length, 0);

  const skipped = get('WSO2-TLS-02');
  assert.equal(skipped.status, 'skipped-only');
  assert.equal(skipped.reason, 'skipped: the target has no mTLS listener');

  const na = get('DCR-REQ-06');
  assert.equal(na.status, 'not-applicable');
  assert.equal(na.reason, 'JSON registration <not> offered & never will be');

  const naButFailing = get('DCR-REQ-02');
  assert.equal(naButFailing.status, 'failed');
  assert.match(naButFailing.reason ?? '', /marked not applicable/);

  const typo = get('TYPO-01');
  assert.equal(typo.status, 'failed');
  assert.equal(typo.reason, 'unknown rule id');
  assert.deepEqual(
    typo.scenarios.map((s) => [s.name, s.status]),
    [
      ['Same name outline [example 1]', 'passed'],
      ['Same name outline [example 2]', 'undefined'],
    ],
  );
  // Catalogue order first, unknown IDs at the end.
  assert.equal(rows[0]?.rule, 'DCR-REQ-01');
  assert.equal(rows.at(-1)?.rule, 'TYPO-01');
  assert.equal(rows.length, loadRuleCatalogue().length + 1);

  const unknownNa = buildRuleMatrix([], [], new Map([['NOPE-01', 'x']]));
  assert.equal(unknownNa[0]?.status, 'failed');
  assert.match(unknownNa[0]?.reason ?? '', /unknown rule id/);
});

test('rules.json and rules.html are written, escaped and complete', () => {
  const rows = matrix();
  const dir = tmp();
  try {
    const out = writeRuleReports(join(dir, 'nested', 'embedded'), rows, {
      target: 'embedded <&>',
      generatedAt: '2026-01-01T00:00:00.000Z',
    });
    const doc = JSON.parse(readFileSync(out.json, 'utf8')) as { run: { target: string }; rules: RuleRow[] };
    assert.equal(doc.run.target, 'embedded <&>');
    const json = doc.rules;
    assert.ok(Array.isArray(json));
    const first = json[0];
    assert.ok(first);
    assert.equal(first.rule, 'DCR-REQ-01');
    assert.equal(typeof first.source, 'string');
    assert.deepEqual(
      first.scenarios.map((s) => ({ name: s.name, status: s.status })),
      [
        { name: 'Passed scenario', status: 'passed' },
        { name: 'Same name outline [example 1]', status: 'passed' },
        { name: 'Same name outline [example 2]', status: 'undefined' },
      ],
    );

    const html = readFileSync(out.html, 'utf8');
    assert.match(html, /<title>Rule traceability — embedded &lt;&amp;&gt;<\/title>/);
    for (const r of rows) {
      assert.ok(html.includes(`id="${r.rule}"`), `anchor for ${r.rule}`);
      assert.ok(html.includes(`@rule:${r.rule}`), `tag text for ${r.rule}`);
    }
    // Reason text is escaped, never raw markup.
    assert.ok(html.includes('JSON registration &lt;not&gt; offered &amp; never will be'));
    assert.ok(!html.includes('<not>'));
    // Code spans become <code>, with their content escaped.
    assert.ok(html.includes('<code>GET /.well-known/openid-configuration</code>'));
    // Self-contained: no scripts, no external resources.
    assert.ok(!/<script|<link|\ssrc=|url\(|@import/.test(html));
    assert.ok(html.includes('unknown rule id'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('HTML escaping helpers', () => {
  assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  assert.equal(inlineMarkdownToHtml('use `<b>` & `x|y`'), 'use <code>&lt;b&gt;</code> &amp; <code>x|y</code>');
  const html = renderRulesHtml(
    [
      {
        rule: 'X-01',
        source: '<script>alert(1)</script>',
        section: '1. <i>S</i>',
        text: 'Rule with <img src=x onerror=alert(1)>',
        expected: '',
        profiles: ['<UK>'],
        file: 'x.md',
        status: 'passed',
        scenarios: [{ name: '<b>bold</b> scenario', status: 'passed', uri: 'a&b.feature', line: 3 }],
      },
    ],
    { target: 't', generatedAt: 'now' },
  );
  assert.ok(!html.includes('<script>alert'));
  assert.ok(!html.includes('<img'));
  assert.ok(!html.includes('<b>bold'));
  assert.ok(!html.includes('<i>S'));
  assert.ok(html.includes('&lt;b&gt;bold&lt;/b&gt; scenario'));
  assert.ok(html.includes('a&amp;b.feature:3'));
  assert.ok(html.includes('&lt;UK&gt;'));
});

// ---------------------------------------------------------------------------------------------
// Summary

test('summary line format', () => {
  assert.equal(formatSummaryLine({ passed: 3, failed: 0, skipped: 12 }), '3 passed, 0 failed, 12 skipped');
  assert.equal(formatSummaryLine({ passed: 0, failed: 1, skipped: 0 }), '0 passed, 1 failed, 0 skipped');
});

test('printRunSummary ends with the plain summary line', () => {
  const results = readScenarioResults(fixture);
  const lines: string[] = [];
  const last = printRunSummary(results, matrix(), (l) => lines.push(l));
  assert.equal(last, '5 passed, 2 failed, 2 skipped');
  assert.equal(lines.at(-1), '5 passed, 2 failed, 2 skipped');
  const text = lines.join('\n');
  assert.match(text, /^Rules: \d+ total — /);
  assert.match(text, /Failed scenario \(features\/sample\.feature:9\) — AssertionError: expected status 201, got 500/);
  assert.match(text, /Same name outline \[example 2\] \[undefined\] \(features\/sample\.feature:37\)/);
  assert.match(text, /TYPO-01 — unknown rule id/);
});
