import { createMiddleware } from 'hono/factory';
import type { SandboxContext, SandboxEnv } from '../context.ts';
import { OAuthError } from '../errors/oauth-error.ts';
import { clientCertificateOf } from './client-certificate.ts';

/**
 * Mutual TLS enforcement for a route, as the WSO2 gateway's MTLS enforcement does: no
 * certificate, an unparsable one or one from an untrusted CA is a 401 with a clear description.
 * TLS itself only requests certificates, so the endpoint answers instead of the handshake failing.
 */
export function requireMtls(ctx: SandboxContext) {
  return createMiddleware<SandboxEnv>(async (c, next) => {
    const found = clientCertificateOf(c.env?.incoming, c.req.raw.headers, {
      trustProxyHeader: ctx.config.mtls.trustProxyHeader,
      headerName: ctx.config.mtls.headerName,
      trustedCas: ctx.trustedCas,
      nowMs: ctx.clock.now(),
    });
    const result = found.kind === 'unparsable' && ctx.faults.has('mtls.unparsable-header-as-missing') ? ({ kind: 'none' } as const) : found;
    // wso2-surface §0 (MTLSHeaderEnforcementMediator): a header that does not parse is its own 401.
    if (result.kind === 'unparsable') throw new OAuthError(401, 'unauthorized', result.reason);
    if (result.kind === 'none') {
      if (!ctx.faults.has('mtls.accept-missing-certificate')) {
        throw new OAuthError(401, 'unauthorized', 'Certificate not found in the request');
      }
      return next();
    }
    const cert = result.cert;
    if (!cert.trusted && !ctx.faults.has('mtls.accept-untrusted-ca')) {
      throw new OAuthError(401, 'unauthorized', `Invalid client certificate: ${cert.reason}`);
    }
    c.set('clientCertificate', cert);
    return next();
  });
}
