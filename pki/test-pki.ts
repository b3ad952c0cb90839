// Test PKI for the conformance harness and the mock sandbox. TEST ONLY: every key
// here is generated locally, unprotected and must never be trusted by a real system.
//
// Layout of <dir> (default <repo>/certs):
//   ca.pem/ca.key                      trusted test CA
//   server.pem/server.key              sandbox TLS server (localhost, 127.0.0.1, ::1)
//   tppN-transport.pem/.key            MTLS client certs (RFC 8705 §2 tls_client_auth)
//   tpp1-transport-reissued.pem        tpp1's transport key re-certified (same subject and key,
//                                      other serial and DER) for RFC 8705 §3.1 (CNF-08)
//   tpp1-transport-expired.pem         tpp1's subject and key, validity ended (RFC 5280 §6.1.3)
//   tpp1-transport-not-yet-valid.pem   tpp1's subject and key, validity starting in five years
//   tpp1-transport-other-org.pem/.key  tpp1's CN under another organisation (O, OU), own key
//   tpp1-transport-forged-issuer.pem   tpp1's subject and key, naming the trusted CA as issuer (and
//                                      its key identifier) but signed by the untrusted CA's key
//   tppN-signing.pem/.key              PS256 signing key (request objects, DCR JWTs)
//   tppN-signing.jwks.json             public JWKS (kid = RFC 7638 thumbprint)
//   tppN-signing.private.jwk.json      private JWK (gitignored by name)
//   untrusted-ca.pem/.key, untrusted-transport.pem/.key   CA the sandbox does not trust
//   directory-signing.*                SSA issuer ("OpenBanking Ltd") PS256 key
//   manifest.json                      written last; paths relative to <dir>
//
// Concurrency (parallel test workers): generation runs under an exclusive lock file
// (<dir>/.lock, O_EXCL create; stale locks of dead pids or older than LOCK_STALE_MS are
// broken). Whoever holds the lock re-checks the manifest, so late arrivals reuse the
// first writer's PKI. Files are generated into <dir>/.tmp-<pid>-XXXXXX, the old
// manifest is removed, files are renamed in, and manifest.json is renamed in last
// (rename(2) is atomic), so a crash never leaves a manifest naming missing files.
// A PKI generated before a file was added to the layout is upgraded in place under the same
// lock (the new file renamed in, then the manifest), so files already in use stay valid.

// tsyringe (used by @peculiar/x509) needs a Reflect metadata polyfill loaded first.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { calculateJwkThumbprint, exportJWK } from 'jose';
import type { JWK } from 'jose';
import { createHash, randomBytes, X509Certificate as NodeX509 } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface TppIdentity {
  name: 'tpp1' | 'tpp2';
  softwareId: string;
  orgId: string;
  orgName: string;
  /** absolute file paths (PEM) */
  transportCert: string;
  transportKey: string;
  /** RFC 4514 string of the transport cert subject (see subjectDnOf) */
  subjectDn: string;
  /** PEM paths, RSA key for PS256 */
  signingCert: string;
  signingKey: string;
  /** RFC 7638 JWK thumbprint (SHA-256) of the signing public key */
  signingKid: string;
  /** public JWKS JSON {keys:[{kty,n,e,kid,use:"sig",alg:"PS256",x5c,"x5t#S256"}]} */
  signingJwks: string;
  /** private JWK JSON (kid, alg PS256, use sig); name ends with .private.jwk.json */
  signingPrivateJwk: string;
}

