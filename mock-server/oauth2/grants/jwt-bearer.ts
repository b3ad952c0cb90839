import type { GrantHandler } from '../token-request.ts';
import { stageTokens } from '../staged-issuance.ts';
import { grantScope } from '../scopes.ts';
import { OAuthError } from '../../errors/oauth-error.ts';
import { issuerOf } from '../../context.ts';
import { verifyClientJwt } from '../../security/client-assertion.ts';
import { bindingThumbprint } from '../../security/certificate-binding.ts';

export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/**
 * RFC 7523 §2.1: the JWT bearer authorization grant. The assertion is signed by a key the client
 * registered, its `iss` is the client and its `sub` the user the token is for. Every assertion
 * failure is 400 invalid_grant (RFC 7523 §3.1, TOK-19), never invalid_client.
 */
export const jwtBearerGrant: GrantHandler = async (req) => {
  const { ctx, client, form } = req;
  const assertion = form.get('assertion');
  // RFC 7521 §4.1 (TOK-18): exactly one assertion.
  if (!assertion) throw new OAuthError(400, 'invalid_request', 'Missing parameter: assertion');
  const verified = await verifyClientJwt(ctx, client, assertion, {
    jtiNamespace: `grant:${client.clientId}`,
    issuer: client.clientId,
    subject: undefined,
    audiences: [...new Set([`${ctx.urls.is}/oauth2/token`, issuerOf(ctx)])],
    fail: (reason) => {
      ctx.log(`jwt-bearer grant of ${client.clientId} refused: ${reason}`);
      return ctx.faults.has('token.jwt-bearer-invalid-client')
        ? new OAuthError(401, 'invalid_client', 'Client Authentication failed.')
        : new OAuthError(400, 'invalid_grant', 'Invalid JWT assertion');
    },
  });
  const scope = grantScope(ctx, client, form.get('scope'));
  const cnfX5t = bindingThumbprint(req);
  const staged = await stageTokens(ctx, { client, subject: verified.claims.sub!, scope, cnfX5t, refreshToken: true });
  return {
    response: staged.response,
    commit: () => {
      verified.claimJti();
      staged.commit();
    },
  };
};
