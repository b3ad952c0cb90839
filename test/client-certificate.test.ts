import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate, createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { ensureTestPki, type TestPki } from '../pki/test-pki.ts';
import {
  clientCertificateOf,
  parseCertificateHeader,
  thumbprintS256,
  type CertificateSourceOptions,
} from '../mock-server/security/client-certificate.ts';

let pki: TestPki;
let caPem: string;
let tpp1Pem: string;
let untrustedPem: string;
let ca: X509Certificate;
let tpp1: X509Certificate;
let untrusted: X509Certificate;

before(async () => {
  pki = await ensureTestPki();
  caPem = readFileSync(pki.ca.cert, 'utf8');
  tpp1Pem = readFileSync(pki.tpp1.transportCert, 'utf8');
  untrustedPem = readFileSync(pki.untrusted.cert, 'utf8');
  ca = new X509Certificate(caPem);
  tpp1 = new X509Certificate(tpp1Pem);
  untrusted = new X509Certificate(untrustedPem);
});

const HEADER = 'x-wso2-mutual-auth-cert';
const opts = (over: Partial<CertificateSourceOptions> = {}): CertificateSourceOptions => ({
  trustProxyHeader: false,
  headerName: HEADER,
  trustedCas: [ca],
  nowMs: Date.now(),
  ...over,
});

/** A stand-in for a TLS socket: the peer certificate and Finished message of its last handshake. */
interface FakeSocket { peer: X509Certificate | undefined; finished: Buffer | undefined; parsed: number }
function fakeSocket(peer: X509Certificate | undefined): FakeSocket & { getPeerX509Certificate(): X509Certificate | undefined; getPeerFinished(): Buffer | undefined } {
  return {
    peer,
    finished: peer ? Buffer.from(`handshake of ${peer.fingerprint256}`) : undefined,
    parsed: 0,
    getPeerX509Certificate() {
      this.parsed++;
      return this.peer;
    },
    getPeerFinished() {
      return this.finished;
    },
  };
}

/** A stand-in for an IncomingMessage on a TLS socket presenting `peer`. */
function tlsIncoming(peer: X509Certificate | undefined, socket = fakeSocket(peer)): IncomingMessage {
  return { socket } as unknown as IncomingMessage;
}

/** The base64 body of a PEM certificate. */
const pemBody = (pem: string) => pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');

describe('parseCertificateHeader', () => {
  test('a PEM certificate', () => {
    assert.ok(parseCertificateHeader(tpp1Pem).raw.equals(tpp1.raw));
  });

  test('a URL-encoded PEM (as a TLS-terminating proxy forwards it)', () => {
    const encoded = encodeURIComponent(tpp1Pem);
    assert.match(encoded, /%0A/);
    assert.ok(parseCertificateHeader(encoded).raw.equals(tpp1.raw));
  });

  test('a PEM folded onto one line with spaces for newlines', () => {
    const oneLine = tpp1Pem.trim().split('\n').join(' ');
    assert.ok(!oneLine.includes('\n'));
    assert.ok(parseCertificateHeader(oneLine).raw.equals(tpp1.raw));
  });

  test('a PEM with CRLF line ends and surrounding whitespace', () => {
    assert.ok(parseCertificateHeader(`  ${tpp1Pem.replace(/\n/g, '\r\n')}  `).raw.equals(tpp1.raw));
  });

  test('bare base64 DER, with or without line breaks', () => {
    const b64 = tpp1.raw.toString('base64');
    assert.ok(parseCertificateHeader(b64).raw.equals(tpp1.raw));
    assert.ok(parseCertificateHeader(pemBody(tpp1Pem)).raw.equals(tpp1.raw));
    assert.ok(parseCertificateHeader(b64.replace(/(.{64})/g, '$1\n')).raw.equals(tpp1.raw));
  });

  test('garbage throws', () => {
    for (const bad of [
      'not a certificate!',
      'AAAA',
      '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----',
      '-----BEGIN CERTIFICATE----- garbage -----END CERTIFICATE-----',
      '%ZZ%',
    ]) {
      assert.throws(() => parseCertificateHeader(bad), Error, JSON.stringify(bad));
    }
  });
});

/** Why a certificate is not trusted at `nowMs` (undefined: trusted), as a trusted proxy's header presents it. */
function checkTrust(cert: X509Certificate, cas: readonly X509Certificate[], nowMs: number): string | undefined {
  const result = clientCertificateOf(undefined, new Headers({ 'x-client-cert': cert.raw.toString('base64') }), { trustProxyHeader: true, headerName: 'x-client-cert', trustedCas: cas, nowMs });
  assert.equal(result.kind, 'present');
  return result.kind === 'present' ? result.cert.reason : 'absent';
}

