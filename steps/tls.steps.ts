import assert from 'node:assert/strict';
import { connect, type PeerCertificate } from 'node:tls';
import { Given, Then, When } from '@cucumber/cucumber';
import type { TlsIdentity } from './support/http-client.ts';
import type { ObWorld } from './support/world.ts';
import type { TargetUrls } from './support/runtime.ts';

interface TlsOutcome {
  authorized: boolean;
  error?: string;
  host: string;
  peer?: PeerCertificate;
}

function probe(url: string, ca: string): Promise<TlsOutcome> {
  const u = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: u.hostname, port: Number(u.port || 443), servername: u.hostname, ca, rejectUnauthorized: false }, () => {
      const outcome: TlsOutcome = {
        authorized: socket.authorized,
        host: u.hostname,
        peer: socket.getPeerCertificate(),
        ...(socket.authorizationError ? { error: String(socket.authorizationError) } : {}),
      };
      socket.end();
      resolve(outcome);
    });
    socket.setTimeout(10_000, () => socket.destroy(new Error('TLS handshake timed out')));
    socket.on('error', (e) => resolve({ authorized: false, error: e.message, host: u.hostname }));
  });
}

When(
  'the harness opens a TLS connection to the {word} listener trusting only the target CA',
  async function (this: ObWorld, listener: string) {
    this.remember('tls', await probe(this.baseUrl(listener as keyof TargetUrls), this.target.caPem));
  },
);

When(
  'the harness opens a TLS connection to the {word} listener trusting only an unrelated CA',
  async function (this: ObWorld, listener: string) {
    this.remember('tls', await probe(this.baseUrl(listener as keyof TargetUrls), this.target.unrelatedCaPem));
  },
);

Then('the server certificate is trusted for the listener\'s host name', async function (this: ObWorld) {
  const tls = this.recall<TlsOutcome>('tls');
  assert.ok(tls.authorized, `server certificate not trusted: ${tls.error}`);
  // RFC 6125 host name check, as every HTTPS client does.
  const { checkServerIdentity } = await import('node:tls');
  assert.equal(checkServerIdentity(tls.host, tls.peer!), undefined, `certificate does not name ${tls.host}`);
});

Then('the TLS connection is refused as untrusted', function (this: ObWorld) {
  const tls = this.recall<TlsOutcome>('tls');
  assert.equal(tls.authorized, false, 'a client trusting an unrelated CA accepted the server certificate');
  assert.ok(tls.error, 'no TLS verification error was reported');
});

async function postRegistration(world: ObWorld, identity: 'none' | 'untrusted'): Promise<void> {
  await world.send(identity, 'POST', world.url('gateway', world.target.path('obDcrRegister')), {
    headers: { 'content-type': 'application/jwt' },
    body: 'eyJhbGciOiJQUzI1NiJ9.e30.c2ln',
  });
}

When('the client without a certificate posts a registration request to the Open Banking registration endpoint', async function (this: ObWorld) {
  await postRegistration(this, 'none');
});

When('the client with the untrusted certificate posts a registration request to the Open Banking registration endpoint', async function (this: ObWorld) {
  await postRegistration(this, 'untrusted');
});

/** WSO2-TLS-04: as the proxy, a header value that is not a certificate (its PEM armour around no certificate). */
When('the client posts a registration request to the Open Banking registration endpoint with a certificate header that is not a certificate', async function (this: ObWorld) {
  const header = this.target.file.clientCertificates?.header;
  if (!header) throw new Error('the target names no clientCertificates.header (the scenario needs @needs:client-certificate-header)');
  const notACertificate = encodeURIComponent('-----BEGIN CERTIFICATE-----\nTm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n');
  await this.send('none', 'POST', this.url('gateway', this.target.path('obDcrRegister')), {
    headers: { 'content-type': 'application/jwt', [header]: notACertificate },
    body: 'eyJhbGciOiJQUzI1NiJ9.e30.c2ln',
  });
});

/** A target that names its own tpp1 has tpp1's variants only when it names them too (support/identities.ts). */
Given('the target has the {word} client identity', function (this: ObWorld, identity: TlsIdentity) {
  if (this.http.has(identity)) return undefined;
  this.attach(`Skipped: the target names its own tpp1 identity but no "${identity}" identity`, 'text/plain');
  return 'skipped';
});
