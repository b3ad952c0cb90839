import assert from 'node:assert/strict';
import { decodeJwt } from 'jose';
import { After, Given, Then, When, type DataTable } from '@cucumber/cucumber';
import type { ObWorld } from './support/world.ts';
import type { TlsIdentity } from './support/http-client.ts';
import type { PathName } from './support/target.ts';
import { runtime } from './support/runtime.ts';
import {
  bearerOf, buildRequest, buildSsa, claimOverrides, fillObDcr, cleanUpRegistrations, manage, postRegistration, productOf,
  registrationOf, rememberRegistration, requestManagementToken, seedRequest, type RequestSpec, type Tpp,
} from './support/ob-dcr-client.ts';

/** Open Banking DCR (seed 004, wso2-surface §6): registration, tokens and management. */

const tppOf = (word: string): Tpp => {
  assert.ok(word === 'tpp1' || word === 'tpp2', `unknown TPP ${word}`);
  return word;
};

/** "without a client certificate" | "with the tpp2 transport certificate" | ... */
const connectionOf = (text: string): TlsIdentity => {
  if (text === 'without a client certificate') return 'none';
  const m = /^with the (tpp1|tpp2|untrusted) transport certificate$/.exec(text);
  assert.ok(m, `unknown connection "${text}"`);
  return m[1] as TlsIdentity;
};

async function register(world: ObWorld, tppWord: string, name: string, spec: RequestSpec = {}, opts: { identity?: TlsIdentity; contentType?: string; path?: PathName } = {}) {
  const tpp = tppOf(tppWord);
  const body = await buildRequest(world, tpp, spec);
  const res = await postRegistration(world, opts.identity ?? tpp, body, { contentType: opts.contentType, ...(opts.path ? { path: opts.path } : {}) });
  rememberRegistration(world, name, tpp, res);
  return res;
}

// ---- registration -------------------------------------------------------------------------------

Given('{word} has registered the client {string}', async function (this: ObWorld, tpp: string, name: string) {
  const res = await register(this, tpp, name);
  assert.equal(res.status, 201, `registration of ${name} failed: ${res.text.slice(0, 300)}`);
});

Given('{word} has registered the client {string} for tls_client_auth', async function (this: ObWorld, tpp: string, name: string) {
  const res = await register(this, tpp, name, { authMethod: 'tls_client_auth' });
  assert.equal(res.status, 201, `registration of ${name} failed: ${res.text.slice(0, 300)}`);
});

When('{word} registers the client {string}', async function (this: ObWorld, tpp: string, name: string) {
  await register(this, tpp, name);
});

When('{word} registers the client {string} for tls_client_auth', async function (this: ObWorld, tpp: string, name: string) {
  await register(this, tpp, name, { authMethod: 'tls_client_auth' });
});

When('{word} registers the client {string} at the {word} path', async function (this: ObWorld, tpp: string, name: string, path: string) {
  await register(this, tpp, name, {}, { path: path as PathName });
});

When('{word} registers the client {string} with the request claims:', async function (this: ObWorld, tpp: string, name: string, table: DataTable) {
  await register(this, tpp, name, { claims: claimOverrides(this, table.raw()) });
});

When('{word} registers the client {string} with the software statement claims:', async function (this: ObWorld, tpp: string, name: string, table: DataTable) {
  const ssa = buildSsa(this, tppOf(tpp), { claims: claimOverrides(this, table.raw()) });
  await register(this, tpp, name, { ssa });
});

/** Rows `| software statement | claim | value |` or `| request | claim | value |`: a software and a request that agree (UK: scope within the roles). */
When('{word} registers the client {string} with the claims:', async function (this: ObWorld, tpp: string, name: string, table: DataTable) {
  const rows = table.raw().filter(([where]) => where !== 'in');
  const of = (where: string) => claimOverrides(this, rows.filter(([w]) => w === where).map(([, claim, value]) => [claim!, value!]));
  const unknown = rows.find(([w]) => w !== 'software statement' && w !== 'request');
  assert.ok(!unknown, `"${unknown?.[0]}": each row is in the "software statement" or the "request"`);
  const ssa = buildSsa(this, tppOf(tpp), { claims: of('software statement') });
  await register(this, tpp, name, { ssa, claims: of('request') });
});

