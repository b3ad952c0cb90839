import { Hono, type Context } from 'hono';
import type { SandboxContext, SandboxEnv } from '../context.ts';
import { requireIsAdmin } from '../security/is-admin-auth.ts';
import { StatusOnlyError } from '../errors/status-only-error.ts';
import { readJsonObject } from '../http/request-body.ts';
import type { IsApplication } from '../store/is-applications.ts';
import { searchApplications } from './application-search.ts';
import { applicationNotFound, invalidFilterFormat, unreadableBody, TENANT_DOMAIN } from './application-errors.ts';
import { readCertificatePatch } from './certificate-patch.ts';

export const APPLICATIONS_BASE = '/api/server/v1/applications';

/** ApplicationListItem.self / ApplicationResponseModel links: ContextLoader.buildURIForBody (tenant-qualified path). */
const selfPath = (appId: string) => `/t/${TENANT_DOMAIN}${APPLICATIONS_BASE}/${appId}`;

/** IdentityUtil default items per page when `limit` is not given (sandbox choice, rules/wso2.md W12). */
const DEFAULT_LIMIT = 30;

/** A query integer; none (undefined) when absent or not an integer (an empty value reads 0). */
const integer = (v: string | undefined): number | undefined => {
  const n = Number(v);
  return Number.isInteger(n) ? n : undefined;
};

/** ServerApplicationManagementService.validateAndGetOffset: an offset below 0 is 0. */
const offsetOf = (v: string | undefined): number => Math.max(0, integer(v) ?? 0);

/** validateAndGetLimit: a limit that is not above 0 is the default. */
const limitOf = (v: string | undefined): number => {
  const n = integer(v) ?? 0;
  return n > 0 ? n : DEFAULT_LIMIT;
};

/** Util.calculateOffsetForPreviousLink: back by `limit` until the offset is inside the results. */
function previousOffset(offset: number, limit: number, total: number): number {
  // Stryker disable next-line ConditionalExpression,EqualityOperator,BlockStatement: a limit of 0 only under the fault ismgmt.app-limit-zero-empty
  if (limit <= 0) return offset;
  let o = offset - limit;
  while (o >= total) o -= limit;
  return o;
}

/**
 * identity-api-server Util.buildPaginationLinks (the variant with the filter): `next` while results
 * follow the page, `previous` after an offset (a short one when the offset is below `limit`); each
 * href the tenant-qualified path with `offset`, `limit` and the filter (spaces as `+`).
 */
function paginationLinks(offset: number, limit: number, total: number, filter: string | undefined) {
  const other = filter ? `&filter=${filter.replaceAll(' ', '+')}` : '';
  const href = (o: number, l: number) => `/t/${TENANT_DOMAIN}${APPLICATIONS_BASE}?offset=${o}&limit=${l}${other}`;
  const links: { rel: string; href: string }[] = [];
  if (offset + limit < total) links.push({ rel: 'next', href: href(offset + limit, limit) });
  if (offset > 0) {
    // Stryker disable next-line EqualityOperator: at offset = limit both give offset=0&limit=<limit>
    links.push({ rel: 'previous', href: offset - limit >= 0 ? href(previousOffset(offset, limit, total), limit) : href(0, offset) });
  }
  return links;
}

/** ApplicationListItem of an OAuth application (no SAML issuer). */
function listItem(app: IsApplication, name: string) {
  return { id: app.appId, name, clientId: app.clientId, access: 'WRITE', self: selfPath(app.appId) };
}

/**
 * ApplicationResponseModel, the members the fsKeyManager reads (`id`, `clientId`,
 * `advancedConfigurations`); `additionalSpProperties` (`[{name,value}]`) only when the application
 * has any: what an IS DCR v1.1 request's `additionalAttributes` set (apim-surface §5.3 steps 2, 4).
 */
