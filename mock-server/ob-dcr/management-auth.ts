import type { Context } from 'hono';
import type { SandboxContext, SandboxEnv } from '../context.ts';
import { OAuthError } from '../errors/oauth-error.ts';
import { StatusOnlyError } from '../errors/status-only-error.ts';
import type { WireError } from '../errors/wire-error.ts';
import { authenticateBearer, bearerChallenge, oauthBearerError, type BearerProblem } from '../security/bearer-token.ts';
import { splitScope } from '../oauth2/scopes.ts';
import type { ClientRecord } from '../store/clients.ts';
import type { TokenRecord } from '../store/tokens.ts';
import { GatewayAuthError, MESSAGES } from './errors.ts';
import { obDcrProfile } from './profile.ts';
import { certificateFitsClient } from '../security/certificate-organisation.ts';

/**
 * Authorisation of GET/PUT/DELETE /register/{client_id} (wso2-surface §6.2; UK OB DCR
 * §Authentication; CDS DCR API): an access token from client_credentials of that very client
 * (CDR: with scope cdr:registration), presented over mTLS with the certificate it is bound to.
 * On the gateway paths an invalid or missing token is the API Manager gateway's 900901/900902;
 * elsewhere RFC 6750. An unknown client id, or another client's token, is 401 "Token is not bound
 * to the client id sent in the request" (never 403/404), and the token is revoked (DCR-MGT-06).
 */
export type Surface = 'gateway' | 'is';

/** The API version of a gateway path: every gateway base is `/open-banking/<version>/register` (OB_DCR_GATEWAY_BASES). */
const API_CONTEXT = (path: string) => /\/open-banking\/([^/]+)\//.exec(path)![1]!;

function gatewayProblem(ctx: SandboxContext, c: Context<SandboxEnv>, problem: BearerProblem): WireError {
  const wrapped = ctx.config.obDcr.gatewayErrorWrapping === 'fs';
  const version = API_CONTEXT(c.req.path);
  const challenge = { 'www-authenticate': bearerChallenge(problem) };
  if (problem.kind === 'missing') {
    return new GatewayAuthError(401, '900902', 'Missing Credentials',
      "Invalid Credentials. Make sure your API invocation call has a header: 'Authorization : Bearer ACCESS_TOKEN' or 'Authorization : Basic ACCESS_TOKEN' or 'apikey: API_KEY'",
      wrapped, challenge);
  }
  if (problem.kind === 'insufficient_scope') {
    return new GatewayAuthError(403, '900910', 'The access token does not allow you to access the requested resource',
      `User is NOT authorized to access the Resource: /register/{ClientId}. Scope validation failed.`, wrapped, challenge);
  }
  return new GatewayAuthError(401, '900901', 'Invalid Credentials',
    `Access failure for API: /open-banking/${version}, version: ${version} status: (900901) - Invalid Credentials. Make sure you have provided the correct security credentials`,
    wrapped, { 'www-authenticate': bearerChallenge({ kind: 'invalid_token', description: 'Invalid Credentials' }) });
}

/** 401 for an unknown client or a token of another client (WSO2-OBDCR-03, DCR-MGT-06/07/08). */
function notBound(ctx: SandboxContext, token: TokenRecord | undefined, clientKnown: boolean): WireError {
  if (token && !ctx.faults.has('ob-dcr.keep-token-on-unknown-client')) ctx.store.tokens.revoke(token.id, ctx.clock.nowSeconds());
  if (!clientKnown && ctx.faults.has('ob-dcr.unknown-client-404')) return new StatusOnlyError(404, 'unknown client');
  return new OAuthError(401, 'unauthorized', MESSAGES.notBound, {
    'www-authenticate': bearerChallenge({ kind: 'invalid_token', description: MESSAGES.notBound }),
  });
}

/** DCR-MGT-03: CDR management tokens carry cdr:registration. */
function checkManagementScope(ctx: SandboxContext, c: Context<SandboxEnv>, surface: Surface, token: TokenRecord): void {
  const scope = obDcrProfile(ctx).managementScope;
  if (!scope || ctx.faults.has('ob-dcr.skip-registration-scope') || splitScope(token.scope).includes(scope)) return;
  const problem: BearerProblem = { kind: 'insufficient_scope', description: `The access token lacks the scope ${scope}`, scope };
  throw surface === 'gateway' ? gatewayProblem(ctx, c, problem) : oauthBearerError(problem);
}

export async function authorizeManagement(ctx: SandboxContext, c: Context<SandboxEnv>, surface: Surface, clientId: string): Promise<ClientRecord> {
  const client = ctx.store.clients.get(clientId);
  const isOb = client !== undefined && typeof client.metadata.software_statement === 'string';
  if (ctx.faults.has('ob-dcr.accept-missing-token') && !c.req.header('authorization')) {
    if (isOb) return client;
    throw notBound(ctx, undefined, false);
  }
  const fail = (problem: BearerProblem) => (surface === 'gateway' ? gatewayProblem(ctx, c, problem) : oauthBearerError(problem));
  const { token } = await authenticateBearer(ctx, c, fail);
  const sameClient = token.clientId === clientId;
  if (!isOb) throw notBound(ctx, token, false);
  if (!sameClient && !ctx.faults.has('ob-dcr.accept-other-client-token')) throw notBound(ctx, token, true);
  // WSO2-TOK-08: the registration is managed only over a certificate of the client's organisation.
  const cert = c.get('clientCertificate');
  if (cert && !certificateFitsClient(cert, client) && !ctx.faults.has('token.accept-other-org-certificate')) throw notBound(ctx, token, true);
  if (sameClient) checkManagementScope(ctx, c, surface, token);
  return client;
}
