import { randomBytes, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { SandboxContext } from '../context.ts';
import { issuerOf } from '../context.ts';
import { registeredGrantTypes, type ClientRecord } from '../store/clients.ts';
import { jwtTokenId, opaqueTokenId } from '../store/tokens.ts';

/** What a grant decided; the issuer turns it into tokens and rows. */
export interface GrantDecision {
  client: ClientRecord;
  /** Resource owner, or the client id for client_credentials. */
  subject: string;
  /** Space-separated granted scope (may be empty). */
  scope: string;
  /** RFC 8705 §3.1 thumbprint when the token is certificate-bound. */
  cnfX5t?: string | undefined;
  /** Groups the tokens of one authorization (code or refresh family) for revocation. */
  grantId?: string | undefined;
  refreshToken: boolean;
  /** Extra claims for the access token (e.g. authorization details). */
  extraClaims?: Record<string, unknown> | undefined;
}

/** RFC 6749 §5.1 successful response. */
export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope?: string;
  refresh_token?: string;
  id_token?: string;
}

/** Identity Server issues JWT access tokens unless the application's token type is "Default" (opaque). */
export function issuesJwtAccessTokens(client: ClientRecord): boolean {
  const type = (client.metadata.ext_token_type ?? client.metadata.token_type_extension ?? 'JWT') as string;
  return type.toUpperCase() === 'JWT';
}

export function signingKey(ctx: SandboxContext, alg = 'PS256') {
  const key = ctx.keys.find((k) => k.alg === alg) ?? ctx.keys[0];
  // Stryker disable next-line ConditionalExpression,StringLiteral: loadOrCreateServerKeys always yields a key per profile alg, so this guard of an invariant never runs.
  if (!key) throw new Error('the sandbox has no signing key');
  return key;
}

/**
 * Identity Server issues a refresh token only to an application whose grant types include
 * refresh_token ("Refresh grant is not allowed for client_id ..., therefore not issuing a refresh
 * token"), so that a client never holds a token it cannot use (WSO2-TOK-07).
 */
function mayHoldRefreshTokens(ctx: SandboxContext, client: ClientRecord): boolean {
  return registeredGrantTypes(client).includes('refresh_token') || ctx.faults.has('token.refresh-token-without-grant');
}

function lifetime(ctx: SandboxContext, client: ClientRecord, kind: 'app' | 'user' | 'refresh'): number {
  const m = client.metadata;
  const own = kind === 'app' ? m.ext_application_token_lifetime : kind === 'user' ? m.ext_user_token_lifetime : m.ext_refresh_token_lifetime;
  // 0 is no lifetime: the IS 7 connector sends 0 for a lifetime not given (apim-surface §5.2). Fault token.zero-lifetime-literal takes it as 0 s.
  if (typeof own === 'number' && (own > 0 || (own === 0 && ctx.faults.has('token.zero-lifetime-literal'))) && !ctx.faults.has('token.ignores-client-lifetimes')) return own;
  return kind === 'refresh' ? ctx.config.tokens.refreshTokenTtl : ctx.config.tokens.accessTokenTtl;
}

/**
 * Issue an access token (signed JWT or opaque reference) and optionally a refresh token (always
 * opaque), recording both so introspection and revocation can find them. The caller runs this in
 * the same transaction as any state it consumes (a code, a refresh token).
 */
export async function issueTokens(ctx: SandboxContext, d: GrantDecision): Promise<TokenResponse> {
  const now = ctx.clock.nowSeconds();
  const appToken = d.subject === d.client.clientId;
  const ttl = lifetime(ctx, d.client, appToken ? 'app' : 'user');
  const grantId = d.grantId ?? randomUUID();
  const jti = randomUUID();
  let accessToken: string;
  let accessId: string;
  if (issuesJwtAccessTokens(d.client) || ctx.faults.has('token.jwt-whatever-token-type')) {
    const key = signingKey(ctx);
    // Claims as Identity Server emits them; cnf per RFC 8705 §3.1.
    accessToken = await new SignJWT({
      ...d.extraClaims,
      client_id: d.client.clientId,
      azp: d.client.clientId,
      scope: d.scope,
      ...(d.cnfX5t ? { cnf: { 'x5t#S256': d.cnfX5t } } : {}),
    })
      .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'at+jwt' })
      .setIssuer(issuerOf(ctx))
      .setSubject(d.subject)
      .setAudience(d.client.clientId)
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(now + ttl)
      .setJti(jti)
      .sign(key.privateKey);
    accessId = jwtTokenId(jti);
  } else {
    accessToken = randomUUID();
    accessId = opaqueTokenId(accessToken);
  }
  const base = { clientId: d.client.clientId, subject: d.subject, scope: d.scope, cnfX5t: d.cnfX5t, grantId, issuedAt: now };
  ctx.store.tokens.insert({ ...base, id: accessId, kind: 'access', expiresAt: now + ttl });

  const response: TokenResponse = { access_token: accessToken, token_type: 'Bearer', expires_in: ttl };
  if (d.scope) response.scope = d.scope;
  if (d.refreshToken && mayHoldRefreshTokens(ctx, d.client)) {
    const refresh = randomBytes(24).toString('base64url');
    ctx.store.tokens.insert({
      ...base,
      id: opaqueTokenId(refresh),
      kind: 'refresh',
      expiresAt: now + lifetime(ctx, d.client, 'refresh'),
    });
    response.refresh_token = refresh;
  }
  return response;
}
