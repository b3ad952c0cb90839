import type { GrantHandler } from '../token-request.ts';
import { stageTokens } from '../staged-issuance.ts';
import { grantScope } from '../scopes.ts';
import { OAuthError } from '../../errors/oauth-error.ts';
import { issuerOf } from '../../context.ts';
import { unverifiedClaims, verifyClientJwt } from '../../security/client-assertion.ts';
import { bindingThumbprint } from '../../security/certificate-binding.ts';
import { trustedIssuersOf } from '../trusted-issuers.ts';

/**
 * RFC 7523 §2.1: the JWT bearer authorization grant. The assertion comes from an identity provider
 * the sandbox trusts to speak for users (RFC 7521 §5.2; oauth2/trusted-issuers.ts): its `iss` is
 * that provider, it is signed with the provider's key, and its `sub` is the user the token is for
 * (TOK-23). An assertion the client signed itself, naming any user, is refused. Every assertion
 * failure is 400 invalid_grant (RFC 7523 §3.1, TOK-19), never invalid_client.
 */
export const jwtBearerGrant: GrantHandler = async (req) => {
  const { ctx, client, form } = req;
  const assertion = form.get('assertion');
  // RFC 7521 §4.1 (TOK-18): exactly one assertion.
  if (!assertion) throw new OAuthError(400, 'invalid_request', 'Missing parameter: assertion');
  const fail = (reason: string) => {
    ctx.log(`jwt-bearer grant of ${client.clientId} refused: ${reason}`);
    return ctx.faults.has('token.jwt-bearer-invalid-client')
      ? new OAuthError(401, 'invalid_client', 'Client Authentication failed.')
      : new OAuthError(400, 'invalid_grant', 'Invalid JWT assertion');
  };
  const claimedIssuer = unverifiedClaims(assertion)?.iss;
  const issuers = await trustedIssuersOf(ctx);
  const selfIssued = ctx.faults.has('token.accept-self-issued-bearer-assertion') && claimedIssuer === client.clientId;
  // Stryker disable next-line ConditionalExpression: the trusted issuers are keyed by strings, so looking up any other value finds nothing as well.
  const issuerKeys = typeof claimedIssuer === 'string' ? issuers.get(claimedIssuer) : undefined;
  // RFC 7521 §5.2, RFC 7523 §3 item 1 (TOK-23): only a trusted issuer asserts a user.
  if (!issuerKeys && !selfIssued) throw fail(`the assertion's issuer ${JSON.stringify(claimedIssuer)} is not a trusted identity provider`);
  const verified = await verifyClientJwt(ctx, client, assertion, {
    jtiNamespace: `grant:${selfIssued ? client.clientId : claimedIssuer}`,
    issuer: selfIssued ? client.clientId : (claimedIssuer as string),
    subject: undefined,
    // RFC 7523 §3 item 3: the issuer, which is also the token endpoint URL (context.ts issuerOf).
    audiences: [issuerOf(ctx)],
    fail,
    ...(issuerKeys ? { issuerKeys } : {}),
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
