import { timingSafeEqual } from 'node:crypto';
import { Hono, type Context } from 'hono';
import type { SandboxContext, SandboxEnv } from '../context.ts';
import { issuerOf } from '../context.ts';
import { OAuthError } from '../errors/oauth-error.ts';
import { readForm } from '../http/request-body.ts';
import { basicCredentials } from '../security/admin-basic.ts';
import { authenticateClient, BASIC_REALM, CLIENT_AUTH_FAILED } from '../security/client-authentication.ts';
import { registeredGrantTypes, type ClientRecord } from '../store/clients.ts';
import type { TokenRecord } from '../store/tokens.ts';
import { GRANTS } from './grants/index.ts';
import { findToken, isActive } from './token-lookup.ts';
import { nonAsciiErrorDescriptions } from './non-ascii-error-descriptions.ts';

export const TOKEN_PATH = '/oauth2/token';
export const INTROSPECT_PATH = '/oauth2/introspect';
export const REVOKE_PATH = '/oauth2/revoke';

/** RFC 6749 §5.1 (TOK-07): token responses are never cached. */
const NO_STORE = { 'cache-control': 'no-store', pragma: 'no-cache' } as const;

const badRequest = (description: string) => new OAuthError(400, 'invalid_request', description);

/** RFC 6749 §3.2 (TOK-01): the token, introspection and revocation endpoints take POST only. */
function postOnly(path: string) {
  return (c: Context<SandboxEnv>): never => {
    throw new OAuthError(405, 'invalid_request', `HTTP method ${c.req.method} is not supported on ${path}; use POST`, { allow: 'POST' });
  };
}

/** RFC 6749 §3.2, §4.4.2 (TOK-02): a form body, each parameter at most once (§3.1). */
function formOf(c: Context<SandboxEnv>): Promise<Map<string, string>> {
  return readForm(c, (description) => badRequest(description));
}

/** RFC 6749 §5.2 (TOK-03, TOK-04): grant_type present and one the server supports. */
function grantTypeOf(form: ReadonlyMap<string, string>) {
  const grantType = form.get('grant_type');
  if (!grantType) throw badRequest('Missing parameter: grant_type');
  const handler = Object.hasOwn(GRANTS, grantType) ? GRANTS[grantType] : undefined;
  if (!handler) throw new OAuthError(400, 'unsupported_grant_type', `Unsupported grant_type value: ${grantType}`);
  return { grantType, handler };
}

/** RFC 7591 §2 grant_types; RFC 6749 §5.2 (TOK-05) unauthorized_client. */
function checkGrantAllowed(client: ClientRecord, grantType: string): void {
  if (!registeredGrantTypes(client).includes(grantType)) {
    throw new OAuthError(400, 'unauthorized_client', `The client is not authorized to use the grant type ${grantType}`);
  }
}


function requiredToken(form: ReadonlyMap<string, string>): string {
  const token = form.get('token');
  // RFC 7662 §2.1 (INTRO-01), RFC 7009 §2.1 (REV-01).
  if (!token) throw badRequest('Missing parameter: token');
  return token;
}

function constantTimeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The key manager connector introspects with the admin user's Basic credentials (seed 000). */
function isAdminCaller(ctx: SandboxContext, c: Context<SandboxEnv>): boolean {
  const creds = basicCredentials(c.req.header('authorization'));
  const { username, password } = ctx.config.admin;
  return creds !== undefined && constantTimeEqual(creds.user, username) && constantTimeEqual(creds.password, password);
}

/** RFC 7662 §2.2: the members of an active token's introspection response. */
function introspectionOf(ctx: SandboxContext, token: TokenRecord): Record<string, unknown> {
  const body: Record<string, unknown> = {
    active: true,
    client_id: token.clientId,
    scope: token.scope,
    // Identity Server reports refresh tokens with token_type "Refresh".
    token_type: token.kind === 'access' ? 'Bearer' : 'Refresh',
    exp: token.expiresAt,
    iat: token.issuedAt,
    nbf: token.issuedAt,
    sub: token.subject,
    aud: token.clientId,
    iss: issuerOf(ctx),
    username: token.subject,
  };
  if (token.id.startsWith('j:')) body.jti = token.id.slice(2);
  // RFC 8705 §3.2 (CNF-02): cnf describes a bound access token; a confidential client's refresh
  // token is not bound to the certificate (RFC 8705 §4 binds only public clients' refresh tokens).
  if (token.cnfX5t && token.kind === 'access') body.cnf = { 'x5t#S256': token.cnfX5t };
  return body;
}

