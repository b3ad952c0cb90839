import type { Context } from 'hono';
import { mediaType } from '../http/request-body.ts';
import type { SandboxContext, SandboxEnv } from '../context.ts';
import type { WireError } from '../errors/wire-error.ts';
import { OAuthError } from '../errors/oauth-error.ts';
import { StatusOnlyError } from '../errors/status-only-error.ts';
import type { TokenRecord } from '../store/tokens.ts';
import { findToken, isActive } from '../oauth2/token-lookup.ts';
import { clientCertificateOf } from './client-certificate.ts';
import { bindingThumbprintOf } from './binding-thumbprint.ts';

/**
 * Bearer-protected resources (RFC 6750) on the sandbox: userinfo, SCIM /Me, OB DCR management.
 * The token comes from the Authorization header only (RFC 6750 §2.1); it must be an access token
 * the sandbox issued, active, and, when certificate-bound, presented over a TLS connection with
 * the same client certificate (RFC 8705 §3).
 */

/** Why a request was refused (RFC 6750 §3.1), for the caller to answer in its own wire format. */
export type BearerProblem =
  | { kind: 'missing' }
  | { kind: 'invalid_request'; description: string }
  | { kind: 'invalid_token'; description: string }
  | { kind: 'insufficient_scope'; description: string; scope?: string };

/** RFC 6750 §3: the WWW-Authenticate challenge; no error code when there were no credentials (§3.1). */
export function bearerChallenge(problem: BearerProblem): string {
  if (problem.kind === 'missing') return 'Bearer';
  const scope = problem.kind === 'insufficient_scope' && problem.scope ? `, scope="${problem.scope}"` : '';
  return `Bearer error="${problem.kind}", error_description="${problem.description.replace(/["\\]/g, '')}"${scope}`;
}

export const BEARER_STATUS: Record<BearerProblem['kind'], number> = {
  missing: 401,
  invalid_request: 400,
  invalid_token: 401,
  insufficient_scope: 403,
};

/** The OAuth answer: RFC 6749 §5.2 body with the RFC 6750 §3 challenge; a bare 401 with `Bearer` when no token was sent. */
export function oauthBearerError(problem: BearerProblem): WireError {
  const headers = { 'www-authenticate': bearerChallenge(problem) };
  if (problem.kind === 'missing') return new StatusOnlyError(401, 'no bearer token', headers);
  return new OAuthError(BEARER_STATUS[problem.kind], problem.kind, problem.description, headers);
}

export interface BearerAuthentication {
  token: TokenRecord;
  /** The access token value as presented. */
  value: string;
}

/** RFC 6750 §2.1: `credentials = "Bearer" 1*SP b64token`, the scheme in any case (RFC 9110 §11.1). */
function bearerValue(ctx: SandboxContext, header: string | undefined): string | BearerProblem {
  if (!header || !/^Bearer(\s|$)/i.test(header)) return { kind: 'missing' };
  const m = ctx.faults.has('authorize.bearer-one-space-exact-case') ? /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/.exec(header) : /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i.exec(header);
  if (!m) return { kind: 'invalid_request', description: 'The Authorization header is not a well-formed Bearer credential' };
  return m[1]!;
}

/** RFC 6750 §3.1 invalid_token: an access token the sandbox issued, not revoked, not expired. */
const UNKNOWN_TOKEN: BearerProblem = { kind: 'invalid_token', description: 'Access token validation failed' };

function tokenProblem(ctx: SandboxContext, token: TokenRecord): BearerProblem | undefined {
  if (token.kind !== 'access') return UNKNOWN_TOKEN;
  if (!isActive(ctx, token)) return { kind: 'invalid_token', description: 'The access token is expired or revoked' };
  return undefined;
}

/** RFC 8705 §3 (CNF-03, CNF-04, CNF-08): a bound token only over a connection with the same certificate. */
function boundCertificateMatches(ctx: SandboxContext, c: Context<SandboxEnv>, token: TokenRecord): BearerProblem | undefined {
  if (token.cnfX5t === undefined || ctx.faults.has('userinfo.ignore-certificate-binding')) return undefined;
  const result = clientCertificateOf(c.env?.incoming, c.req.raw.headers, {
    ...ctx.config.mtls,
    trustedCas: ctx.trustedCas,
    nowMs: ctx.clock.now(),
  });
  if (result.kind !== 'present') {
    return { kind: 'invalid_token', description: 'The access token is certificate-bound and no client certificate was presented' };
  }
  if (bindingThumbprintOf(ctx, result.cert) !== token.cnfX5t) {
    return { kind: 'invalid_token', description: 'The access token is bound to another client certificate' };
  }
  return undefined;
}

const TWO_CARRIERS: BearerProblem = { kind: 'invalid_request', description: 'The access token is sent by more than one method' };

/**
 * RFC 6750 §2.2 and §2.3: the token as the `access_token` parameter of a form-encoded POST body
 * or of the query, which Identity Server's userinfo also reads. §2: "Clients MUST NOT use more
 * than one method to transmit the token in each request."
 */
async function parameterValue(c: Context<SandboxEnv>, header: string | BearerProblem): Promise<string | BearerProblem> {
  const found: string[] = [...(c.req.queries('access_token') ?? [])];
  if (c.req.method === 'POST' && mediaType(c) === 'application/x-www-form-urlencoded') {
    found.push(...new URLSearchParams(await c.req.text()).getAll('access_token'));
  }
  const present = found.filter((v) => v !== '');
  if (present.length === 0) return header;
  if (typeof header === 'string' || present.length > 1) return TWO_CARRIERS;
  return present[0]!;
}

export interface BearerOptions {
  /** Also take the token from the form body or query (RFC 6750 §2.2, §2.3); else only the header (§2.1). */
  parameters?: boolean;
}

/**
 * Authenticate the bearer token of a request, or throw `fail(problem)`. `fail` chooses the wire
 * format (OAuth for userinfo and DCR management, SCIM for /scim2/Me).
 */
export async function authenticateBearer(
  ctx: SandboxContext,
  c: Context<SandboxEnv>,
  fail: (problem: BearerProblem) => WireError = oauthBearerError,
  opts: BearerOptions = {},
): Promise<BearerAuthentication> {
  const header = bearerValue(ctx, c.req.header('authorization'));
  const value = opts.parameters && (typeof header === 'string' || header.kind === 'missing') ? await parameterValue(c, header) : header;
  if (typeof value !== 'string') throw fail(value);
  const token = await findToken(ctx, value);
  if (!token) throw fail(UNKNOWN_TOKEN);
  const problem = tokenProblem(ctx, token) ?? boundCertificateMatches(ctx, c, token);
  if (problem) throw fail(problem);
  return { token, value };
}
