import type { GrantHandler, TokenRequest } from '../token-request.ts';
import { OAuthError, invalidRequest } from '../../errors/oauth-error.ts';
import { opaqueTokenId, type TokenRecord } from '../../store/tokens.ts';
import { stageTokens } from '../staged-issuance.ts';
import { bindingThumbprint } from '../../security/certificate-binding.ts';

/**
 * The refresh_token grant (RFC 6749 §6). The client is already authenticated. Rotation is on
 * unless the `refreshTokenRotation` validator is false: each use then revokes the presented
 * refresh token and returns a new one, and a rotated token presented again revokes the whole
 * family (RFC 9700 §4.14.2). One rule per function.
 */

const invalidGrant = (description: string) => new OAuthError(400, 'invalid_grant', description);

function rotates(req: TokenRequest): boolean {
  return req.ctx.config.validators['refreshTokenRotation'] ?? true;
}

/** RFC 6749 §6 (TOK-14): a refresh token this server issued. */
function knownRefreshToken(req: TokenRequest): TokenRecord {
  const value = req.form.get('refresh_token');
  if (!value) throw invalidRequest('Missing parameter: refresh_token');
  const record = req.ctx.store.tokens.get(opaqueTokenId(value));
  if (!record || record.kind !== 'refresh') throw invalidGrant('Persisted access token data not found');
  return record;
}

/** RFC 6749 §6: the refresh token was issued to the authenticated client. */
function issuedToClient(req: TokenRequest, record: TokenRecord): void {
  if (record.clientId !== req.client.clientId) throw invalidGrant('The refresh token was not issued to this client');
}

/**
 * RFC 6749 §6 (TOK-14), RFC 9700 §4.14.2: a revoked (or rotated) refresh token is refused, and its
 * reuse revokes every token of its family. That revocation is the one write a failed request makes.
 */
function notRevoked(req: TokenRequest, record: TokenRecord): void {
  if (record.revokedAt === undefined || req.ctx.faults.has('refresh.accept-rotated-token')) return;
  // RFC 9700 §4.14.2 (TOK-24): reuse of a replaced token revokes the active one of its grant.
  if (!req.ctx.faults.has('refresh.ignore-reuse')) req.ctx.store.tokens.revokeGrant(record.grantId, req.ctx.clock.nowSeconds());
  throw invalidGrant('The refresh token is no longer valid; the tokens of its grant are revoked');
}

/** RFC 6749 §6 (TOK-14): an expired refresh token is refused. */
function notExpired(req: TokenRequest, record: TokenRecord): void {
  if (req.ctx.clock.nowSeconds() >= record.expiresAt) throw invalidGrant('The refresh token has expired');
}

/** RFC 6749 §6 (TOK-15): the scope requested may narrow, never widen, the original grant. */
function grantedScope(req: TokenRequest, record: TokenRecord): string {
  const requested = req.form.get('scope');
  if (requested === undefined) return record.scope;
  const original = new Set(record.scope.split(' ').filter(Boolean));
  const asked = [...new Set(requested.split(' ').filter(Boolean))];
  if (!asked.every((s) => original.has(s)) && !req.ctx.faults.has('refresh.widen-scope')) {
    throw new OAuthError(400, 'invalid_scope', 'The requested scope exceeds the scope originally granted');
  }
  return asked.join(' ');
}

export const refreshTokenGrant: GrantHandler = async (req) => {
  const record = knownRefreshToken(req);
  issuedToClient(req, record);
  notRevoked(req, record);
  notExpired(req, record);
  const scope = grantedScope(req, record);
  // RFC 8705 §3 (CNF-09): bound to the certificate presented on this refresh request.
  const cnfX5t = bindingThumbprint(req);
  const rotation = rotates(req);
  const staged = await stageTokens(req.ctx, {
    client: req.client,
    subject: record.subject,
    scope,
    cnfX5t,
    grantId: record.grantId,
    refreshToken: rotation,
  });
  return {
    response: staged.response,
    commit: () => {
      if (rotation && !req.ctx.faults.has('refresh.accept-rotated-token')) {
        // Rotation: the presented token is used up; a concurrent use of it loses here.
        const current = req.ctx.store.tokens.get(record.id);
        if (current?.revokedAt !== undefined) throw invalidGrant('The refresh token is no longer valid');
        req.ctx.store.tokens.revoke(record.id, req.ctx.clock.nowSeconds());
      }
      staged.commit();
    },
  };
};