export interface TestPki {
  dir: string;
  ca: { cert: string; key: string };
  server: { cert: string; key: string };
  tpp1: TppIdentity;
  tpp2: TppIdentity;
  untrusted: { ca: string; caKey: string; cert: string; key: string; subjectDn: string };
  directory: { key: string; cert: string; kid: string; jwks: string; privateJwk: string; issuer: string };
  /**
   * tpp1's transport key under a second certificate from the same CA: same subject and public
   * key, another serial, so another DER and another RFC 8705 §3.1 thumbprint (CNF-08).
   * `key` is tpp1's transport key file.
   */
  tpp1Reissued: { cert: string; key: string };
  /** tpp1's subject and transport key, from the trusted CA, no longer valid. `key`: tpp1's. */
  tpp1Expired: { cert: string; key: string };
  /** tpp1's subject and transport key, from the trusted CA, valid only from five years on. */
  tpp1NotYetValid: { cert: string; key: string };
  /** From the trusted CA, in date: tpp1's CN (software ID) under another O and OU, another key. */
  tpp1OtherOrg: { cert: string; key: string; subjectDn: string };
  /**
   * tpp1's subject and transport key in date, naming the trusted CA as issuer, with the trusted
   * CA's key identifier, but signed by the untrusted CA's key: only the signature tells it apart
   * (RFC 5280 §6.1.3 (a)(1)). `key`: tpp1's.
   */
  tpp1ForgedIssuer: { cert: string; key: string };
}

/** Files added to the layout after the first version: a PKI made before one lacks it. */
const ADDED = ['tpp1Reissued', 'tpp1Expired', 'tpp1NotYetValid', 'tpp1OtherOrg', 'tpp1ForgedIssuer'] as const;
type Added = (typeof ADDED)[number];

/** A manifest written before a file of ADDED existed lacks it; ensureTestPki adds it. */
type StoredPki = Omit<TestPki, Added> & Partial<Pick<TestPki, Added>>;

export const DEFAULT_PKI_DIR = fileURLToPath(new URL('../certs', import.meta.url));
const MANIFEST = 'manifest.json';
const MISSING = 'test PKI missing: run npm run certs';
const LOCK_STALE_MS = 120_000;
const LOCK_WAIT_MS = 180_000;
const DAY = 86_400_000;

const RSA: RsaHashedKeyGenParams = {
  name: 'RSASSA-PKCS1-v1_5',
  hash: 'SHA-256',
  modulusLength: 2048,
  publicExponent: new Uint8Array([1, 0, 1]),
};

x509.cryptoProvider.set(globalThis.crypto);

export function readPem(p: string): string {
  return fs.readFileSync(p, 'utf8');
}

// ---------------------------------------------------------------- subject DNs

// RFC 4514 §2.4 escaping of an attribute value.
function escapeDnValue(v: string): string {
  let s = v.replace(/["+,;<>\\]/g, (c) => `\\${c}`).replace(/\0/g, '\\00');
  if (s.startsWith('#') || s.startsWith(' ')) s = `\\${s}`;
  if (s.length > 1 && s.endsWith(' ') && !s.endsWith('\\ ')) s = `${s.slice(0, -1)}\\ `;
  return s;
}

/**
 * RFC 4514 string of a DN: RDNs in reverse ASN.1 order (CN first for conventional
 * certs), "," without spaces, multi-valued RDNs joined by "+". Attribute types use
 * @peculiar/x509 short names (CN, OU, O, C, L, ST, DC, ...).
 * Note: @peculiar/x509's own `cert.subject` is NOT RFC 4514 (ASN.1 order, ", ").
 */
export function formatDn(name: x509.JsonName): string {
  return [...name]
    .reverse()
    .map((rdn) =>
      Object.entries(rdn)
        .flatMap(([type, values]) => values.map((v) => `${type}=${escapeDnValue(v)}`))
        .join('+'),
    )
    .join(',');
}

/** RFC 4514 subject DN of a certificate given as PEM, DER (e.g. getPeerCertificate().raw) or parsed. */
export function subjectDnOf(cert: string | Uint8Array | ArrayBuffer | x509.X509Certificate): string {
  const c =
    cert instanceof x509.X509Certificate
      ? cert
      : new x509.X509Certificate(typeof cert === 'string' ? cert : Uint8Array.from(cert instanceof ArrayBuffer ? new Uint8Array(cert) : cert));
  return formatDn(c.subjectName.toJSON());
}

/** ASN.1-order name for an OB-style subject: C, O, OU, CN (prints as CN=..,OU=..,O=..,C=GB). */
function obName(cn: string, ou: string, o: string): x509.JsonName {
  return [{ C: ['GB'] }, { O: [o] }, { OU: [ou] }, { CN: [cn] }];
}

// ---------------------------------------------------------------- generation

interface Issuer {
  name: x509.JsonName;
  keys: CryptoKeyPair;
}

interface IssueParams {
  subject: x509.JsonName;
  keys: CryptoKeyPair;
  issuer?: Issuer; // absent: self-signed
  ca?: boolean;
  keyUsage: x509.KeyUsageFlags;
  eku?: string[];
  san?: x509.JsonGeneralNames;
  days: number;
  /** Days from now the validity starts: -1 (yesterday) unless set. */
  startDays?: number;
}

function randomSerial(): string {
  const b = randomBytes(16);
  b[0] = ((b[0] ?? 0) & 0x7f) | 0x40; // positive, no leading zero octet (RFC 5280 §4.1.2.2)
  return b.toString('hex');
}

async function issue(p: IssueParams): Promise<x509.X509Certificate> {
  const issuer = p.issuer ?? { name: p.subject, keys: p.keys };
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(p.ca ?? false, undefined, true),
    new x509.KeyUsagesExtension(p.keyUsage, true),
    await x509.SubjectKeyIdentifierExtension.create(p.keys.publicKey),
    await x509.AuthorityKeyIdentifierExtension.create(issuer.keys.publicKey),
  ];
  if (p.eku) extensions.push(new x509.ExtendedKeyUsageExtension(p.eku, false));
  if (p.san) extensions.push(new x509.SubjectAlternativeNameExtension(p.san, false));
  const now = Date.now();
  return x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: p.subject,
    issuer: issuer.name,
    notBefore: new Date(now + (p.startDays ?? -1) * DAY),
    notAfter: new Date(now + p.days * DAY),
    publicKey: p.keys.publicKey,
    signingKey: issuer.keys.privateKey,
    signingAlgorithm: RSA,
    extensions,
  });
}

