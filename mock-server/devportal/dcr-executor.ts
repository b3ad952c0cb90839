import { Hono, type Context } from 'hono';
import type { SandboxContext, SandboxEnv } from '../context.ts';
import { OAuthError } from '../errors/oauth-error.ts';
import { tryDecodeCompactJws } from '../security/compact-jws.ts';
import type { DevportalApplication } from '../store/devportal.ts';
import { createApplication, deleteApplication } from './applications.ts';
import { checkNotExchanged, registeredKeyManager } from './generate-keys.ts';
import { clientFor, findKeyManager } from './key-manager-access.ts';
import { checkNotMapped, recordMapping } from './map-keys.ts';
import { SAMPLE_APIS, type SampleApi } from './sample-apis.ts';
import { subscribe } from './subscriptions.ts';

/**
 * The Open Banking gateway's DCR executor (OB 3.x `DCRExecutor`, wso2-surface §6.6; seed 004 step 3
 * "To locate the value for <CONSUMER_KEY>, go to the Developer Portal … Production Keys > OAuth2
 * Tokens"): after Identity Server registered the client, the gateway, as the admin, creates an
 * API Manager application named after the software id (`use_softwareIdForAppName`), maps the client
 * into it through the Open Banking key manager with the key type of the SSA's
 * `software_environment`, and subscribes it to the regulatory APIs the SSA's roles allow. A DCR
 * DELETE removes the application. The sandbox runs the executor when the deployment has the key
 * manager it names (seed 004 step 2 adds it as "OBKM"); without one, API Manager is not set up for
 * Open Banking DCR and the registration stands alone.
 *
 * In-process where the product calls the portal's REST API (the same functions behind it); the
 * key manager itself is still read over HTTP.
 */
export const OB_DCR_KEY_MANAGER = 'OBKM';

const claimsOf = (metadata: Record<string, unknown>) => {
  const ssa = typeof metadata.software_statement === 'string' ? tryDecodeCompactJws(metadata.software_statement)?.claims : undefined;
  return ssa ?? {};
};

const rolesOf = (ssa: Record<string, unknown>): string[] =>
  Array.isArray(ssa.software_roles) ? ssa.software_roles.filter((r): r is string => typeof r === 'string') : typeof ssa.software_roles === 'string' ? ssa.software_roles.split(' ') : [];

/** Steps 3-6 of the executor for a registered client; a failure undoes the application (step 7). */
async function provision(ctx: SandboxContext, clientId: string): Promise<void> {
  const client = ctx.store.clients.get(clientId);
  // Stryker disable next-line ConditionalExpression: the registration this 201 answers has just stored the client.
  if (!client) return;
  const admin = ctx.config.admin.username;
  const ssa = claimsOf(client.metadata) as Record<string, unknown>;
  const km = registeredKeyManager(ctx, OB_DCR_KEY_MANAGER);
  checkNotExchanged(km);
  // 3. The client as the key manager holds it (its secret and grant types).
  const atKm = await clientFor(ctx, km).retrieve(clientId);
  // Stryker disable next-line ConditionalExpression: unchecked, the missing client fails on its secret below, inside the same undo.
  if (!atKm) throw new Error(`the key manager does not know ${clientId}`);
  // 4. The application, named after the software id.
  const application: DevportalApplication = createApplication(ctx, admin, {
    name: client.softwareId ?? client.clientName, throttlingPolicy: 'Unlimited', description: null, attributes: {}, groups: [],
  });
  try {
    // 5. map-keys with the SSA's environment as the key type.
    const req = { consumerKey: clientId, consumerSecret: atKm.clientSecret ?? undefined, keyType: ssa.software_environment === 'sandbox' ? 'SANDBOX' as const : 'PRODUCTION' as const, keyManager: km.record.name };
    checkNotMapped(ctx, application, km, req);
    recordMapping(ctx, application, km, req, atKm);
    // 6. subscriptions/multiple to the regulatory APIs the SSA's roles allow.
    const roles = rolesOf(ssa);
    const caller = { username: admin, roles: ['admin'], superAdmin: true };
    const allowed = (a: SampleApi) => ctx.faults.has('obdcr.subscribes-every-regulatory-api')
      || (ctx.faults.has('obdcr.subscribes-on-every-role') ? a.regulatoryRoles.every((r) => roles.includes(r)) : a.regulatoryRoles.some((r) => roles.includes(r)));
    for (const api of SAMPLE_APIS.filter(allowed)) {
      // Stryker disable next-line ArrowFunction: the duplicate's message; the application was made just now, so it has no subscription to repeat.
      subscribe(ctx, caller, { applicationId: application.id, apiId: api.id, throttlingPolicy: 'Unlimited' }, (a, b) => `Specified subscription already exists for API ${a} for application ${b}`);
    }
  } catch (e) {
    ctx.store.devportal.deleteApplication(application.id);
    throw e;
  }
}

/** On DELETE: the admin's applications holding the client as a key go with it. */
async function deprovision(ctx: SandboxContext, clientId: string): Promise<void> {
  for (const key of ctx.store.devportal.keysByConsumerKey(clientId)) {
    const application = ctx.store.devportal.application(key.applicationId);
    // Stryker disable next-line ConditionalExpression,OptionalChaining: only the executor's application holds a DCR client: map-keys needs the client's secret, which the registration never discloses, and refuses a second mapping at one key manager (checkNotMapped, 409 901409).
    if (application?.owner === ctx.config.admin.username) await deleteApplication(ctx, application);
  }
}

async function registeredClientId(c: Context<SandboxEnv>): Promise<string | undefined> {
  try {
    const body = (await c.res.clone().json()) as { client_id?: unknown };
    // Stryker disable next-line ConditionalExpression: a 201 of the sandbox's registration always names its client_id as a string.
    return typeof body.client_id === 'string' ? body.client_id : undefined;
  } catch {
    return undefined;
  }
}

export function dcrExecutorApp(ctx: SandboxContext, bases: readonly string[]): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  const configured = () => findKeyManager(ctx, OB_DCR_KEY_MANAGER) !== undefined && !ctx.faults.has('obdcr.no-portal-application');
  for (const base of bases) {
    app.post(base, async (c, next) => {
      await next();
      // Stryker disable next-line ConditionalExpression: a refused registration's error body names no client_id, so nothing is provisioned either way.
      if (c.res.status !== 201) return;
      if (!configured()) return;
      const clientId = await registeredClientId(c);
      // Stryker disable next-line ConditionalExpression: provisioning no client finds none in the store and returns.
      if (!clientId) return;
      try {
        await provision(ctx, clientId);
      } catch (e) {
        // Step 7: the registration is undone and the gateway answers 500 [body unconfirmed].
        ctx.log(`DCR executor: API Manager provisioning of ${clientId} failed: ${(e as Error).message}`);
        ctx.store.clients.delete(clientId);
        c.res = new OAuthError(500, 'server_error', 'Error while creating the application in API Manager').toResponse();
      }
    });
    app.delete(`${base}/:clientId`, async (c, next) => {
      await next();
      // Fault obdcr.delete-keeps-portal-application: the application stays after the DCR DELETE.
      // Fault obdcr.refused-delete-removes-portal-application: a DELETE the gateway refused removes the application too.
      const deleted = c.res.status === 204 || ctx.faults.has('obdcr.refused-delete-removes-portal-application');
      if (deleted && configured() && !ctx.faults.has('obdcr.delete-keeps-portal-application')) await deprovision(ctx, c.req.param('clientId'));
    });
  }
  return app;
}
