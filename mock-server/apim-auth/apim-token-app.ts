import { randomBytes, timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import type { SandboxContext, SandboxEnv } from '../context.ts';
import { OAuthError } from '../errors/oauth-error.ts';
import { readForm } from '../http/request-body.ts';
import { basicCredentials } from '../security/admin-basic.ts';
import { BASIC_REALM, CLIENT_AUTH_FAILED } from '../security/client-authentication.ts';
import { authenticateApimUser, findApimUser, type ApimCaller } from './apim-users.ts';
import { rolesAllowScope } from './rest-api-scopes.ts';

export const APIM_TOKEN_PATH = '/oauth2/token';

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The scopes granted: those asked for that the user's roles allow (the role-based scope
 * validator of API Manager's key manager); `default` when none is left.
 */
function grantedScopes(user: ApimCaller, requested: string | undefined): string[] {
  // Stryker disable next-line StringLiteral: no word of any other text is a REST API scope either, so `default` is granted alike.
  const granted = (requested ?? '').split(' ').filter((s) => s && rolesAllowScope(user.roles, s));
  return granted.length > 0 ? [...new Set(granted)] : ['default'];
}

/**
 * API Manager's own token endpoint (admin-api.yaml info block, apim-surface §2 "Next step"): a
 * client registered through APIM DCR v0.17 gets a REST API token with the password grant (or
 * client_credentials, as its owner). Client authentication by Basic only, as the seed shows it.
 */
export function apimTokenApp(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  app.post(APIM_TOKEN_PATH, async (c) => {
    const params = await readForm(c, (d) => new OAuthError(400, 'invalid_request', d));
    const creds = basicCredentials(c.req.header('authorization'));
    const client = creds && ctx.store.apimOAuthApps.get(creds.user);
    if (!creds || !client || !same(client.clientSecret, creds.password)) {
      throw new OAuthError(401, 'invalid_client', CLIENT_AUTH_FAILED, { 'www-authenticate': BASIC_REALM });
    }
    const grant = params.get('grant_type');
    if (!grant) throw new OAuthError(400, 'invalid_request', 'Missing grant_type parameter value');
    if (grant !== 'password' && grant !== 'client_credentials') {
      // The product's token endpoint answers an unknown grant type invalid_request, not RFC 6749's
      // unsupported_grant_type (wso2/product-is OAuth2DeviceFlowTestCase.testTokenRequestWithInvalidGrantType).
      throw new OAuthError(400, 'invalid_request', 'Unsupported grant_type value');
    }
    if (!client.grantTypes.split(' ').includes(grant) && !ctx.faults.has('apim.token-any-grant-type')) {
      throw new OAuthError(400, 'unauthorized_client', 'The authenticated client is not authorized to use this authorization grant type');
    }
    // client_credentials acts as the app's owner, who exists (APIM DCR checks it) and cannot be deleted here.
    const username = grant === 'password' ? params.get('username') ?? '' : client.owner;
    const user = grant === 'password' ? authenticateApimUser(ctx, username, params.get('password') ?? '') : findApimUser(ctx, username);
    if (!user) throw new OAuthError(400, 'invalid_grant', `Authentication failed for ${username}`);
    const scopes = ctx.faults.has('apim.token-default-scope-only') ? ['default'] : grantedScopes(user, params.get('scope'));
    const token = randomBytes(24).toString('base64url');
    const expiresIn = ctx.config.tokens.accessTokenTtl;
    ctx.store.apimOAuthApps.insertToken(token, { clientId: client.clientId, username: user.username, scopes, expiresAt: ctx.clock.nowSeconds() + expiresIn });
    return c.json({ access_token: token, scope: scopes.join(' '), token_type: 'Bearer', expires_in: expiresIn }, 200, { 'cache-control': 'no-store', pragma: 'no-cache' });
  });
  return app;
}
