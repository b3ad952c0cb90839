import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import type { SandboxContext, SandboxEnv } from '../context.ts';
import { requireIsAdmin } from '../security/is-admin-auth.ts';
import { StatusOnlyError } from '../errors/status-only-error.ts';
import { readJsonObject } from '../http/request-body.ts';
import { filterMatches, isFilterOperator, parseAttributeFilter } from '../http/attribute-filter.ts';
import type { ApiResource } from '../store/api-resources.ts';
import {
  identifierRequired, invalidFilter, invalidLimit, nameRequired, removedScopesNotSupported, resourceExists,
  resourceNotFound, scopeNameRequired, TENANT_DOMAIN, unreadableBody,
} from './api-resource-errors.ts';
import { newScopes, readScopeModels } from './scope-models.ts';

export const API_RESOURCES_BASE = '/api/server/v1/api-resources';

/** The only type the API creates (APIResourceMgtEndpointConstants.BUSINESS_API_RESOURCE_TYPE). */
const TYPE = 'BUSINESS';
/** APIResourceMgtEndpointConstants.DEFAULT_LIMIT. */
const DEFAULT_LIMIT = 10;
/** The attributes a filter may name (sandbox choice, rules/wso2.md W12). */
const FILTER_ATTRIBUTES: Record<string, (r: ApiResource) => string> = { identifier: (r) => r.identifier, name: (r) => r.name, type: () => TYPE };

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const selfPath = (id: string) => `/t/${TENANT_DOMAIN}${API_RESOURCES_BASE}/${id}`;

/**
 * Identity Server 7 API resources (identity-api-server ServerAPIResourceManagementService,
 * APIResourceMgtEndpointUtil; apim-surface §5.5): what the WSO2-IS-7 and fsKeyManager
 * connectors call to keep APIM's scopes in the API resource `User-defined-oauth2-resource`.
 */
