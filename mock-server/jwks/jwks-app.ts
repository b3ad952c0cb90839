import { Hono } from 'hono';
import type { JWK } from 'jose';
import type { SandboxContext, SandboxEnv } from '../context.ts';

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
  app.get('/oauth2/jwks', (c) => c.json(publicJwks(ctx), 200, { 'cache-control': 'public, max-age=300' }));
  return app;
}
