/**
 * Browser check of the generated reports (`npm run test:browser`).
 *
 * Opens reports/<target>/index.html (cucumber HTML report) and rules.html (rule traceability)
 * in Debian's chromium through playwright-core, checks that they render what a reader needs,
 * and saves screenshots of the first screen a reader sees to reports/<target>/screenshots/
 * (full-page ones of the expanded report take tens of seconds and are too tall to read).
 *
 *   tsx scripts/browser-check.ts [--target embedded] [--dir <report dir>]
 *
 * Prints `ok - …` / `not ok - …` per check and ends with `N passed, N failed`; exits 1 on any
 * failure. Without Chromium (OBC_CHROMIUM names another path) the check is skipped with the reason
 * and the install command, `0 passed, 0 failed, 1 skipped`, exit 0; unless CI=true, where a
 * missing Chromium fails it, so CI never skips it silently.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { REPO_ROOT, loadRuleCatalogue } from '../report/rule-catalogue.ts';
import { readScenarioResults } from '../report/scenario-results.ts';
import { chromiumMissing, chromiumPath } from '../steps/support/chromium.ts';

/** Debian's chromium; OBC_CHROMIUM overrides it (e.g. to try the missing-browser path). */
const CHROMIUM = chromiumPath();
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];
const TIMEOUT_MS = 20_000;

let passed = 0;
let failed = 0;

