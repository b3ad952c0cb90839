import { Hono, type MiddlewareHandler } from 'hono';
import type { SandboxContext, SandboxEnv } from '../context.ts';
import { unauthenticated } from '../errors/apim-exception-codes.ts';
import { requireRestApiScope } from '../apim-auth/require-rest-api-scope.ts';
import { applicationRoutes, DEVPORTAL_BASE } from './applications.ts';
import { anonymousCatalogueRoutes, keyManagerRoutes } from './catalogue.ts';
import { keyRoutes } from './keys.ts';
import { subscriptionRoutes } from './subscriptions.ts';
import { signUpApp } from './sign-up-app.ts';
import { scimUsersApp } from './scim-users-app.ts';
import { mount } from '../http/mount.ts';

/** devportal-api.yaml `security` of each resource group (apim-surface §4). */
export const DEVPORTAL_SCOPES = {
  applications: ['apim:subscribe', 'apim:app_manage'],
  subscriptions: ['apim:subscribe', 'apim:sub_manage'],
  keyManagers: ['apim:subscribe'],
} as const;

/**
 * The Developer Portal REST API v3 on the API Manager listener, with self sign-up: a TPP signs up,
 * then calls the portal with Basic credentials or an APIM token carrying the portal's scopes.
 */
export function devportalApp(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  // Stryker disable next-line StringLiteral: Hono's mergePath joins '' and '/' to the same base.
  mount(app, signUpApp(ctx), scimUsersApp(ctx));
  anonymousCatalogueRoutes(app, ctx);

  const guard = (scopes: readonly string[]): MiddlewareHandler<SandboxEnv> => {
    const required = requireRestApiScope(ctx, scopes, unauthenticated);
    return async (c, next) => {
      if (ctx.faults.has('devp.no-auth') && !c.req.header('authorization')) {
        c.set('apimCaller', { username: ctx.config.admin.username, roles: ['admin'], superAdmin: true });
        return next();
      }
      return required(c, next);
    };
  };
  // Hono's `/*` also matches the path itself (`/applications`).
  app.use(`${DEVPORTAL_BASE}/applications/*`, guard(DEVPORTAL_SCOPES.applications));
  app.use(`${DEVPORTAL_BASE}/subscriptions/*`, guard(DEVPORTAL_SCOPES.subscriptions));
  app.use(`${DEVPORTAL_BASE}/key-managers`, guard(DEVPORTAL_SCOPES.keyManagers));

  applicationRoutes(app, ctx);
  keyRoutes(app, ctx);
  subscriptionRoutes(app, ctx);
  keyManagerRoutes(app, ctx);
  return app;
}
