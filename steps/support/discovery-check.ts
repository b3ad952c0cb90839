/**
 * The harness's own discovery client rules. OIDC Discovery §4.3 / RFC 8414 §3.3: the issuer in
 * the document must be identical to the issuer the URL was built from; a client must not use a
 * mismatching document.
 */
export const OIDC_SUFFIX = '/.well-known/openid-configuration';
export const RFC8414_SEGMENT = '/.well-known/oauth-authorization-server';

/** The issuer a well-known URL stands for, in either form (suffix appended, or RFC 8414 inserted). */
export function issuerFromWellKnownUrl(url: string): string {
  const u = new URL(url);
  if (u.pathname.endsWith(OIDC_SUFFIX)) return `${u.origin}${u.pathname.slice(0, -OIDC_SUFFIX.length)}`;
  if (u.pathname.startsWith(RFC8414_SEGMENT)) return `${u.origin}${u.pathname.slice(RFC8414_SEGMENT.length)}`;
  if (u.pathname.endsWith(RFC8414_SEGMENT)) return `${u.origin}${u.pathname.slice(0, -RFC8414_SEGMENT.length)}`;
  throw new Error(`not a well-known metadata URL: ${url}`);
}

/** Problems with the document's issuer; empty when the harness may use the document. */
export function issuerProblems(fetchedFrom: string, doc: unknown): string[] {
  const issuer = (doc as { issuer?: unknown } | null)?.issuer;
  if (typeof issuer !== 'string') return ['issuer is missing or not a string'];
  const problems: string[] = [];
  let parsed: URL | undefined;
  try {
    parsed = new URL(issuer);
  } catch {
    problems.push(`issuer ${issuer} is not a URL`);
  }
  if (parsed) {
    if (parsed.protocol !== 'https:') problems.push(`issuer ${issuer} is not https`);
    if (parsed.search || issuer.includes('?')) problems.push(`issuer ${issuer} has a query`);
    if (parsed.hash || issuer.includes('#')) problems.push(`issuer ${issuer} has a fragment`);
  }
  const expected = issuerFromWellKnownUrl(fetchedFrom);
  if (issuer !== expected) problems.push(`issuer mismatch: document says ${issuer}, fetched for ${expected}`);
  return problems;
}
