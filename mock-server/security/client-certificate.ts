import { X509Certificate, createHash } from 'node:crypto';
import type { TLSSocket } from 'node:tls';
import type { IncomingMessage } from 'node:http';

/** A client certificate presented to the sandbox, with the facts endpoints decide on. */
export interface ClientCertificate {
  source: 'tls' | 'header';
  certificate: X509Certificate;
  /** Subject DN as Node prints it, one RDN per line ("C=GB\nO=...\nOU=...\nCN=..."). */
  subject: string;
  /** RFC 8705 §3.1: base64url SHA-256 of the DER certificate, the `cnf.x5t#S256` value. */
  x5tS256: string;
  /** Chains to a CA the sandbox trusts and is within its validity period. */
  trusted: boolean;
  /** Why it is not trusted. */
  reason?: string;
}

export type CertificateResult =
  | { kind: 'none' }
  | { kind: 'unparsable'; reason: string }
  | { kind: 'present'; cert: ClientCertificate };

export interface CertificateSourceOptions {
  trustProxyHeader: boolean;
  headerName: string;
  trustedCas: readonly X509Certificate[];
  nowMs: number;
  /** Fault switch only: dates are not checked. */
  ignoreValidity?: boolean;
}

export function thumbprintS256(der: Buffer): string {
  return createHash('sha256').update(der).digest('base64url');
}

/** One level, as the test PKI issues: the certificate is signed by one of the trusted CAs. */
function issuedByTrustedCa(cert: X509Certificate, cas: readonly X509Certificate[]): boolean {
  return cas.some((ca) => cert.checkIssued(ca) && cert.verify(ca.publicKey));
}

function validityProblem(cert: X509Certificate, nowMs: number): string | undefined {
  if (Date.parse(cert.validFrom) > nowMs) return 'certificate is not yet valid';
  if (Date.parse(cert.validTo) < nowMs) return 'certificate has expired';
  return undefined;
}

const NOT_TRUSTED = 'certificate is not issued by a trusted certificate authority';

/** What does not change while a certificate is presented: its thumbprint and who issued it. */
interface CertificateFacts {
  cert: X509Certificate;
  cas: readonly X509Certificate[];
  x5tS256: string;
  issuedByTrustedCa: boolean;
}

function factsOf(cert: X509Certificate, cas: readonly X509Certificate[]): CertificateFacts {
  return { cert, cas, x5tS256: thumbprintS256(cert.raw), issuedByTrustedCa: issuedByTrustedCa(cert, cas) };
}

function describe(facts: CertificateFacts, source: ClientCertificate['source'], nowMs: number | undefined): ClientCertificate {
  // nowMs is undefined only under fault token.accept-out-of-date-certificate (ignoreValidity).
  // Stryker disable next-line ConditionalExpression: with every switch off nowMs is always given.
  const validity = nowMs === undefined ? undefined : validityProblem(facts.cert, nowMs);
  const reason = facts.issuedByTrustedCa ? validity : NOT_TRUSTED;
  return {
    source,
    certificate: facts.cert,
    subject: facts.cert.subject,
    x5tS256: facts.x5tS256,
    trusted: reason === undefined,
    ...(reason ? { reason } : {}),
  };
}

/**
 * Per connection: the peer certificate is parsed, thumbprinted and checked against the CAs once,
 * not once per request. The cache is keyed by the peer's TLS Finished message, which every
 * handshake changes, so a TLS 1.2 renegotiation with another certificate is seen; validity
 * dates are checked on every request.
 */
const peerFacts = new WeakMap<TLSSocket, CertificateFacts & { finished: Buffer | undefined }>();

function peerFactsOf(socket: TLSSocket, cas: readonly X509Certificate[]): CertificateFacts | undefined {
  const finished = socket.getPeerFinished();
  const cached = peerFacts.get(socket);
  // Stryker disable next-line ConditionalExpression,EqualityOperator,OptionalChaining: a cache: a socket belongs to one sandbox (one CA list) and has finished its handshake before a request, and facts computed again are the same.
  if (cached && cached.cas === cas && finished !== undefined && cached.finished?.equals(finished)) return cached;
  const peer = socket.getPeerX509Certificate();
  if (!peer) {
    peerFacts.delete(socket);
    return undefined;
  }
  const facts = { ...factsOf(peer, cas), finished };
  peerFacts.set(socket, facts);
  return facts;
}

/**
 * Parse the value of `x-wso2-mutual-auth-cert` as the gateway's MTLSEnforcementUtils.parseCertificate
 * does: URL-decoded when encoded (here: when it holds a %XX escape), the PEM armour stripped and
 * the rest read as base64 DER. So a PEM, one folded onto one line, and bare base64 DER all parse.
 */
export function parseCertificateHeader(value: string): X509Certificate {
  const text = /%[0-9A-Fa-f]{2}/.test(value) ? decodeURIComponent(value) : value;
  // Stryker disable next-line Regex: a global replace of each white-space character removes the runs alike.
  const base64 = text.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
  return new X509Certificate(Buffer.from(base64, 'base64'));
}

/**
 * The client certificate of a request: from the TLS socket, or, only when the sandbox is
 * configured as behind a trusted proxy, from the proxy's header (WSO2 IS
 * `[oauth.mutualtls] client_certificate_header`).
 */
export function clientCertificateOf(
  incoming: IncomingMessage | undefined,
  headers: Headers,
  opts: CertificateSourceOptions,
): CertificateResult {
  if (opts.trustProxyHeader) {
    const value = headers.get(opts.headerName);
    if (value) {
      try {
        // Stryker disable next-line StringLiteral: the source is read by test/client-certificate.test.ts only, never answered.
        return { kind: 'present', cert: describe(factsOf(parseCertificateHeader(value), opts.trustedCas), 'header', opts.ignoreValidity ? undefined : opts.nowMs) };
      } catch {
        return { kind: 'unparsable', reason: 'Error parsing the certificate from the header' };
      }
    }
  }
  const socket = incoming?.socket as TLSSocket | undefined;
  if (!socket || typeof socket.getPeerX509Certificate !== 'function') return { kind: 'none' };
  const facts = peerFactsOf(socket, opts.trustedCas);
  if (!facts) return { kind: 'none' };
  // Stryker disable next-line StringLiteral: the source is read by test/client-certificate.test.ts only, never answered.
  return { kind: 'present', cert: describe(facts, 'tls', opts.ignoreValidity ? undefined : opts.nowMs) };
}