/** Token endpoint (RFC 6749 §3.2), introspection (RFC 7662) and revocation (RFC 7009). */
export function tokenApp(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  if (ctx.faults.has('token.non-ascii-error-description')) app.use(TOKEN_PATH, nonAsciiErrorDescriptions);

  app.post(TOKEN_PATH, async (c) => {
    const form = await formOf(c);
    // Fault (TOK-26): a parameter sent without a value kept, as an empty string.
    if (ctx.faults.has('token.keep-empty-params')) for (const [k, v] of new URLSearchParams(await c.req.text())) if (v === '') form.set(k, v);
    const { grantType, handler } = grantTypeOf(form);
    // RFC 6749 §4.4 (WSO2-TOK-05): "The client credentials grant type MUST only be used by confidential clients."
    const auth = await authenticateClient(ctx, c, form,
      grantType === 'client_credentials' ? { refusePublicClientsUnless: 'token.public-client-credentials' } : {});
    const { client, method, certificate, unusableCertificate } = auth;
    checkGrantAllowed(client, grantType);
    const staged = await handler({ ctx, form, client, authMethod: method, certificate, unusableCertificate });
    // One commit: the assertion's jti, what the grant consumes, the new tokens and the answer. A
    // request refused anywhere before this point has consumed nothing.
    const answer = ctx.store.commitWithAnswer(() => {
      auth.consume();
      staged.commit();
      return staged.response;
    }, (response) => response);
    return c.body(answer, 200, { 'content-type': 'application/json', ...(ctx.faults.has('token.no-cache-headers') ? {} : NO_STORE) });
  });

  app.post(INTROSPECT_PATH, async (c) => {
    const form = await formOf(c);
    // RFC 7662 §2.1 (INTRO-02): the admin user (key manager) or an authenticated client.
    const auth = isAdminCaller(ctx, c)
      ? undefined
      : await authenticateClient(ctx, c, form, { refusePublicClientsUnless: 'token.public-client-introspection' });
    const callerClientId = auth?.client.clientId;
    const value = requiredToken(form);
    const token = await findToken(ctx, value);
    // RFC 7662 §2.2 (INTRO-10): a client sees only its own tokens; the admin sees all.
    const visible = token !== undefined
      && (callerClientId === undefined || token.clientId === callerClientId || ctx.faults.has('token.introspect-other-clients-tokens'));
    // RFC 7662 §2.2 (INTRO-04..07, INTRO-09): inactive is {"active":false} and nothing else.
    const body = visible && isActive(ctx, token) ? introspectionOf(ctx, token) : { active: false };
    if (auth) ctx.store.transaction(() => auth.consume());
    return c.json(body, 200, NO_STORE);
  });

  app.post(REVOKE_PATH, async (c) => {
    const form = await formOf(c);
    // RFC 7009 §2.1 (REV-02); a public client revokes its own tokens by its client_id.
    const auth = await authenticateClient(ctx, c, form);
    const { client } = auth;
    const value = requiredToken(form);
    // RFC 7009 §2.1 (REV-05): token_type_hint, known or not, never narrows the search; every
    // type the server issues can be revoked, so unsupported_token_type never applies (REV-06).
    const token = await findToken(ctx, value);
    // RFC 7009 §2.2 (REV-04): an unknown or already invalid token is a 200 and changes nothing;
    // an already revoked refresh token does not end the live tokens of its grant.
    const revocable = token !== undefined && (token.revokedAt === undefined || ctx.faults.has('token.revoke-stale-refresh-token'));
    if (revocable) {
      // RFC 7009 §2.1 (REV-08): only the client the token was issued to may revoke it. Identity
      // Server answers 401 unauthorized_client with its Basic challenge (OAuthRevocationEndpoint).
      if (token.clientId !== client.clientId && !ctx.faults.has('token.revoke-other-clients-tokens')) {
        throw new OAuthError(401, 'unauthorized_client', CLIENT_AUTH_FAILED, { 'www-authenticate': BASIC_REALM });
      }
    }
    ctx.store.transaction(() => {
      auth.consume();
      if (!revocable) return;
      const now = ctx.clock.nowSeconds();
      // RFC 7009 §2.1 (REV-07): revoking a refresh token ends its whole grant.
      if (token.kind === 'refresh') ctx.store.tokens.revokeGrant(token.grantId, now);
      else ctx.store.tokens.revoke(token.id, now);
    });
    return c.body(null, 200, NO_STORE);
  });

  for (const path of [TOKEN_PATH, INTROSPECT_PATH, REVOKE_PATH]) app.all(path, postOnly(path));
  return app;
}
