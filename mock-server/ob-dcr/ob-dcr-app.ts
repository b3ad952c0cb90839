import { Hono } from 'hono';
import type { SandboxContext, SandboxEnv } from '../context.ts';
import { notImplemented } from '../errors/oauth-error.ts';
import { requireMtls } from '../security/require-mtls.ts';

/** Gateway base paths of the OB DCR API: seed 004 (`0.1`) and the FS 4.x swagger (`v3.3.0`). */
export const OB_DCR_GATEWAY_BASES = ['/open-banking/0.1/register', '/open-banking/v3.3.0/register'] as const;
/** The Identity Server web app behind the gateway (seed 004). */
export const OB_DCR_IS_BASE = '/api/openbanking/dynamic-client-registration/register';

/**
 * Open Banking DCR. Every operation requires mutual TLS (UK OB DCR §Authentication); the
 * registration logic itself arrives with the Open Banking DCR issue.
 */
export function obDcrApp(ctx: SandboxContext, bases: readonly string[]): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  for (const base of bases) {
    // Hono's `/*` also matches the base path itself.
    app.use(`${base}/*`, requireMtls(ctx));
    app.post(base, () => {
      throw notImplemented('Open Banking dynamic client registration');
    });
    app.on(['GET', 'PUT', 'DELETE'], `${base}/:clientId`, () => {
      throw notImplemented('Open Banking dynamic client registration management');
    });
  }
  return app;
}