describe('certificate trust (one level to a trusted CA, in date)', () => {
  test('tpp1 transport certificate is trusted by the test CA', () => {
    assert.equal(checkTrust(tpp1, [ca], Date.now()), undefined);
  });

  test('the other TPP and the server certificate also chain to the CA', () => {
    const tpp2 = new X509Certificate(readFileSync(pki.tpp2.transportCert));
    assert.equal(checkTrust(tpp2, [ca], Date.now()), undefined);
    const server = new X509Certificate(readFileSync(pki.server.cert));
    assert.equal(checkTrust(server, [ca], Date.now()), undefined);
  });

  test('a certificate from the untrusted CA is not trusted', () => {
    assert.equal(checkTrust(untrusted, [ca], Date.now()), 'certificate is not issued by a trusted certificate authority');
  });

  test('no trusted CAs: nothing is trusted', () => {
    assert.equal(checkTrust(tpp1, [], Date.now()), 'certificate is not issued by a trusted certificate authority');
  });

  test('the untrusted certificate is trusted once its own CA is', () => {
    const otherCa = new X509Certificate(readFileSync(pki.untrusted.ca));
    assert.equal(checkTrust(untrusted, [ca, otherCa], Date.now()), undefined);
    assert.equal(checkTrust(tpp1, [otherCa], Date.now()), 'certificate is not issued by a trusted certificate authority');
  });

  test('expired: a time after notAfter', () => {
    const later = Date.parse(tpp1.validTo) + 86_400_000;
    assert.equal(checkTrust(tpp1, [ca], later), 'certificate has expired');
    assert.equal(checkTrust(tpp1, [ca], Date.now() + 100 * 365 * 86_400_000), 'certificate has expired');
  });

  test('not yet valid: a time before notBefore', () => {
    const earlier = Date.parse(tpp1.validFrom) - 86_400_000;
    assert.equal(checkTrust(tpp1, [ca], earlier), 'certificate is not yet valid');
  });

  test('the issuer check comes before the validity check', () => {
    const later = Date.parse(untrusted.validTo) + 86_400_000;
    assert.equal(checkTrust(untrusted, [ca], later), 'certificate is not issued by a trusted certificate authority');
  });
});