When('{word} registers the client {string} with a request {string}', async function (this: ObWorld, tpp: string, name: string, variant: string) {
  await register(this, tpp, name, { variant });
});

When('{word} registers the client {string} with a software statement {string}', async function (this: ObWorld, tpp: string, name: string, variant: string) {
  const ssa = buildSsa(this, tppOf(tpp), { variant });
  await register(this, tpp, name, { ssa });
});

When('{word} registers the client {string} with the software statement of {word}', async function (this: ObWorld, tpp: string, name: string, other: string) {
  await register(this, tpp, name, { ssa: buildSsa(this, tppOf(other)) });
});

When(/^(tpp[12]) registers the client "([^"]+)" (without a client certificate|with the (?:tpp1|tpp2|untrusted) transport certificate)$/, async function (this: ObWorld, tpp: string, name: string, connection: string) {
  await register(this, tpp, name, {}, { identity: connectionOf(connection) });
});

When('{word} registers the client {string} with the Content-Type {string}', async function (this: ObWorld, tpp: string, name: string, contentType: string) {
  await register(this, tpp, name, {}, { contentType });
});

When('{word} registers the client {string} without a Content-Type', async function (this: ObWorld, tpp: string, name: string) {
  await register(this, tpp, name, {}, { contentType: '' });
});

/** Bodies that are not a registration JWS at all (wso2-surface §6.5 gateway-level errors). */
When('{word} sends a registration body {string}', async function (this: ObWorld, tppWord: string, kind: string) {
  const tpp = tppOf(tppWord);
  const product = productOf(this, tpp);
  const bodies: Record<string, () => Promise<string | Buffer>> = {
    'that is not a JWS': async () => 'this is not a JWS',
    'that is empty': async () => '',
    'of valid JSON': async () => JSON.stringify({ iss: product.softwareId, redirect_uris: product.redirectUris, software_statement: buildSsa(this, tpp) }),
    'of 2 MiB': async () => Buffer.alloc(2 * 1024 * 1024, 'a'),
    'of a valid JWS followed by 1 MiB of padding': async () => `${await buildRequest(this, tpp)}${'A'.repeat(1024 * 1024)}`,
  };
  const make = bodies[kind];
  assert.ok(make, `unknown body "${kind}"; known: ${Object.keys(bodies).join('; ')}`);
  await postRegistration(this, tpp, await make());
});

When('{word} sends its last registration request again as the client {string}', async function (this: ObWorld, tpp: string, name: string) {
  const body = this.recall<string | Buffer>('obdcr:last-body');
  const res = await postRegistration(this, tppOf(tpp), body);
  rememberRegistration(this, name, tppOf(tpp), res);
});

When('{word} registers the seed 004 sample registration as the client {string}', async function (this: ObWorld, tpp: string, name: string) {
  const res = await postRegistration(this, tppOf(tpp), await seedRequest(this, tppOf(tpp)));
  rememberRegistration(this, name, tppOf(tpp), res);
});

/** "A failed registration leaves nothing behind", proven through the API: the same software registers afterwards. */
Then('{word} can still register its software', async function (this: ObWorld, tpp: string) {
  const failed = this.lastResponse;
  const res = await register(this, tpp, this.unique('later'));
  assert.equal(res.status, 201, `after the refused request (${failed.status}), registering ${tpp}'s software again gave ${res.status}: ${res.text.slice(0, 300)}`);
});

// ---- registration responses ----------------------------------------------------------------------

