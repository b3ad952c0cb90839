import type { GrantHandler } from '../token-request.ts';
import { stageTokens } from '../staged-issuance.ts';
import { grantScope } from '../scopes.ts';
import { bindingThumbprint } from '../../security/certificate-binding.ts';

/**
 * RFC 6749 §4.4: the client_credentials grant. The token's subject is the client; the scope is
 * narrowed to what the client may have (TOK-08); no refresh token (§4.4.3, TOK-06). Other form
 * fields (the seed's `redirect_uri`) are ignored, as Identity Server does (seed 004).
 */
export const clientCredentialsGrant: GrantHandler = async (req) => {
  const scope = grantScope(req.ctx, req.client, req.form.get('scope'));
  const cnfX5t = bindingThumbprint(req);
  return stageTokens(req.ctx, { client: req.client, subject: req.client.clientId, scope, cnfX5t, refreshToken: false });
};
