import { Hono } from 'hono';
import type { SandboxContext, SandboxEnv } from '../context.ts';
import { tokenApp } from './token-app.ts';
import { authorizeApp } from './authorize-app.ts';
import { userinfoApp } from './userinfo-app.ts';

/** The Identity Server OAuth 2 surface that discovery advertises. */
export function oauth2App(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  app.route('/', tokenApp(ctx));
  app.route('/', authorizeApp(ctx));
  app.route('/', userinfoApp(ctx));
  return app;
}
