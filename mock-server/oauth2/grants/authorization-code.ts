import type { GrantHandler, TokenRequest } from '../token-request.ts';
import { OAuthError, invalidRequest } from '../../errors/oauth-error.ts';
import { codeId, type AuthorizationCodeRecord } from '../../store/authorization-codes.ts';
import { PKCE_VALUE, verifierMatches } from '../pkce.ts';
import { stageTokens } from '../staged-issuance.ts';
import { bindingThumbprint } from '../../security/certificate-binding.ts';
import { signIdToken, leftHalfHash } from '../id-token.ts';

/**
 * The authorization_code grant (RFC 6749 §4.1.3, RFC 7636 §4.5–4.6). The client is already
 * authenticated. One rule per function; each throws the RFC 6749 §5.2 error.
 */

const invalidGrant = (description: string) => new OAuthError(400, 'invalid_grant', description);

function codeParameter(req: TokenRequest): string {
  const code = req.form.get('code');
  if (!code) throw invalidRequest('Missing parameter: code');
  return code;
}

/** RFC 6749 §4.1.3: the code must be one this server issued. */
function knownCode(req: TokenRequest, code: string): AuthorizationCodeRecord {
  const record = req.ctx.store.authorizationCodes.get(codeId(code));
  if (!record) throw invalidGrant('Invalid authorization code');
  return record;
}

/** RFC 6749 §4.1.3 (TOK-11): the code was issued to the authenticated client. */
function issuedToClient(req: TokenRequest, record: AuthorizationCodeRecord): void {
  if (record.clientId !== req.client.clientId) throw invalidGrant('The authorization code was not issued to this client');
}

/**
 * RFC 6749 §4.1.2 and §10.5 (TOK-10): a code is used once; on reuse the request is denied and the
 * tokens issued from the code are revoked. The revocation is the one write a failed request makes.
 */
function notUsedBefore(req: TokenRequest, record: AuthorizationCodeRecord): void {
  if (record.usedAt === undefined || req.ctx.faults.has('authorize.accept-code-twice')) return;
  req.ctx.store.tokens.revokeGrant(record.grantId, req.ctx.clock.nowSeconds());
  throw invalidGrant('The authorization code has already been used; tokens issued from it are revoked');
}

/** RFC 6749 §4.1.2 (TOK-09): codes are short-lived. */
function notExpired(req: TokenRequest, record: AuthorizationCodeRecord): void {
  if (req.ctx.faults.has('authorize.accept-expired-code')) return;
  if (req.ctx.clock.nowSeconds() >= record.expiresAt) throw invalidGrant('The authorization code has expired');
}

/** RFC 6749 §4.1.3 (TOK-12): redirect_uri is required and identical to the authorization request's. */
function sameRedirectUri(req: TokenRequest, record: AuthorizationCodeRecord): void {
  const uri = req.form.get('redirect_uri');
  if (!uri) throw invalidRequest('Missing parameter: redirect_uri');
  if (uri !== record.redirectUri && !req.ctx.faults.has('authorize.ignore-redirect-uri-mismatch')) {
    throw invalidGrant('Callback url mismatch: redirect_uri differs from the authorization request');
  }
}

/** RFC 7636 §4.5, §4.6 (PKCE-04..07): the verifier is well formed and transforms to the challenge. */
function pkceVerified(req: TokenRequest, record: AuthorizationCodeRecord): void {
  const verifier = req.form.get('code_verifier');
  if (record.codeChallenge === undefined) {
    // RFC 9700 §2.1.1 (PKCE-10): a verifier for a code issued without a challenge is a downgrade.
    if (verifier !== undefined && !req.ctx.faults.has('authorize.accept-verifier-without-challenge')) throw invalidGrant('code_verifier sent for an authorization code issued without code_challenge');
    return;
  }
  if (verifier === undefined) throw invalidGrant('PKCE validation failed: code_verifier is missing');
  if (!PKCE_VALUE.test(verifier) && !req.ctx.faults.has('authorize.accept-any-verifier-shape')) throw invalidGrant('PKCE validation failed: code_verifier must be 43 to 128 characters of A-Z a-z 0-9 - . _ ~');
  if (req.ctx.faults.has('authorize.accept-wrong-pkce-verifier')) return;
  // Stryker disable next-line StringLiteral: a code stored with a challenge always has its method (authorize-app.ts pkceMethodOf defaults it to plain), so the fallback never applies.
  if (!verifierMatches(verifier, record.codeChallenge, record.codeChallengeMethod ?? 'plain')) {
    throw invalidGrant('PKCE validation failed');
  }
}

export const authorizationCodeGrant: GrantHandler = async (req) => {
  const record = knownCode(req, codeParameter(req));
  issuedToClient(req, record);
  notUsedBefore(req, record);
  notExpired(req, record);
  sameRedirectUri(req, record);
  pkceVerified(req, record);
  // RFC 8705 §3, FAPI1-Adv §5.2.2-5: bound to the certificate of this connection.
  const cnfX5t = bindingThumbprint(req);
  const staged = await stageTokens(req.ctx, {
    client: req.client,
    subject: record.subject,
    scope: record.scope,
    cnfX5t,
    grantId: record.grantId,
    refreshToken: true,
  });
  const response = { ...staged.response };
  // OIDC Core §3.1.3.3: an ID token when the scope is openid, with at_hash (§3.1.3.6) and the nonce.
  if (record.scope.split(' ').includes('openid')) {
    response.id_token = await signIdToken(req.ctx, {
      client: req.client,
      subject: record.subject,
      nonce: record.nonce,
      hashes: { at_hash: leftHalfHash(response.access_token) },
    });
  }
  return {
    response,
    commit: () => {
      // A concurrent redemption of the same code loses here and writes nothing.
      if (!req.ctx.store.authorizationCodes.consume(record.id, req.ctx.clock.nowSeconds()) && !req.ctx.faults.has('authorize.accept-code-twice')) {
        throw invalidGrant('The authorization code has already been used');
      }
      staged.commit();
    },
  };
};
