import type { FaultSwitch } from '../faults.ts';

/** TLS, mTLS and request hygiene (rules WSO2-TLS-*, WSO2-ERR-*). */
export const TRANSPORT_FAULTS = [
  {
    name: 'mtls.accept-missing-certificate',
    rules: ['WSO2-TLS-02'],
    description: 'mTLS-protected endpoints let a request without a client certificate through.',
  },
  {
    name: 'mtls.accept-untrusted-ca',
    rules: ['WSO2-TLS-03'],
    description: 'mTLS-protected endpoints accept a client certificate from a CA the sandbox does not trust.',
  },
  {
    name: 'mtls.unparsable-header-as-missing',
    rules: ['WSO2-TLS-04'],
    description: 'Behind a trusted proxy, a certificate header that does not parse is treated as no certificate ("Certificate not found in the request").',
  },
  {
    name: 'limits.no-body-limit',
    rules: ['WSO2-ERR-01'],
    description: 'No request body limit: an oversized body reaches the handlers instead of a 413.',
  },
  {
    name: 'errors.html-not-found',
    rules: ['WSO2-ERR-01'],
    description: 'Unknown routes answer with an HTML error page, as a bare servlet container does.',
  },
  {
    name: 'limits.unbounded-json',
    rules: ['JWT-14'],
    description: 'Client assertions are decoded without the depth bound, so a header nested thousands deep overflows the stack (500).',
  },
  {
    name: 'limits.naive-nesting-scan',
    rules: ['JWT-21'],
    description: 'The depth bound on client assertions counts brackets inside strings too, so a claim holding brackets is refused as nested too deep.',
  },
  {
    name: 'limits.no-lingering-close',
    rules: ['ERR-09'],
    description: 'A body refused as too large is not read on: the connection closes under a client still sending, which loses the answer.',
  },
  {
    name: 'limits.no-chunked-bodies',
    rules: ['TOK-27'],
    description: 'A request body sent with the chunked transfer coding is refused as too large, whatever its size.',
  },
] as const satisfies readonly FaultSwitch[];