/** Seed 004 sample response members (wso2-surface §6.4). */
const RESPONSE_MEMBERS = [
  'client_id', 'client_id_issued_at', 'redirect_uris', 'grant_types', 'response_types', 'application_type',
  'id_token_signed_response_alg', 'request_object_signing_alg', 'scope', 'software_id', 'token_endpoint_auth_method',
  'software_statement',
];

Then('the response is the registration of {string}', function (this: ObWorld, name: string) {
  const reg = registrationOf(this, name);
  const body = this.lastResponse.json as Record<string, unknown> | undefined;
  assert.ok(body && typeof body === 'object', `not a JSON registration: ${this.lastResponse.text.slice(0, 300)}`);
  const missing = RESPONSE_MEMBERS.filter((m) => !(m in body));
  assert.deepEqual(missing, [], `members missing from the registration response: ${missing.join(', ')}`);
  assert.equal(body.client_id, reg.clientId, 'client_id');
  assert.equal(body.software_id, reg.product.softwareId, 'software_id');
  assert.ok(typeof body.client_id_issued_at === 'string' && /^\d+$/.test(body.client_id_issued_at), `client_id_issued_at is ${JSON.stringify(body.client_id_issued_at)}, seed 004 shows a string of epoch seconds`);
  // RFC 7591 §3.2.1: seconds since the epoch of the time the id was issued; a day either way
  // allows for any server clock, not for milliseconds.
  const issuedAt = Number(body.client_id_issued_at);
  assert.ok(Math.abs(issuedAt - this.nowSeconds()) <= 86400, `client_id_issued_at ${issuedAt} is not the registration time in epoch seconds (now ${this.nowSeconds()})`);
  assert.ok(typeof body.software_statement === 'string' && body.software_statement.split('.').length === 3, 'software_statement is not the SSA JWS');
});

/** wso2-surface §6.6 (use_softwareIdForAppName): an Open Banking client is named after its software id. */
Then('the response member {string} is the software id of {string}', function (this: ObWorld, member: string, name: string) {
  const body = this.lastResponse.json as Record<string, unknown> | undefined;
  assert.equal(body?.[member], registrationOf(this, name).product.softwareId, `member ${member}: ${this.lastResponse.text.slice(0, 300)}`);
});

/** CDS DCR API (scope optional): a registration that names no scope gets its software statement's, in any order. */
Then('the response scope is the software statement\'s scope', function (this: ObWorld) {
  const body = this.lastResponse.json as { scope?: unknown; software_statement?: unknown } | undefined;
  const ssa = decodeJwt(String(body?.software_statement));
  const set = (v: unknown) => [...new Set(String(v ?? '').split(' ').filter(Boolean))].sort();
  assert.deepEqual(set(body?.scope), set(ssa.scope), `scope ${JSON.stringify(body?.scope)}, the SSA's ${JSON.stringify(ssa.scope)}`);
});

Then('the response has no client secret', function (this: ObWorld) {
  const body = this.lastResponse.json as Record<string, unknown>;
  assert.ok(!('client_secret' in body), 'a private_key_jwt client got a client_secret');
});

// ---- tokens -------------------------------------------------------------------------------------

Given('the client {string} has a management token', async function (this: ObWorld, name: string) {
  const res = await requestManagementToken(this, name);
  assert.equal(res.status, 200, `token request failed: ${res.text.slice(0, 300)}`);
});

When('the client {string} requests a management token', async function (this: ObWorld, name: string) {
  await requestManagementToken(this, name);
});

When('the client {string} requests a management token with scope {string}', async function (this: ObWorld, name: string, scope: string) {
  await requestManagementToken(this, name, { scope });
});

When('the client {string} requests a management token without a scope', async function (this: ObWorld, name: string) {
  await requestManagementToken(this, name, { scope: undefined });
});

// ---- management ---------------------------------------------------------------------------------

type Verb = 'retrieves' | 'updates' | 'deletes';
const METHODS: Record<Verb, 'GET' | 'PUT' | 'DELETE'> = { retrieves: 'GET', updates: 'PUT', deletes: 'DELETE' };