function pem(der: ArrayBuffer, label: string): string {
  const b64 = Buffer.from(der).toString('base64');
  return `-----BEGIN ${label}-----\n${b64.match(/.{1,64}/g)?.join('\n') ?? ''}\n-----END ${label}-----\n`;
}

async function privateKeyPem(key: CryptoKey): Promise<string> {
  return pem(await globalThis.crypto.subtle.exportKey('pkcs8', key), 'PRIVATE KEY');
}

interface SigningJwks {
  kid: string;
  publicJwks: { keys: JWK[] };
  privateJwk: JWK;
}

// Public JWK {kty,n,e} + kid (RFC 7638 SHA-256 thumbprint), x5c (RFC 7517 §4.7) and x5t#S256.
async function signingJwks(keys: CryptoKeyPair, cert: x509.X509Certificate, chain: x509.X509Certificate[]): Promise<SigningJwks> {
  const pub = await exportJWK(keys.publicKey);
  const { kty, n, e } = pub;
  const kid = await calculateJwkThumbprint({ kty, n, e }, 'sha256');
  const der = Buffer.from(cert.rawData);
  const publicJwk: JWK = {
    kty,
    n,
    e,
    kid,
    use: 'sig',
    alg: 'PS256',
    x5c: [cert, ...chain].map((c) => Buffer.from(c.rawData).toString('base64')),
    'x5t#S256': createHash('sha256').update(der).digest('base64url'),
  };
  const priv = await exportJWK(keys.privateKey);
  const privateJwk: JWK = {
    kty: priv.kty,
    n: priv.n,
    e: priv.e,
    d: priv.d,
    p: priv.p,
    q: priv.q,
    dp: priv.dp,
    dq: priv.dq,
    qi: priv.qi,
    kid,
    use: 'sig',
    alg: 'PS256',
  };
  return { kid, publicJwks: { keys: [publicJwk] }, privateJwk };
}

const LEAF_USAGE = x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment;
const REISSUED_CERT = 'tpp1-transport-reissued.pem';
const EXPIRED_CERT = 'tpp1-transport-expired.pem';
const NOT_YET_VALID_CERT = 'tpp1-transport-not-yet-valid.pem';
const OTHER_ORG_CERT = 'tpp1-transport-other-org.pem';
const OTHER_ORG_KEY = 'tpp1-transport-other-org.key';
const FORGED_ISSUER_CERT = 'tpp1-transport-forged-issuer.pem';
/** The organisation of tpp1OtherOrg: not a TPP of the test directory. */
const OTHER_ORG = { orgId: '0015800001OTHERORGA', orgName: 'Fabrikam Payments Ltd' };
/** When tpp1NotYetValid starts being valid; usable() regenerates it well before. */
const NOT_YET_VALID_IN_DAYS = 5 * 365;

