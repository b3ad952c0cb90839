import { Hono } from 'hono';
import type { JWK } from 'jose';
import type { SandboxContext, SandboxEnv } from '../context.ts';

// A caching hint: no rule requires it (RFC 7517 and OIDC Discovery are silent on HTTP caching), so
// no portable scenario may assert it.
// Stryker disable next-line ObjectLiteral,StringLiteral: caching hint no rule requires (see above)
const PUBLIC_KEY_SET_HEADERS = { 'cache-control': 'public, max-age=300' };

/** RFC 7517 §5: the JWK Set of the sandbox's signing keys, public members only (RFC 7518 §6). */
export function publicJwks(ctx: SandboxContext): { keys: JWK[] } | JWK[] {
  let keys: JWK[] = ctx.keys.map((k) =>
    ctx.faults.has('jwks.private-members') ? { ...k.privateJwk } : { ...k.publicJwk },
  );
  if (ctx.faults.has('jwks.missing-use')) keys = keys.map(({ use: _use, ...rest }) => rest);
  if (ctx.faults.has('jwks.duplicate-kid') && keys.length > 1) {
    const [first, second, ...rest] = keys;
    keys = [first!, { ...second!, kid: first!.kid! }, ...rest];
  }
  return ctx.faults.has('jwks.not-a-key-set') ? keys : { keys };
}

export function jwksApp(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  app.get('/oauth2/jwks', (c) => c.json(publicJwks(ctx), 200, PUBLIC_KEY_SET_HEADERS));
  return app;
}
