import { OAuthError } from '../errors/oauth-error.ts';
import type { TokenRequest } from '../oauth2/token-request.ts';
import { bindingThumbprintOf } from './binding-thumbprint.ts';

/** The description of CNF-05's refusal (the sandbox's wording; WSO2 names none). */
export const CERTIFICATE_REQUIRED = 'A client certificate is required for certificate-bound access tokens';
export const CERTIFICATE_UNUSABLE = 'The client certificate cannot bind access tokens';

/**
 * RFC 8705 §3 (CNF-01): the thumbprint to bind an access token to, or undefined for a bearer
 * token. A token is bound when the client registered tls_client_certificate_bound_access_tokens
 * (RFC 8705 §3.4), authenticated with an mTLS method, or, under the FAPI-based UK and CDR profiles,
 * whenever a certificate is on the connection. FAPI1-Adv §5.2.2-5/-6 (CNF-05): UK and CDR issue
 * only sender-constrained tokens, so a request without a certificate is refused; so is one from a
 * client that asked for bound tokens.
 */
export function bindingThumbprint(req: TokenRequest): string | undefined {
  const { ctx, client, certificate, authMethod } = req;
  const fapi = ctx.config.profile !== 'generic';
  const wantsBinding = client.metadata.tls_client_certificate_bound_access_tokens === true;
  const mtlsAuth = authMethod === 'tls_client_auth' || authMethod === 'self_signed_tls_client_auth';
  // Fault (TOK-20): under FAPI, a bearer token of the full configured lifetime instead of the refusal.
  if (!certificate && fapi && !wantsBinding && ctx.faults.has('token.long-lived-bearer-under-fapi')) return undefined;
  if (!certificate && (fapi || wantsBinding)) {
    // A certificate was presented but cannot bind: say why rather than that none was sent.
    const description = req.unusableCertificate ? `${CERTIFICATE_UNUSABLE}: ${req.unusableCertificate}` : CERTIFICATE_REQUIRED;
    throw new OAuthError(400, 'invalid_request', description);
  }
  if (!certificate) return undefined;
  if (ctx.faults.has('token.no-cnf')) return undefined;
  return fapi || wantsBinding || mtlsAuth ? bindingThumbprintOf(ctx, certificate) : undefined;
}
