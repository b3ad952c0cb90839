/** The response types of the authorization endpoint: the code flow and the hybrid flow (OIDC Core §3.3). */
export type ResponseType = 'code' | 'code id_token';

/** RFC 6749 §3.1.1: response_type is a set of space-delimited values whose order does not matter. */
export function normalizeResponseType(value: string | undefined): ResponseType | undefined {
  if (value === undefined) return undefined;
  const set = [...new Set(value.split(' ').filter(Boolean))].sort().join(' ');
  return set === 'code' ? 'code' : set === 'code id_token' ? 'code id_token' : undefined;
}
