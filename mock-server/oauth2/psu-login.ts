import { randomBytes } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { html } from 'hono/html';
import type { SandboxContext, SandboxEnv } from '../context.ts';
import { readForm } from '../http/request-body.ts';
import { invalidRequest } from '../errors/oauth-error.ts';
import { withResponseParameters } from '../errors/authorization-redirect-error.ts';
import { TEST_USER } from './test-user.ts';

/**
 * The PSU login and consent page, for `psu.login = "page"`: the authorization request, once
 * valid, waits here until a browser signs the test user in and approves (or denies). The paths
 * are Identity Server's: `/authenticationendpoint/login.do?sessionDataKey=…` renders the form,
 * which posts to `/commonauth`. With `psu.login = "auto"` (the default) this page is never used.
 */

/** What the authorization endpoint has checked, and how to finish it. */
export interface PendingAuthorization {
  clientName: string;
  scope: string;
  redirectUri: string;
  responseMode: 'query' | 'fragment';
  state: string | undefined;
  /** Issues the code (and ID token) and answers the redirect location. */
  complete: () => Promise<string>;
  expiresAt: number;
}

/** A login session lives as long as Identity Server's default authentication session step (5 minutes). */
const SESSION_TTL_S = 300;
const MAX_SESSIONS = 1000;

export const LOGIN_PAGE_PATH = '/authenticationendpoint/login.do';
const COMMONAUTH_PATH = '/commonauth';

/** Pending authorizations of one sandbox instance, in memory: a restart asks the PSU to start again. */
export class PendingAuthorizations {
  readonly #sessions = new Map<string, PendingAuthorization>();

  add(ctx: SandboxContext, pending: Omit<PendingAuthorization, 'expiresAt'>): string {
    this.#sweep(ctx.clock.nowSeconds());
    if (this.#sessions.size >= MAX_SESSIONS) this.#sessions.delete(this.#sessions.keys().next().value!);
    const key = randomBytes(24).toString('base64url');
    this.#sessions.set(key, { ...pending, expiresAt: ctx.clock.nowSeconds() + SESSION_TTL_S });
    return key;
  }

  get(ctx: SandboxContext, key: string | undefined): PendingAuthorization | undefined {
    if (key === undefined) return undefined;
    const pending = this.#sessions.get(key);
    if (pending && pending.expiresAt <= ctx.clock.nowSeconds()) {
      this.#sessions.delete(key);
      return undefined;
    }
    return pending;
  }

  /** Single use: a finished (or denied) session cannot be replayed. */
  take(key: string): void {
    this.#sessions.delete(key);
  }

  #sweep(now: number): void {
    for (const [key, pending] of this.#sessions) if (pending.expiresAt <= now) this.#sessions.delete(key);
  }
}

type Html = ReturnType<typeof html>;

/** hono/html escapes every interpolated value; nested `html` fragments are kept as markup. */
function page(title: string, body: Html): Html {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem}
label{display:block;margin:.8rem 0 .2rem}input{width:100%;padding:.4rem;box-sizing:border-box}
.error{color:#b00020}button{margin:1rem .5rem 0 0;padding:.5rem 1rem}</style></head>
<body>${body}</body></html>`;
}

function loginForm(key: string, pending: PendingAuthorization, error?: string): Html {
  const scopes = pending.scope.split(' ').filter(Boolean);
  return page(
    'Sign in to the sandbox bank',
    html`<h1>Sign in to the sandbox bank</h1>
<p><strong>${pending.clientName}</strong> asks for access to:</p>
<ul>${scopes.length ? scopes.map((s) => html`<li>${s}</li>`) : html`<li>(no scope)</li>`}</ul>
${error ? html`<p class="error" role="alert">${error}</p>` : ''}
<form method="post" action="${COMMONAUTH_PATH}">
<input type="hidden" name="sessionDataKey" value="${key}">
<label for="username">Username</label><input id="username" name="username" autocomplete="username" value="${TEST_USER.username}">
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password">
<button type="submit" name="consent" value="approve">Sign in and approve</button>
<button type="submit" name="consent" value="deny">Deny</button>
</form>`,
  );
}

const expiredPage = (c: Context<SandboxEnv>) =>
  c.html(
    page('Login session not found', html`<h1>Login session not found</h1><p>The login session has expired or was already used. Start again from the TPP.</p>`),
    400,
    { 'cache-control': 'no-store' },
  );

export function psuLoginApp(ctx: SandboxContext, sessions: PendingAuthorizations): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();

  app.get(LOGIN_PAGE_PATH, (c) => {
    const key = c.req.query('sessionDataKey');
    const pending = sessions.get(ctx, key);
    if (!pending || key === undefined) return expiredPage(c);
    return c.html(loginForm(key, pending), 200, { 'cache-control': 'no-store' });
  });

  app.post(COMMONAUTH_PATH, async (c) => {
    const form = await readForm(c, (d) => invalidRequest(d));
    const key = form.get('sessionDataKey');
    const pending = sessions.get(ctx, key);
    if (!pending || key === undefined) return expiredPage(c);
    const location = (params: Record<string, string>) =>
      withResponseParameters(pending.redirectUri, pending.responseMode, { ...params, ...(pending.state !== undefined ? { state: pending.state } : {}) });
    // RFC 6749 §4.1.2.1: the resource owner denied the request.
    if (form.get('consent') === 'deny' && !ctx.faults.has('authorize.psu-deny-ignored')) {
      sessions.take(key);
      return c.body(null, 302, { location: location({ error: 'access_denied', error_description: 'The PSU denied the authorization request' }), 'cache-control': 'no-store' });
    }
    if (form.get('username') !== TEST_USER.username || (form.get('password') !== ctx.config.psu.password && !ctx.faults.has('authorize.psu-any-password'))) {
      // The form again with the error, as Identity Server's login page shows authFailure. Not a
      // 401: that status is for HTTP authentication and needs a WWW-Authenticate challenge (RFC 9110 §15.5.2).
      return c.html(loginForm(key, pending, 'Login failed: wrong username or password.'), 200, { 'cache-control': 'no-store' });
    }
    sessions.take(key);
    return c.body(null, 302, { location: await pending.complete(), 'cache-control': 'no-store' });
  });

  return app;
}
