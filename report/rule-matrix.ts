/**
 * Rule traceability matrix: which catalogue rule is covered by which scenario, and with what
 * outcome. Written as `rules.json` (machine-readable) and `rules.html` (a static page).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RuleEntry } from './rule-catalogue.ts';
import type { ScenarioResult, ScenarioStatus } from './scenario-results.ts';
import { isFailureStatus } from './scenario-results.ts';
import { formatDuration, formatProduct, type RunMeta } from './run-meta.ts';

export type RuleStatus = 'passed' | 'failed' | 'not-checked' | 'baselined' | 'warning' | 'skipped-only' | 'uncovered' | 'not-applicable';

export const RULE_STATUSES: readonly RuleStatus[] = ['passed', 'failed', 'not-checked', 'baselined', 'warning', 'skipped-only', 'uncovered', 'not-applicable'];

export interface RuleScenario {
  name: string;
  status: ScenarioStatus;
  uri: string;
  line?: number;
  /** First line of the failure message, for failed (or pending/undefined/…) scenarios. */
  error?: string;
}

export interface RuleRow {
  rule: string;
  source: string;
  section: string;
  text: string;
  /** Expected outcome column of the catalogue ('' for unknown rule IDs). */
  expected: string;
  profiles: string[];
  /** Catalogue file the rule is defined in ('' for unknown rule IDs). */
  file: string;
  status: RuleStatus;
  reason?: string;
  scenarios: RuleScenario[];
}

export const UNKNOWN_SECTION = 'Unknown rule IDs (tagged on scenarios or listed as not applicable, but not in any catalogue)';
export const UNKNOWN_RULE_REASON = 'unknown rule id';

function ruleScenario(r: ScenarioResult): RuleScenario {
  const s: RuleScenario = { name: r.name, status: r.status, uri: r.uri };
  if (r.line !== undefined) s.line = r.line;
  if (r.error !== undefined) s.error = r.error;
  return s;
}

function skipReason(results: readonly ScenarioResult[]): string | undefined {
  for (const r of results) {
    const a = r.attachments?.find((t) => t.trim() !== '');
    if (a !== undefined) return a.trim();
  }
  return undefined;
}

/**
 * One row per catalogue rule, in catalogue order, then one row per unknown rule ID.
 *
 * - not-applicable: listed in `notApplicable` (unless a tagged scenario failed: failures are never hidden);
 * - uncovered: no scenario carries the rule's tag;
 * - failed: any tagged scenario failed (or was pending/undefined/ambiguous/unknown);
 * - skipped-only: every tagged scenario was skipped;
 * - passed: otherwise (at least one passed, none failed).
 *
 * A `@rule:` tag (or a not-applicable entry) naming an ID that is in no catalogue becomes a
 * row with status `failed` and reason "unknown rule id", so typos show up.
 */