/** An MTLS client (transport) certificate; a fresh random serial every time. */
function issueTransport(subject: x509.JsonName, keys: CryptoKeyPair, ca: Issuer, validity?: { startDays: number; days: number }): Promise<x509.X509Certificate> {
  return issue({ subject, keys, issuer: ca, keyUsage: LEAF_USAGE, eku: [x509.ExtendedKeyUsage.clientAuth], days: 2 * 365, ...validity });
}

/**
 * The files of ADDED that `stored` lacks, issued by the trusted CA for tpp1's transport key (only
 * its public half is needed to certify it), as file name → PEM, and the manifest entries.
 */
async function addedFiles(stored: StoredPki, ca: Issuer, dir: string): Promise<{ files: Map<string, { data: string; secret: boolean }>; entries: Partial<Pick<TestPki, Added>> }> {
  const files = new Map<string, { data: string; secret: boolean }>();
  const entries: Partial<Pick<TestPki, Added>> = {};
  const tpp1Cert = new x509.X509Certificate(readPem(stored.tpp1.transportCert));
  const subject = tpp1Cert.subjectName.toJSON();
  const tpp1Public = await tpp1Cert.publicKey.export();
  const tpp1Keys = { publicKey: tpp1Public, privateKey: tpp1Public };
  const tpp1Key = path.relative(dir, stored.tpp1.transportKey);
  if (!stored.tpp1Reissued) {
    files.set(REISSUED_CERT, { data: (await issueTransport(subject, tpp1Keys, ca)).toString('pem'), secret: false });
    entries.tpp1Reissued = { cert: REISSUED_CERT, key: tpp1Key };
  }
  if (!stored.tpp1Expired) {
    files.set(EXPIRED_CERT, { data: (await issueTransport(subject, tpp1Keys, ca, { startDays: -30, days: -1 })).toString('pem'), secret: false });
    entries.tpp1Expired = { cert: EXPIRED_CERT, key: tpp1Key };
  }
  if (!stored.tpp1NotYetValid) {
    const validity = { startDays: NOT_YET_VALID_IN_DAYS, days: NOT_YET_VALID_IN_DAYS + 365 };
    files.set(NOT_YET_VALID_CERT, { data: (await issueTransport(subject, tpp1Keys, ca, validity)).toString('pem'), secret: false });
    entries.tpp1NotYetValid = { cert: NOT_YET_VALID_CERT, key: tpp1Key };
  }
  if (!stored.tpp1OtherOrg) {
    const cn = tpp1Cert.subjectName.getField('CN')[0] ?? TPPS.tpp1.softwareId;
    const otherSubject = obName(cn, OTHER_ORG.orgId, OTHER_ORG.orgName);
    const keys = await newKeys();
    files.set(OTHER_ORG_CERT, { data: (await issueTransport(otherSubject, keys, ca)).toString('pem'), secret: false });
    files.set(OTHER_ORG_KEY, { data: await privateKeyPem(keys.privateKey), secret: true });
    entries.tpp1OtherOrg = { cert: OTHER_ORG_CERT, key: OTHER_ORG_KEY, subjectDn: formatDn(otherSubject) };
  }
  if (!stored.tpp1ForgedIssuer) {
    // The trusted CA's name and key identifier (AuthorityKeyIdentifier from its public key), the untrusted CA's signature.
    const forger: Issuer = { name: ca.name, keys: { publicKey: ca.keys.publicKey, privateKey: await importCaKey(readPem(stored.untrusted.caKey)) } };
    files.set(FORGED_ISSUER_CERT, { data: (await issueTransport(subject, tpp1Keys, forger)).toString('pem'), secret: false });
    entries.tpp1ForgedIssuer = { cert: FORGED_ISSUER_CERT, key: tpp1Key };
  }
  return { files, entries };
}

