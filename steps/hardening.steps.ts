import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Given, Then, When } from '@cucumber/cucumber';
import type { ObWorld } from './support/world.ts';
import type { TlsIdentity } from './support/http-client.ts';
import { JWT_BEARER_GRANT, clientOf, requestToken } from './support/token-client.ts';
import { buildAssertion, type Signer } from './support/client-assertion.ts';
import {
  bearerOf, buildRequest, manage, postRegistration, registrationOf, rememberRegistration, softwareKey, type Tpp,
} from './support/ob-dcr-client.ts';
import { signVariant } from './support/ob-jws.ts';
import { REDIRECT_URI, redirectParams } from './support/authorize-client.ts';

/**
 * Steps of the hardening scenarios (issue 16): hostile clients at the token endpoint, deep JOSE
 * structures, and one TPP reaching for another's registration, tokens or certificate.
 */

// ---- JWT bearer grant: who may assert a user (RFC 7521 §5.2, TOK-23) -------------------------

When('the client {string} requests a jwt-bearer token for the user {string} as {word} with an assertion it signed itself', async function (this: ObWorld, name: string, user: string, identity: TlsIdentity) {
  const signer = this.remembered.has(`signer:${name}`) ? this.recall<Signer>(`signer:${name}`) : 'tpp1';
  // iss = the client, signed with the client's registered key: the self-issued assertion of issue 16 point 1.
  const assertion = await buildAssertion({
    clientId: clientOf(this, name).client_id, subject: user, audience: this.endpoint('token_endpoint'), signer,
  });
  await requestToken(this, { identity, clientName: name, form: { grant_type: JWT_BEARER_GRANT, assertion, scope: 'accounts' } });
});

// ---- OB DCR: JOSE the verifier must refuse (RFC 7515 §4.1.11, RFC 7797; JWT-13) ----------------

When('{word} registers the client {string} with an unencoded-payload request \\(RFC 7797 b64 false\\)', async function (this: ObWorld, tppWord: string, name: string) {
  const tpp = tppWord as Tpp;
  const good = await buildRequest(this, tpp);
  const payload = JSON.parse(Buffer.from(good.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
  // With b64 false the signing input is the payload segment as sent: a verifier honouring the
  // extension accepts it, one that does not must refuse the critical header.
  const body = signVariant(payload, softwareKey(this, tpp), undefined, { b64: false, crit: ['b64'] });
  const res = await postRegistration(this, tpp, body);
  rememberRegistration(this, name, tpp, res);
});

// ---- authorization endpoint (FAPI1-Adv §5.2.2-2, AUTHZ-01) -------------------------------------

/** An error response at the redirect URI (RFC 6749 §4.1.2.1), whichever code the server chose. */
Then('the PSU is redirected back with an error and no code in the query', function (this: ObWorld) {
  const { base, params } = redirectParams(this.lastResponse, 'query');
  assert.equal(base, REDIRECT_URI, 'error sent somewhere other than the registered redirect URI');
  assert.ok(params.get('error'), `no error in the query; Location: ${this.lastResponse.headers.location}`);
  assert.equal(params.get('code'), null, 'an error response carries no code');
});

// ---- structures nested beyond any need (CWE-674; JWT-14, WSO2-ERR-01) -------------------------

const deepArray = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;

When('the client {string} requests a client_credentials token as {word} with a client assertion whose {string} header nests {int} levels deep', async function (this: ObWorld, name: string, identity: TlsIdentity, member: string, levels: number) {
  const clientId = clientOf(this, name).client_id;
  const now = Math.floor(Date.now() / 1000);
  const header = `{"alg":"PS256","${member}":${deepArray(levels)}}`;
  const claims = { iss: clientId, sub: clientId, aud: this.endpoint('token_endpoint'), iat: now, exp: now + 300, jti: randomUUID() };
  // Never verified: the structure must be refused before any signature check uses it.
  const assertion = `${Buffer.from(header).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.AAAA`;
  await requestToken(this, { identity, clientName: name, auth: 'private_key_jwt', assertion, form: { grant_type: 'client_credentials' } });
});

When('the admin registers an IS DCR client named {string} whose jwks nests {int} levels deep', async function (this: ObWorld, name: string, levels: number) {
  const body = `{"client_name":${JSON.stringify(this.unique(name))},"grant_types":["client_credentials"],"jwks":{"keys":[${deepArray(levels)}]}}`;
  await this.send('none', 'POST', this.url('is', this.target.path('isDcrRegister')), {
    headers: { accept: 'application/json', authorization: this.adminAuthorization(), 'content-type': 'application/json' },
    body,
  });
});

When('the admin looks up an IS DCR client named {string}', async function (this: ObWorld, name: string) {
  const url = `${this.url('is', this.target.path('isDcrRegister'))}?client_name=${encodeURIComponent(this.unique(name))}`;
  await this.send('none', 'GET', url, { headers: { accept: 'application/json', authorization: this.adminAuthorization() } });
});

// ---- one TPP reaching for another's registration (DCR-MGT-08, WSO2-TOK-08, WSO2-ISDCR-02) -----

const MANAGE_METHODS: Record<string, 'GET' | 'PUT' | 'DELETE'> = { retrieves: 'GET', updates: 'PUT', deletes: 'DELETE' };

When(/^the client "([^"]+)" (retrieves|updates|deletes) the registration of "([^"]+)" over the (tpp1|tpp2) transport certificate$/, async function (this: ObWorld, name: string, verb: string, other: string, identity: TlsIdentity) {
  const me = registrationOf(this, name);
  const target = registrationOf(this, other);
  const method = MANAGE_METHODS[verb]!;
  // A PUT carries the caller's own complete, signed registration request (DCR-MGT-09).
  const body = method === 'PUT' ? await buildRequest(this, me.tpp) : undefined;
  await manage(this, method, { identity, authorization: bearerOf(this, name), clientId: target.clientId, ...(body ? { body } : {}) });
});

When('the client {string} calls the IS DCR API with its access token', async function (this: ObWorld, name: string) {
  const me = registrationOf(this, name);
  await this.send(me.tpp, 'GET', `${this.url('is', this.target.path('isDcrRegister'))}/${encodeURIComponent(me.clientId)}`, {
    headers: { accept: 'application/json', authorization: bearerOf(this, name) },
  });
});

/** WSO2-KM-01: a TPP's token carries no apim:* scope, so API Manager's admin API refuses it. */
When('the client {string} calls the API Manager admin API with its access token', async function (this: ObWorld, name: string) {
  const me = registrationOf(this, name);
  await this.send(me.tpp, 'GET', this.url('apim', '/api/am/admin/v4/key-managers'), {
    headers: { accept: 'application/json', authorization: bearerOf(this, name) },
  });
});

Given('{word} has registered the client {string} as another software of its organisation', async function (this: ObWorld, tppWord: string, name: string) {
  const tpp = tppWord as Tpp;
  // Same organisation and keys, another software_id: the certificate fits both clients, so only the
  // token's client tells them apart (DCR-MGT-08 on its own).
  const body = await buildRequest(this, tpp, { softwareId: this.unique('SiblingSoftware') });
  const res = await postRegistration(this, tpp, body);
  assert.equal(res.status, 201, `registration of ${name} failed: ${res.text.slice(0, 300)}`);
  rememberRegistration(this, name, tpp, res);
});
