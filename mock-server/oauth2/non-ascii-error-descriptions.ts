import type { MiddlewareHandler } from 'hono';
import type { SandboxEnv } from '../context.ts';
import { OAuthError } from '../errors/oauth-error.ts';

/**
 * Fault `token.non-ascii-error-description` (ERR-04): the token endpoint's OAuth errors quote
 * their code in typographic quotes, characters outside the %x20-21 / %x23-5B / %x5D-7E set that
 * RFC 6749 §5.2 allows in error_description. Status and headers stay as they were.
 */
export const nonAsciiErrorDescriptions: MiddlewareHandler<SandboxEnv> = async (c, next) => {
  await next();
  const err = c.error;
  if (!(err instanceof OAuthError)) return;
  const headers = new Headers(c.res.headers);
  const body = { error: err.error, error_description: `${err.description ?? 'Request failed'} (\u201c${err.error}\u201d)` };
  c.res = new Response(JSON.stringify(body), { status: err.status, headers });
};