function applicationModel(app: IsApplication, name: string) {
  const advancedConfigurations: Record<string, unknown> = {
    saas: false,
    discoverableByEndUsers: false,
    skipLoginConsent: false,
    skipLogoutConsent: false,
    returnAuthenticatedIdpList: false,
    enableAuthorization: false,
  };
  if (app.certificate) advancedConfigurations.certificate = JSON.parse(app.certificate) as unknown;
  const props = Object.entries(app.spProperties);
  if (props.length > 0) advancedConfigurations.additionalSpProperties = props.map(([name, value]) => ({ name, value }));
  return {
    id: app.appId,
    name,
    clientId: app.clientId,
    isManagementApp: false,
    inboundProtocols: [{ type: 'oauth2', self: `${selfPath(app.appId)}/inbound-protocols/oidc` }],
    advancedConfigurations,
    access: 'WRITE',
  };
}

/**
 * Identity Server application management API v1, the three calls the fsKeyManager makes
 * (FS IdentityServerUtils, FSKeyManagerImpl; apim-surface §5.3): search by `clientId`, read one
 * application, and PATCH its `advancedConfigurations.certificate` for regulatory applications.
 * Errors as identity-api-server ApplicationManagementConstants. Every OAuth client is the inbound
 * configuration of one application named after it (DCRMService), its id made on first use.
 */
export function applicationsApp(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  // Hono's `/*` also matches the base path itself.
  app.use(`${APPLICATIONS_BASE}/*`, requireIsAdmin(ctx));

  const find = (appId: string): { app: IsApplication; name: string } => {
    const found = ctx.store.isApplications.get(appId);
    if (!found) {
      throw ctx.faults.has('ismgmt.app-unknown-empty-404') ? new StatusOnlyError(404, 'application not found') : applicationNotFound(appId);
    }
    // The application goes with its client (is_applications ON DELETE CASCADE; DCRMService.deleteApplication
    // deletes the service provider), so the client of an application found is there.
    return { app: found, name: ctx.store.isApplications.clientName(found.clientId)! };
  };

  const list = (c: Context<SandboxEnv>) => {
    if (ctx.faults.has('ismgmt.app-blank-filter-refused') && c.req.query('filter')?.trim() === '') throw invalidFilterFormat();
    const found = searchApplications(ctx, c.req.query('filter'));
    const offset = offsetOf(c.req.query('offset'));
    const limit = ctx.faults.has('ismgmt.app-limit-zero-empty') ? Math.max(0, integer(c.req.query('limit')) ?? DEFAULT_LIMIT) : limitOf(c.req.query('limit'));
    // Every client has its application (made with it, store/clients.ts insert), and nothing runs between.
    const page = found.slice(offset, offset + limit).map((f) => listItem(ctx.store.isApplications.forClient(f.clientId)!, f.clientName));
    const links = paginationLinks(offset, limit, found.length, c.req.query('filter'));
    return c.json({ totalResults: found.length, startIndex: offset + 1, count: page.length, applications: page, links });
  };
  // The fsKeyManager calls the base with a trailing slash (FSKeyManagerConstants.APP_RETRIEVAL_URL).
  app.get(APPLICATIONS_BASE, list);
  app.get(`${APPLICATIONS_BASE}/`, list);

  app.get(`${APPLICATIONS_BASE}/:appId`, (c) => {
    const { app: found, name } = find(c.req.param('appId'));
    const model = applicationModel(found, name);
    if (ctx.faults.has('ismgmt.app-read-access')) model.access = 'READ';
    return c.json(model);
  });

  app.patch(`${APPLICATIONS_BASE}/:appId`, async (c) => {
    const { app: found } = find(c.req.param('appId'));
    // JAX-RS (@Consumes application/json): another media type is 415; JSON that is no object is
    // unreadable as the model, as text that is no JSON.
    const body = await readJsonObject(c, (_d, status) => (status === 415 ? new StatusOnlyError(415, 'unsupported media type') : unreadableBody()));
    const certificate = readCertificatePatch(body);
    if (certificate !== undefined && !ctx.faults.has('ismgmt.app-patch-ignores-certificate')) {
      ctx.store.isApplications.setCertificate(found.appId, JSON.stringify(certificate));
    } else if (certificate === undefined && ctx.faults.has('ismgmt.app-patch-clears-certificate')) {
      ctx.store.isApplications.setCertificate(found.appId, null);
    }
    // ApplicationsApiServiceImpl.patchApplication: 200 without a body.
    return c.body(null, 200);
  });

  return app;
}
