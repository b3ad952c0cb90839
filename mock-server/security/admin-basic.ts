import { timingSafeEqual } from 'node:crypto';
import { createMiddleware } from 'hono/factory';
import type { SandboxContext, SandboxEnv } from '../context.ts';
import type { WireError } from '../errors/wire-error.ts';

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The credentials of an RFC 7617 Basic header, or undefined when absent or malformed. */
export function basicCredentials(header: string | undefined): { user: string; password: string } | undefined {
  // Stryker disable next-line StringLiteral: no header and any other text both fail the match below.
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!m) return undefined;
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/**
 * Identity Server admin APIs (IS DCR, scopes, API resources, roles) authenticate the key manager
 * connector's admin user with HTTP Basic (seed 000 connector Username/Password).
 */
export function requireAdminBasic(ctx: SandboxContext, unauthorized: () => WireError) {
  return createMiddleware<SandboxEnv>(async (c, next) => {
    const creds = basicCredentials(c.req.header('authorization'));
    const { username, password } = ctx.config.admin;
    if (!creds || !same(creds.user, username) || !same(creds.password, password)) throw unauthorized();
    await next();
  });
}