const newKeys = (): Promise<CryptoKeyPair> => globalThis.crypto.subtle.generateKey(RSA, true, ['sign', 'verify']);

const TPPS = {
  tpp1: { softwareId: 'sgsMuc8ACBgBzinpr8oJ8B', orgId: '0015800001HQQrZAAX', orgName: 'WSO2 (UK) LIMITED' },
  tpp2: { softwareId: 'Kq3vTz8RbW1nXy5LpM2dHs', orgId: '0015800001ZEZ3hAAH', orgName: 'Northwind Payments Ltd' },
} as const;
const UNTRUSTED = { softwareId: 'Zz9UntrustedSoftware01', orgId: '0015800001UNTRUSTAA', orgName: 'Untrusted Org Ltd' };
const DIRECTORY_ISSUER = 'OpenBanking Ltd';

/** Generates all files into `out`; returns the manifest with paths relative to `out`. */
async function generateInto(out: string): Promise<TestPki> {
  const files = new Map<string, { data: string; secret: boolean }>();
  const put = (name: string, data: string, secret = false): string => {
    files.set(name, { data, secret });
    return name;
  };
  const putJson = (name: string, v: unknown, secret = false): string => put(name, `${JSON.stringify(v, null, 2)}\n`, secret);
  const putKey = async (name: string, k: CryptoKeyPair): Promise<string> => put(name, await privateKeyPem(k.privateKey), true);

  const [caKeys, serverKeys, untrustedCaKeys, untrustedKeys, dirKeys, t1, t1s, t2, t2s] = await Promise.all(
    Array.from({ length: 9 }, newKeys),
  );
  if (!caKeys || !serverKeys || !untrustedCaKeys || !untrustedKeys || !dirKeys || !t1 || !t1s || !t2 || !t2s) {
    throw new Error('key generation failed');
  }

  const leafUsage = x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment;
  const caUsage = x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign;
  const clientAuth = [x509.ExtendedKeyUsage.clientAuth as string];

  const caName: x509.JsonName = [{ C: ['GB'] }, { O: ['ob-conformance TEST ONLY'] }, { CN: ['ob-conformance Test Root CA'] }];
  const caCert = await issue({ subject: caName, keys: caKeys, ca: true, keyUsage: caUsage, days: 5 * 365 });
  const ca: Issuer = { name: caName, keys: caKeys };

  const serverCert = await issue({
    subject: [{ CN: ['localhost'] }],
    keys: serverKeys,
    issuer: ca,
    keyUsage: leafUsage,
    eku: [x509.ExtendedKeyUsage.serverAuth],
    san: [
      { type: 'dns', value: 'localhost' },
      { type: 'ip', value: '127.0.0.1' },
      { type: 'ip', value: '::1' },
    ],
    days: 2 * 365,
  });

  const tpp = async (name: 'tpp1' | 'tpp2', tk: CryptoKeyPair, sk: CryptoKeyPair): Promise<TppIdentity> => {
    const id = TPPS[name];
    const subject = obName(id.softwareId, id.orgId, id.orgName);
    const transport = await issueTransport(subject, tk, ca);
    const pub = await exportJWK(sk.publicKey);
    const kid = await calculateJwkThumbprint({ kty: pub.kty, n: pub.n, e: pub.e }, 'sha256');
    const signing = await issue({
      subject: obName(kid, id.orgId, id.orgName),
      keys: sk,
      issuer: ca,
      keyUsage: x509.KeyUsageFlags.digitalSignature,
      days: 2 * 365,
    });
    const jw = await signingJwks(sk, signing, [caCert]);
    return {
      name,
      ...id,
      transportCert: put(`${name}-transport.pem`, transport.toString('pem')),
      transportKey: await putKey(`${name}-transport.key`, tk),
      subjectDn: formatDn(subject),
      signingCert: put(`${name}-signing.pem`, signing.toString('pem')),
      signingKey: await putKey(`${name}-signing.key`, sk),
      signingKid: jw.kid,
      signingJwks: putJson(`${name}-signing.jwks.json`, jw.publicJwks),
      signingPrivateJwk: putJson(`${name}-signing.private.jwk.json`, jw.privateJwk, true),
    };
  };

  const untrustedCaName: x509.JsonName = [{ C: ['GB'] }, { O: ['Untrusted TEST ONLY'] }, { CN: ['Untrusted Test CA'] }];
  const untrustedCa = await issue({ subject: untrustedCaName, keys: untrustedCaKeys, ca: true, keyUsage: caUsage, days: 5 * 365 });
  const untrustedSubject = obName(UNTRUSTED.softwareId, UNTRUSTED.orgId, UNTRUSTED.orgName);
  const untrustedCert = await issue({
    subject: untrustedSubject,
    keys: untrustedKeys,
    issuer: { name: untrustedCaName, keys: untrustedCaKeys },
    keyUsage: leafUsage,
    eku: clientAuth,
    days: 2 * 365,
  });

  const dirCert = await issue({
    subject: [{ C: ['GB'] }, { O: [DIRECTORY_ISSUER] }, { CN: ['OpenBanking Ltd SSA Signing (TEST)'] }],
    keys: dirKeys,
    issuer: ca,
    keyUsage: x509.KeyUsageFlags.digitalSignature,
    days: 2 * 365,
  });
  const dirJw = await signingJwks(dirKeys, dirCert, [caCert]);

  const tpp1 = await tpp('tpp1', t1, t1s);
  const base = {
    dir: '.',
    ca: { cert: put('ca.pem', caCert.toString('pem')), key: await putKey('ca.key', caKeys) },
    server: { cert: put('server.pem', serverCert.toString('pem')), key: await putKey('server.key', serverKeys) },
    tpp1,
    tpp2: await tpp('tpp2', t2, t2s),
    untrusted: {
      ca: put('untrusted-ca.pem', untrustedCa.toString('pem')),
      caKey: await putKey('untrusted-ca.key', untrustedCaKeys),
      cert: put('untrusted-transport.pem', untrustedCert.toString('pem')),
      key: await putKey('untrusted-transport.key', untrustedKeys),
      subjectDn: formatDn(untrustedSubject),
    },
    directory: {
      key: await putKey('directory-signing.key', dirKeys),
      cert: put('directory-signing.pem', dirCert.toString('pem')),
      kid: dirJw.kid,
      jwks: putJson('directory-signing.jwks.json', dirJw.publicJwks),
      privateJwk: putJson('directory-signing.private.jwk.json', dirJw.privateJwk, true),
      issuer: DIRECTORY_ISSUER,
    },
  };
  // tpp1's other transport certificates, issued the way an upgrade adds them.
  for (const [name, f] of files) {
    fs.writeFileSync(path.join(out, name), f.data, { mode: f.secret ? 0o600 : 0o644 });
  }
  files.clear();
  const added = await addedFiles(mapPaths(base, out, (rel) => path.join(out, rel)), ca, out);
  const manifest = { ...base, ...added.entries } as TestPki;

  for (const [name, f] of added.files) {
    fs.writeFileSync(path.join(out, name), f.data, { mode: f.secret ? 0o600 : 0o644 });
  }
  return manifest;
}

