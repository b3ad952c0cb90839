import { Hono } from 'hono';
import type { SandboxContext, SandboxEnv } from '../context.ts';
import { ScimError } from '../errors/scim-error.ts';
import { authenticateBearer, bearerChallenge, oauthBearerError, BEARER_STATUS, type BearerProblem } from '../security/bearer-token.ts';
import type { TokenRecord } from '../store/tokens.ts';
import { TEST_USER } from './test-user.ts';

/**
 * UserInfo (OIDC Core §5.3) at /oauth2/userinfo and the SCIM2 /scim2/Me the key manager uses
 * (seed 000 "UserInfo Endpoint"), for the user a token was issued for: the sandbox's test user
 * (authorization code) or a jwt-bearer grant's subject.
 *
 * A token without a user (client_credentials: its subject is the client itself) answers 403
 * `insufficient_scope` (RFC 6750 §3.1): the token is valid, it just does not grant access to a
 * user's claims; a 401 would tell the client to get a new token of the same kind.
 */

// No scope attribute (RFC 6750 §3): no scope would give a client's own token a user.
const NO_USER: BearerProblem = {
  kind: 'insufficient_scope',
  description: 'The access token was not issued for a user',
};

/** The token was issued for a user (the test user, or a jwt-bearer grant's subject), not to a client for itself. */
function userProblem(token: TokenRecord): BearerProblem | undefined {
  return token.subject === token.clientId ? NO_USER : undefined;
}

/** OIDC Core §5.3: userinfo serves access tokens granted the openid scope. */
function openidProblem(ctx: SandboxContext, token: TokenRecord): BearerProblem | undefined {
  if (token.scope.split(' ').includes('openid') || ctx.faults.has('authorize.userinfo-without-openid')) return undefined;
  return { kind: 'insufficient_scope', description: 'The access token does not grant the openid scope', scope: 'openid' };
}

/**
 * OIDC Core §5.3.2, §5.4: sub always; the test user's profile and email claims for the scopes that
 * request them. The sandbox knows no claims of other users (jwt-bearer subjects).
 */
function userClaims(ctx: SandboxContext, token: TokenRecord): Record<string, unknown> {
  // Fault authorize.userinfo-of-test-user: every token answers the test user's claims.
  if (token.subject !== TEST_USER.sub && !ctx.faults.has('authorize.userinfo-of-test-user')) return { sub: token.subject };
  const scopes = new Set(token.scope.split(' '));
  return {
    sub: TEST_USER.sub,
    ...(scopes.has('profile')
      ? { name: TEST_USER.name, given_name: TEST_USER.givenName, family_name: TEST_USER.familyName, preferred_username: TEST_USER.username }
      : {}),
    ...(scopes.has('email') ? { email: TEST_USER.email, email_verified: true } : {}),
  };
}

/** RFC 7644 §3.12: SCIM errors carry the same RFC 6750 challenge. */
function scimBearerError(problem: BearerProblem): ScimError {
  const detail = problem.kind === 'missing' ? 'Authentication required' : problem.description;
  return new ScimError(BEARER_STATUS[problem.kind], detail, { 'www-authenticate': bearerChallenge(problem) });
}

/** RFC 7643 §4.1: the token's user as a SCIM core User; only the test user has attributes. */
function scimUser(ctx: SandboxContext, token: TokenRecord): Record<string, unknown> {
  const testUser = token.subject === TEST_USER.sub;
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    id: token.subject,
    userName: testUser ? TEST_USER.username : token.subject,
    ...(testUser
      ? {
          name: { givenName: TEST_USER.givenName, familyName: TEST_USER.familyName, formatted: TEST_USER.name },
          emails: [{ value: TEST_USER.email, primary: true }],
        }
      : {}),
    meta: { resourceType: 'User', location: `${ctx.urls.is}/scim2/Users/${encodeURIComponent(token.subject)}` },
  };
}

const NO_STORE = { 'cache-control': 'no-store', pragma: 'no-cache' };

export function userinfoApp(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  // OIDC Core §5.3.1: GET or POST; Identity Server also accepts ?schema=openid, which changes nothing.
  app.on(['GET', 'POST'], '/oauth2/userinfo', async (c) => {
    const { token } = await authenticateBearer(ctx, c, oauthBearerError, { parameters: !ctx.faults.has('userinfo.header-token-only') });
    const problem = userProblem(token) ?? openidProblem(ctx, token);
    if (problem) throw oauthBearerError(problem);
    return c.json(userClaims(ctx, token), 200, NO_STORE);
  });
  app.get('/scim2/Me', async (c) => {
    const { token } = await authenticateBearer(ctx, c, scimBearerError);
    const problem = userProblem(token);
    if (problem) throw scimBearerError(problem);
    return c.body(JSON.stringify(scimUser(ctx, token)), 200, { ...NO_STORE, 'content-type': 'application/scim+json' });
  });
  return app;
}
