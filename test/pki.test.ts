import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import tls from 'node:tls';
import { fileURLToPath } from 'node:url';
import { calculateJwkThumbprint, CompactSign, compactVerify, createLocalJWKSet, importJWK, importPKCS8 } from 'jose';
import type { JWK } from 'jose';
import { ensureTestPki, loadTestPki, readPem, subjectDnOf } from '../pki/test-pki.ts';
import type { TestPki, TppIdentity } from '../pki/test-pki.ts';

const CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';
const SERVER_AUTH = '1.3.6.1.5.5.7.3.1';
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'ob-pki-test-'));
const freshDir = (name: string): string => path.join(tmpRoot, name);
after(() => fs.rmSync(tmpRoot, { recursive: true, force: true }));

const cert = (p: string): X509Certificate => new X509Certificate(readPem(p));
const readJson = <T>(p: string): T => JSON.parse(fs.readFileSync(p, 'utf8')) as T;

interface Handshake {
  authorized: boolean;
  error: string | undefined;
  peerDn: string | undefined;
}

// Real TLS handshake against a server using the generated server cert and trusting only the test CA.
async function handshake(pki: TestPki, client: { cert: string; key: string }): Promise<Handshake> {
  const server = tls.createServer({
    cert: readPem(pki.server.cert),
    key: readPem(pki.server.key),
    ca: readPem(pki.ca.cert),
    requestCert: true,
    rejectUnauthorized: false,
  });
  const seen = new Promise<Handshake>((resolve) => {
    server.on('secureConnection', (s) => {
      const peer = s.getPeerCertificate();
      resolve({
        authorized: s.authorized,
        error: s.authorizationError?.toString(),
        peerDn: peer.raw ? subjectDnOf(peer.raw) : undefined,
      });
      s.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  try {
    const socket = tls.connect({ host: '127.0.0.1', port, ca: readPem(pki.ca.cert), cert: readPem(client.cert), key: readPem(client.key) });
    await new Promise<void>((resolve, reject) => {
      socket.once('secureConnect', resolve); // client verified server cert incl. IP SAN 127.0.0.1
      socket.once('error', reject);
    });
    const result = await seen;
    socket.destroy();
    return result;
  } finally {
    server.close();
  }
}

describe('test PKI', () => {
  const dir = freshDir('main');
  let pki: TestPki;

  before(async () => {
    pki = await ensureTestPki(dir);
  });

  it('writes absolute paths, PKCS#8 keys and a manifest with relative paths', () => {
    assert.equal(pki.dir, dir);
    const manifest = readJson<TestPki>(path.join(dir, 'manifest.json'));
    assert.equal(manifest.ca.cert, 'ca.pem');
    assert.equal(manifest.tpp1.signingPrivateJwk, 'tpp1-signing.private.jwk.json');
    for (const key of [pki.ca.key, pki.server.key, pki.tpp1.transportKey, pki.tpp1.signingKey, pki.tpp2.transportKey, pki.untrusted.key, pki.untrusted.caKey, pki.directory.key]) {
      assert.ok(path.isAbsolute(key));
      assert.match(readPem(key), /^-----BEGIN PRIVATE KEY-----\n/);
    }
    for (const t of [pki.tpp1, pki.tpp2]) assert.match(t.signingPrivateJwk, /\.private\.jwk\.json$/);
    assert.match(pki.directory.privateJwk, /\.private\.jwk\.json$/);
    assert.equal(pki.directory.issuer, 'OpenBanking Ltd');
    assert.deepEqual(loadTestPki(dir), pki);
  });

  it('identities and RFC 4514 subject DNs match the spec', () => {
    assert.equal(pki.tpp1.name, 'tpp1');
    assert.equal(pki.tpp1.softwareId, 'sgsMuc8ACBgBzinpr8oJ8B');
    assert.equal(pki.tpp1.subjectDn, 'CN=sgsMuc8ACBgBzinpr8oJ8B,OU=0015800001HQQrZAAX,O=WSO2 (UK) LIMITED,C=GB');
    assert.equal(pki.tpp2.subjectDn, 'CN=Kq3vTz8RbW1nXy5LpM2dHs,OU=0015800001ZEZ3hAAH,O=Northwind Payments Ltd,C=GB');
    assert.equal(pki.untrusted.subjectDn, 'CN=Zz9UntrustedSoftware01,OU=0015800001UNTRUSTAA,O=Untrusted Org Ltd,C=GB');
    assert.equal(subjectDnOf(readPem(pki.tpp1.transportCert)), pki.tpp1.subjectDn);
    assert.equal(subjectDnOf(cert(pki.untrusted.cert).raw), pki.untrusted.subjectDn);
    // Node prints subjects in ASN.1 order, i.e. the reverse of RFC 4514.
    assert.equal(cert(pki.tpp1.transportCert).subject, 'C=GB\nO=WSO2 (UK) LIMITED\nOU=0015800001HQQrZAAX\nCN=sgsMuc8ACBgBzinpr8oJ8B');
  });

  it('server cert: localhost / 127.0.0.1 / ::1, serverAuth, issued by the CA', () => {
    const c = cert(pki.server.cert);
    assert.equal(c.checkHost('localhost'), 'localhost');
    assert.equal(c.checkIP('127.0.0.1'), '127.0.0.1');
    assert.equal(c.checkIP('::1'), '::1');
    assert.ok(c.keyUsage?.includes(SERVER_AUTH));
    assert.ok(c.verify(cert(pki.ca.cert).publicKey));
    assert.equal(cert(pki.ca.cert).ca, true);
    assert.equal(c.ca, false);
  });

  it('Node tls accepts every cert/key pair with the CA', () => {
    const ca = readPem(pki.ca.cert);
    for (const pair of [pki.server, { cert: pki.tpp1.transportCert, key: pki.tpp1.transportKey }, { cert: pki.tpp2.transportCert, key: pki.tpp2.transportKey }, { cert: pki.untrusted.cert, key: pki.untrusted.key }]) {
      assert.doesNotThrow(() => tls.createSecureContext({ cert: readPem(pair.cert), key: readPem(pair.key), ca }));
    }
  });

  it('TPP transport and signing certs chain to the CA; transport certs carry clientAuth (RFC 8705)', () => {
    const ca = cert(pki.ca.cert);
    for (const t of [pki.tpp1, pki.tpp2]) {
      const transport = cert(t.transportCert);
      assert.ok(transport.verify(ca.publicKey));
      assert.ok(transport.checkIssued(ca));
      assert.ok(transport.keyUsage?.includes(CLIENT_AUTH));
      assert.ok(transport.checkPrivateKey(createPrivateKey(readPem(t.transportKey))));
      assert.ok(cert(t.signingCert).verify(ca.publicKey));
    }
    assert.ok(cert(pki.directory.cert).verify(ca.publicKey));
  });

  it('untrusted client cert does not verify against the trusted CA', () => {
    const c = cert(pki.untrusted.cert);
    assert.equal(c.verify(cert(pki.ca.cert).publicKey), false);
    assert.equal(c.verify(cert(pki.untrusted.ca).publicKey), true);
    assert.ok(c.keyUsage?.includes(CLIENT_AUTH));
  });

  it('MTLS handshake: tpp1 is authorized, untrusted is not', async () => {
    const ok = await handshake(pki, { cert: pki.tpp1.transportCert, key: pki.tpp1.transportKey });
    assert.equal(ok.authorized, true, ok.error);
    assert.equal(ok.peerDn, pki.tpp1.subjectDn);
    const bad = await handshake(pki, { cert: pki.untrusted.cert, key: pki.untrusted.key });
    assert.equal(bad.authorized, false);
    assert.ok(bad.error);
    assert.equal(bad.peerDn, pki.untrusted.subjectDn);
  });

  const signers = (): Array<{ label: string; kid: string; jwks: string; privateJwk: string; key: string; cert: string }> => [
    ...[pki.tpp1, pki.tpp2].map((t: TppIdentity) => ({ label: t.name, kid: t.signingKid, jwks: t.signingJwks, privateJwk: t.signingPrivateJwk, key: t.signingKey, cert: t.signingCert })),
    { label: 'directory', ...pki.directory },
  ];

  it('public JWKS: no private members, kid = RFC 7638 thumbprint, x5c / x5t#S256 match the cert', async () => {
    for (const s of signers()) {
      const { keys } = readJson<{ keys: JWK[] }>(s.jwks);
      assert.equal(keys.length, 1, s.label);
      const jwk = keys[0]!;
      for (const m of PRIVATE_MEMBERS) assert.equal(m in jwk, false, `${s.label} public JWK has ${m}`);
      assert.equal(jwk.kty, 'RSA');
      assert.equal(jwk.use, 'sig');
      assert.equal(jwk.alg, 'PS256');
      assert.equal(jwk.kid, s.kid);
      assert.equal(await calculateJwkThumbprint(jwk, 'sha256'), s.kid);
      const leaf = new X509Certificate(Buffer.from(jwk.x5c?.[0] ?? '', 'base64'));
      assert.ok(leaf.raw.equals(cert(s.cert).raw));
      assert.equal(leaf.publicKey.export({ format: 'jwk' }).n, jwk.n);
      assert.equal(jwk['x5t#S256'], Buffer.from(leaf.fingerprint256.replaceAll(':', ''), 'hex').toString('base64url'));
      assert.ok(new X509Certificate(Buffer.from(jwk.x5c?.[1] ?? '', 'base64')).raw.equals(cert(pki.ca.cert).raw));
      const priv = readJson<JWK>(s.privateJwk);
      assert.equal(priv.kid, s.kid);
      assert.equal(priv.alg, 'PS256');
      assert.ok(priv.d);
    }
  });

  it('PS256 signatures from the PKCS#8 key and the private JWK verify with the public JWKS', async () => {
    for (const s of signers()) {
      const jwks = createLocalJWKSet(readJson<{ keys: JWK[] }>(s.jwks));
      for (const key of [await importPKCS8(readPem(s.key), 'PS256'), await importJWK(readJson<JWK>(s.privateJwk), 'PS256')]) {
        const jws = await new CompactSign(new TextEncoder().encode('hello')).setProtectedHeader({ alg: 'PS256', kid: s.kid }).sign(key);
        const { payload } = await compactVerify(jws, jwks);
        assert.equal(new TextDecoder().decode(payload), 'hello');
      }
    }
  });

  it('re-issues tpp1\'s transport key under a second certificate (CNF-08)', async () => {
    const original = cert(pki.tpp1.transportCert);
    const reissued = cert(pki.tpp1Reissued.cert);
    assert.equal(pki.tpp1Reissued.key, pki.tpp1.transportKey);
    assert.equal(subjectDnOf(reissued.raw), pki.tpp1.subjectDn);
    assert.ok(reissued.publicKey.export({ format: 'der', type: 'spki' }).equals(original.publicKey.export({ format: 'der', type: 'spki' })));
    assert.notEqual(reissued.serialNumber, original.serialNumber);
    assert.ok(!reissued.raw.equals(original.raw));
    assert.ok(reissued.checkIssued(cert(pki.ca.cert)) && reissued.verify(cert(pki.ca.cert).publicKey));
    assert.ok(reissued.checkPrivateKey(createPrivateKey(readPem(pki.tpp1.transportKey))));
    const h = await handshake(pki, pki.tpp1Reissued);
    assert.equal(h.authorized, true, h.error);
    assert.equal(h.peerDn, pki.tpp1.subjectDn);
  });

  it('tpp1\'s expired and not-yet-valid certificates: same subject and key, trusted CA, out of date (RFC 5280 §6.1.3)', async () => {
    const original = cert(pki.tpp1.transportCert);
    const spki = (c: X509Certificate) => c.publicKey.export({ format: 'der', type: 'spki' });
    const expired = cert(pki.tpp1Expired.cert);
    const notYet = cert(pki.tpp1NotYetValid.cert);
    for (const c of [expired, notYet]) {
      assert.equal(subjectDnOf(c.raw), pki.tpp1.subjectDn);
      assert.ok(spki(c).equals(spki(original)));
      assert.ok(c.checkIssued(cert(pki.ca.cert)) && c.verify(cert(pki.ca.cert).publicKey));
      assert.ok(c.checkPrivateKey(createPrivateKey(readPem(pki.tpp1.transportKey))));
    }
    assert.ok(Date.parse(expired.validTo) < Date.now());
    assert.ok(Date.parse(notYet.validFrom) > Date.now() + 365 * 24 * 3600_000);
    // Node's TLS server refuses both on dates alone.
    assert.equal((await handshake(pki, pki.tpp1Expired)).error, 'CERT_HAS_EXPIRED');
    assert.equal((await handshake(pki, pki.tpp1NotYetValid)).error, 'CERT_NOT_YET_VALID');
  });

  it('tpp1\'s CN under another organisation: trusted, in date, another O and OU, another key', async () => {
    const other = cert(pki.tpp1OtherOrg.cert);
    const field = (dn: string, k: string) => dn.split('\n').find((l) => l.startsWith(`${k}=`));
    assert.equal(field(other.subject, 'CN'), field(cert(pki.tpp1.transportCert).subject, 'CN'));
    assert.notEqual(field(other.subject, 'O'), field(cert(pki.tpp1.transportCert).subject, 'O'));
    assert.notEqual(field(other.subject, 'OU'), field(cert(pki.tpp1.transportCert).subject, 'OU'));
    assert.equal(subjectDnOf(other.raw), pki.tpp1OtherOrg.subjectDn);
    assert.notEqual(pki.tpp1OtherOrg.subjectDn, pki.tpp1.subjectDn);
    assert.ok(other.checkPrivateKey(createPrivateKey(readPem(pki.tpp1OtherOrg.key))));
    assert.equal((await handshake(pki, pki.tpp1OtherOrg)).authorized, true);
  });

  it('second call reuses the PKI without regenerating; force regenerates', async () => {
    const manifest = path.join(dir, 'manifest.json');
    const before = fs.statSync(manifest).mtimeMs;
    const keyBefore = fs.statSync(pki.tpp1.signingKey).mtimeMs;
    const caBefore = readPem(pki.ca.cert);
    const again = await ensureTestPki(dir);
    assert.equal(again.tpp1.signingKid, pki.tpp1.signingKid);
    assert.equal(fs.statSync(manifest).mtimeMs, before);
    assert.equal(fs.statSync(pki.tpp1.signingKey).mtimeMs, keyBefore);

    const forced = await ensureTestPki(dir, { force: true });
    assert.notEqual(forced.tpp1.signingKid, pki.tpp1.signingKid);
    assert.equal(forced.ca.cert, pki.ca.cert);
    assert.notEqual(readPem(forced.ca.cert), caBefore); // same path, new content
    assert.equal(loadTestPki(dir).tpp1.signingKid, forced.tpp1.signingKid);
    assert.deepEqual(fs.readdirSync(dir).filter((f) => f.startsWith('.')), []); // no lock / tmp left behind
    pki = forced;
  });
});

describe('test PKI edge cases', () => {
  it('loadTestPki on an empty dir throws a clear error', () => {
    const empty = freshDir('empty');
    fs.mkdirSync(empty);
    assert.throws(() => loadTestPki(empty), /^Error: test PKI missing: run npm run certs/);
    assert.throws(() => loadTestPki(freshDir('does-not-exist')), /test PKI missing: run npm run certs/);
  });

  it('a missing file named by the manifest triggers regeneration', async () => {
    const d = freshDir('partial');
    const first = await ensureTestPki(d);
    fs.rmSync(first.server.key);
    assert.throws(() => loadTestPki(d), /test PKI incomplete/);
    const second = await ensureTestPki(d);
    assert.ok(fs.existsSync(second.server.key));
    assert.notEqual(second.tpp1.signingKid, first.tpp1.signingKid);
  });

  it('a PKI from before the re-issued, expired, not-yet-valid and other-organisation certificates is upgraded in place, existing files untouched', async () => {
    const d = freshDir('upgrade');
    const first = await ensureTestPki(d);
    const manifestPath = path.join(d, 'manifest.json');
    const manifest = readJson<Record<string, unknown>>(manifestPath);
    for (const k of ['tpp1Reissued', 'tpp1Expired', 'tpp1NotYetValid', 'tpp1OtherOrg'] as const) {
      delete manifest[k];
      fs.rmSync(first[k].cert);
    }
    fs.rmSync(first.tpp1OtherOrg.key);
    fs.writeFileSync(manifestPath, JSON.stringify(manifest));
    assert.throws(() => loadTestPki(d), /predates/);
    const before = new Map(fs.readdirSync(d).map((f) => [f, fs.readFileSync(path.join(d, f), 'utf8')]));
    const [a, b] = await Promise.all([ensureTestPki(d), ensureTestPki(d)]);
    assert.deepEqual(a, b);
    for (const [f, text] of before) if (f !== 'manifest.json') assert.equal(fs.readFileSync(path.join(d, f), 'utf8'), text, f);
    assert.equal(a.tpp1.signingKid, first.tpp1.signingKid);
    const reissued = cert(a.tpp1Reissued.cert);
    assert.ok(reissued.publicKey.export({ format: 'der', type: 'spki' }).equals(cert(a.tpp1.transportCert).publicKey.export({ format: 'der', type: 'spki' })));
    assert.ok(!reissued.raw.equals(cert(a.tpp1.transportCert).raw));
    assert.equal((await handshake(a, a.tpp1Reissued)).authorized, true);
    assert.ok(Date.parse(cert(a.tpp1Expired.cert).validTo) < Date.now());
    assert.ok(Date.parse(cert(a.tpp1NotYetValid.cert).validFrom) > Date.now());
    assert.equal((await handshake(a, a.tpp1OtherOrg)).authorized, true);
    assert.deepEqual(fs.readdirSync(d).filter((f) => f.startsWith('.')), []);
  });

  it('concurrent calls in one process both succeed and agree', async () => {
    const d = freshDir('concurrent');
    const [a, b] = await Promise.all([ensureTestPki(d), ensureTestPki(d)]);
    assert.deepEqual(a, b);
    assert.deepEqual(loadTestPki(d), a);
  });

  it('concurrent CLI runs in two processes: one generates, one reuses', async () => {
    const d = freshDir('cli');
    const run = (): Promise<{ code: number | null; out: string }> =>
      new Promise((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/certs.ts', '--dir', d], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        child.stdout.on('data', (c: Buffer) => (out += c.toString()));
        child.stderr.on('data', (c: Buffer) => (out += c.toString()));
        child.on('error', reject);
        child.on('close', (code) => resolve({ code, out }));
      });
    const results = await Promise.all([run(), run()]);
    for (const r of results) assert.equal(r.code, 0, r.out);
    const outs = results.map((r) => r.out);
    assert.equal(outs.filter((o) => o.startsWith('wrote test PKI to')).length, 1, outs.join('\n---\n'));
    assert.equal(outs.filter((o) => o.startsWith('test PKI already present in')).length, 1, outs.join('\n---\n'));
    const pki = loadTestPki(d);
    assert.ok(outs.some((o) => o.includes(pki.tpp1.signingKid)));
  });
});
