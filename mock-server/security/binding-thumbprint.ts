import type { SandboxContext } from '../context.ts';
import { thumbprintS256, type ClientCertificate } from './client-certificate.ts';

/**
 * RFC 8705 §3.1 (CNF-08): the `cnf.x5t#S256` of a client certificate is the SHA-256 of its whole
 * DER encoding, so another certificate for the same key never matches. Used both when a token is
 * bound and when a bound token is presented. The fault `token.cnf-over-public-key` hashes the
 * public key (SPKI) instead, the mistake this rule exists to catch.
 */
export function bindingThumbprintOf(ctx: SandboxContext, cert: ClientCertificate): string {
  if (ctx.faults.has('token.cnf-over-public-key')) {
    return thumbprintS256(cert.certificate.publicKey.export({ format: 'der', type: 'spki' }));
  }
  return cert.x5tS256;
}
