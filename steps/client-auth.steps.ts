import { When, type DataTable } from '@cucumber/cucumber';
import type { ObWorld } from './support/world.ts';
import type { TlsIdentity } from './support/http-client.ts';
import { newClientAssertion, requestToken, tokenEndpoint } from './support/token-client.ts';
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
