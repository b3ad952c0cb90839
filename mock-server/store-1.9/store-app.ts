import { randomBytes } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { SandboxContext, SandboxEnv } from '../context.ts';
import { authenticateApimUser } from '../apim-auth/apim-users.ts';
import { mapKeys } from '../devportal/map-keys.ts';
import { parseBoundedJsonObject } from '../http/bounded-json.ts';
import { WireError } from '../errors/wire-error.ts';

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
/** The Store's one failure text for the action (subscription-add.jag: ui-messages `authError`). */
const actionFailed = { error: true, message: 'Error occurred while executing the action mapExistingOauthClient' };
/** ui-messages.jag `invalidAction`: Rhino's `action + " is not supported"`, so a missing action reads "null". */
const invalidAction = (action: string | null) => ({ error: true, message: `${String(action)} is not supported` });
/** ui-messages.jag `loginRequired` for any action but addApplication. */
const loginRequired = { error: true, message: 'Please login with a valid username/password' };

/**
 * The Jaggery `request.getParameter` view of a form post: the first value of each name, an empty
 * value kept. The Store answers every request HTTP 200 JSON (its actions print `{error:…}`), so an
 * unreadable body has no parameters rather than a 400; a body of another media type reads as no
 * form names the Store knows.
 */
async function parameters(c: Context<SandboxEnv>): Promise<URLSearchParams> {
  return new URLSearchParams(await c.req.text());
}

export function store19App(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  /** An error answer: HTTP 200 with `error: true`; fault store19.error-status: a REST-style 400. */
  const refuse = (c: Context<SandboxEnv>, body: unknown) => (ctx.faults.has('store19.error-status') ? c.json(body, 400) : answer(c, body));

  app.post(LOGIN_JAG, async (c) => {
    const params = await parameters(c);
    if (params.get('action') !== 'login') return refuse(c, invalidAction(params.get('action')));
    // Stryker disable next-line StringLiteral: a missing username or password fails the login whatever the stand-in text
    const user = authenticateApimUser(ctx, params.get('username') ?? '', params.get('password') ?? '');
    // APIStoreHostObject.jsFunction_login's handleException text, read back by modules/user/login.jag.
    if (!user) return refuse(c, { error: true, message: 'Login failed. Please recheck the username and password and try again.' });
    const id = randomBytes(24).toString('hex');
    sessions(ctx).set(id, user.username);
    // Tomcat's session cookie (ApplicationSessionCookieConfig.createSessionCookie): the context path, Secure over HTTPS, HttpOnly.
    const flagged = !ctx.faults.has('store19.script-readable-session');
    setCookie(c, SESSION_COOKIE, id, { path: '/store', httpOnly: flagged, secure: flagged });
    return answer(c, { error: false });
  });

  app.post(SUBSCRIPTION_ADD_JAG, async (c) => {
    const params = await parameters(c);
    // subscription-add.jag tests the action first, then the session inside the action's branch.
    if (params.get('action') !== 'mapExistingOauthClient') return refuse(c, invalidAction(params.get('action')));
    const username = sessionUser(ctx, c);
    if (!username) return refuse(c, loginRequired);
    let json: Record<string, unknown>;
    try {
      // The secret travels only in jsonParams; ApplicationUtils.createOauthAppRequest parses it (none: no secret, a failure).
      json = parseBoundedJsonObject(String(params.get('jsonParams')));
    } catch {
      return refuse(c, actionFailed);
    }
    const application = ctx.store.devportal.applicationNamed(username, String(params.get('applicationName')));
    const keyType = params.get('keytype');
    // APIConsumerImpl.mapExistingOAuthClient: without the form's client_id, createOauthAppRequest takes jsonParams' one.
    const consumerKey = params.get('client_id') ?? stringOf(json.client_id);
    // [derived] keytype goes to AM_APPLICATION_KEY_MAPPING.KEY_TYPE (NOT NULL): the sandbox keeps the 4.x map-keys types.
    if (!application || (keyType !== 'PRODUCTION' && keyType !== 'SANDBOX') || !consumerKey) return refuse(c, actionFailed);
    try {
      const key = await mapKeys(ctx, application, { consumerKey, consumerSecret: stringOf(json.client_secret), keyType, keyManager: undefined });
      // APIConsumerImpl.mapExistingOAuthClient's keyDetails (1.10/2.x): the pair and the application token just
      // requested (validityTime as Long.toString); appDetails, the client's JSON, is not emulated.
      const token = key.token!;
      return answer(c, {
        error: false,
        data: { key: { consumerKey: key.consumerKey, consumerSecret: key.consumerSecret, accessToken: token.accessToken, validityTime: String(token.validityTime) } },
      });
    } catch (e) {
      // modules/subscription/key.jag turns every exception of the host object into error true; here only the
      // product's refusals (WireError) do, and anything else is a sandbox defect, left to show as a 500.
      // Stryker disable next-line ConditionalExpression: no input makes mapKeys throw anything but a WireError
      if (!(e instanceof WireError)) throw e;
      // Stryker disable next-line StringLiteral: the sandbox's log line, not part of any answer
      ctx.log(`1.9 Store mapExistingOauthClient for ${consumerKey} failed: ${e.message}`);
      return refuse(c, actionFailed);
    }
  });
  return app;
}

/** A jsonParams member as the host object's `(String)` cast reads it. */
const stringOf = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** The session's user; with the fault, the last signed-in user for a request without a session. */
function sessionUser(ctx: SandboxContext, c: Context<SandboxEnv>): string | undefined {
  const id = getCookie(c, SESSION_COOKIE);
  const user = id ? sessions(ctx).get(id) : undefined;
  if (user || !ctx.faults.has('store19.no-session-check')) return user;
  return [...sessions(ctx).values()].at(-1);
}
