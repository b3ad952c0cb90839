/**
 * The `filter` parameter of the Identity Server management APIs: one `<attribute> <operator>
 * <value>` clause (identity-api-server ServerApplicationManagementService, the API resource
 * manager's FilterQueryBuilder, charon's SCIM filter). The connectors send it with spaces or
 * `+` (FS IdentityServerUtils: `?filter=clientId+eq+<id>`), which the query decoding turns into
 * spaces. Each API answers a malformed or unsupported filter with its own error.
 */
export interface AttributeFilter {
  attribute: string;
  /** Lower-case: `eq`, `sw`, `ew`, `co`. */
  operator: string;
  value: string;
}

/** The clause, or undefined when the text is not `<attribute> <operator> <value>`. */
export function parseAttributeFilter(text: string): AttributeFilter | undefined {
  const m = /^\s*(\S+)\s+(\S+)\s+(\S.*?)\s*$/.exec(text);
  if (!m) return undefined;
  let value = m[3]!;
  // SCIM (RFC 7644 §3.4.2.2) quotes string values; the IS REST APIs take them bare.
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
  return { attribute: m[1]!, operator: m[2]!.toLowerCase(), value };
}

const OPERATORS: Record<string, (actual: string, wanted: string) => boolean> = {
  eq: (a, w) => a === w,
  sw: (a, w) => a.startsWith(w),
  ew: (a, w) => a.endsWith(w),
  co: (a, w) => a.includes(w),
};

export function isFilterOperator(operator: string): boolean {
  return Object.hasOwn(OPERATORS, operator);
}

/** Whether `actual` satisfies the clause's operator and value (operator checked beforehand). */
export function filterMatches(filter: AttributeFilter, actual: string | null | undefined): boolean {
  const op = OPERATORS[filter.operator];
  return op !== undefined && actual !== null && actual !== undefined && op(actual, filter.value);
}
