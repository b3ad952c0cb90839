/**
 * Rule catalogue loader.
 *
 * Parses the markdown rule tables of `rules/catalogue.md` (standards-derived rules) and
 * `rules/wso2.md` (project-own `WSO2-` rules). Each table has the header
 * `| ID | Rule | Expected outcome | Source clause | Profiles |`; the `## ` heading above a
 * table is the rule's section. Cells may contain backticks and a literal pipe written `\|`.
 */
import { readFileSync, existsSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface RuleEntry {
  /** Rule ID, e.g. `DCR-REQ-01`. */
  rule: string;
  /** Heading of the section the table sits in, e.g. `1. Registration request (POST /register)`. */
  section: string;
  /** The requirement text (markdown source: backticks kept). */
  text: string;
  /** Expected outcome column (markdown source). */
  expected: string;
  /** Source clause column (markdown source). */
  source: string;
  /** Profiles column split on commas, e.g. `['generic', 'UK', 'CDR']`. */
  profiles: string[];
  /** File the row came from, relative to the repo root with `/` separators, e.g. `rules/catalogue.md`. */
  file: string;
  /** 1-based line number of the row in `file`. */
  line: number;
}

/** Repository root: this file lives in `<root>/report/`. */
export const REPO_ROOT: string = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export const DEFAULT_CATALOGUE_FILES: readonly string[] = ['rules/catalogue.md', 'rules/wso2.md'];
export const DEFAULT_NOT_APPLICABLE_FILE = 'rules/not-applicable.json';

const RULE_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/;

/**
 * Splits one markdown table line into trimmed cells. A pipe preceded by a backslash is part
 * of the cell (and is unescaped to `|`); leading and trailing outer pipes are dropped.
 */
export function splitTableRow(line: string): string[] {
  let s = line.trim();
  if (s.startsWith('|')) s = s.slice(1);
  // A trailing pipe ends the row unless it is escaped.
  if (s.endsWith('|') && !s.endsWith('\\|')) s = s.slice(0, -1);
  const cells: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === '\\' && s[i + 1] === '|') {
      cur += '|';
      i++;
    } else if (ch === '|') {
      cells.push(cur.trim());
      cur = '';
    } else {
      cur += ch;
    }
  }
  cells.push(cur.trim());
  return cells;
}

function isSeparatorRow(cells: string[]): boolean {
  return cells.length > 0 && cells.every((c) => /^:?-{2,}:?$/.test(c));
}

/** Removes one pair of surrounding backticks (an ID cell written as a code span). */
function stripCode(s: string): string {
  const m = /^`+([^`]*)`+$/.exec(s);
  return (m?.[1] ?? s).trim();
}

function normaliseHeader(h: string): string {
  return stripCode(h).toLowerCase().replace(/\s+/g, ' ').trim();
}

const COLUMN_ALIASES: Record<string, keyof Columns> = {
  id: 'id',
  rule: 'text',
  'expected outcome': 'expected',
  expected: 'expected',
  'source clause': 'source',
  source: 'source',
  profiles: 'profiles',
  profile: 'profiles',
};

interface Columns {
  id: number;
  text: number;
  expected: number;
  source: number;
  profiles: number;
}

function columnsFromHeader(cells: string[]): Columns | undefined {
  const cols: Partial<Columns> = {};
  cells.forEach((c, i) => {
    const key = COLUMN_ALIASES[normaliseHeader(c)];
    if (key !== undefined && cols[key] === undefined) cols[key] = i;
  });
  if (cols.id === undefined || cols.text === undefined) return undefined;
  return {
    id: cols.id,
    text: cols.text,
    expected: cols.expected ?? -1,
    source: cols.source ?? -1,
    profiles: cols.profiles ?? -1,
  };
}

function cell(cells: string[], i: number): string {
  return i < 0 ? '' : (cells[i] ?? '');
}

export function splitProfiles(s: string): string[] {
  return s
    .split(',')
    .map((p) => stripCode(p.trim()))
    .filter((p) => p.length > 0);
}

/**
 * Parses the rule tables out of one markdown document. `file` is only recorded on the entries.
 * Tables whose header has no `ID` and `Rule` column are ignored, as is everything outside tables.
 */
export function parseRuleMarkdown(markdown: string, file: string): RuleEntry[] {
  const lines = markdown.split(/\r?\n/);
  const out: RuleEntry[] = [];
  let section = '';
  let cols: Columns | undefined;
  let inTable = false;
  let inFence = false;

  for (let n = 0; n < lines.length; n++) {
    const raw = lines[n] ?? '';
    const line = raw.trim();
    if (/^(```|~~~)/.test(line)) {
      inFence = !inFence;
      inTable = false;
      cols = undefined;
      continue;
    }
    if (inFence) continue;
    const heading = /^#{2,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      // Only `##` headings are sections; deeper headings keep the enclosing section.
      if (/^##\s/.test(line)) section = heading[1] ?? '';
      inTable = false;
      cols = undefined;
      continue;
    }
    if (!line.startsWith('|')) {
      inTable = false;
      cols = undefined;
      continue;
    }
    const cells = splitTableRow(line);
    if (!inTable) {
      // First row of a new table: the header.
      inTable = true;
      cols = columnsFromHeader(cells);
      continue;
    }
    if (cols === undefined || isSeparatorRow(cells)) continue;
    const id = stripCode(cell(cells, cols.id));
    if (id === '' || !RULE_ID.test(id)) continue;
    out.push({
      rule: id,
      section,
      text: cell(cells, cols.text),
      expected: cell(cells, cols.expected),
      source: cell(cells, cols.source),
      profiles: splitProfiles(cell(cells, cols.profiles)),
      file,
      line: n + 1,
    });
  }
  return out;
}

