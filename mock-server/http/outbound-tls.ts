import { rootCertificates } from 'node:tls';
import type { SandboxContext } from '../context.ts';
import type { FaultName } from '../faults.ts';

/**
 * The TLS of the sandbox's own outbound calls (a key manager, a well-known URL, a software's key
 * set): the public roots and the CAs this sandbox trusts (a bank's private CA, or the test CA), the
 * peer's certificate verified (RFC 9110 §4.3.4). `unverifiedFault` names the switch that turns the
 * verification off for that caller.
 */
export function outboundTls(ctx: SandboxContext, unverifiedFault: FaultName): { ca: string[]; rejectUnauthorized: boolean } {
  return { ca: [...rootCertificates, ...ctx.trustedCas.map((c) => c.toString())], rejectUnauthorized: !ctx.faults.has(unverifiedFault) };
}
