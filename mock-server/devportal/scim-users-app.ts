import { createHash } from 'node:crypto';
import { Hono, type MiddlewareHandler } from 'hono';
import type { SandboxContext, SandboxEnv } from '../context.ts';
import { ScimError } from '../errors/scim-error.ts';
import { basicCredentials, requireAdminBasic } from '../security/admin-basic.ts';
import { authenticateApimUser } from '../apim-auth/apim-users.ts';
import type { WireError } from '../errors/wire-error.ts';

/** The fault's guard: Basic credentials of any API Manager user. */
// Stryker disable all: fault-switch code (devp.scim-users-any-caller), measured by the self-test.
const anyApimUser = (ctx: SandboxContext, refuse: () => WireError): MiddlewareHandler<SandboxEnv> => async (c, next) => {
  const creds = basicCredentials(c.req.header('authorization'));
  if (!creds || !authenticateApimUser(ctx, creds.user, creds.password)) throw refuse();
  await next();
};
// Stryker restore all

/**
 * SCIM2 Users of API Manager's user store (the IS SCIM2 API API Manager ships, RFC 7644), as far as
 * the self-registered TPPs need: find one by `userName eq …` and delete it (RFC 7644 §3.4.2.2,
 * §3.6). Only the admin manages users. A user's id is a name-based UUID (RFC 4122 §4.3, SHA-1)
 * of its username, stable for the user's life.
 */
export const SCIM_USERS = '/scim2/Users';
const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';

export function userId(username: string): string {
  const h = createHash('sha1').update(`obc-apim-user:${username}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

export function scimUsersApp(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  const unauthorized = () => new ScimError(401, 'Authorization failure. Authorization information was invalid or missing from your request.', { 'www-authenticate': 'Basic realm="WSO2 API Manager"' });
  // Fault devp.scim-users-any-caller: any user of the store (the TPPs included) passes.
  const guard = ctx.faults.has('devp.scim-users-any-caller') ? anyApimUser(ctx, unauthorized) : requireAdminBasic(ctx, unauthorized);
  // Hono's `/*` also matches the path itself.
  app.use(`${SCIM_USERS}/*`, guard);
  const resource = (username: string) => ({
    schemas: [USER], id: userId(username), userName: username,
    meta: { resourceType: 'User', location: `${ctx.urls.apim}${SCIM_USERS}/${userId(username)}` },
  });

  app.get(SCIM_USERS, (c) => {
    const filter = c.req.query('filter');
    let names = ctx.store.apimUsers.usernames();
    if (filter !== undefined) {
      const m = /^userName\s+eq\s+"?([^"]*)"?$/i.exec(filter.trim());
      if (!m) throw new ScimError(400, `Filter ${filter} is not supported`, {});
      names = names.filter((n) => n === m[1]);
    }
    return c.json({ schemas: [LIST], totalResults: names.length, startIndex: 1, itemsPerPage: names.length, Resources: names.map(resource) }, 200, { 'content-type': 'application/scim+json' });
  });

  app.delete(`${SCIM_USERS}/:id`, (c) => {
    const username = ctx.store.apimUsers.usernames().find((n) => userId(n) === c.req.param('id'));
    if (!username) throw new ScimError(404, `Specified resource (e.g., User) or endpoint does not exist.`);
    ctx.store.apimUsers.delete(username);
    return c.body(null, 204);
  });
  return app;
}
