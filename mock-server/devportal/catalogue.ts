import type { Hono } from 'hono';
import type { SandboxContext, SandboxEnv } from '../context.ts';
import { ApimError } from '../errors/apim-error.ts';
import { unauthenticated } from '../errors/apim-exception-codes.ts';
import { requireRestApiScope } from '../apim-auth/require-rest-api-scope.ts';
import { DEVPORTAL_BASE } from './applications.ts';
import { pagination } from './dto.ts';
import { keyManagerById, keyManagerInfo, mayUse } from './key-manager-access.ts';
import { apiDetail, apiInfo, SAMPLE_APIS, sampleApi } from './sample-apis.ts';

/** Anonymous reads: the published APIs (apim-surface §4.3) and the portal settings (§4.5). */
export function anonymousCatalogueRoutes(app: Hono<SandboxEnv>, ctx: SandboxContext): void {
  app.get(`${DEVPORTAL_BASE}/apis`, (c) => {
    const limit = Math.max(0, Number.parseInt(c.req.query('limit') ?? '25', 10) || 25);
    const offset = Math.max(0, Number.parseInt(c.req.query('offset') ?? '0', 10) || 0);
    const page = SAMPLE_APIS.slice(offset, offset + limit);
    // RestApiConstants.APIS_GET_PAGINATION_URL.
    const link = (o: number, l: number) => `/apis?limit=${l}&offset=${o}&query=${c.req.query('query') ?? ''}`;
    return c.json({ count: page.length, list: page.map(apiInfo), pagination: pagination(ctx, offset, limit, SAMPLE_APIS.length, link) });
  });

  app.get(`${DEVPORTAL_BASE}/apis/:apiId`, (c) => {
    // Fault devp.unknown-api-found: an unknown id answers the first published API.
    const api = sampleApi(c.req.param('apiId')) ?? (ctx.faults.has('devp.unknown-api-found') ? SAMPLE_APIS[0] : undefined);
    if (!api) throw new ApimError(404, 'Not Found', `Requested API with Id '${c.req.param('apiId')}' not found`);
    return c.json(apiDetail(api));
  });

  // An anonymous resource (apim-surface §1.2) that still authenticates a caller who sends credentials.
  const caller = requireRestApiScope(ctx, 'any', unauthenticated);
  app.use(`${DEVPORTAL_BASE}/settings`, (c, next) => (c.req.header('authorization') === undefined ? next() : caller(c, next)));

  /**
   * SettingsMappingUtil.fromSettingstoDTO: `mapExistingAuthApps` is `[apim.devportal]
   * enable_key_provisioning` (APIUtil.isMapExistingAuthAppsEnabled); the grant types and the gateway
   * endpoint only for a signed-in user (`isUserAvailable`): else the DTO's empty list and null.
   */
  app.get(`${DEVPORTAL_BASE}/settings`, (c) => {
    const signedIn = c.get('apimCaller') !== undefined || ctx.faults.has('devp.settings-grant-types-for-anyone');
    return c.json({
      grantTypes: signedIn ? ['refresh_token', 'password', 'client_credentials', 'authorization_code', 'implicit', 'urn:ietf:params:oauth:grant-type:jwt-bearer'] : [],
      scopes: ['apim:subscribe', 'apim:app_manage', 'apim:sub_manage', 'apim:api_key', 'apim:app_import_export'],
      applicationSharingEnabled: false,
      mapExistingAuthApps: ctx.config.apim.devportal.enableKeyProvisioning,
      apiGatewayEndpoint: signedIn ? ctx.urls.gateway : null,
      monetizationEnabled: false,
      recommendationEnabled: false,
      IsUnlimitedTierPaid: false,
      identityProvider: { external: false },
      IsAnonymousModeEnabled: true,
      IsPasswordChangeEnabled: true,
      userStorePasswordPattern: '^[\\S]{5,30}$',
      passwordPolicyPattern: '',
      passwordPolicyMinLength: -1,
      passwordPolicyMaxLength: -1,
      orgWideAppUpdateEnabled: false,
    });
  });
}

/** `GET /key-managers` (apim:subscribe): disabled ones included, those the user may not use hidden (KeyManagersApiServiceImpl). */
export function keyManagerRoutes(app: Hono<SandboxEnv>, ctx: SandboxContext): void {
  app.get(`${DEVPORTAL_BASE}/key-managers`, (c) => {
    const caller = c.get('apimCaller');
    const list = ctx.store.keyManagers.list()
      .map((r) => keyManagerById(ctx, r.id)!)
      .filter((km) => mayUse(km, caller, ctx.faults.has('devp.ignore-km-permissions')))
      .map((km) => keyManagerInfo(km, ctx.faults));
    return c.json({ count: list.length, list });
  });
}