// ---------------------------------------------------------------- manifest

function mapPaths(p: StoredPki, dir: string, f: (s: string) => string): StoredPki {
  const tpp = (t: TppIdentity): TppIdentity => ({
    ...t,
    transportCert: f(t.transportCert),
    transportKey: f(t.transportKey),
    signingCert: f(t.signingCert),
    signingKey: f(t.signingKey),
    signingJwks: f(t.signingJwks),
    signingPrivateJwk: f(t.signingPrivateJwk),
  });
  // Every ADDED entry is a certificate and key file pair (tpp1OtherOrg also names its DN).
  const added: Partial<Pick<TestPki, Added>> = {};
  for (const k of ADDED) {
    const e = p[k];
    if (e) Object.assign(added, { [k]: { ...e, cert: f(e.cert), key: f(e.key) } });
  }
  return {
    dir,
    ca: { cert: f(p.ca.cert), key: f(p.ca.key) },
    server: { cert: f(p.server.cert), key: f(p.server.key) },
    tpp1: tpp(p.tpp1),
    tpp2: tpp(p.tpp2),
    untrusted: { ...p.untrusted, ca: f(p.untrusted.ca), caKey: f(p.untrusted.caKey), cert: f(p.untrusted.cert), key: f(p.untrusted.key) },
    directory: { ...p.directory, key: f(p.directory.key), cert: f(p.directory.cert), jwks: f(p.directory.jwks), privateJwk: f(p.directory.privateJwk) },
    ...added,
  };
}

