import assert from 'node:assert/strict';
import { Given, Then, When, type DataTable } from '@cucumber/cucumber';
import type { ObWorld } from './support/world.ts';
import type { HttpResponse, TlsIdentity } from './support/http-client.ts';
import { clientAuthentication, clientOf, newClientAssertion, postForm, registerClient, registerClientOrFail, requestToken, tokenEndpoint } from './support/token-client.ts';
import type { EndpointName, IdentityName } from './support/target.ts';
import { buildAssertion, generatedKey } from './support/client-assertion.ts';
import { claimsFromTable, withLeeway } from './support/claims-table.ts';
import { SetupError } from './support/setup-error.ts';
import { sendAtOnce } from './support/at-once.ts';

/** private_key_jwt client assertions (RFC 7523 §2.2, §3), good and broken. */

const clientCredentials = { grant_type: 'client_credentials' };

When('the client {string} requests a client_credentials token as {word} with a client assertion where:', async function (this: ObWorld, name: string, identity: TlsIdentity, table: DataTable) {
  const fill = (t: string) => withLeeway(t.replaceAll('{{token_endpoint}}', tokenEndpoint(this)), this.target.file.clockSkewSeconds);
  const assertion = await newClientAssertion(this, name, { claims: claimsFromTable(table, fill, this.nowSeconds()) });
  await requestToken(this, { identity, clientName: name, auth: 'private_key_jwt', assertion, form: clientCredentials });
});

/** Well-formed JSON values that only a careless scanner takes for deep nesting (JWT-21). */
const LOOKS_DEEP: Record<string, unknown> = {
  'a string of 40 opening brackets': '['.repeat(40),
  'a string with an escaped quote before 40 opening brackets': `"${'['.repeat(40)}`,
  '40 sibling arrays': Array.from({ length: 40 }, () => []),
  '40 sibling objects': Array.from({ length: 40 }, () => ({})),
};

When('the client {string} requests a client_credentials token as {word} with a client assertion whose extra claim holds {}', async function (this: ObWorld, name: string, identity: TlsIdentity, shape: string) {
  const value = LOOKS_DEEP[shape];
  if (value === undefined) throw new Error(`unknown shape "${shape}"`);
  const assertion = await newClientAssertion(this, name, { claims: { obc_extra: value } });
  await requestToken(this, { identity, clientName: name, auth: 'private_key_jwt', assertion, form: clientCredentials });
});

When('the client {string} requests a client_credentials token as {word} with a client assertion {string}', async function (this: ObWorld, name: string, identity: TlsIdentity, variant: string) {
  const assertion = await newClientAssertion(this, name, { variant });
  await requestToken(this, { identity, clientName: name, auth: 'private_key_jwt', assertion, form: clientCredentials });
});

/** CAUTH-09 under concurrency (a hostile client): one assertion in several token requests sent together. */
When('the client {string} sends one client assertion in {int} token requests at once as {word}', async function (this: ObWorld, name: string, count: number, identity: TlsIdentity) {
  const assertion = await newClientAssertion(this, name);
  const auth = await clientAuthentication(this, name, { auth: 'private_key_jwt', assertion });
  await sendAtOnce(this, count, () => postForm(this, identity, 'token_endpoint', { ...auth.form, ...clientCredentials }, auth.headers));
});

