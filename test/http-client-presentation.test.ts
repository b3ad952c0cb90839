/**
 * How the harness presents a TPP's transport certificate (steps/support/http-client.ts): on the
 * TLS connection, or, for a target whose TLS-terminating proxy the harness plays, URL-encoded PEM
 * in the header the server trusts (WSO2 IS `client_certificate_header`). A real TLS server that
 * asks for a client certificate reports what arrived.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { after, before, describe, test } from 'node:test';
import { ensureTestPki } from '../pki/test-pki.ts';
import { X509Certificate } from 'node:crypto';
import { HttpClient, certificateHeaderValue, type TlsMaterial } from '../steps/support/http-client.ts';

const HEADER = 'x-wso2-mutual-auth-cert';
let server: Server;
let url: string;
let ca: string;
let tpp1: TlsMaterial;

before(async () => {
  const pki = await ensureTestPki();
  ca = readFileSync(pki.ca.cert, 'utf8');
  tpp1 = { ca, cert: readFileSync(pki.tpp1.transportCert, 'utf8'), key: readFileSync(pki.tpp1.transportKey, 'utf8') };
  server = createServer(
    { cert: readFileSync(pki.server.cert, 'utf8'), key: readFileSync(pki.server.key, 'utf8'), ca: [ca], requestCert: true, rejectUnauthorized: false },
    (req, res) => {
      const peer = (req.socket as TLSSocket).getPeerX509Certificate();
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ tls: peer?.subject ?? null, header: req.headers[HEADER] ?? null }));
    },
  );
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
  url = `https://localhost:${(server.address() as AddressInfo).port}/`;
});

after(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('client certificate presentation', () => {
  test('by default the certificate is on the TLS connection and no header is sent', async () => {
    const http = new HttpClient({ none: { ca }, tpp1 });
    const body = (await http.send('tpp1', 'GET', url)).json as { tls: string | null; header: string | null };
    await http.close();
    assert.match(body.tls ?? '', /CN=/);
    assert.equal(body.header, null);
  });

  test('as the proxy: URL-encoded PEM in the header, no certificate on the connection', async () => {
    const http = new HttpClient({ none: { ca }, tpp1 }, undefined, { header: HEADER });
    const body = (await http.send('tpp1', 'GET', url)).json as { tls: string | null; header: string | null };
    const none = (await http.send('none', 'GET', url)).json as { tls: string | null; header: string | null };
    await http.close();
    assert.equal(body.tls, null);
    assert.equal(decodeURIComponent(body.header ?? ''), tpp1.cert);
    assert.deepEqual(none, { tls: null, header: null });
  });

  test('a header the scenario sets itself is sent as it is', async () => {
    const http = new HttpClient({ none: { ca }, tpp1 }, undefined, { header: HEADER });
    const body = (await http.send('tpp1', 'GET', url, { headers: { 'X-WSO2-Mutual-Auth-Cert': 'garbage' } })).json as { header: string | null };
    await http.close();
    assert.equal(body.header, 'garbage');
  });

  test('unencoded, the PEM goes on one line, spaces for line breaks, and still parses', async () => {
    const http = new HttpClient({ none: { ca }, tpp1 }, undefined, { header: HEADER, encoded: false });
    const body = (await http.send('tpp1', 'GET', url)).json as { header: string | null };
    await http.close();
    assert.equal(body.header, certificateHeaderValue(tpp1.cert!, false));
    assert.doesNotMatch(body.header ?? '', /[\r\n%]/);
    const folded = (body.header ?? '').replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
    assert.equal(new X509Certificate(Buffer.from(folded, 'base64')).fingerprint256, new X509Certificate(tpp1.cert!).fingerprint256);
  });
});
