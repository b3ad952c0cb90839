import { When } from '@cucumber/cucumber';
import type { ObWorld } from './support/world.ts';
import type { TlsIdentity } from './support/http-client.ts';
import { JWT_BEARER_GRANT, TOKEN_PATH, clientOf, requestToken } from './support/token-client.ts';
import { buildAssertion, type Signer } from './support/client-assertion.ts';

/**
 * Steps of the hardening scenarios (issue 16): hostile clients at the token endpoint, deep JOSE
 * structures, and one TPP reaching for another's registration, tokens or certificate.
 */

// ---- JWT bearer grant: who may assert a user (RFC 7521 §5.2, TOK-23) -------------------------

When('the client {string} requests a jwt-bearer token for the user {string} as {word} with an assertion it signed itself', async function (this: ObWorld, name: string, user: string, identity: TlsIdentity) {
  const signer = this.remembered.has(`signer:${name}`) ? this.recall<Signer>(`signer:${name}`) : 'tpp1';
  // iss = the client, signed with the client's registered key: the self-issued assertion of issue 16 point 1.
  const assertion = await buildAssertion({
    clientId: clientOf(this, name).client_id, subject: user, audience: this.url('is', TOKEN_PATH), signer,
  });
  await requestToken(this, { identity, clientName: name, form: { grant_type: JWT_BEARER_GRANT, assertion, scope: 'accounts' } });
});