/** Reads and resolves the manifest; throws on absence, malformation or missing files. */
function readStoredManifest(dir: string): StoredPki {
  const file = path.join(dir, MANIFEST);
  let raw: string;
  try {
    raw = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`${MISSING} (no ${file})`);
    throw err;
  }
  let pki: StoredPki;
  try {
    pki = mapPaths(JSON.parse(raw) as StoredPki, dir, (rel) => {
      if (typeof rel !== 'string' || rel === '') throw new Error('bad path');
      const abs = path.resolve(dir, rel);
      if (!fs.existsSync(abs)) throw new Error(`test PKI incomplete: ${abs} missing; run npm run certs -- --force`);
      return abs;
    });
  } catch (err) {
    if (err instanceof Error && err.message.startsWith('test PKI')) throw err;
    throw new Error(`test PKI manifest ${file} is invalid; run npm run certs -- --force`, { cause: err });
  }
  return pki;
}

function isComplete(pki: StoredPki): pki is TestPki {
  return ADDED.every((k) => pki[k] !== undefined);
}

/** The complete manifest, or a clear error when the PKI predates a file (ensureTestPki adds it). */
function readManifest(dir: string): TestPki {
  const pki = readStoredManifest(dir);
  if (!isComplete(pki)) throw new Error(`test PKI in ${dir} predates ${ADDED.filter((k) => !pki[k]).join(', ')}: run npm run certs`);
  return pki;
}

function usable(dir: string): StoredPki | undefined {
  try {
    const pki = readStoredManifest(dir);
    // Regenerate when a certificate is about to expire (leaf validity is 2 years).
    const soon = Date.now() + DAY;
    for (const p of [pki.ca.cert, pki.server.cert, pki.tpp1.transportCert, pki.tpp2.transportCert]) {
      if (Date.parse(new NodeX509(readPem(p)).validTo) < soon) return undefined;
    }
    // ... or when the not-yet-valid certificate comes within a year of being valid.
    if (pki.tpp1NotYetValid && Date.parse(new NodeX509(readPem(pki.tpp1NotYetValid.cert)).validFrom) < Date.now() + 365 * DAY) return undefined;
    return pki;
  } catch {
    return undefined;
  }
}

export function loadTestPki(dir: string = DEFAULT_PKI_DIR): TestPki {
  return readManifest(path.resolve(dir));
}

// ---------------------------------------------------------------- locking

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function lockIsStale(content: string, mtimeMs: number): boolean {
  if (Date.now() - mtimeMs > LOCK_STALE_MS) return true;
  const pid = Number.parseInt(content.split(':')[0] ?? '', 10);
  // Empty content: the holder has created but not yet written the file.
  return Number.isInteger(pid) && pid > 0 && !pidAlive(pid);
}

