import type { SandboxContext } from '../context.ts';
import { filterMatches, isFilterOperator, parseAttributeFilter, type AttributeFilter } from '../http/attribute-filter.ts';
import { invalidFilterFormat, invalidFilterOperation, unsupportedFilterAttribute } from './application-errors.ts';

/** ApplicationManagementConstants: the attributes an application filter may name. */
const ATTRIBUTES = ['name', 'clientId', 'issuer'] as const;
type Attribute = (typeof ATTRIBUTES)[number];

export interface FoundClient {
  clientId: string;
  clientName: string;
}

/** Validate the filter text in the API's order: format, attribute, operation (each APP-60004). */
export function parseApplicationFilter(text: string): AttributeFilter & { attribute: Attribute } {
  const filter = parseAttributeFilter(text);
  if (!filter) throw invalidFilterFormat();
  if (!(ATTRIBUTES as readonly string[]).includes(filter.attribute)) throw unsupportedFilterAttribute(filter.attribute);
  if (!isFilterOperator(filter.operator)) throw invalidFilterOperation(filter.operator);
  return filter as AttributeFilter & { attribute: Attribute };
}

/** The value of `attribute` for an OAuth application; OAuth applications have no SAML issuer. */
function valueOf(client: FoundClient, attribute: Attribute): string | undefined {
  return attribute === 'name' ? client.clientName : attribute === 'clientId' ? client.clientId : undefined;
}

/**
 * The applications a `filter` selects (ServerApplicationManagementService.getAllApplications).
 * Faults: `ismgmt.app-filter-unchecked` treats a filter it cannot read as none;
 * `ismgmt.app-search-ignores-filter` lists every application.
 */
export function searchApplications(ctx: SandboxContext, filterText: string | undefined): FoundClient[] {
  const all = ctx.store.isApplications.clients();
  if (filterText === undefined || filterText.trim() === '') return all;
  let filter: AttributeFilter & { attribute: Attribute };
  try {
    filter = parseApplicationFilter(filterText);
  } catch (e) {
    if (ctx.faults.has('ismgmt.app-filter-unchecked')) return all;
    throw e;
  }
  if (ctx.faults.has('ismgmt.app-search-ignores-filter')) return all;
  return all.filter((c) => filterMatches(filter, valueOf(c, filter.attribute)));
}
