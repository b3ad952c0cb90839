import type { HttpResponse } from './http-client.ts';
import { fillsPassword, secretValue, type LoginConfig, type LoginStep, type Secret } from './target.ts';
import { SetupError } from './setup-error.ts';
import type { ObWorld } from './world.ts';

/**
 * The test user at the authorization endpoint, as the OpenID Foundation conformance suite drives
 * it: the target describes its login and consent pages as steps matched by URL (fill these
 * fields, submit), and the harness plays the browser until the server redirects to the client.
 * `http` handles plain HTML forms with cookies and redirects; `browser` runs headless Chromium
 * (login-browser.ts) for pages that need scripts; `auto` is a server that signs the user in by
 * itself. The result is the response that sends the browser back to the client (any redirect
 * RFC 6749 §4.1.2 allows) or, when the server shows an error page instead, that page.
 */

const MAX_HOPS = 12;

/** Does this redirect leave the authorization server for the client? */
export function leavesServer(location: string, serverOrigin: string): boolean {
  try {
    return new URL(location, serverOrigin).origin !== serverOrigin;
  } catch {
    return true;
  }
}

/**
 * How the test user answers the login and consent pages: `approve` (the target's `steps`),
 * `deny` (its `deny` steps first, RFC 6749 §4.1.2.1 access_denied), or `wrong-password` (the
 * `steps` with a password that is not the user's, submitted once: RFC 6749 §3.1).
 */
export type PsuConduct = 'approve' | 'deny' | 'wrong-password';

/** A password no target's test user has. */
export const WRONG_PASSWORD = 'not-the-test-users-password-7Q';

/** The steps for one page: the deny steps first when the PSU denies. */
export function stepsFor(login: LoginConfig, conduct: PsuConduct): LoginStep[] {
  return conduct === 'deny' ? [...(login.deny ?? []), ...(login.steps ?? [])] : (login.steps ?? []);
}

export async function runAuthorization(world: ObWorld, url: string, conduct: PsuConduct = 'approve', method: 'GET' | 'POST' = 'GET'): Promise<HttpResponse> {
  const login = world.target.file.login;
  if (method === 'POST' && login?.driver === 'browser') throw new SetupError('an authorization request by POST needs the http login driver');
  if (conduct === 'deny' && !login?.deny?.length) throw new SetupError('the target file describes no login.deny steps: the PSU cannot deny consent');
  if (conduct === 'wrong-password' && !(login?.steps ?? []).some(fillsPassword)) throw new SetupError('no login step fills {{password}}: the PSU cannot give a wrong password');
  if (login?.driver === 'browser') {
    const { runInBrowser } = await import('./login-browser.ts');
    return runInBrowser(world, url, login, conduct);
  }
  const origin = new URL(url).origin;
  const jar = new CookieJar();
  // OIDC Core §3.1.2.1: the request by POST carries its parameters form-encoded in the body.
  let res = method === 'POST' ? await postForm(world, url, jar) : await get(world, url, jar);
  let passwordGiven = false;
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    const location = res.headers.location;
    if (res.status >= 300 && res.status < 400 && location) {
      if (leavesServer(location, origin)) return res;
      res = await get(world, new URL(location, res.url).href, jar);
      continue;
    }
    if (!login || login.driver === 'auto' || !isHtml(res)) return res;
    const page = res;
    // The first step for this URL whose form is on the page (login and consent may share a URL).
    const step = stepsFor(login, conduct).find((s) => new RegExp(s.match).test(pathAndQuery(page.url)) && (!s.form || parseForms(page.text).some((f) => f.html.includes(s.form!))));
    if (!step) return res;
    if (step.link) {
      res = await followLink(world, page, step, jar);
      continue;
    }
    const wrong = conduct === 'wrong-password' && fillsPassword(step);
    // The wrong password is given once: a server that asks for it again has refused it.
    if (wrong && passwordGiven) return res;
    passwordGiven ||= wrong;
    res = await submitForm(world, res, step, wrong ? { ...login, password: WRONG_PASSWORD } : login, jar);
  }
  throw new SetupError(`the login did not reach the client after ${MAX_HOPS} pages (last: ${res.status} ${res.url})`);
}

/** A step that follows a link (HTTP driver): the first `<a href>` whose text matches `link`. */
async function followLink(world: ObWorld, page: HttpResponse, step: LoginStep, jar: CookieJar): Promise<HttpResponse> {
  const text = new RegExp(step.link!);
  for (const m of page.text.matchAll(/<a\b([^>]*)>([\s\S]*?)<\/a>/gi)) {
    const href = attr(m[1] ?? '', 'href');
    if (href && text.test(decodeEntities((m[2] ?? '').replace(/<[^>]*>/g, '')).trim())) return get(world, new URL(href, page.url).href, jar);
  }
  throw new SetupError(`login step "${step.match}": no link matching /${step.link}/ on ${page.url}`);
}