function displayPath(abs: string): string {
  const rel = relative(REPO_ROOT, abs);
  return (rel.startsWith('..') ? abs : rel).split('\\').join('/');
}

/**
 * Loads the rule catalogue. `files` default to `rules/catalogue.md` and `rules/wso2.md`;
 * relative paths are resolved against the repo root. Missing files are an error.
 * A rule ID defined twice (in one file or across files) is an error, reported with both places.
 */
export function loadRuleCatalogue(files: string[] = [...DEFAULT_CATALOGUE_FILES]): RuleEntry[] {
  const all: RuleEntry[] = [];
  const seen = new Map<string, RuleEntry>();
  for (const f of files) {
    const abs = resolve(REPO_ROOT, f);
    if (!existsSync(abs)) throw new Error(`rule catalogue file not found: ${abs}`);
    const entries = parseRuleMarkdown(readFileSync(abs, 'utf8'), displayPath(abs));
    for (const e of entries) {
      const prev = seen.get(e.rule);
      if (prev !== undefined) {
        throw new Error(
          `duplicate rule id ${e.rule}: ${e.file}:${e.line} (first defined at ${prev.file}:${prev.line})`,
        );
      }
      seen.set(e.rule, e);
      all.push(e);
    }
  }
  return all;
}

/**
 * Loads `rules/not-applicable.json` (`[{ "rule": "DCR-REQ-06", "reason": "..." }]`) as a map
 * rule ID → reason. A missing file is an empty map; a malformed one is an error.
 */
/**
 * Rules that do not apply, each with the reason. An entry may be scoped: `profiles` (it applies
 * only to targets of those profiles) and `products` (only to targets whose product name starts
 * with one of them; "none" for a spec-only target). Unscoped entries apply to every target.
 */
export function loadNotApplicable(file: string = DEFAULT_NOT_APPLICABLE_FILE, scope?: { profile: string; product?: string | undefined }): Map<string, string> {
  const abs = resolve(REPO_ROOT, file);
  const out = new Map<string, string>();
  if (!existsSync(abs)) return out;
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(abs, 'utf8'));
  } catch (err) {
    throw new Error(`${displayPath(abs)}: not valid JSON: ${(err as Error).message}`);
  }
  if (!Array.isArray(data)) throw new Error(`${displayPath(abs)}: expected a JSON array`);
  data.forEach((item: unknown, i) => {
    const rec = item as { rule?: unknown; reason?: unknown; profiles?: unknown; products?: unknown } | null;
    if (rec === null || typeof rec !== 'object' || typeof rec.rule !== 'string' || rec.rule.trim() === '') {
      throw new Error(`${displayPath(abs)}[${i}]: expected { "rule": string, "reason": string }`);
    }
    if (typeof rec.reason !== 'string' || rec.reason.trim() === '') {
      throw new Error(`${displayPath(abs)}[${i}] (${rec.rule}): a non-empty "reason" is required`);
    }
    for (const k of ['profiles', 'products'] as const) {
      const v = rec[k];
      if (v !== undefined && (!Array.isArray(v) || v.some((x) => typeof x !== 'string'))) throw new Error(`${displayPath(abs)}[${i}] (${rec.rule}): "${k}" must be an array of strings`);
    }
    if (scope) {
      const profiles = rec.profiles as string[] | undefined;
      const products = rec.products as string[] | undefined;
      if (profiles && !profiles.includes(scope.profile)) return;
      if (products && !products.some((p) => (p === 'none' ? scope.product === undefined : scope.product?.startsWith(p)))) return;
    }
    out.set(rec.rule.trim(), rec.reason.trim());
  });
  return out;
}
