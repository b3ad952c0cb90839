import { charonString, readPermissions, type Permission } from './role-permissions.ts';
import { DESC_BAD_REQUEST, badSyntax, badValue } from './scim-errors.ts';

export interface RoleChange {
  displayName: string;
  /** The permissions as sent, before they are resolved to API resource scopes. */
  permissions: Permission[];
}

/** The attributes of charon's Roles v2 schema (SCIMSchemaDefinitions.SCIM_ROLE_V2_SCHEMA); the sandbox acts on displayName and permissions. */
const ROLE_ATTRIBUTES = ['id', 'displayName', 'audience', 'users', 'groups', 'permissions', 'associatedApplications', 'properties'];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What one operation sets: `value` holds the members, or `path` names the one `value` sets. */
function membersOf(op: Record<string, unknown>): Record<string, unknown> {
  if (op.path === undefined) {
    // processValueAttributeOfOperation decodes the value's text as a JSON object: null or a scalar is no object.
    if (!isObject(op.value)) throw badSyntax(DESC_BAD_REQUEST);
    return op.value;
  }
  // charon RoleResourceV2Manager.processPatchOperation: another path (users and groups are not served) is "Not a valid attribute."
  if (op.path !== 'permissions' && op.path !== 'displayName') throw badSyntax('Not a valid attribute.');
  return { [op.path]: op.value };
}

/**
 * RFC 7644 §3.5.2 PATCH as the Roles v2 endpoint takes it from the connectors (apim-surface §5.6):
 * `{"Operations":[{"op":"replace","value":{"permissions":[…]}}]}`, no `schemas`. `replace` sets
 * the permissions to the list sent (the connector sends the full list), `add` appends; both may
 * set `displayName`. Other operations are not served (sandbox choice, rules/wso2.md W12).
 * Fault `ismgmt.roles-patch-appends` treats `replace` of permissions as `add`, `ismgmt.roles-patch-add-replaces`
 * `add` as `replace`.
 */
export function applyRolePatch(current: RoleChange, body: Record<string, unknown>, faults: { has(name: string): boolean }): RoleChange {
  const ops = body.Operations;
  // charon decodeRequest: Operations missing or not a list is INVALID_SYNTAX; an empty list is no operation
  // (groupPatchOperationsByType makes three empty lists, SCIMRoleManagerV2.patchRole changes nothing).
  // Fault `ismgmt.roles-patch-empty-refused` refuses an empty list.
  if (!Array.isArray(ops) || (ops.length === 0 && faults.has('ismgmt.roles-patch-empty-refused'))) throw badSyntax(DESC_BAD_REQUEST);
  let next: RoleChange = { displayName: current.displayName, permissions: [...current.permissions] };
  for (const raw of ops) {
    // charon decodeRequest: an operation that is no object, or an op that is no string, fails its cast (ClassCastException).
    if (!isObject(raw)) throw badSyntax(DESC_BAD_REQUEST);
    if (raw.op === undefined) throw badSyntax('Operation can not be null.');
    if (typeof raw.op !== 'string') throw badSyntax(DESC_BAD_REQUEST);
    const op = raw.op.toLowerCase();
    // charon JSONDecoder.decodeRequest: an unknown op is INVALID_SYNTAX (`remove`, which charon takes, is not served:
    // sandbox choice, answered alike). Fault `ismgmt.roles-patch-lenient-ops`.
    if (op !== 'replace' && op !== 'add' && !faults.has('ismgmt.roles-patch-lenient-ops')) throw badSyntax(`Unknown operation: ${raw.op}`);
    const members = membersOf(raw);
    // charon RoleResourceV2Manager.processValueAttributeOfOperation: a value with no Roles v2 attribute is INVALID_SYNTAX.
    if (!ROLE_ATTRIBUTES.some((name) => members[name] !== undefined)) throw badSyntax(DESC_BAD_REQUEST);
    if (members.displayName !== undefined) {
      const name = charonString(members.displayName);
      // A blank name: what Identity Server's role service answers is not settled; the sandbox refuses it.
      if (name === '') throw badValue('displayName must be a non-empty string.');
      next = { ...next, displayName: name };
    }
    if (members.permissions !== undefined) {
      const sent = readPermissions(members.permissions, faults);
      next = { ...next, permissions: (op === 'add' && !faults.has('ismgmt.roles-patch-add-replaces')) || faults.has('ismgmt.roles-patch-appends') ? [...next.permissions, ...sent] : sent };
    }
  }
  return next;
}
