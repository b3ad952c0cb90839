import type { HttpResponse } from './http-client.ts';
import { fillsPassword, type LoginConfig } from './target.ts';
import { SetupError } from './setup-error.ts';
import type { ObWorld } from './world.ts';
import { fillValue, leavesServer, stepsFor, WRONG_PASSWORD, type PsuConduct } from './login-driver.ts';
import { chromiumMissing, chromiumPath } from './chromium.ts';

/**
 * The login in headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core), for
 * login pages that need scripts. The browser trusts the target's CA only through the harness: it
 * ignores certificate errors, since the pages are the target's own and the harness checks TLS
 * elsewhere. The first navigation that leaves the server (the redirect to the client) is caught
 * before it leaves and answered as a redirect response.
 */
export async function runInBrowser(world: ObWorld, url: string, login: LoginConfig, conduct: PsuConduct = 'approve'): Promise<HttpResponse> {
  const missing = chromiumMissing();
  if (missing) throw new SetupError(`the browser login driver needs Chromium. ${missing}`);
  const CHROMIUM = chromiumPath();
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const origin = new URL(url).origin;
  try {
    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    const page = await context.newPage();
    let back: string | undefined;
    await page.route('**/*', async (route) => {
      const target = route.request().url();
      if (route.request().isNavigationRequest() && leavesServer(target, origin)) {
        back = target;
        await route.abort();
      } else {
        await route.continue();
      }
    });
    const first = await page.goto(url).catch(() => null);
    let passwordGiven = false;
    for (let hop = 0; hop < 12 && !back; hop++) {
      const step = stepsFor(login, conduct).find((s) => new RegExp(s.match).test(new URL(page.url()).pathname + new URL(page.url()).search));
      if (!step) break;
      const wrong = conduct === 'wrong-password' && fillsPassword(step);
      // The wrong password is given once: a server that asks for it again has refused it.
      if (wrong && passwordGiven) break;
      passwordGiven ||= wrong;
      for (const [field, v] of Object.entries(step.fill ?? {})) {
        await page.fill(`${step.form ?? 'form'} [name="${field}"]`, fillValue(field, v, wrong ? { ...login, password: WRONG_PASSWORD } : login));
      }
      const before = page.url();
      await Promise.all([
        page.waitForURL((u) => u.href !== before, { timeout: 10_000 }).catch(() => undefined),
        page.click(step.click ?? (step.link ? `a:text-matches("${step.link.replaceAll('"', '\\"')}")` : `${step.form ?? 'form'} [type=submit]`)),
      ]);
    }
    if (back) return { method: 'GET', url: page.url(), status: 303, headers: { location: back }, text: '', json: undefined };
    const text = await page.content();
    return { method: 'GET', url: page.url(), status: first?.status() ?? 200, headers: { 'content-type': 'text/html' }, text, json: undefined };
  } finally {
    await browser.close();
  }
}