Then('exactly one of those requests is answered {int} and the others {int}', function (this: ObWorld, once: number, others: number) {
  const statuses = this.recall<number[]>('concurrent-statuses');
  const tally = (status: number) => statuses.filter((s) => s === status).length;
  assert.ok(tally(once) === 1 && tally(others) === statuses.length - 1, `statuses: ${statuses.join(', ')}`);
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

// ---- one client per authentication method, at every endpoint (CAUTH-24) --------------------------

/** The registration metadata of a client_credentials client for `method` (RFC 7591 §2). */
function clientForMethod(method: string, identity: IdentityName): Record<string, unknown> | string {
  const base = { grant_types: ['client_credentials'], response_types: [] as string[], token_endpoint_auth_method: method };
  switch (method) {
    case 'client_secret_basic':
    case 'client_secret_post':
      return base;
    case 'private_key_jwt':
      return JSON.stringify({ ...base, token_endpoint_auth_signing_alg: 'PS256', jwks: 'JWKS' }).replace('"JWKS"', `{{jwks:${identity}}}`);
    case 'tls_client_auth':
      return { ...base, tls_client_auth_subject_dn: `{{subject_dn:${identity}}}` };
    case 'self_signed_tls_client_auth':
      // RFC 8705 §2.2: the certificate is registered in the JWK's x5c.
      return JSON.stringify({ ...base, jwks: 'JWKS' }).replace('"JWKS"', `{{transport_jwks:${identity}}}`);
    default:
      throw new Error(`no client for the method ${method}`);
  }
}

Given('the client {string} is registered for the {word} method', async function (this: ObWorld, name: string, method: string) {
  const metadata = clientForMethod(method, 'tpp1');
  await registerClientOrFail(this, name, typeof metadata === 'string' ? metadata : JSON.stringify(metadata));
});

/** DISC-17: a client of `method`, where the target registers one; skipped with the reason otherwise. */
Given('the client {string} is registered for the {word} method where the target allows it', async function (this: ObWorld, name: string, method: string) {
  const metadata = clientForMethod(method, 'tpp1');
  try {
    await registerClientOrFail(this, name, typeof metadata === 'string' ? metadata : JSON.stringify(metadata));
    return undefined;
  } catch (e) {
    if (!(e instanceof SetupError)) throw e;
    this.attach(`Skipped: the target does not register a ${method} client (${e.message.slice(0, 200)})`, 'text/plain');
    return 'skipped';
  }
});

/**
 * RFC 8414 §2: `token_endpoint_auth_methods_supported` is the list of the methods the token
 * endpoint supports, so one that just authenticated a client belongs in it (DISC-17).
 */
Then('a token issued to it means the metadata lists {word} in {string}', function (this: ObWorld, method: string, member: string) {
  if (this.response?.status !== 200) {
    this.attach(`Skipped: the token endpoint did not authenticate the ${method} client (status ${this.response?.status}); the rule is about methods it accepts`, 'text/plain');
    return 'skipped';
  }
  const listed = this.target.discovery[member];
  assert.ok(Array.isArray(listed), `${member} is absent, though the token endpoint authenticated a ${method} client`);
  assert.ok(listed.includes(method), `${member} ${JSON.stringify(listed)} leaves out ${method}, which the token endpoint just accepted`);
  return undefined;
});

/**
 * RFC 8414 §2: `<endpoint>_auth_methods_supported` says which methods an endpoint takes; where a
 * document lists them and leaves `method` out, the scenario does not apply.
 */
Given('the target takes {word} at its {word} endpoint', function (this: ObWorld, method: string, endpoint: string) {
  const listed = this.target.discovery[`${endpoint}_endpoint_auth_methods_supported`];
  if (Array.isArray(listed) && !listed.includes(method)) {
    this.attach(`Skipped: discovery's ${endpoint}_endpoint_auth_methods_supported does not list ${method}`, 'text/plain');
    return 'skipped';
  }
  return undefined;
});

/** The client authenticates as registered, but with a wrong credential of its method. */
async function wrongCredentials(world: ObWorld, name: string): Promise<{ identity: TlsIdentity; headers: Record<string, string>; form: Record<string, string> }> {
  const client = clientOf(world, name);
  switch (client.token_endpoint_auth_method) {
    case 'client_secret_basic':
      return { identity: 'none', headers: { authorization: `Basic ${Buffer.from(`${encodeURIComponent(client.client_id)}:wrong-secret`).toString('base64')}` }, form: {} };
    case 'client_secret_post':
      return { identity: 'none', headers: {}, form: { client_id: client.client_id, client_secret: 'wrong-secret' } };
    case 'private_key_jwt':
      return { identity: 'tpp1', headers: {}, form: (await clientAuthentication(world, name, { assertion: await newClientAssertion(world, name, { variant: 'signed by the tpp2 key' }) })).form };
    default:
      // tls_client_auth, self_signed_tls_client_auth: another TPP's certificate.
      return { identity: 'tpp2', headers: {}, form: { client_id: client.client_id } };
  }
}

When('the client {string} calls its {word} endpoint for its token with a wrong credential', async function (this: ObWorld, name: string, endpoint: string) {
  const { identity, headers, form } = await wrongCredentials(this, name);
  const token = this.recall<{ access_token: string }>(`tokens:${name}`).access_token;
  await postForm(this, identity, `${endpoint}_endpoint` as EndpointName, { ...form, token }, headers);
});

When('the client {string} requests a client_credentials token with a wrong credential', async function (this: ObWorld, name: string) {
  const { identity, headers, form } = await wrongCredentials(this, name);
  await postForm(this, identity, 'token_endpoint', { ...form, ...clientCredentials }, headers);
});
