import { randomBytes } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { SandboxContext, SandboxEnv } from '../context.ts';
import { authenticateApimUser } from '../apim-auth/apim-users.ts';
import { readForm } from '../http/request-body.ts';
import { StatusOnlyError } from '../errors/status-only-error.ts';
import { mapKeys } from '../devportal/map-keys.ts';
import { WireError } from '../errors/wire-error.ts';
import { parseBoundedJsonObject } from '../http/bounded-json.ts';

/**
 * API Manager 1.9's Store (seed 001, apim-surface §6): the Jaggery `login.jag` and
 * `subscription-add.jag` `action=mapExistingOauthClient`, as a thin layer over the 4.x map-keys
 * logic (the same checks: key pair validated at the key manager, a consumer key already mapped
 * refused). Form posts, a session cookie, and HTTP 200 JSON answers with `error` true or false.
 * The 1.9 line has one key manager, API Manager's own (the Resident Key Manager). `site.json`
 * `mapExistingAuthApps` only renders the "Provide Keys" button: not checked here either.
 */
export const LOGIN_JAG = '/store/site/blocks/user/login/ajax/login.jag';
export const SUBSCRIPTION_ADD_JAG = '/store/site/blocks/subscription/subscription-add/ajax/subscription-add.jag';
const SESSION_COOKIE = 'JSESSIONID';

/** Sessions live in memory, as the Jaggery app's HTTP sessions do; one table per sandbox. */
const sessionsOf = new WeakMap<SandboxContext, Map<string, string>>();
function sessions(ctx: SandboxContext): Map<string, string> {
  let s = sessionsOf.get(ctx);
  if (!s) sessionsOf.set(ctx, (s = new Map()));
  return s;
}

const answer = (c: Context<SandboxEnv>, body: unknown) => c.json(body, 200);
/** The Store's one failure text for the action (subscription-add.jag catch block). */
const actionFailed = { error: true, message: 'Error occurred while executing the action mapExistingOauthClient' };

export function store19App(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  const form = (c: Context<SandboxEnv>) => readForm(c, (d) => new StatusOnlyError(400, d));

  app.post(LOGIN_JAG, async (c) => {
    const params = await form(c);
    if (params.get('action') !== 'login') return answer(c, { error: true, message: `Invalid action "${params.get('action') ?? ''}"` });
    const user = authenticateApimUser(ctx, params.get('username') ?? '', params.get('password') ?? '');
    // [message unconfirmed] the Store's text for a failed login.
    if (!user) return answer(c, { error: true, message: 'Login failed. Please recheck the username and password and try again.' });
    const id = randomBytes(24).toString('hex');
    sessions(ctx).set(id, user.username);
    setCookie(c, SESSION_COOKIE, id, { path: '/store', httpOnly: true, secure: true });
    return answer(c, { error: false });
  });

  app.post(SUBSCRIPTION_ADD_JAG, async (c) => {
    const params = await form(c);
    const username = sessionUser(ctx, c);
    // [message unconfirmed] ui-messages `loginRequired`.
    if (!username) return answer(c, { error: true, message: 'You must sign in to perform this action.' });
    if (params.get('action') !== 'mapExistingOauthClient') return answer(c, { error: true, message: `Invalid action "${params.get('action') ?? ''}"` });
    let json: Record<string, unknown> = {};
    try {
      json = parseBoundedJsonObject(params.get('jsonParams') ?? '{}');
    } catch {
      return answer(c, actionFailed);
    }
    const application = ctx.store.devportal.applicationNamed(username, params.get('applicationName') ?? '');
    const keyType = params.get('keytype');
    const consumerKey = params.get('client_id') ?? (typeof json.client_id === 'string' ? json.client_id : '');
    if (!application || (keyType !== 'PRODUCTION' && keyType !== 'SANDBOX') || !consumerKey) return answer(c, actionFailed);
    try {
      const key = await mapKeys(ctx, application, {
        consumerKey,
        consumerSecret: typeof json.client_secret === 'string' ? json.client_secret : undefined,
        keyType,
        keyManager: undefined,
      });
      // [derived] APIStoreHostObject.jsFunction_mapExistingOauthClient's map: the key and its token.
      return answer(c, {
        error: false,
        data: {
          key: {
            consumerKey: key.consumerKey, consumerSecret: key.consumerSecret, accessToken: key.token?.accessToken ?? '',
            validityTime: key.token?.validityTime ?? 0, tokenScope: key.token?.tokenScopes ?? [], keyState: 'COMPLETED',
          },
        },
      });
    } catch (e) {
      if (!(e instanceof WireError)) throw e;
      ctx.log(`1.9 Store mapExistingOauthClient for ${consumerKey} failed: ${e.message}`);
      return answer(c, actionFailed);
    }
  });
  return app;
}

/** The session's user; with the fault, the last signed-in user for a request without a session. */
function sessionUser(ctx: SandboxContext, c: Context<SandboxEnv>): string | undefined {
  const id = getCookie(c, SESSION_COOKIE);
  const user = id ? sessions(ctx).get(id) : undefined;
  if (user || !ctx.faults.has('store19.no-session-check')) return user;
  return [...sessions(ctx).values()].at(-1);
}