describe('thumbprintS256', () => {
  test('is the base64url SHA-256 of the DER certificate (RFC 8705 §3.1)', () => {
    const expected = createHash('sha256').update(tpp1.raw).digest('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    assert.equal(thumbprintS256(tpp1.raw), expected);
    assert.match(thumbprintS256(tpp1.raw), /^[A-Za-z0-9_-]{43}$/);
  });

  test('matches the x5t#S256 the test PKI publishes for its signing certificate', () => {
    const signing = new X509Certificate(readFileSync(pki.tpp1.signingCert));
    const jwks = JSON.parse(readFileSync(pki.tpp1.signingJwks, 'utf8')) as { keys: { 'x5t#S256': string }[] };
    assert.equal(thumbprintS256(signing.raw), jwks.keys[0]!['x5t#S256']);
  });
});

describe('clientCertificateOf', () => {
  test('no incoming message (app.request) → none', () => {
    assert.deepEqual(clientCertificateOf(undefined, new Headers(), opts()), { kind: 'none' });
  });

  test('a plain (non-TLS) socket → none', () => {
    const incoming = { socket: {} } as unknown as IncomingMessage;
    assert.deepEqual(clientCertificateOf(incoming, new Headers(), opts()), { kind: 'none' });
  });

  test('a TLS socket without a peer certificate → none', () => {
    assert.deepEqual(clientCertificateOf(tlsIncoming(undefined), new Headers(), opts()), { kind: 'none' });
  });

  test('a TLS peer certificate → present, from tls, with subject and thumbprint', () => {
    const r = clientCertificateOf(tlsIncoming(tpp1), new Headers(), opts());
    assert.equal(r.kind, 'present');
    if (r.kind !== 'present') return;
    assert.equal(r.cert.source, 'tls');
    assert.equal(r.cert.trusted, true);
    assert.equal(r.cert.reason, undefined);
    assert.ok(!('reason' in r.cert), 'no reason member when trusted');
    assert.equal(r.cert.subject, tpp1.subject);
    assert.match(r.cert.subject, new RegExp(`CN=${pki.tpp1.softwareId}`));
    assert.equal(r.cert.x5tS256, thumbprintS256(tpp1.raw));
  });

  test('an untrusted TLS peer certificate → present but not trusted, with the reason', () => {
    const r = clientCertificateOf(tlsIncoming(untrusted), new Headers(), opts());
    assert.equal(r.kind, 'present');
    if (r.kind !== 'present') return;
    assert.equal(r.cert.trusted, false);
    assert.equal(r.cert.reason, 'certificate is not issued by a trusted certificate authority');
  });

  test('an expired TLS peer certificate (nowMs in the future)', () => {
    const r = clientCertificateOf(tlsIncoming(tpp1), new Headers(), opts({ nowMs: Date.parse(tpp1.validTo) + 1000 }));
    assert.equal(r.kind === 'present' && r.cert.reason, 'certificate has expired');
  });

  test('the header is ignored unless trustProxyHeader is set', () => {
    const headers = new Headers({ [HEADER]: encodeURIComponent(tpp1Pem) });
    assert.deepEqual(clientCertificateOf(undefined, headers, opts()), { kind: 'none' });
    // Even garbage is ignored: the header is not read at all.
    assert.deepEqual(clientCertificateOf(undefined, new Headers({ [HEADER]: 'garbage' }), opts()), { kind: 'none' });
    // And the TLS certificate is what counts.
    const r = clientCertificateOf(tlsIncoming(untrusted), headers, opts());
    assert.equal(r.kind === 'present' && r.cert.source, 'tls');
    assert.equal(r.kind === 'present' && r.cert.trusted, false);
  });

  test('the header is parsed when the proxy is trusted', () => {
    const headers = new Headers({ [HEADER]: encodeURIComponent(tpp1Pem) });
    const r = clientCertificateOf(undefined, headers, opts({ trustProxyHeader: true }));
    assert.equal(r.kind, 'present');
    if (r.kind !== 'present') return;
    assert.equal(r.cert.source, 'header');
    assert.equal(r.cert.trusted, true);
    assert.equal(r.cert.x5tS256, thumbprintS256(tpp1.raw));
  });

  test('the header name is configurable and case-insensitive', () => {
    const headers = new Headers({ 'X-SSL-Client-Cert': tpp1Pem.trim().split('\n').join(' ') });
    const r = clientCertificateOf(undefined, headers, opts({ trustProxyHeader: true, headerName: 'x-ssl-client-cert' }));
    assert.equal(r.kind === 'present' && r.cert.source, 'header');
  });

  test('an untrusted certificate in the header is present but not trusted', () => {
    const headers = new Headers({ [HEADER]: encodeURIComponent(untrustedPem) });
    const r = clientCertificateOf(undefined, headers, opts({ trustProxyHeader: true }));
    assert.equal(r.kind === 'present' && r.cert.reason, 'certificate is not issued by a trusted certificate authority');
  });

  test('an unparsable header → unparsable with the product message', () => {
    const headers = new Headers({ [HEADER]: 'definitely not a certificate' });
    assert.deepEqual(clientCertificateOf(undefined, headers, opts({ trustProxyHeader: true })), {
      kind: 'unparsable',
      reason: 'Error parsing the certificate from the header',
    });
  });

  test('with a trusted proxy but no header, the TLS certificate is used', () => {
    const r = clientCertificateOf(tlsIncoming(tpp1), new Headers(), opts({ trustProxyHeader: true }));
    assert.equal(r.kind === 'present' && r.cert.source, 'tls');
  });

  test('a connection\'s certificate is parsed once, and again after a renegotiation with another', () => {
    const socket = fakeSocket(tpp1);
    const sandboxCas = opts(); // one sandbox: the same trusted CAs on every request
    for (let i = 0; i < 3; i++) {
      const r = clientCertificateOf(tlsIncoming(tpp1, socket), new Headers(), sandboxCas);
      assert.equal(r.kind === 'present' && r.cert.x5tS256, thumbprintS256(tpp1.raw), 'the first certificate');
    }
    assert.equal(socket.parsed, 1, 'parsed once for three requests');
    // A TLS 1.2 renegotiation: a new handshake (new Finished message) with another certificate.
    socket.peer = untrusted;
    socket.finished = Buffer.from('the renegotiation handshake');
    const r = clientCertificateOf(tlsIncoming(untrusted, socket), new Headers(), sandboxCas);
    assert.equal(r.kind === 'present' && r.cert.x5tS256, thumbprintS256(untrusted.raw), 'the renegotiated certificate');
    assert.equal(r.kind === 'present' && r.cert.trusted, false, 'judged afresh');
  });

  test('the header wins over the TLS certificate when the proxy is trusted', () => {
    const headers = new Headers({ [HEADER]: tpp1Pem.trim().split('\n').join(' ') });
    const r = clientCertificateOf(tlsIncoming(untrusted), headers, opts({ trustProxyHeader: true }));
    assert.equal(r.kind === 'present' && r.cert.source, 'header');
    assert.equal(r.kind === 'present' && r.cert.trusted, true);
  });
});
