import { Hono } from 'hono';
import type { SandboxContext, SandboxEnv } from '../context.ts';
import { notImplemented } from '../errors/oauth-error.ts';
import { tokenApp } from './token-app.ts';
import { authorizeApp } from './authorize-app.ts';
import { userinfoApp } from './userinfo-app.ts';

/** The Identity Server OAuth 2 surface that discovery advertises. */
export function oauth2App(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  app.route('/', tokenApp(ctx));
  app.route('/', authorizeApp(ctx));
  app.route('/', userinfoApp(ctx));
  // Scope management arrives with the API Manager surface.
  const scopes = () => {
    throw notImplemented('Scope management');
  };
  app.all('/api/identity/oauth2/v1.0/scopes', scopes);
  app.all('/api/identity/oauth2/v1.0/scopes/*', scopes);
  return app;
}