async function withLock<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  const lock = path.join(dir, '.lock');
  const token = `${process.pid}:${randomBytes(8).toString('hex')}`;
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      fs.writeFileSync(lock, token, { flag: 'wx' });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    let content = '';
    let mtimeMs = Date.now();
    try {
      content = fs.readFileSync(lock, 'utf8');
      mtimeMs = fs.statSync(lock).mtimeMs;
    } catch {
      continue; // released meanwhile
    }
    if (lockIsStale(content, mtimeMs)) {
      // Break it by renaming (atomic); if what we moved is not the stale lock we saw, put it back.
      const grave = `${lock}.stale-${token.replace(':', '-')}`;
      try {
        fs.renameSync(lock, grave);
        if (fs.readFileSync(grave, 'utf8') !== content) {
          try {
            fs.linkSync(grave, lock);
          } catch {
            /* a new holder exists already */
          }
        }
        fs.rmSync(grave, { force: true });
      } catch {
        /* someone else broke it */
      }
      continue;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${lock}; remove it if no "npm run certs" is running`);
    await sleep(50 + Math.floor(Math.random() * 50));
  }
  try {
    return await fn();
  } finally {
    try {
      if (fs.readFileSync(lock, 'utf8') === token) fs.rmSync(lock, { force: true });
    } catch {
      /* already gone */
    }
  }
}

// ---------------------------------------------------------------- entry points

async function regenerate(dir: string): Promise<TestPki> {
  // We hold the lock, so any other .tmp-* directory is left over from a crash.
  for (const e of fs.readdirSync(dir)) {
    if (e.startsWith('.tmp-')) fs.rmSync(path.join(dir, e), { recursive: true, force: true });
  }
  const tmp = fs.mkdtempSync(path.join(dir, `.tmp-${process.pid}-`));
  try {
    const manifest = await generateInto(tmp);
    fs.writeFileSync(
      path.join(tmp, MANIFEST),
      `${JSON.stringify({ ...manifest, generatedAt: new Date().toISOString() }, null, 2)}\n`,
    );
    fs.rmSync(path.join(dir, MANIFEST), { force: true });
    for (const name of fs.readdirSync(tmp)) {
      if (name !== MANIFEST) fs.renameSync(path.join(tmp, name), path.join(dir, name));
    }
    fs.renameSync(path.join(tmp, MANIFEST), path.join(dir, MANIFEST));
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return readManifest(dir);
}

async function importCaKey(pemText: string): Promise<CryptoKey> {
  const der = Buffer.from(pemText.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
  return globalThis.crypto.subtle.importKey('pkcs8', der, RSA, false, ['sign']);
}

/**
 * Add what a PKI generated by an older version lacks (ADDED), without touching the files it has.
 * Runs under the lock; the new files are renamed in before the manifest that names them.
 */
async function upgrade(dir: string, stored: StoredPki): Promise<TestPki> {
  if (isComplete(stored)) return stored;
  const caCert = new x509.X509Certificate(readPem(stored.ca.cert));
  const ca: Issuer = {
    name: caCert.subjectName.toJSON(),
    keys: { publicKey: await caCert.publicKey.export(), privateKey: await importCaKey(readPem(stored.ca.key)) },
  };
  const added = await addedFiles(stored, ca, dir);
  const tmp = fs.mkdtempSync(path.join(dir, `.tmp-${process.pid}-`));
  try {
    const manifest = { ...(JSON.parse(fs.readFileSync(path.join(dir, MANIFEST), 'utf8')) as StoredPki), ...added.entries };
    for (const [name, f] of added.files) fs.writeFileSync(path.join(tmp, name), f.data, { mode: f.secret ? 0o600 : 0o644 });
    fs.writeFileSync(path.join(tmp, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    for (const name of added.files.keys()) fs.renameSync(path.join(tmp, name), path.join(dir, name));
    fs.renameSync(path.join(tmp, MANIFEST), path.join(dir, MANIFEST));
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return readManifest(dir);
}

/** Like ensureTestPki, and also says whether this call generated the PKI. */
export async function ensureTestPkiWithStatus(
  dir: string = DEFAULT_PKI_DIR,
  opts: { force?: boolean } = {},
): Promise<{ pki: TestPki; generated: boolean }> {
  const abs = path.resolve(dir);
  if (!opts.force) {
    const pki = usable(abs);
    if (pki && isComplete(pki)) return { pki, generated: false };
  }
  fs.mkdirSync(abs, { recursive: true });
  return withLock(abs, async () => {
    if (!opts.force) {
      const pki = usable(abs);
      if (pki) return { pki: await upgrade(abs, pki), generated: false };
    }
    return { pki: await regenerate(abs), generated: true };
  });
}

/**
 * Returns the test PKI in `dir` (default <repo>/certs), generating it when the manifest
 * or any file it names is missing, a cert expires within a day, or `force` is set.
 */
export async function ensureTestPki(dir?: string, opts?: { force?: boolean }): Promise<TestPki> {
  return (await ensureTestPkiWithStatus(dir, opts)).pki;
}
