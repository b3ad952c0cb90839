import { Hono, type Context } from 'hono';
import type { SandboxContext, SandboxEnv } from '../context.ts';
import { providerMetadata } from './metadata.ts';

// A caching hint: no rule requires it (OIDC Discovery and RFC 8414 are silent on HTTP caching), so
// no portable scenario may assert it.
// Stryker disable next-line ObjectLiteral,StringLiteral: caching hint no rule requires (see above)
const PUBLIC_METADATA_HEADERS = { 'cache-control': 'public, max-age=300' };

/**
 * Discovery on the Identity Server listener. The issuer is `<is>/oauth2/token`, so the OIDC
 * Discovery §4 document lives at `/oauth2/token/.well-known/openid-configuration` (seed 000's
 * Well-known URL). RFC 8414 §3 inserts the suffix before the issuer path; both forms are served.
 */
export function discoveryApp(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();

  app.get('/oauth2/token/.well-known/openid-configuration', (c) =>
    c.json(providerMetadata(ctx), 200, PUBLIC_METADATA_HEADERS),
  );

  const oauthServerMetadata = (c: Context<SandboxEnv>) => {
    const doc = providerMetadata(ctx);
    if (ctx.faults.has('discovery.oauth-metadata-missing-issuer')) delete doc.issuer;
    return c.json(doc, 200, PUBLIC_METADATA_HEADERS);
  };
  app.get('/.well-known/oauth-authorization-server/oauth2/token', oauthServerMetadata);
  // The appended form is a compatibility alias RFC 8414 §3 does not define, so no portable scenario
  // may require it; test/sandbox-app.test.ts holds the sandbox to it.
  // Stryker disable next-line StringLiteral: alias outside RFC 8414 §3, covered by a unit test (see above)
  app.get('/oauth2/token/.well-known/oauth-authorization-server', oauthServerMetadata);

  return app;
}
