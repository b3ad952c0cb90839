import { createMiddleware } from 'hono/factory';
import type { SandboxContext, SandboxEnv } from '../context.ts';
import type { WireError } from '../errors/wire-error.ts';
import { basicCredentials } from '../security/admin-basic.ts';
import { authenticateApimUser, findApimUser } from './apim-users.ts';
import { rolesAllowScope } from './rest-api-scopes.ts';

/**
 * Who may call an APIM REST operation (apim-surface §1.2): a bearer token from the APIM token
 * endpoint carrying one of the operation's scopes, or Basic credentials of a user whose roles are
 * mapped to one of them. Every failure is the same `unauthorized()` (no 403 for a missing scope).
 * `'any'`: an operation the API secures without scopes (`OAuth2Security: []`), any caller's.
 */
export function requireRestApiScope(ctx: SandboxContext, scopes: readonly string[] | 'any', unauthorized: () => WireError) {
  const grants = (has: (s: string) => boolean) => scopes === 'any' || scopes.some(has);
  return createMiddleware<SandboxEnv>(async (c, next) => {
    if (ctx.faults.has('apim.rest-api-no-auth')) {
      c.set('apimCaller', { username: ctx.config.admin.username, roles: ['admin'], superAdmin: true });
      return next();
    }
    // Stryker disable next-line StringLiteral: any other text holds neither "Bearer\s" nor a Basic header, as no header.
    const header = c.req.header('authorization') ?? '';
    // As AM44 RestApiUtil.extractOAuthAccessTokenFromMessage: the first "Bearer\s" (case-sensitive, not
    // anchored), and the token is the rest of the header, untrimmed.
    const match = /Bearer\s/.exec(header);
    const bearer = match ? header.slice(match.index + match[0].length) : undefined;
    if (bearer !== undefined) {
      const token = ctx.store.apimOAuthApps.token(bearer, ctx.clock.nowSeconds());
      // Deleting a user revokes the user's tokens (IdentityOathEventListener.doPreDeleteUser): no caller, no access.
      const outlived = token && ctx.faults.has('apim.token-outlives-user') ? { username: token.username, roles: [], superAdmin: false } : undefined;
      const caller = token && (findApimUser(ctx, token.username) ?? outlived);
      const scoped = (token !== undefined && grants((s) => token.scopes.includes(s))) || ctx.faults.has('apim.rest-api-ignore-scopes');
      if (!token || !caller || !scoped) throw unauthorized();
      c.set('apimCaller', caller);
      return next();
    }
    const creds = basicCredentials(header);
    const caller = creds && authenticateApimUser(ctx, creds.user, creds.password);
    if (!caller) throw unauthorized();
    // Stryker disable next-line MethodExpression: every operation's scopes map to one same role set, so some = every
    const allowed = grants((s) => rolesAllowScope(caller.roles, s)) || ctx.faults.has('apim.rest-api-ignore-scopes');
    if (!allowed) throw unauthorized();
    c.set('apimCaller', caller);
    return next();
  });
}
