import type { MiddlewareHandler } from 'hono';
import type { SandboxContext, SandboxEnv } from '../context.ts';
import { StatusOnlyError } from '../errors/status-only-error.ts';
import { requireAdminBasic } from './admin-basic.ts';

/**
 * The Identity Server 7 management APIs a WSO2-IS-7 / fsKeyManager key manager calls
 * (/api/server/v1/applications, /api/server/v1/api-resources, /scim2/v2/Roles) with the key
 * manager's Basic credentials (apim-surface §5.3, §5.5, §5.6). A failure is a bare 401 with the
 * Basic challenge, as for IS DCR and the scope API (the IS auth valve's body is unconfirmed,
 * apim-surface §8). Fault `ismgmt.is7-apis-no-auth` serves every caller.
 */
export function requireIsAdmin(ctx: SandboxContext): MiddlewareHandler<SandboxEnv> {
  if (ctx.faults.has('ismgmt.is7-apis-no-auth')) return async (_c, next) => next();
  return requireAdminBasic(ctx, () =>
    new StatusOnlyError(
      401,
      // Stryker disable next-line StringLiteral: a StatusOnlyError's message is logged, never sent.
      'admin authentication failed',
      { 'www-authenticate': 'Basic realm="WSO2 Identity Server"' },
    ));
}
