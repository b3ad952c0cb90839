import { randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import type { SandboxContext, SandboxEnv } from '../context.ts';
import { requireIsAdmin } from '../security/is-admin-auth.ts';
import { StatusOnlyError } from '../errors/status-only-error.ts';
import { filterMatches, isFilterOperator, parseAttributeFilter } from '../http/attribute-filter.ts';
import type { ScimRole } from '../store/scim-roles.ts';
import { readScimObject } from './scim-body.ts';
import { charonString, readPermissions, resolvePermissions } from './role-permissions.ts';
import { applyRolePatch } from './role-patch.ts';
import { badFilter, missingAttribute, roleExists, roleNotFound, unsupportedRoleFilter } from './scim-errors.ts';

export const ROLES_BASE = '/scim2/v2/Roles';

const ROLE_SCHEMA = 'urn:ietf:params:scim:schemas:extension:2.0:Role';
const LIST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
/** Identity Server 7's organization id of the super tenant (carbon.super): the audience of its roles. */
const SUPER_ORG_ID = '10084a8d-113f-4211-a0d5-efe36b082211';
const SCIM_JSON = { 'content-type': 'application/scim+json' };

/** charon AttributeUtil.getAttributeURI: an attribute by its name ignoring case, or by its URI. */
const isDisplayName = (attribute: string) => attribute.toLowerCase() === 'displayname' || attribute === `${ROLE_SCHEMA}:displayName`;

/**
 * SCIM2 Roles v2 (charon RoleResourceV2Manager, IS SCIMRoleManagerV2; apim-surface §5.6): the
 * calls the WSO2-IS-7 and fsKeyManager connectors make to bind APIM's scopes to roles — search by
 * displayName, create `{displayName, permissions}`, read, PATCH the full permission list — and
 * DELETE, which the connectors never send but a client of the API may. Roles have the organization
 * audience of the super tenant.
 */
export function rolesApp(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  const f = (name: Parameters<typeof ctx.faults.has>[0]) => ctx.faults.has(name);
  app.use(`${ROLES_BASE}/*`, requireIsAdmin(ctx));

  const location = (id: string) => `${ctx.urls.is}${ROLES_BASE}/${id}`;
  const resource = (r: ScimRole) => ({
    displayName: r.displayName,
    meta: { created: new Date(r.createdAt).toISOString(), location: location(r.id), lastModified: new Date(r.updatedAt).toISOString(), resourceType: 'Role' },
    audience: { value: SUPER_ORG_ID, display: 'carbon.super', type: 'organization' },
    id: r.id,
    permissions: r.permissions,
    schemas: [ROLE_SCHEMA],
  });
  /** SCIMRoleManagerV2.createRole: the new role without its permissions (a read has them). */
  const created = (r: ScimRole) => {
    const { permissions: _permissions, ...rest } = resource(r);
    return rest;
  };
  const scimJson = (c: Context<SandboxEnv>, body: unknown, status: 200 | 201, extra: Record<string, string> = {}) =>
    c.body(JSON.stringify(body), status, { ...SCIM_JSON, ...extra });

  const find = (id: string): ScimRole => {
    const r = ctx.store.scimRoles.get(id);
    if (!r) throw f('ismgmt.roles-unknown-empty-404') ? new StatusOnlyError(404, 'role not found') : roleNotFound(id);
    return r;
  };

  /**
   * The roles a SCIM filter selects (charon FilterTreeManager, SCIMRoleManagerV2.createFilter): a
   * filter without an operator (an empty one too) is invalidFilter; of the operators only eq, sw, ew
   * and co are served, and of the attributes only displayName (its name in any case, or its URI).
   * `ne` and the audience attributes, which Identity Server also takes, are not served (sandbox choice).
   */
  const search = (text: unknown): ScimRole[] => {
    const all = ctx.store.scimRoles.list();
    if (text === undefined || text === null) return all;
    const filter = typeof text === 'string' ? parseAttributeFilter(text) : undefined;
    if (!filter) throw badFilter('Given filter operator is not supported.');
    if (!f('ismgmt.roles-filter-unchecked')) {
      if (!isFilterOperator(filter.operator)) throw unsupportedRoleFilter(`Filter operation: ${filter.operator} is not supported for role filtering.`);
      if (!isDisplayName(filter.attribute)) throw unsupportedRoleFilter(`Filtering based on attribute: ${filter.attribute} is not supported.`);
    }
    if (f('ismgmt.roles-search-ignores-filter')) return all;
    return all.filter((r) => filterMatches(filter, r.displayName));
  };

  app.post(`${ROLES_BASE}/.search`, async (c) => {
    const found = search((await readScimObject(c, ctx.faults)).filter);
    // charon leaves Resources out of an empty ListResponse.
    const body: Record<string, unknown> = { totalResults: found.length, startIndex: 1, itemsPerPage: found.length, schemas: [LIST_SCHEMA] };
    if (found.length > 0) body.Resources = found.map(resource);
    return scimJson(c, body, 200);
  });

  app.post(ROLES_BASE, async (c) => {
    const body = await readScimObject(c, ctx.faults);
    // charon decodeResource reads every attribute before AbstractValidator checks the required ones.
    const decoded = body.displayName === undefined ? undefined : charonString(body.displayName);
    const sent = readPermissions(body.permissions, ctx.faults);
    // charon AbstractValidator.validateSCIMObjectForRequiredAttributes. A blank name is refused the same way:
    // what Identity Server's role service answers for it is not settled. Fault `ismgmt.roles-missing-name-allowed`.
    if ((decoded === undefined || decoded === '') && !f('ismgmt.roles-missing-name-allowed')) throw missingAttribute('displayName');
    // Stryker disable next-line StringLiteral: decoded is undefined here only under the fault ismgmt.roles-missing-name-allowed
    const displayName = decoded ?? '';
    const existing = ctx.store.scimRoles.byName(displayName);
    if (existing && f('ismgmt.roles-duplicate-allowed')) return scimJson(c, created(existing), 201, { location: location(existing.id) });
    const now = ctx.clock.now();
    // Stryker disable next-line ArrayDeclaration: the permissions are set from resolvePermissions before the role is stored or answered.
    const role: ScimRole = { id: randomUUID(), displayName, permissions: [], createdAt: now, updatedAt: now };
    const text = ctx.store.commitWithAnswer(() => {
      if (existing) throw roleExists(displayName);
      role.permissions = resolvePermissions(ctx, sent);
      ctx.store.scimRoles.insert(role);
      return role;
    }, created);
    return c.body(text, 201, { ...SCIM_JSON, location: location(role.id) });
  });

  app.get(`${ROLES_BASE}/:id`, (c) => scimJson(c, resource(find(c.req.param('id'))), 200));

  app.patch(`${ROLES_BASE}/:id`, async (c) => {
    const current = find(c.req.param('id'));
    const change = applyRolePatch(current, await readScimObject(c, ctx.faults), ctx.faults);
    const text = ctx.store.commitWithAnswer(() => {
      const other = ctx.store.scimRoles.byName(change.displayName);
      // SCIMRoleManagerV2.updateRoleName: ROLE_ALREADY_EXISTS is a ConflictException. Fault `ismgmt.roles-rename-duplicate-allowed`.
      if (other && other.id !== current.id && !f('ismgmt.roles-rename-duplicate-allowed')) throw roleExists(change.displayName);
      ctx.store.scimRoles.update(current.id, change.displayName, resolvePermissions(ctx, change.permissions), ctx.clock.now());
      return ctx.store.scimRoles.get(current.id)!;
    }, resource);
    return c.body(text, 200, SCIM_JSON);
  });

  app.delete(`${ROLES_BASE}/:id`, (c) => {
    const id = find(c.req.param('id')).id;
    // Fault `ismgmt.roles-delete-keeps-role` answers 204 and keeps the role.
    if (!f('ismgmt.roles-delete-keeps-role')) ctx.store.scimRoles.delete(id);
    return c.body(null, 204);
  });

  return app;
}