async function manageAs(world: ObWorld, name: string, verb: string, target: { clientId: string; tpp: Tpp }, opts: { authorization?: string | undefined; identity?: TlsIdentity; spec?: RequestSpec; path?: PathName } = {}) {
  const method = METHODS[verb as Verb];
  assert.ok(method, `unknown verb ${verb}`);
  const me = registrationOf(world, name);
  const authorization = 'authorization' in opts ? opts.authorization : bearerOf(world, name);
  const body = method === 'PUT' ? await buildRequest(world, target.tpp, opts.spec ?? {}) : undefined;
  const res = await manage(world, method, { identity: opts.identity ?? me.tpp, authorization, clientId: target.clientId, ...(body ? { body } : {}), ...(opts.path ? { path: opts.path } : {}) });
  if (method === 'DELETE' && res.status === 204 && target.clientId === me.clientId) me.deleted = true;
  if (method === 'PUT' && res.status === 200 && target.clientId === me.clientId) world.remember(`client:${name}`, res.json);
  return res;
}

When(/^the client "([^"]+)" (retrieves|updates|deletes) its registration$/, async function (this: ObWorld, name: string, verb: string) {
  const me = registrationOf(this, name);
  await manageAs(this, name, verb, me);
});

When(/^the client "([^"]+)" (retrieves|updates|deletes) its registration without a token$/, async function (this: ObWorld, name: string, verb: string) {
  await manageAs(this, name, verb, registrationOf(this, name), { authorization: undefined });
});

When(/^the client "([^"]+)" (retrieves|updates|deletes) its registration with the Authorization header "([^"]*)"$/, async function (this: ObWorld, name: string, verb: string, header: string) {
  await manageAs(this, name, verb, registrationOf(this, name), { authorization: header });
});

When(/^the client "([^"]+)" (retrieves|updates|deletes) its registration at the (\w+) path with the Authorization header "([^"]*)"$/, async function (this: ObWorld, name: string, verb: string, path: string, header: string) {
  await manageAs(this, name, verb, registrationOf(this, name), { authorization: header, path: path as PathName });
});

When(/^the client "([^"]+)" (retrieves|updates|deletes) its registration (without a client certificate|with the (?:tpp1|tpp2|untrusted) transport certificate)$/, async function (this: ObWorld, name: string, verb: string, connection: string) {
  await manageAs(this, name, verb, registrationOf(this, name), { identity: connectionOf(connection) });
});

When(/^the client "([^"]+)" (retrieves|updates|deletes) the registration of "([^"]+)"$/, async function (this: ObWorld, name: string, verb: string, other: string) {
  await manageAs(this, name, verb, registrationOf(this, other));
});

When(/^the client "([^"]+)" (retrieves|updates|deletes) an unknown registration$/, async function (this: ObWorld, name: string, verb: string) {
  const me = registrationOf(this, name);
  await manageAs(this, name, verb, { clientId: 'no-such-client-0000000000', tpp: me.tpp });
});

When('the client {string} updates its registration with the request claims:', async function (this: ObWorld, name: string, table: DataTable) {
  const me = registrationOf(this, name);
  await manageAs(this, name, 'updates', me, { spec: { claims: claimOverrides(this, table.raw()) } });
});

When('the client {string} updates its registration for tls_client_auth', async function (this: ObWorld, name: string) {
  const me = registrationOf(this, name);
  await manageAs(this, name, 'updates', me, { spec: { authMethod: 'tls_client_auth' } });
});

When('the client {string} updates its registration with a request {string}', async function (this: ObWorld, name: string, variant: string) {
  const me = registrationOf(this, name);
  await manageAs(this, name, 'updates', me, { spec: { variant } });
});

When('the client {string} updates its registration with the software statement of {word}', async function (this: ObWorld, name: string, other: string) {
  const me = registrationOf(this, name);
  await manageAs(this, name, 'updates', me, { spec: { ssa: buildSsa(this, tppOf(other)) } });
});

