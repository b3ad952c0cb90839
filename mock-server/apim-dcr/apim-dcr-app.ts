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

/**
 * The body is bound to RegistrationProfile by the webapp's JacksonJsonProvider (beans.xml; Jackson
 * 1.x): a String property takes any JSON scalar as its text (StringDeserializer), the primitive
 * `boolean saasApp` takes true, "true" or a non-zero int (StdDeserializer._parseBooleanPrimitive).
 * The fault binds JSON strings and `true` only (WSO2-APIMDCR-14).
 */
function binders(ctx: SandboxContext) {
  return {
    text: (v: unknown): string | undefined =>
      typeof v === 'string' ? v : !ctx.faults.has('apimdcr.strict-json-binding') && (typeof v === 'number' || typeof v === 'boolean') ? String(v) : undefined,
    flag: (v: unknown): boolean => v === true || (!ctx.faults.has('apimdcr.strict-json-binding') && (v === 'true' || (Number.isInteger(v) && v !== 0))),
  };
}

/** OAuthApplicationInfo as RegistrationServiceImpl serializes it (getter names, nulls kept). */
function applicationInfo(ctx: SandboxContext, app: ApimOAuthApp, jsonString: Record<string, string>, appOwner: string | null) {
  return {
    clientId: app.clientId,
    clientName: app.clientName,
    [ctx.faults.has('apimdcr.callback-url-spelling') ? 'callbackUrl' : 'callBackURL']: app.callbackUrl,
    clientSecret: app.clientSecret,
    isSaasApplication: ctx.faults.has('apimdcr.callback-url-spelling') ? String(app.saas) : app.saas,
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
    const { text, flag } = binders(ctx);
    const owner = text(body.owner) || (ctx.faults.has('apimdcr.accept-empty-owner') ? caller.username : undefined);
    // A missing clientName is looked up and created as '' (the product's null takes the same 500).
    const clientName = text(body.clientName) ?? '';
    // 1. owner is required from 4.3 on; a blank one too (apim-surface §2 step 1).
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
    const grantType = text(body.grantType);
    // A blank callbackUrl is not set on the app (StringUtils.isNotBlank in register and createOAuthApp).
    const sentCallback = text(body.callbackUrl);
    const callbackUrl = sentCallback?.trim() ? sentCallback : null;
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
    // 6. The Identity Server creates no service provider with a blank name ("Application name cannot
    // be empty.", ApplicationManagementServiceImpl.doPreAddApplicationChecks); createApplication
    // catches that and returns null, which register answers with this 500 (WSO2-APIMDCR-12).
    if (clientName.trim() === '') {
      if (ctx.faults.has('apimdcr.blank-client-name-400')) throw badRequest('Client name cannot be empty');
      throw new ApimError(500, 'Internal server error', `OAuth app '${clientName}' creation or updating failed. Dynamic Client Registration Service not available.`);
    }
    // With a blank callbackUrl (StringUtils.isNotBlank) RegistrationServiceImpl cuts each
    // authorization_code and implicit (equalsIgnoreCase; String.replace replaces every occurrence)
    // out of the string as sent; createOAuthApp trims it.
    let grants = grantType;
    if (!callbackUrl && !ctx.faults.has('apimdcr.keep-redirect-grants')) {
      for (const g of grantType.split(' ')) if (g.toLowerCase() === 'authorization_code' || g.toLowerCase() === 'implicit') grants = grants.replaceAll(g, '');
    }
    grants = grants.trim();
    // The fault keeps the name unique in the table (it must still store a row).
    const name = ctx.faults.has('apimdcr.new-client-for-existing-name') && ctx.store.apimOAuthApps.getByName(clientName) ? `${clientName}#${randomBytes(3).toString('hex')}` : clientName;
    const created: ApimOAuthApp = {
      clientId: randomBytes(21).toString('base64url'),
      clientName: name,
      clientSecret: randomBytes(21).toString('base64url'),
      owner,
      grantTypes: grants,
      callbackUrl,
      saas: flag(body.saasApp),
      // APIConstants.DEFAULT_TOKEN_TYPE unless tokenType is non-empty (StringUtils.isNotEmpty).
      tokenType: text(body.tokenType) || (ctx.faults.has('apimdcr.token-type-default-jwt') ? 'JWT' : 'DEFAULT'),
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