function check(ok: boolean, what: string, detail?: string): boolean {
  if (ok) {
    passed++;
    console.log(`ok - ${what}`);
  } else {
    failed++;
    console.log(`not ok - ${what}${detail === undefined ? '' : `\n  # ${detail.split('\n').join('\n  # ')}`}`);
  }
  return ok;
}

function finish(): never {
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
}

function errMsg(err: unknown): string {
  return err instanceof Error ? err.message.split('\n')[0] ?? String(err) : String(err);
}

const bodyText = (page: Page): Promise<string> => page.evaluate(() => document.body?.innerText ?? '');

/**
 * The cucumber report keeps most features collapsed; expand every collapsed accordion so all
 * scenario titles are in the page text. One click per animation frame: the report's accordion
 * derives each toggle from the state it rendered, so clicks fired in one synchronous loop
 * overwrite each other and leave a single section open. Repeats because expanding can reveal
 * further collapsed sections (e.g. rules inside features).
 */
async function expandAll(page: Page): Promise<number> {
  let clicked = 0;
  for (let round = 0; round < 10; round++) {
    const n = await page.evaluate(async () => {
      const buttons = Array.from(document.querySelectorAll<HTMLElement>('button[aria-expanded="false"]'));
      for (const b of buttons) {
        b.click();
        await new Promise((r) => requestAnimationFrame(() => r(undefined)));
      }
      return buttons.length;
    });
    if (n === 0) break;
    clicked += n;
  }
  return clicked;
}

async function waitForText(page: Page, needles: string[], timeoutMs: number): Promise<string[]> {
  try {
    await page.waitForFunction(
      (ns: string[]) => {
        const t = document.body?.innerText ?? '';
        return ns.every((n) => t.includes(n));
      },
      needles,
      { timeout: timeoutMs, polling: 200 },
    );
  } catch {
    // fall through: report which ones are missing
  }
  const text = await bodyText(page);
  return needles.filter((n) => !text.includes(n));
}

async function checkCucumberReport(browser: Browser, dir: string, shots: string): Promise<void> {
  const index = join(dir, 'index.html');
  const messages = join(dir, 'messages.ndjson');
  if (!check(existsSync(index), `cucumber report exists: ${index}`)) return;
  if (!check(existsSync(messages), `message stream exists: ${messages}`)) return;

  let names: string[] = [];
  let ruleTag: string | undefined;
  try {
    const results = readScenarioResults(messages);
    // The HTML report shows titles as written (outline titles keep their <placeholders>).
    // One title from every feature file: most features start collapsed, so this proves the
    // whole report is reachable, not only the part shown first.
    const byFeature = new Map<string, string>();
    for (const r of results) {
      const n = r.gherkinName ?? r.name;
      if (n.trim() !== '' && !byFeature.has(r.uri)) byFeature.set(r.uri, n);
    }
    names = [...byFeature.values()];
    ruleTag = results.flatMap((r) => r.tags).find((t) => t.startsWith('@rule:'));
    check(results.length > 0, `messages.ndjson has scenario results (${results.length})`);
  } catch (err) {
    check(false, 'messages.ndjson is readable', errMsg(err));
    return;
  }

  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  try {
    await page.goto(pathToFileURL(index).href, { waitUntil: 'load', timeout: TIMEOUT_MS });
    // The report renders client-side from embedded messages: wait for its first content.
    const first = names[0];
    const rendered = await page
      .waitForFunction(
        (n: string | undefined) => {
          const t = document.body?.innerText ?? '';
          return document.querySelector('button[aria-expanded]') !== null || (n !== undefined && t.includes(n));
        },
        first,
        { timeout: TIMEOUT_MS, polling: 200 },
      )
      .then(() => true)
      .catch(() => false);
    if (!check(rendered, 'index.html renders the cucumber report')) return;
    // The header names the run: suite version, target, profile, product, start and duration.
    const header = await page.$eval('#obc-run', (h) => (h as HTMLElement).innerText).catch(() => '');
    check(/^ob-conformance \S+ · target \S+ · profile \S+ · product .+ · started \S+ · duration .+/.test(header), 'index.html names the suite version, target, profile, product, start and duration', header);
    await expandAll(page);
    const collapsed = await page.$$('button[aria-expanded="false"]');
    check(collapsed.length === 0, 'every feature of index.html expands', `${collapsed.length} still collapsed`);

    for (const n of names) {
      const missing = await waitForText(page, [n], 5_000);
      check(missing.length === 0, `index.html shows scenario "${n}"`);
    }
    if (ruleTag !== undefined) {
      const missing = await waitForText(page, [ruleTag], 5_000);
      check(missing.length === 0, `index.html shows rule tag ${ruleTag}`);
    } else {
      check(false, 'messages.ndjson has a scenario tagged @rule:<ID>');
    }
    await page.screenshot({ path: join(shots, 'index.png'), fullPage: false });
    check(true, `screenshot ${join(shots, 'index.png')}`);
  } catch (err) {
    check(false, 'index.html loads in chromium', errMsg(err));
  } finally {
    await page.close();
  }
}

async function checkRulesReport(browser: Browser, dir: string, shots: string): Promise<void> {
  const rules = join(dir, 'rules.html');
  if (!check(existsSync(rules), `rule report exists: ${rules}`)) return;
  let ids: string[];
  try {
    ids = loadRuleCatalogue().map((e) => e.rule);
  } catch (err) {
    check(false, 'rule catalogue loads', errMsg(err));
    return;
  }

  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  try {
    await page.goto(pathToFileURL(rules).href, { waitUntil: 'load', timeout: TIMEOUT_MS });
    const title = await page.title();
    check(title.startsWith('Rule traceability — '), `rules.html title is "${title}"`);
    const text = await bodyText(page);
    const missing = ids.filter((id) => !text.includes(id));
    check(
      missing.length === 0,
      `rules.html lists all ${ids.length} catalogue rule IDs`,
      missing.length === 0 ? undefined : `missing: ${missing.slice(0, 20).join(', ')}${missing.length > 20 ? ', …' : ''}`,
    );
    const noAnchor = await page.evaluate((list: string[]) => list.filter((id) => document.getElementById(id) === null), ids);
    check(noAnchor.length === 0, 'every catalogue rule has an anchor (#<ID>) in rules.html', noAnchor.slice(0, 20).join(', '));
    const sample = ids[0];
    check(
      sample !== undefined && text.includes(`@rule:${sample}`),
      `rules.html shows rule tags (e.g. @rule:${sample ?? '?'})`,
    );
    await page.screenshot({ path: join(shots, 'rules.png'), fullPage: false });
    check(true, `screenshot ${join(shots, 'rules.png')}`);
  } catch (err) {
    check(false, 'rules.html loads in chromium', errMsg(err));
  } finally {
    await page.close();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      target: { type: 'string', default: 'embedded' },
      dir: { type: 'string' },
    },
    strict: true,
  });
  const target = values.target ?? 'embedded';
  const dir = resolve(values.dir ?? join(REPO_ROOT, 'reports', target));
  console.log(`# browser check of ${dir}`);

  const missing = chromiumMissing();
  if (missing) {
    if (process.env.CI === 'true') {
      check(false, `chromium found at ${CHROMIUM} (required when CI=true)`, missing);
      finish();
    }
    console.log(`# SKIP browser check: ${missing}`);
    console.log('0 passed, 0 failed, 1 skipped');
    process.exit(0);
  }
  if (!check(existsSync(dir), `report directory exists: ${dir}`, 'run `npm run conformance` first')) finish();

  const shots = join(dir, 'screenshots');
  mkdirSync(shots, { recursive: true });

  // playwright's launch() already gives chromium a fresh temporary profile, removed on close.
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 60_000 });
  } catch (err) {
    check(false, `chromium starts (${CHROMIUM})`, `${errMsg(err)}\ninstall Debian's chromium: sudo apt-get install chromium`);
    finish();
  }
  try {
    await checkCucumberReport(browser, dir, shots);
    await checkRulesReport(browser, dir, shots);
  } finally {
    await browser.close().catch(() => undefined);
  }
  finish();
}

main().catch((err: unknown) => {
  check(false, 'browser check ran to completion', err instanceof Error ? (err.stack ?? err.message) : String(err));
  finish();
});
