import assert from 'node:assert/strict';
import { Then, When, type DataTable } from '@cucumber/cucumber';
import type { ObWorld } from './support/world.ts';
import type { HttpResponse, TlsIdentity } from './support/http-client.ts';
import { clientOf, newClientAssertion, registerClient, requestToken, tokenEndpoint } from './support/token-client.ts';
import { buildAssertion, generatedKey } from './support/client-assertion.ts';
import { claimsFromTable } from './support/claims-table.ts';

/** private_key_jwt client assertions (RFC 7523 §2.2, §3), good and broken. */

const clientCredentials = { grant_type: 'client_credentials' };

When('the client {string} requests a client_credentials token as {word} with a client assertion where:', async function (this: ObWorld, name: string, identity: TlsIdentity, table: DataTable) {
  const assertion = await newClientAssertion(this, name, { claims: claimsFromTable(table, (t) => t.replaceAll('{{token_endpoint}}', tokenEndpoint(this))) });
  await requestToken(this, { identity, clientName: name, auth: 'private_key_jwt', assertion, form: clientCredentials });
});

When('the client {string} requests a client_credentials token as {word} with a client assertion {string}', async function (this: ObWorld, name: string, identity: TlsIdentity, variant: string) {
  const assertion = await newClientAssertion(this, name, { variant });
  await requestToken(this, { identity, clientName: name, auth: 'private_key_jwt', assertion, form: clientCredentials });
});

/** A good assertion, kept for later (`assertion:<name>`), that expires `seconds` after it is signed. */
When('the client {string} signs a client assertion that expires in {int} seconds', async function (this: ObWorld, name: string, seconds: number) {
  await newClientAssertion(this, name, { claims: { exp: Math.floor(Date.now() / 1000) + seconds } });
});

When('the client {string} requests a client_credentials token as {word} reusing its previous client assertion', async function (this: ObWorld, name: string, identity: TlsIdentity) {
  const assertion = this.recall<string>(`assertion:${name}`);
  await requestToken(this, { identity, clientName: name, auth: 'private_key_jwt', assertion, form: clientCredentials });
});

When('the client {string} requests a client_credentials token as {word} with the client assertion type {string}', async function (this: ObWorld, name: string, identity: TlsIdentity, type: string) {
  await requestToken(this, { identity, clientName: name, auth: 'private_key_jwt', form: { ...clientCredentials, client_assertion_type: type } });
});

When('the client {string} requests a client_credentials token as {word} with a client assertion but the client_id of {string}', async function (this: ObWorld, name: string, identity: TlsIdentity, other: string) {
  const otherId = this.recall<{ client_id: string }>(`client:${other}`).client_id;
  await requestToken(this, { identity, clientName: name, auth: 'private_key_jwt', form: { ...clientCredentials, client_id: otherId } });
});

When('the client {string} requests a client_credentials token as {word} without a client_id', async function (this: ObWorld, name: string, identity: TlsIdentity) {
  await requestToken(this, { identity, clientName: name, form: { ...clientCredentials, client_id: undefined } });
});

// ---- keys of a kind the profile refuses (JWT-04, JWT-15) ------------------------------------------

/**
 * Register a client whose only key is a freshly generated one of `kind`, then authenticate with a
 * good assertion signed by it. A server may refuse the key at either point (JWT-15), so a refused
 * registration ends the step; the next step tells which happened.
 */
When('the client {string} registers a generated {word} key for private_key_jwt and authenticates with it as {word}', async function (this: ObWorld, name: string, kind: string, identity: TlsIdentity) {
  const key = await generatedKey(kind);
  const registration = await registerClient(this, name, {
    grant_types: ['client_credentials'],
    response_types: [],
    token_endpoint_auth_method: 'private_key_jwt',
    jwks: { keys: [key.jwk] },
  });
  this.remember(`registration:${name}`, registration);
  if (registration.status !== 201) return;
  const assertion = await buildAssertion({ clientId: clientOf(this, name).client_id, audience: tokenEndpoint(this), key });
  await requestToken(this, { identity, clientName: name, auth: 'private_key_jwt', assertion, form: clientCredentials });
});

Then('the client {string} is refused at registration with {string} or at client authentication with {string}', function (this: ObWorld, name: string, registrationError: string, authError: string) {
  const registration = this.recall<HttpResponse>(`registration:${name}`);
  const refused = registration.status === 201 ? this.lastResponse : registration;
  const [status, code, where] = registration.status === 201 ? [401, authError, 'client authentication'] : [400, registrationError, 'registration'];
  assert.equal(refused.status, status, `${where} answered ${refused.status}: ${refused.text.slice(0, 300)}`);
  assert.ok((refused.headers['content-type'] ?? '').startsWith('application/json'), `${where} error is not JSON`);
  assert.equal((refused.json as { error?: unknown } | undefined)?.error, code, `${where} error code: ${refused.text.slice(0, 300)}`);
  this.attach(`refused at ${where}`, 'text/plain');
});
