import { randomUUID } from 'node:crypto';
import type { SandboxContext } from '../context.ts';
import type { ApiResourceScope } from '../store/api-resources.ts';
import { scopeExists, scopeNameRequired, unreadableBody } from './api-resource-errors.ts';

const UNREADABLE = 'Provided request body content is not in the expected format.';

/**
 * ScopeCreationModel list → scopes to add (ServerAPIResourceManagementService.createScopes,
 * APIResourceMgtEndpointUtil.validateScopes): a blank name is 60005; the display name defaults
 * to the name.
 */
export function readScopeModels(value: unknown): ApiResourceScope[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw unreadableBody(UNREADABLE);
  return value.map((s: unknown) => {
    if (typeof s !== 'object' || s === null || Array.isArray(s)) throw unreadableBody(UNREADABLE);
    const m = s as Record<string, unknown>;
    const name = typeof m.name === 'string' ? m.name : '';
    if (name.trim() === '') throw scopeNameRequired();
    const displayName = typeof m.displayName === 'string' ? m.displayName : name;
    return { id: randomUUID(), name, displayName, description: typeof m.description === 'string' ? m.description : null };
  });
}

/**
 * The scopes that may be added: scope names are unique in the tenant, across API resources and
 * within one request (framework ERROR_CODE_SCOPE_ALREADY_EXISTS → 409). Fault
 * `ismgmt.api-resource-duplicate-scope-allowed` drops the duplicates silently instead.
 */
export function newScopes(ctx: SandboxContext, scopes: ApiResourceScope[]): ApiResourceScope[] {
  const seen = new Set<string>();
  const fresh: ApiResourceScope[] = [];
  for (const s of scopes) {
    const duplicate = seen.has(s.name) || ctx.store.apiResources.scopeExists(s.name);
    seen.add(s.name);
    if (!duplicate) fresh.push(s);
    else if (!ctx.faults.has('ismgmt.api-resource-duplicate-scope-allowed')) throw scopeExists();
  }
  return fresh;
}
