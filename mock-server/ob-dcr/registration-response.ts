import type { SandboxContext } from '../context.ts';
import type { ClientRecord } from '../store/clients.ts';

/** The members of seed 004's sample responses, in their order (wso2-surface §6.4). */
const MEMBERS = [
  'redirect_uris', 'grant_types', 'response_types', 'application_type', 'id_token_signed_response_alg',
  'request_object_signing_alg', 'scope', 'software_id', 'token_endpoint_auth_method', 'software_statement',
] as const;

/**
 * The registration as the product answers POST (201), GET and PUT (200): client_id,
 * client_id_issued_at as a string of epoch seconds (WSO2-OBDCR-05), then the registered values;
 * tls_client_auth_subject_dn when registered. No client_secret (private_key_jwt / tls_client_auth).
 */
export function registrationResponse(ctx: SandboxContext, client: ClientRecord): Record<string, unknown> {
  // Fault ob-dcr.issued-at-milliseconds: the registration time in milliseconds (RFC 7591 §3.2.1 says seconds).
  const issuedAt = ctx.faults.has('ob-dcr.issued-at-milliseconds') ? client.createdAt : Math.floor(client.createdAt / 1000);
  const body: Record<string, unknown> = {
    client_id: client.clientId,
    client_id_issued_at: ctx.faults.has('ob-dcr.issued-at-number') ? issuedAt : String(issuedAt),
  };
  // A member the client did not register is undefined here, and the JSON answer leaves it out.
  for (const m of MEMBERS) body[m] = client.metadata[m];
  if (!ctx.faults.has('ob-dcr.response-omits-subject-dn')) body.tls_client_auth_subject_dn = client.metadata.tls_client_auth_subject_dn;
  return body;
}
