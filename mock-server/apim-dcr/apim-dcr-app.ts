import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import type { SandboxContext, SandboxEnv } from '../context.ts';
import { ApimError } from '../errors/apim-error.ts';
import { badRequest, genericInternalError } from '../errors/apim-exception-codes.ts';
import { readApimJson } from '../http/apim-json-body.ts';
import { requireRestApiScope } from '../apim-auth/require-rest-api-scope.ts';
import { findApimUser } from '../apim-auth/apim-users.ts';
import { OPERATION_SCOPES } from '../apim-auth/rest-api-scopes.ts';
import type { ApimOAuthApp } from '../store/apim-oauth-apps.ts';

export const APIM_DCR_PATH = '/client-registration/v0.17/register';

/**
 * 401 of the DCR webapp. Its web.xml maps no interceptor faults, so the product's body is not
 * established (apim-surface §8); the sandbox answers the example of the seed's OpenAPI.
 */
const unauthorized = () => new ApimError(401, 'Unauthorized', 'The user is not authorized');

const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined);
const flag = (v: unknown): boolean => v === true || v === 'true';

/** OAuthApplicationInfo as RegistrationServiceImpl serializes it (getter names, nulls kept). */
function applicationInfo(ctx: SandboxContext, app: ApimOAuthApp, jsonString: Record<string, string>, appOwner: string | null) {
  const seedSpelling = ctx.faults.has('apimdcr.callback-url-spelling');
  return {
    clientId: app.clientId,
    clientName: app.clientName,
    [seedSpelling ? 'callbackUrl' : 'callBackURL']: app.callbackUrl,
    clientSecret: app.clientSecret,
    isSaasApplication: seedSpelling ? String(app.saas) : app.saas,
    appOwner,
    jsonString: JSON.stringify(jsonString),
    jsonAppAttribute: '{}',
    applicationUUID: null,
    tokenType: app.tokenType,
  };
}

/**
 * APIM DCR v0.17 (seed 003; carbon-apimgt RegistrationServiceImpl, 4.4): registers an OAuth app
 * for the REST APIs, or answers an existing one of the same owner with its credentials.
 */
export function apimDcrApp(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  app.use(APIM_DCR_PATH, requireRestApiScope(ctx, OPERATION_SCOPES.dcrAppManage, unauthorized));

  app.post(APIM_DCR_PATH, async (c) => {
    const caller = c.get('apimCaller');
    const body = await readApimJson(c);
    const owner = text(body.owner) || (ctx.faults.has('apimdcr.accept-empty-owner') ? caller.username : undefined);
    const clientName = text(body.clientName);
    // 1. owner is required from 4.3 on.
    if (!owner || owner.trim() === '') {
      throw new ApimError(400, 'Application owner cannot be empty', 'Application owner cannot be empty');
    }
    // 2. The super admin may register for another user, who must exist.
    if (caller.superAdmin && !findApimUser(ctx, owner) && !ctx.faults.has('apimdcr.skip-owner-checks')) {
      const m = `User: ${owner} does not exist for application registration`;
      throw new ApimError(403, m, m);
    }
    // 3. Anyone else registers only for themselves.
    if (!caller.superAdmin && caller.username !== owner && !ctx.faults.has('apimdcr.skip-owner-checks')) {
      throw badRequest(`Logged in user '${caller.username}' and application owner '${owner}' should be same.`);
    }
    // Not read in the product's sources; the sandbox refuses a nameless app (rules/wso2.md W8).
    if (clientName === undefined || clientName.trim() === '') throw badRequest('Client name cannot be empty');
    const grantType = text(body.grantType);
    const callbackUrl = text(body.callbackUrl) ?? null;
    // 4. An existing service provider of that name answers with its own credentials.
    const existing = ctx.faults.has('apimdcr.new-client-for-existing-name') ? undefined : ctx.store.apimOAuthApps.getByName(clientName);
    if (existing) {
      const mayRead = existing.owner === caller.username || (caller.superAdmin && existing.owner === owner) || ctx.faults.has('apimdcr.answer-other-owners-app');
      if (!mayRead) {
        throw new ApimError(403, 'Forbidden', 'Access is forbidden to the application');
      }
      return c.json(applicationInfo(ctx, existing, { grant_types: existing.grantTypes }, existing.owner), 200);
    }
    // 8. No grantType: the product dereferences it (NullPointerException) and answers the generic 500.
    if (grantType === undefined) throw ctx.faults.has('apimdcr.missing-grant-type-400') ? badRequest('grantType is required') : genericInternalError();
    // Without a callback the redirect-based grants are dropped (RegistrationServiceImpl).
    const grants = grantType.split(/\s+/).filter(Boolean)
      .filter((g) => (callbackUrl && callbackUrl.trim() !== '') || ctx.faults.has('apimdcr.keep-redirect-grants') || (g !== 'authorization_code' && g !== 'implicit'));
    // The fault keeps the name unique in the table (it must still store a row).
    const name = ctx.store.apimOAuthApps.getByName(clientName) ? `${clientName}#${randomBytes(3).toString('hex')}` : clientName;
    const created: ApimOAuthApp = {
      clientId: randomBytes(21).toString('base64url'),
      clientName: name,
      clientSecret: randomBytes(21).toString('base64url'),
      owner,
      grantTypes: grants.join(' '),
      callbackUrl,
      saas: flag(body.saasApp),
      tokenType: text(body.tokenType) ?? 'DEFAULT',
    };
    ctx.store.apimOAuthApps.insert(created, ctx.clock.now());
    const json: Record<string, string> = { grant_types: created.grantTypes };
    if (callbackUrl !== null) json.redirect_uris = callbackUrl;
    json.client_name = clientName;
    return c.json(applicationInfo(ctx, { ...created, clientName }, json, owner), 200);
  });

  // RegistrationServiceImpl.unRegister: never implemented; the product answers 500 (WSO2-APIMDCR-10).
  app.delete(APIM_DCR_PATH, (c) => {
    if (ctx.faults.has('apimdcr.delete-204')) return c.body(null, 204);
    throw new ApimError(500, 'Internal server error', "Dynamic Client Registration Service's resource deletion not implemented.");
  });
  return app;
}