export function apiResourcesApp(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  const f = (name: Parameters<typeof ctx.faults.has>[0]) => ctx.faults.has(name);
  app.use(`${API_RESOURCES_BASE}/*`, requireIsAdmin(ctx));
  const read = (c: Parameters<typeof readJsonObject>[0]) => readJsonObject(c, unreadableBody);

  const find = (id: string): ApiResource => {
    const r = ctx.store.apiResources.get(id);
    if (!r) throw f('ismgmt.api-resource-unknown-empty-404') ? new StatusOnlyError(404, 'API resource not found') : resourceNotFound(id);
    return r;
  };
  const scopeModels = (id: string) => ctx.store.apiResources.scopes(id);
  /** APIResourceResponse (buildAPIResourceResponse). */
  const response = (r: ApiResource) => ({
    id: r.id, name: r.name, description: r.description, identifier: r.identifier, type: TYPE,
    requiresAuthorization: r.requiresAuthorization, scopes: scopeModels(r.id), subscribedApplications: [], properties: [], self: selfPath(r.id),
  });
  /** APIResourceListItem (buildAPIResourceListItem). */
  const listItem = (r: ApiResource) => ({
    id: r.id, name: r.name, identifier: r.identifier, type: TYPE, requiresAuthorization: r.requiresAuthorization, properties: [], self: selfPath(r.id),
  });

  /** The resources a `filter` selects; a filter that is not `<identifier|name|type> <eq|sw|ew|co> <value>` is 60001. */
  const search = (text: string | undefined): ApiResource[] => {
    const all = ctx.store.apiResources.list();
    if (text === undefined || (text.trim() === '' && !f('ismgmt.api-resource-blank-filter-refused'))) return all;
    const filter = parseAttributeFilter(text);
    const valueOf = filter ? FILTER_ATTRIBUTES[filter.attribute] : undefined;
    if (!filter || !valueOf || !isFilterOperator(filter.operator)) throw invalidFilter();
    if (f('ismgmt.api-resource-search-ignores-filter')) return all;
    return all.filter((r) => filterMatches(filter, valueOf(r)));
  };

  app.get(API_RESOURCES_BASE, (c) => {
    const limitText = c.req.query('limit');
    let limit = limitText === undefined ? DEFAULT_LIMIT : Number(limitText);
    if (!Number.isInteger(limit) || limit <= 0) {
      if (!f('ismgmt.api-resource-limit-unchecked')) throw invalidLimit();
      limit = DEFAULT_LIMIT;
    }
    const found = search(c.req.query('filter'));
    return c.json({ totalResults: found.length, links: [], apiResources: found.slice(0, limit).map(listItem) });
  });

  app.post(API_RESOURCES_BASE, async (c) => {
    const body = await read(c);
    const name = str(body.name) ?? '';
    const identifier = str(body.identifier) ?? '';
    // APIResourceMgtEndpointUtil.validateAPIResource, then createScopes.
    if ((f('ismgmt.api-resource-blank-name-allowed') ? name : name.trim()) === '') throw nameRequired();
    if (identifier.trim() === '') throw identifierRequired();
    const scopes = readScopeModels(body.scopes);
    const resource: ApiResource = {
      id: randomUUID(), identifier, name, description: str(body.description) ?? null,
      requiresAuthorization: typeof body.requiresAuthorization === 'boolean' ? body.requiresAuthorization : true,
    };
    const existing = ctx.store.apiResources.byIdentifier(identifier);
    if (existing && f('ismgmt.api-resource-duplicate-allowed')) return c.json(response(existing), 201);
    const text = ctx.store.commitWithAnswer(() => {
      if (existing) throw resourceExists();
      const fresh = newScopes(ctx, scopes);
      ctx.store.apiResources.insert(resource);
      for (const s of fresh) ctx.store.apiResources.insertScope(resource.id, s);
      return resource;
    }, response);
    return c.body(text, 201, { 'content-type': 'application/json', location: `${ctx.urls.is}${API_RESOURCES_BASE}/${resource.id}` });
  });

  app.get(`${API_RESOURCES_BASE}/:id`, (c) => c.json(response(find(c.req.param('id')))));

  app.get(`${API_RESOURCES_BASE}/:id/scopes`, (c) => c.json(scopeModels(find(c.req.param('id')).id)));

  app.patch(`${API_RESOURCES_BASE}/:id`, async (c) => {
    const current = find(c.req.param('id'));
    const body = await read(c);
    if (body.removedScopes !== undefined && body.removedScopes !== null && !f('ismgmt.api-resource-removed-scopes-ignored')) throw removedScopesNotSupported();
    const added = readScopeModels(body.addedScopes);
    ctx.store.transaction(() => {
      const fresh = newScopes(ctx, added);
      ctx.store.apiResources.rename(current.id, str(body.name) ?? current.name, str(body.description) ?? (f('ismgmt.api-resource-patch-replaces-all') ? null : current.description));
      for (const s of fresh) ctx.store.apiResources.insertScope(current.id, s);
    });
    return c.body(null, 204);
  });

  // Only in IS builds after 2024-08-14 (identity-api-server 32b2308f4a, apim-surface §5.5).
  app.patch(`${API_RESOURCES_BASE}/:id/scopes/:scopeName`, async (c) => {
    find(c.req.param('id'));
    // getScopeByName looks the scope up in the tenant, not only in this resource.
    const scope = ctx.store.apiResources.scopeByName(c.req.param('scopeName'));
    if (!scope) throw scopeNameRequired(404);
    const body = await read(c);
    const displayName = str(body.displayName);
    ctx.store.apiResources.updateScope(scope.resourceId, scope.name, displayName && displayName.trim() !== '' ? displayName : scope.displayName,
      str(body.description) ?? scope.description);
    return c.body(null, 204);
  });

  // deleteScopeByScopeName / deleteAPIResource: an unknown resource is not an error (204).
  app.delete(`${API_RESOURCES_BASE}/:id/scopes/:scopeName`, (c) => {
    const r = ctx.store.apiResources.get(c.req.param('id'));
    if (r && !f('ismgmt.api-resource-delete-keeps-scope')) ctx.store.apiResources.deleteScope(r.id, c.req.param('scopeName'));
    return c.body(null, 204);
  });

  app.delete(`${API_RESOURCES_BASE}/:id`, (c) => {
    if (!f('ismgmt.api-resource-delete-keeps-resource')) ctx.store.apiResources.delete(c.req.param('id'));
    return c.body(null, 204);
  });

  return app;
}