export function buildRuleMatrix(
  catalogue: readonly RuleEntry[],
  results: readonly ScenarioResult[],
  notApplicable: ReadonlyMap<string, string> = new Map(),
): RuleRow[] {
  const byRule = new Map<string, ScenarioResult[]>();
  for (const r of results) {
    for (const id of r.rules) {
      const list = byRule.get(id) ?? [];
      list.push(r);
      byRule.set(id, list);
    }
  }

  const known = new Set(catalogue.map((e) => e.rule));
  const rows: RuleRow[] = catalogue.map((e) => {
    const tagged = byRule.get(e.rule) ?? [];
    const row: RuleRow = {
      rule: e.rule,
      source: e.source,
      section: e.section,
      text: e.text,
      expected: e.expected,
      profiles: [...e.profiles],
      file: e.file,
      status: 'uncovered',
      scenarios: tagged.map(ruleScenario),
    };
    const anyFailed = tagged.some((t) => isFailureStatus(t.status));
    const naReason = notApplicable.get(e.rule);
    if (naReason !== undefined) {
      if (anyFailed) {
        row.status = 'failed';
        row.reason = `marked not applicable (${naReason}), but a tagged scenario failed`;
      } else {
        row.status = 'not-applicable';
        row.reason = naReason;
      }
    } else if (tagged.length === 0) {
      row.status = 'uncovered';
    } else if (tagged.some((t) => isFailureStatus(t.status) && t.status !== 'not-checked')) {
      row.status = 'failed';
    } else if (tagged.some((t) => t.status === 'not-checked')) {
      // The rule's own check was never reached: say why (the setup error), never "failed".
      row.status = 'not-checked';
      row.reason = `setup failed: ${tagged.find((t) => t.status === 'not-checked')?.error ?? 'a Given step failed'}`;
    } else if (tagged.some((t) => t.status === 'baselined')) {
      row.status = 'baselined';
      row.reason = tagged.find((t) => t.status === 'baselined')?.baselineReason ?? 'in the baseline';
    } else if (tagged.some((t) => t.status === 'warning')) {
      row.status = 'warning';
      row.reason = 'an optional (SHOULD/MAY) requirement is not met';
    } else if (tagged.every((t) => t.status === 'skipped')) {
      row.status = 'skipped-only';
      const why = skipReason(tagged);
      if (why !== undefined) row.reason = why;
    } else {
      row.status = 'passed';
    }
    return row;
  });

  const unknownIds = [...byRule.keys(), ...notApplicable.keys()].filter((id) => !known.has(id));
  for (const id of [...new Set(unknownIds)].sort()) {
    const tagged = byRule.get(id) ?? [];
    rows.push({
      rule: id,
      source: '',
      section: UNKNOWN_SECTION,
      text: '',
      expected: '',
      profiles: [],
      file: '',
      status: 'failed',
      reason:
        tagged.length === 0
          ? `${UNKNOWN_RULE_REASON} (listed in rules/not-applicable.json)`
          : UNKNOWN_RULE_REASON,
      scenarios: tagged.map(ruleScenario),
    });
  }
  return rows;
}

export function countRuleStatuses(rows: readonly RuleRow[]): Record<RuleStatus, number> {
  const counts: Record<RuleStatus, number> = {
    passed: 0,
    failed: 0,
    'not-checked': 0,
    baselined: 0,
    warning: 0,
    'skipped-only': 0,
    uncovered: 0,
    'not-applicable': 0,
  };
  for (const r of rows) counts[r.status]++;
  return counts;
}

// ---------------------------------------------------------------------------------------------
// HTML

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => {
    switch (c) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '"':
        return '&quot;';
      default:
        return '&#39;';
    }
  });
}

