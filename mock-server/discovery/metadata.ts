import type { SandboxContext } from '../context.ts';
import { issuerOf } from '../context.ts';

/** The endpoint URLs the fsKeyManager configuration of seed 000 points at. */
export function endpointsOf(ctx: SandboxContext) {
  const is = ctx.urls.is;
  return {
    token_endpoint: `${is}/oauth2/token`,
    authorization_endpoint: `${is}/oauth2/authorize`,
    introspection_endpoint: `${is}/oauth2/introspect`,
    revocation_endpoint: `${is}/oauth2/revoke`,
    userinfo_endpoint: `${is}/oauth2/userinfo`,
    registration_endpoint: `${is}/api/identity/oauth2/dcr/v1.1/register`,
    jwks_uri: `${is}/oauth2/jwks`,
    scope_management_endpoint: `${is}/api/identity/oauth2/v1.0/scopes`,
    end_session_endpoint: `${is}/oidc/logout`,
  };
}

/** FAPI 1 Advanced §8.6, UK OB and CDR: PS256 and ES256 only. Generic OIDC also lists RS256. */
function signingAlgs(ctx: SandboxContext): string[] {
  const fapi = ctx.config.profile !== 'generic' && !ctx.faults.has('discovery.rs256-in-fapi');
  return fapi ? ['PS256', 'ES256'] : ['PS256', 'ES256', 'RS256'];
}

function authMethods(ctx: SandboxContext): string[] {
  // FAPI1-Adv §5.2.2-14: only private_key_jwt and the two mTLS methods. The generic profile also
  // offers the client secret methods that Identity Server supports.
  const fapi = ['private_key_jwt', 'tls_client_auth', 'self_signed_tls_client_auth'];
  return ctx.config.profile === 'generic' ? ['client_secret_basic', 'client_secret_post', ...fapi] : fapi;
}

/**
 * RFC 7636 §4.2 methods (PKCE-09): FAPI1-Adv §5.2.2-18 and the UK/CDR profiles allow only S256,
 * so plain is listed in the generic profile only, where Identity Server accepts it per application.
 */
function pkceMethods(ctx: SandboxContext): string[] {
  const fapi = ctx.config.profile !== 'generic' && !ctx.faults.has('discovery.pkce-plain-in-fapi');
  return fapi ? ['S256'] : ['S256', 'plain'];
}

/**
 * OpenID Provider metadata (OIDC Discovery 1.0 §3), with the members Identity Server publishes.
 * RFC 8414 §2 uses the same member names, so one builder serves both documents.
 */
export function providerMetadata(ctx: SandboxContext): Record<string, unknown> {
  const e = endpointsOf(ctx);
  const algs = signingAlgs(ctx);
  const tokenAuthAlgs = ctx.faults.has('discovery.alg-none') ? [...algs, 'none'] : algs;
  const issuer = issuerOf(ctx) + (ctx.faults.has('discovery.issuer-mismatch') ? '/' : '');
  const doc: Record<string, unknown> = {
    issuer,
    authorization_endpoint: e.authorization_endpoint,
    token_endpoint: e.token_endpoint,
    userinfo_endpoint: e.userinfo_endpoint,
    jwks_uri: e.jwks_uri,
    registration_endpoint: e.registration_endpoint,
    introspection_endpoint: e.introspection_endpoint,
    revocation_endpoint: e.revocation_endpoint,
    end_session_endpoint: e.end_session_endpoint,
    scope_management_endpoint: e.scope_management_endpoint,
    scopes_supported: ['openid', 'accounts', 'payments', 'fundsconfirmations', 'cdr:registration'],
    response_types_supported: ['code', 'code id_token'],
    response_modes_supported: ['query', 'fragment', 'form_post'],
    grant_types_supported: ctx.faults.has('discovery.omit-served-grant')
      ? ['authorization_code', 'urn:ietf:params:oauth:grant-type:jwt-bearer']
      : ['client_credentials', 'authorization_code', 'refresh_token', 'urn:ietf:params:oauth:grant-type:jwt-bearer'],
    subject_types_supported: ['public', 'pairwise'],
    id_token_signing_alg_values_supported: algs,
    request_object_signing_alg_values_supported: algs,
    token_endpoint_auth_methods_supported: ctx.faults.has('discovery.omit-accepted-auth-method')
      ? authMethods(ctx).filter((m) => m !== 'self_signed_tls_client_auth')
      : authMethods(ctx),
    token_endpoint_auth_signing_alg_values_supported: tokenAuthAlgs,
    introspection_endpoint_auth_methods_supported: ['client_secret_basic', 'private_key_jwt', 'tls_client_auth'],
    revocation_endpoint_auth_methods_supported: authMethods(ctx),
    code_challenge_methods_supported: pkceMethods(ctx),
    claims_parameter_supported: true,
    request_parameter_supported: !ctx.faults.has('discovery.deny-request-objects'),
    // OIDC Discovery §3: true when omitted, so the sandbox, which takes no request_uri, says false (DISC-19).
    ...(ctx.faults.has('discovery.request-uri-unsaid') ? {} : { request_uri_parameter_supported: false }),
    require_request_uri_registration: false,
    claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'acr', 'auth_time', 'nonce', 'email', 'name'],
    // RFC 8705 §3.3 and §5: certificate-bound tokens and mTLS endpoint aliases.
    tls_client_certificate_bound_access_tokens: true,
    mtls_endpoint_aliases: {
      token_endpoint: e.token_endpoint,
      revocation_endpoint: e.revocation_endpoint,
      introspection_endpoint: e.introspection_endpoint,
      userinfo_endpoint: e.userinfo_endpoint,
      registration_endpoint: e.registration_endpoint,
    },
  };
  if (ctx.faults.has('discovery.missing-jwks-uri')) delete doc.jwks_uri;
  if (ctx.faults.has('discovery.no-introspection')) {
    delete doc.introspection_endpoint;
    delete doc.revocation_endpoint;
  }
  if (ctx.faults.has('discovery.no-registration')) delete doc.registration_endpoint;
  if (ctx.faults.has('discovery.no-bound-token-support')) delete doc.tls_client_certificate_bound_access_tokens;
  return doc;
}
