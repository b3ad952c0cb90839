import type { SandboxContext } from '../context.ts';
import type { ScimRole } from '../store/scim-roles.ts';
import { DESC_BAD_REQUEST, badSyntax, badValue } from './scim-errors.ts';

export type Permission = ScimRole['permissions'][number];

/**
 * A string attribute as charon decodes it (JSONDecoder.buildComplexValue, AttributeUtil
 * `getAttributeValueFromString` for STRING): a string trimmed, an integer or boolean as its text,
 * null as ""; anything else (an object, a list, a fraction) is INVALID_SYNTAX, which a PATCH (`JSONDecoder.decode`)
 * answers with the detail DESC_BAD_REQUEST.
 */
export function charonString(v: unknown): string {
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'boolean' || Number.isInteger(v)) return String(v);
  if (v === null) return '';
  throw badSyntax(DESC_BAD_REQUEST);
}

/**
 * `permissions` as sent: `[{value, display?}]` (KMIS7 WSO2IS7RoleInfo, the connector's patch body),
 * decoded as charon JSONDecoder.decodeResource does the Roles v2 schema's complex multi-valued
 * `permissions`: a member that is not a list (null too, JSONObject.NULL) or an item that is null or a
 * list is INVALID_SYNTAX; an item that is a string, number or boolean is a primitive value charon never
 * reads as a permission (RoleV2.getPermissionValues takes the complex values), so it is dropped.
 * Fault `ismgmt.roles-patch-lenient-types` takes a member that is not a list as none.
 */
export function readPermissions(value: unknown, faults: { has(name: string): boolean }): Permission[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    if (faults.has('ismgmt.roles-patch-lenient-types')) return [];
    throw badSyntax(DESC_BAD_REQUEST);
  }
  const out: Permission[] = [];
  for (const p of value) {
    if (p === null || Array.isArray(p)) throw badSyntax(DESC_BAD_REQUEST);
    if (typeof p !== 'object') continue;
    const item = p as Record<string, unknown>;
    const display = item.display === undefined ? undefined : charonString(item.display);
    // A permission without a value: what Identity Server does with it is not settled; the sandbox refuses it.
    if (item.value === undefined) throw badValue('Every permission needs a value.');
    const v = charonString(item.value);
    // Stryker disable next-line ConditionalExpression,EqualityOperator: the display sent never reaches the wire (resolvePermissions answers the scope's; only the fault ismgmt.roles-unchecked-permissions keeps it)
    out.push(display === undefined ? { value: v } : { value: v, display });
  }
  return out;
}

/**
 * In Identity Server 7 a role's permissions are scopes of the API resources (apim-surface §5.6:
 * the connectors bind APIM's scopes, registered in `User-defined-oauth2-resource`, to roles). A
 * value that is no API resource scope is refused with the role service's text (RoleManagementServiceImpl
 * validatePermissionsForOrganization); the display is the scope's display name.
 * Fault `ismgmt.roles-unchecked-permissions` stores any value as sent. Duplicates are kept once.
 */
export function resolvePermissions(ctx: SandboxContext, sent: Permission[]): Permission[] {
  const out = new Map<string, Permission>();
  for (const p of sent) {
    const scope = ctx.store.apiResources.scopeByName(p.value);
    if (!scope && !ctx.faults.has('ismgmt.roles-unchecked-permissions')) throw badValue(`Permission: ${p.value} not found`);
    out.set(p.value, scope ? { value: p.value, display: scope.displayName } : p);
  }
  return [...out.values()];
}
