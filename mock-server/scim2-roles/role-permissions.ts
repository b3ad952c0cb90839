import type { SandboxContext } from '../context.ts';
import type { ScimRole } from '../store/scim-roles.ts';
import { badValue } from './scim-errors.ts';

export type Permission = ScimRole['permissions'][number];

/** `permissions` as sent: `[{value, display?}]` (KMIS7 WSO2IS7RoleInfo, the connector's patch body). */
export function readPermissions(value: unknown): Permission[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw badValue('permissions must be a multi-valued attribute.');
  return value.map((p: unknown) => {
    const v = typeof p === 'object' && p !== null ? (p as Record<string, unknown>).value : undefined;
    if (typeof v !== 'string' || v === '') throw badValue('Every permission needs a value.');
    const display = (p as Record<string, unknown>).display;
    return typeof display === 'string' ? { value: v, display } : { value: v };
  });
}

/**
 * In Identity Server 7 a role's permissions are scopes of the API resources (apim-surface §5.6:
 * the connectors bind APIM's scopes, registered in `User-defined-oauth2-resource`, to roles). A
 * value that is no API resource scope is refused; the display is the scope's display name.
 * Fault `ismgmt.roles-unchecked-permissions` stores any value as sent. Duplicates are kept once.
 */
export function resolvePermissions(ctx: SandboxContext, sent: Permission[]): Permission[] {
  const out = new Map<string, Permission>();
  for (const p of sent) {
    const scope = ctx.store.apiResources.scopeByName(p.value);
    if (!scope && !ctx.faults.has('ismgmt.roles-unchecked-permissions')) throw badValue(`Permission: ${p.value} is not a scope of any API resource.`);
    out.set(p.value, scope ? { value: p.value, display: scope.displayName } : p);
  }
  return [...out.values()];
}
