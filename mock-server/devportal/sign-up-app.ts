import { Hono } from 'hono';
import type { SandboxContext, SandboxEnv } from '../context.ts';
import { IsApiError } from '../errors/is-api-error.ts';
import { StatusOnlyError } from '../errors/status-only-error.ts';
import { readJsonObject } from '../http/request-body.ts';
import { basicCredentials } from '../security/admin-basic.ts';
import { authenticateApimUser, findApimUser } from '../apim-auth/apim-users.ts';

export const SIGN_UP_PATH = '/api/identity/user/v1.0/me';

/** tenant-conf.json `SelfSignUp.SignUpRoles`: what a self-registered TPP becomes (apim-surface §4.1). */
export const SIGN_UP_ROLES = ['Internal/subscriber'] as const;

/** identity-governance Utils: a client error of the user endpoint; `message` is the status text. */
const badRequest = (description: string) => new IsApiError(400, null, 'Bad Request', description);

/**
 * Self sign-up (identity-governance MeApiServiceImpl.mePost, apim-surface §4.1), served inside API
 * Manager as the account-recovery web app calls it: `secured="true"` with no permission, so any
 * authenticated caller; the new user gets the sign-up roles; a taken name is 409 `20030`
 * (IdentityRecoveryConstants.ErrorMessages.ERROR_CODE_USER_ALREADY_EXISTS).
 */
export function signUpApp(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  app.post(SIGN_UP_PATH, async (c) => {
    const creds = basicCredentials(c.req.header('authorization'));
    if (!ctx.faults.has('devp.signup-no-auth') && (!creds || !authenticateApimUser(ctx, creds.user, creds.password))) {
      throw new StatusOnlyError(401, 'sign-up caller not authenticated', { 'www-authenticate': 'Basic realm="WSO2 API Manager"' });
    }
    const body = await readJsonObject(c, (d) => badRequest(d));
    const user = body.user;
    if (typeof user !== 'object' || user === null || Array.isArray(user)) throw badRequest('User details are missing in the request.');
    const { username, password } = user as Record<string, unknown>;
    // [unconfirmed texts] the product's 400 for a missing name or password (apim-surface §4.1 "Other client errors").
    if (typeof username !== 'string' || username.trim() === '') throw badRequest('Username is missing in the request.');
    if (typeof password !== 'string' || password === '') throw badRequest('Password is missing in the request.');
    ctx.store.transaction(() => {
      if (findApimUser(ctx, username) && !ctx.faults.has('devp.signup-allow-taken-name')) {
        throw new IsApiError(409, '20030', 'Conflict', `User ${username} already exists in the system. Please use a different username.`);
      }
      if (findApimUser(ctx, username)) return; // the fault: 201, and the existing user is left as it was
      ctx.store.apimUsers.insert(username, password, SIGN_UP_ROLES, ctx.clock.now());
    });
    // No "detailed API response" configured: 201 with an empty body.
    return c.body(null, 201);
  });
  return app;
}