function pathAndQuery(url: string): string {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
}

function isHtml(res: HttpResponse): boolean {
  return (res.headers['content-type'] ?? '').includes('text/html');
}

/** The URL's query sent as a form-encoded POST body to the URL without it. */
async function postForm(world: ObWorld, url: string, jar: CookieJar): Promise<HttpResponse> {
  const u = new URL(url);
  const target = `${u.origin}${u.pathname}`;
  const res = await world.send('none', 'POST', target, {
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...jar.header(target) },
    body: u.searchParams.toString(),
  });
  jar.store(target, res);
  return res;
}

async function get(world: ObWorld, url: string, jar: CookieJar): Promise<HttpResponse> {
  const res = await world.send('none', 'GET', url, { headers: jar.header(url) });
  jar.store(url, res);
  return res;
}

/** Fill the page's form as the step says and submit it like a browser (HTML §4.10.21). */
async function submitForm(world: ObWorld, page: HttpResponse, step: LoginStep, login: LoginConfig, jar: CookieJar): Promise<HttpResponse> {
  const form = parseForms(page.text).find((f) => !step.form || f.html.includes(step.form));
  if (!form) throw new SetupError(`login step "${step.match}": no form${step.form ? ` containing ${step.form}` : ''} on ${page.url} (${page.status}: ${page.text.replace(/\s+/g, " ").slice(0, 300)})`);
  const fields = new URLSearchParams();
  for (const [k, v] of form.fields) fields.append(k, v);
  for (const [k, v] of Object.entries(step.fill ?? {})) fields.set(k, fillValue(k, v, login));
  if (step.submit) {
    const [k, v = ''] = step.submit.split('=');
    fields.set(k!, v);
  }
  const action = new URL(form.action || page.url, page.url).href;
  const res = form.method === 'get'
    ? await world.send('none', 'GET', `${action.split('?')[0]}?${fields}`, { headers: jar.header(action) })
    : await world.send('none', 'POST', action, {
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...jar.header(action) },
      body: fields.toString(),
    });
  jar.store(action, res);
  return res;
}

/** A login step's value for one field, with {{username}} and {{password}} of the login user. */
export function fillValue(field: string, value: Secret, login: LoginConfig): string {
  return secretValue(value, `login.steps fill ${field}`)
    .replace('{{username}}', () => (login.username ? secretValue(login.username, 'login.username') : ''))
    .replace('{{password}}', () => (login.password ? secretValue(login.password, 'login.password') : ''));
}

export interface HtmlForm {
  action: string;
  method: 'get' | 'post';
  /** Named inputs with their values; submit buttons are left to the step. */
  fields: [string, string][];
  /** The form's markup, which a login step's `form` picks it by. */
  html: string;
}

const attr = (tag: string, name: string): string | undefined => {
  const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  return m ? decodeEntities(m[1] ?? m[2] ?? m[3] ?? '') : undefined;
};

function decodeEntities(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|#39|#x27|#x2F);/g, (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'", '#x2F': '/' })[e] ?? _m);
}

/** The forms of a page and their successful controls (HTML §4.10.21.4), enough for login pages. */
export function parseForms(html: string): HtmlForm[] {
  const forms: HtmlForm[] = [];
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const open = m[1] ?? '';
    const fields: [string, string][] = [];
    for (const input of (m[2] ?? '').matchAll(/<input\b[^>]*>/gi)) {
      const tag = input[0];
      const name = attr(tag, 'name');
      const type = (attr(tag, 'type') ?? 'text').toLowerCase();
      if (!name || ['submit', 'button', 'image', 'reset'].includes(type)) continue;
      if ((type === 'checkbox' || type === 'radio') && !/\schecked\b/i.test(tag)) continue;
      fields.push([name, attr(tag, 'value') ?? (type === 'checkbox' ? 'on' : '')]);
    }
    forms.push({ action: attr(open, 'action') ?? '', method: (attr(open, 'method') ?? 'get').toLowerCase() === 'post' ? 'post' : 'get', fields, html: m[0] });
  }
  return forms;
}

/** Cookies per host, enough for a login (RFC 6265 §5.3 without the corner cases). */
class CookieJar {
  readonly #cookies = new Map<string, Map<string, string>>();

  store(url: string, res: HttpResponse): void {
    const host = new URL(url).host;
    const jar = this.#cookies.get(host) ?? new Map<string, string>();
    for (const line of res.setCookies ?? []) {
      const [pair] = line.split(';');
      const eq = pair?.indexOf('=') ?? -1;
      if (!pair || eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (/;\s*max-age=0\b/i.test(line) || value === '') jar.delete(name);
      else jar.set(name, value);
    }
    this.#cookies.set(host, jar);
  }

  header(url: string): Record<string, string> {
    const jar = this.#cookies.get(new URL(url).host);
    if (!jar || jar.size === 0) return {};
    return { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') };
  }
}