/** The product's wording with the software placeholders of fillObDcr ({{software_id:tpp1}}, ...). */
Then('in the WSO2 dialect the OB error description is {string}', function (this: ObWorld, text: string) {
  if (!this.isWso2Product) {
    this.attach(`error_description not asserted: target "${this.target.file.name}" declares no WSO2 product`, 'text/plain');
    return;
  }
  const body = this.lastResponse.json as { error_description?: unknown } | undefined;
  assert.equal(body?.error_description, fillObDcr(this, text));
});

When('the client {string} updates its registration as another software of its organisation', async function (this: ObWorld, name: string) {
  const me = registrationOf(this, name);
  await manageAs(this, name, 'updates', me, { spec: { softwareId: this.unique('OtherSoftware') } });
});

// ---- gateway errors -----------------------------------------------------------------------------

/**
 * The API Manager gateway's authentication failure (wso2-surface §6.2): code and message, plain
 * (`{code, message, description}`) or wrapped in `error` as the FS accelerator deploys it.
 */
Then('the response is the gateway error {string} {string}', function (this: ObWorld, code: string, message: string) {
  const res = this.lastResponse;
  assert.ok((res.headers['content-type'] ?? '').startsWith('application/json'), `not JSON: ${res.headers['content-type']}; ${res.text.slice(0, 200)}`);
  const body = res.json as Record<string, unknown> | undefined;
  assert.ok(body && typeof body === 'object', `not a JSON object: ${res.text.slice(0, 200)}`);
  const inner = (typeof body.error === 'object' && body.error !== null ? body.error : body) as Record<string, unknown>;
  assert.equal(String(inner.code), code, `gateway error code; body: ${res.text.slice(0, 300)}`);
  if (!this.isWso2Product) return;
  assert.equal(inner.message, message, 'gateway error message');
  const expected = gatewayDescription(code, new URL(res.url).pathname);
  if (expected) assert.ok(expected(String(inner.description)), `gateway error description: ${String(inner.description)}`);
});

/**
 * The API Manager's description of a gateway error (carbon-apimgt APISecurityConstants and the
 * auth handler's "Access failure for API: <context>, version: <version> status: (<code>) - ..."):
 * 900901 names the API's context and version, here the `/open-banking/<version>` of the path
 * called (product-apim #12620); 900902 starts as the accelerator test suites read it (its tail,
 * naming `apikey`, differs between releases); 900910 is APIM's scope-validation failure.
 */
function gatewayDescription(code: string, path: string): ((d: string) => boolean) | undefined {
  if (code === '900901') {
    const version = /\/open-banking\/([^/]+)\//.exec(path)?.[1];
    const tail = 'status: (900901) - Invalid Credentials. Make sure you have provided the correct security credentials';
    return version === undefined ? (d) => d.endsWith(tail) : (d) => d === `Access failure for API: /open-banking/${version}, version: ${version} ${tail}`;
  }
  if (code === '900902') return (d) => d.startsWith("Invalid Credentials. Make sure your API invocation call has a header: 'Authorization");
  if (code === '900910') return (d) => /^User is NOT authorized to access the Resource: .+\. Scope validation failed\.$/.test(d);
  return undefined;
}

// Clock back first (a moved clock would fail the clean-up's client assertion), then delete what
// the scenario registered through Open Banking DCR, whatever its surface (a devportal scenario's
// client left behind makes the next registration of the same software a duplicate). Defined after
// devportal.steps.ts's hooks, so it runs before them (cucumber-js runs After hooks in reverse):
// the DCR DELETE still finds the key manager "OBKM" that removes the portal application.
After({ tags: '@surface:ob-dcr or @needs:ob-dcr' }, async function (this: ObWorld) {
  runtime().clock?.reset();
  await cleanUpRegistrations(this);
});