/** Escapes markdown cell text and renders its `code spans` as `<code>`. */
export function inlineMarkdownToHtml(s: string): string {
  return escapeHtml(s).replace(/`([^`]+)`/g, '<code>$1</code>');
}

/** A value usable as an HTML id / URL fragment. */
function anchorId(s: string): string {
  return s.replace(/[^A-Za-z0-9_.:-]/g, '_');
}

const STATUS_LABEL: Record<RuleStatus, string> = {
  passed: 'passed',
  failed: 'failed',
  'not-checked': 'not checked (setup)',
  baselined: 'baselined',
  warning: 'warning',
  'skipped-only': 'skipped only',
  uncovered: 'uncovered',
  'not-applicable': 'not applicable',
};

const CSS = `
:root { --passed:#1a7f37; --passed-bg:#dafbe1; --failed:#cf222e; --failed-bg:#ffebe9;
  --skipped:#9a6700; --skipped-bg:#fff8c5; --uncovered:#57606a; --uncovered-bg:#eaeef2;
  --na:#0969da; --na-bg:#ddf4ff; --notchecked:#8250df; --notchecked-bg:#fbefff; --baselined:#bc4c00; --baselined-bg:#fff1e5; --border:#d0d7de; --muted:#57606a; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; color: #1f2328; background: #fff; }
header { padding: 16px 24px 8px; border-bottom: 1px solid var(--border); }
h1 { font-size: 22px; margin: 0 0 4px; }
.meta { color: var(--muted); font-size: 13px; }
main { padding: 8px 24px 40px; }
code { font: 12.5px/1.3 ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace; background: #f6f8fa; border-radius: 4px; padding: 0 3px; }
a { color: #0969da; text-decoration: none; } a:hover { text-decoration: underline; }
.summary { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin: 12px 0 6px; }
.summary a.count { display: inline-flex; gap: 6px; align-items: baseline; border: 1px solid var(--border); border-radius: 16px; padding: 3px 12px; color: inherit; }
.summary a.count b { font-size: 16px; }
.summary .hint { color: var(--muted); font-size: 12px; }
.bar { display: flex; height: 8px; border-radius: 4px; overflow: hidden; background: var(--uncovered-bg); margin: 6px 0 0; max-width: 900px; }
.bar span { display: block; height: 100%; }
nav.toc { margin: 10px 0 4px; font-size: 13px; columns: 2 320px; }
nav.toc a { display: block; }
table { border-collapse: collapse; width: 100%; margin-top: 12px; }
th, td { border-bottom: 1px solid var(--border); padding: 6px 8px; vertical-align: top; text-align: left; }
td.text, td.source, td.scen, .reason { overflow-wrap: anywhere; }
thead th { position: sticky; top: 0; background: #f6f8fa; font-size: 12px; text-transform: uppercase; letter-spacing: .03em; color: var(--muted); z-index: 1; }
tbody.section th { background: #f6f8fa; font-size: 15px; padding-top: 14px; border-bottom: 2px solid var(--border); }
td.id { white-space: nowrap; }
td.id code { font-weight: 600; font-size: 13px; }
.tag { color: var(--muted); font: 11.5px ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace; margin-top: 2px; }
td.text { min-width: 280px; max-width: 560px; }
.expected { color: var(--muted); font-size: 12.5px; margin-top: 4px; }
td.source { font-size: 12.5px; max-width: 280px; }
td.profiles { font-size: 12.5px; white-space: nowrap; }
.badge { display: inline-block; border-radius: 12px; padding: 1px 9px; font-size: 12px; font-weight: 600; white-space: nowrap; border: 1px solid currentColor; }
.st-passed .badge, .badge.st-passed { color: var(--passed); background: var(--passed-bg); }
.st-failed .badge, .badge.st-failed { color: var(--failed); background: var(--failed-bg); }
.st-skipped-only .badge, .badge.st-skipped-only { color: var(--skipped); background: var(--skipped-bg); }
.st-not-checked .badge, .badge.st-not-checked { color: var(--notchecked); background: var(--notchecked-bg); }
.st-baselined .badge, .badge.st-baselined { color: var(--baselined); background: var(--baselined-bg); }
.st-warning .badge, .badge.st-warning { color: var(--skipped); background: var(--skipped-bg); }
tr.st-not-checked .reason { color: var(--notchecked); }
tr.st-baselined .reason { color: var(--baselined); }
.st-uncovered .badge, .badge.st-uncovered { color: var(--uncovered); background: var(--uncovered-bg); }
.st-not-applicable .badge, .badge.st-not-applicable { color: var(--na); background: var(--na-bg); }
.reason { font-size: 12px; margin-top: 4px; max-width: 240px; }
tr.st-not-applicable .reason { color: var(--na); }
tr.st-failed .reason { color: var(--failed); }
tr.st-skipped-only .reason { color: var(--skipped); }
ul.scenarios { margin: 0; padding: 0; list-style: none; font-size: 13px; }
ul.scenarios li { margin: 0 0 3px; display: grid; grid-template-columns: 76px 1fr; column-gap: 4px; }
ul.scenarios .uri { color: var(--muted); font-size: 11.5px; }
ul.scenarios .err { display: block; color: var(--failed); font: 11.5px ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace; white-space: pre-wrap; word-break: break-word; }
.sc { font-size: 11px; font-weight: 600; text-transform: uppercase; padding-top: 2px; }
tr.rule, tbody.section th { scroll-margin-top: 36px; }
.sc-passed { color: var(--passed); } .sc-skipped, .sc-warning { color: var(--skipped); }
.sc-not-checked { color: var(--notchecked); } .sc-baselined { color: var(--baselined); }
.sc-failed, .sc-ambiguous, .sc-undefined, .sc-pending, .sc-unknown { color: var(--failed); }
.none { color: var(--muted); font-style: italic; font-size: 13px; }
tr.rule:target td { background: #fff8c5; }
/* Filtering without JavaScript: the summary links target one of these empty anchors. */
.filter:target ~ main tr.rule { display: none; }
#only-passed:target ~ main tr.st-passed, #only-failed:target ~ main tr.st-failed,
#only-skipped-only:target ~ main tr.st-skipped-only, #only-uncovered:target ~ main tr.st-uncovered,
#only-not-checked:target ~ main tr.st-not-checked, #only-baselined:target ~ main tr.st-baselined,
#only-warning:target ~ main tr.st-warning,
#only-not-applicable:target ~ main tr.st-not-applicable { display: table-row; }
#only-passed:target ~ main tbody.section:not(:has(tr.st-passed)),
#only-failed:target ~ main tbody.section:not(:has(tr.st-failed)),
#only-skipped-only:target ~ main tbody.section:not(:has(tr.st-skipped-only)),
#only-uncovered:target ~ main tbody.section:not(:has(tr.st-uncovered)),
#only-not-checked:target ~ main tbody.section:not(:has(tr.st-not-checked)),
#only-baselined:target ~ main tbody.section:not(:has(tr.st-baselined)),
#only-warning:target ~ main tbody.section:not(:has(tr.st-warning)),
#only-not-applicable:target ~ main tbody.section:not(:has(tr.st-not-applicable)) { display: none; }
.filter:target ~ main .showing-all { display: none; }
.filtered-note { display: none; }
.filter:target ~ main .filtered-note { display: inline; }
@media print { thead th { position: static; } .summary .hint { display: none; } }
`;

function renderScenarios(row: RuleRow): string {
  if (row.scenarios.length === 0) return '<span class="none">no scenario</span>';
  const items = row.scenarios.map((s) => {
    const where = s.line === undefined ? s.uri : `${s.uri}:${s.line}`;
    const err = s.error === undefined ? '' : `<span class="err">${escapeHtml(s.error)}</span>`;
    return `<li><span class="sc sc-${escapeHtml(s.status)}">${escapeHtml(s.status)}</span><span>${escapeHtml(s.name)} <span class="uri">${escapeHtml(where)}</span>${err}</span></li>`;
  });
  return `<ul class="scenarios">${items.join('')}</ul>`;
}

function renderRow(row: RuleRow): string {
  const id = anchorId(row.rule);
  const text = row.text === '' ? '<span class="none">not in the catalogue</span>' : inlineMarkdownToHtml(row.text);
  const expected = row.expected === '' ? '' : `<div class="expected">Expected: ${inlineMarkdownToHtml(row.expected)}</div>`;
  const reason = row.reason === undefined ? '' : `<div class="reason">${inlineMarkdownToHtml(row.reason)}</div>`;
  const file = row.file === '' ? '' : ` title="${escapeHtml(row.file)}"`;
  return [
    `<tr class="rule st-${row.status}" id="${escapeHtml(id)}">`,
    `<td class="id"><a href="#${escapeHtml(id)}"${file}><code>${escapeHtml(row.rule)}</code></a><div class="tag">@rule:${escapeHtml(row.rule)}</div></td>`,
    `<td class="text">${text}${expected}</td>`,
    `<td class="source">${inlineMarkdownToHtml(row.source)}</td>`,
    `<td class="profiles">${escapeHtml(row.profiles.join(', '))}</td>`,
    `<td class="status"><span class="badge">${STATUS_LABEL[row.status]}</span>${reason}</td>`,
    `<td class="scen">${renderScenarios(row)}</td>`,
    '</tr>',
  ].join('');
}

/** The header line of a matrix: which suite ran against what, when, for how long. */
function runLine(meta: RunMeta | { target: string; generatedAt: string }): string {
  if (!('suite' in meta)) return `Target <code>${escapeHtml(meta.target)}</code> · generated ${escapeHtml(meta.generatedAt)}`;
  return `${escapeHtml(`${meta.suite.name} ${meta.suite.version}`)} · target <code>${escapeHtml(meta.target)}</code> · profile ${escapeHtml(meta.profile)}`
    + ` · product ${escapeHtml(formatProduct(meta.product))} · started ${escapeHtml(meta.startedAt)} · duration ${escapeHtml(formatDuration(meta.durationMs))}`
    + `${meta.shard ? ` · shard ${escapeHtml(meta.shard)}` : ''}${meta.shards ? ` · merged from ${meta.shards} shards` : ''}`;
}

/** Renders the whole `rules.html` page. */
export function renderRulesHtml(rows: readonly RuleRow[], meta: RunMeta | { target: string; generatedAt: string }): string {
  const counts = countRuleStatuses(rows);
  const total = rows.length;
  const title = `Rule traceability — ${meta.target}`;

  // Group by section, keeping first-appearance order (catalogue order).
  const sections: { name: string; rows: RuleRow[] }[] = [];
  const byName = new Map<string, { name: string; rows: RuleRow[] }>();
  for (const r of rows) {
    const key = r.section === '' ? '(no section)' : r.section;
    let g = byName.get(key);
    if (!g) {
      g = { name: key, rows: [] };
      byName.set(key, g);
      sections.push(g);
    }
    g.rows.push(r);
  }

  const summaryLinks = RULE_STATUSES.map(
    (s) =>
      `<a class="count st-${s}" href="#only-${s}"><span class="badge">${STATUS_LABEL[s]}</span><b>${counts[s]}</b></a>`,
  ).join('');
  const bar = RULE_STATUSES.filter((s) => counts[s] > 0)
    .map((s) => {
      const colour = { passed: 'passed', failed: 'failed', 'not-checked': 'notchecked', baselined: 'baselined', warning: 'skipped', 'skipped-only': 'skipped', uncovered: 'uncovered', 'not-applicable': 'na' }[s];
      const pct = total === 0 ? 0 : (counts[s] / total) * 100;
      return `<span style="width:${pct.toFixed(3)}%;background:var(--${colour})" title="${STATUS_LABEL[s]}: ${counts[s]}"></span>`;
    })
    .join('');

  const toc = sections
    .map((g, i) => {
      const c = countRuleStatuses(g.rows);
      const bits = RULE_STATUSES.filter((s) => c[s] > 0).map((s) => `${c[s]} ${STATUS_LABEL[s]}`);
      return `<a href="#section-${i + 1}">${inlineMarkdownToHtml(g.name)} <span class="meta">(${bits.join(', ')})</span></a>`;
    })
    .join('');

  const bodies = sections
    .map(
      (g, i) =>
        `<tbody class="section"><tr><th colspan="6" id="section-${i + 1}">${inlineMarkdownToHtml(g.name)}</th></tr>\n` +
        g.rows.map(renderRow).join('\n') +
        '\n</tbody>',
    )
    .join('\n');

  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>${escapeHtml(title)}</h1>
<div class="meta">${runLine(meta)} · ${total} rules · each rule is covered by scenarios tagged <code>@rule:&lt;ID&gt;</code></div>
</header>
${RULE_STATUSES.map((s) => `<span class="filter" id="only-${s}"></span>`).join('')}
<main>
<div class="summary">${summaryLinks}<a class="count" href="#"><b>all ${total}</b></a><span class="hint"><span class="showing-all">click a status to show only those rules</span><span class="filtered-note">filtered — click “all” to show every rule</span></span></div>
<div class="bar">${bar}</div>
<nav class="toc">${toc}</nav>
<table>
<thead><tr><th>Rule</th><th>Requirement</th><th>Source clause</th><th>Profiles</th><th>Status</th><th>Scenarios</th></tr></thead>
${bodies}
</table>
</main>
</body>
</html>
`;
}

/** rules.json: the run's metadata and one row per rule. */
export interface RulesJson {
  run: RunMeta | { target: string; generatedAt: string };
  rules: readonly RuleRow[];
}

/** Writes `rules.json` and `rules.html` into `outDir` (created if needed); returns their paths. */
export function writeRuleReports(
  outDir: string,
  rows: readonly RuleRow[],
  meta: RunMeta | { target: string; generatedAt: string },
): { json: string; html: string } {
  mkdirSync(outDir, { recursive: true });
  const json = join(outDir, 'rules.json');
  const html = join(outDir, 'rules.html');
  writeFileSync(json, JSON.stringify({ run: meta, rules: rows } satisfies RulesJson, null, 2) + '\n');
  writeFileSync(html, renderRulesHtml(rows, meta));
  return { json, html };
}
