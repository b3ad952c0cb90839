import { Hono } from 'hono';
import type { SandboxContext, SandboxEnv } from '../context.ts';
import { tokenApp } from './token-app.ts';
import { authorizeApp } from './authorize-app.ts';
import { userinfoApp } from './userinfo-app.ts';
import { mount } from '../http/mount.ts';

/** The Identity Server OAuth 2 surface that discovery advertises. */
export function oauth2App(ctx: SandboxContext): Hono<SandboxEnv> {
  return mount(new Hono<SandboxEnv>(), tokenApp(ctx), authorizeApp(ctx), userinfoApp(ctx));
}
