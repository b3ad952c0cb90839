import type { ClientCertificate } from './client-certificate.ts';
import type { ClientRecord } from '../store/clients.ts';

/**
 * The Open Banking transport certificate profile names the TPP's organisation in the subject's
 * OU (`OU=<org_id>`, UK OB and CDR). A certificate belongs to an organisation when one of its OU
 * values is that organisation id.
 */
export function certificateOrganisations(cert: ClientCertificate): string[] {
  return cert.subject.split('\n').filter((l) => l.startsWith('OU=')).map((l) => l.slice(3));
}

export function belongsToOrganisation(cert: ClientCertificate, orgId: string | undefined): boolean {
  return orgId !== undefined && certificateOrganisations(cert).includes(orgId);
}

/** The organisation an Open Banking DCR client registered with (the SSA's org_id), if any. */
export function clientOrganisation(client: ClientRecord): string | undefined {
  const org = client.metadata.org_id;
  return typeof org === 'string' && org !== '' ? org : undefined;
}

/**
 * WSO2-TOK-08: a certificate presented for an Open Banking client is one of its organisation's.
 * Clients without an organisation (IS DCR) are not constrained here; tls_client_auth ties them to
 * their registered subject DN instead (RFC 8705 §2.1.2).
 */
export function certificateFitsClient(cert: ClientCertificate, client: ClientRecord): boolean {
  const org = clientOrganisation(client);
  return org === undefined || belongsToOrganisation(cert, org);
}
