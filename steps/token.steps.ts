import { Readable } from 'node:stream';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { Given, Then, When, type DataTable } from '@cucumber/cucumber';
import type { ObWorld } from './support/world.ts';
import { certificateHeaderValue, type TlsIdentity } from './support/http-client.ts';
import type { IdentityName } from './support/target.ts';
import { fillTemplate } from './support/templates.ts';
import { subjectDnOf } from '../pki/test-pki.ts';
import {
  JWT_BEARER_GRANT, certificateThumbprint, registerClient, clientAuthentication, clientOf, jwtClaims, postForm,
  registerClientOrFail, requestToken, tokensOf, transportCertPem, type TokenAuth,
} from './support/token-client.ts';
import { buildAssertion, type Signer } from './support/client-assertion.ts';
import { claimsFromTable } from './support/claims-table.ts';
import { accessTokenClaimsOf, introspectQuietly } from './support/introspect.ts';
import { trustedIssuerOf } from './support/trusted-issuer.ts';
import { verifyTargetJwt } from './support/authorize-client.ts';

/** Token endpoint: registering clients for it, token requests, and what a token response holds. */

const identityOf = (who: string): TlsIdentity => (who === 'without a client certificate' ? 'none' : (who.replace(/^as /, '') as TlsIdentity));

/** A data table of form fields (| field | value |) with templates filled. */
function formOf(world: ObWorld, table: DataTable | undefined): Record<string, string> {
  const form: Record<string, string> = {};
  for (const [field, value] of table?.raw() ?? []) {
    if (field === 'field') continue;
    form[field!] = fillTemplate(world, value ?? '');
  }
  return form;
}

// ---- registration -------------------------------------------------------------------------------

Given('the client {string} is registered with:', async function (this: ObWorld, name: string, doc: string) {
  await registerClientOrFail(this, name, doc);
});

/**
 * Clients with exactly what their scenarios use (RFC 7591 §2): one grant, one authentication
 * method, and `response_types: []` since they never use the authorization endpoint (§2.1: the
 * grant and response types are kept consistent; the default response type "code" would need the
 * authorization_code grant and a redirect URI).
 */
function appClient(grants: string[], auth: Record<string, unknown>): string {
  return JSON.stringify({ grant_types: grants, response_types: [], ...auth });
}

/** A private_key_jwt client (RFC 7523 §2.2) of `signer`'s PS256 key, with these grants only. */
function privateKeyJwtClient(grants: string[], signer: Signer): string {
  // The {{jwks:...}} placeholder stands for a JSON object, so it goes in unquoted.
  return appClient(grants, { token_endpoint_auth_method: 'private_key_jwt', token_endpoint_auth_signing_alg: 'PS256', jwks: 'JWKS' })
    .replace('"JWKS"', `{{jwks:${signer}}}`);
}

Given('the client {string} is registered for private_key_jwt with the {word} signing key', async function (this: ObWorld, name: string, signer: Signer) {
  await registerClientOrFail(this, name, privateKeyJwtClient(['client_credentials'], signer));
});

/** RFC 7523 §2.1: the jwt-bearer grant only for the scenarios about it. */
Given('the client {string} is registered for private_key_jwt with the {word} signing key and the jwt-bearer grant', async function (this: ObWorld, name: string, signer: Signer) {
  await registerClientOrFail(this, name, privateKeyJwtClient(['client_credentials', JWT_BEARER_GRANT], signer));
});

/** A user's tokens with a refresh token (RFC 6749 §6): the refresh_token grant registered too. */
Given('the client {string} is registered for private_key_jwt with the {word} signing key and the jwt-bearer and refresh_token grants', async function (this: ObWorld, name: string, signer: Signer) {
  await registerClientOrFail(this, name, privateKeyJwtClient(['client_credentials', JWT_BEARER_GRANT, 'refresh_token'], signer));
});

Given('the client {string} is registered for tls_client_auth with the {word} subject DN', async function (this: ObWorld, name: string, identity: IdentityName) {
  await registerClientOrFail(this, name, appClient(['client_credentials'], {
    token_endpoint_auth_method: 'tls_client_auth', tls_client_auth_subject_dn: `{{subject_dn:${identity}}}`,
  }));
});

/** RFC 4519 §2: the OIDs of the attribute types a transport certificate's subject uses. */
const TYPE_OIDS: Record<string, string> = { CN: '2.5.4.3', OU: '2.5.4.11', O: '2.5.4.10', C: '2.5.4.6', ST: '2.5.4.8', L: '2.5.4.7' };
const mapValues = (dn: string, f: (value: string) => string) => dn.replace(/=([^,]*)/g, (_m, value: string) => `=${f(value)}`);

/**
 * The same DN spelled otherwise, or another DN. RFC 4514 §2.3: attribute type names are
 * case-insensitive and a type may be given by its OID; §3: any character of a value may be
 * escaped as `\` and a hex pair, and a space as `\ `; RFC 4519: CN, OU, O and C match with
 * caseIgnoreMatch, whose insignificant-space handling folds runs of spaces (RFC 4518 §2.6.1).
 * RFC 4517 §4.2.15: DNs are sequences, so the same RDNs in another order are another DN.
 */
const DN_VARIANTS: Record<string, (dn: string) => string> = {
  'with lower-case attribute types': (dn) => dn.replace(/(^|,)([A-Za-z]+)=/g, (_m, sep: string, type: string) => `${sep}${type.toLowerCase()}=`),
  'with upper-case values': (dn) => mapValues(dn, (v) => v.toUpperCase()),
  'with attribute types as OIDs': (dn) => dn.replace(/(^|,)([A-Za-z]+)=/g, (_m, sep: string, type: string) => `${sep}${TYPE_OIDS[type.toUpperCase()] ?? type}=`),
  'with each value\'s first character hex-escaped': (dn) => mapValues(dn, (v) => `${[...Buffer.from(v[0]!, 'utf8')].map((b) => `\\${b.toString(16).padStart(2, '0')}`).join('')}${v.slice(1)}`),
  'with its spaces escaped': (dn) => mapValues(dn, (v) => v.replaceAll(' ', '\\ ')),
  'with its spaces doubled': (dn) => mapValues(dn, (v) => v.replaceAll(' ', '  ')),
  // RFC 4514 §3: a leading space is written `\ `; RFC 4518 §2.6.1 removes it as insignificant.
  'with an escaped space before each value': (dn) => mapValues(dn, (v) => `\\ ${v}`),
  // RFC 4514 §2.4: a trailing space is written `\ `; RFC 4518 §2.6.1 removes it as insignificant.
  'with an escaped space after each value': (dn) => mapValues(dn, (v) => `${v}\\ `),
  // RFC 4518 §2.6.1 folds runs of inner spaces but keeps one: "A B" and "AB" differ.
  'with its spaces removed': (dn) => mapValues(dn, (v) => v.replaceAll(' ', '')),
  // No attribute types: not an RFC 4514 DN at all, so no certificate's subject is it.
  'with its values alone': (dn) => dn.split(',').map((rdn) => rdn.slice(rdn.indexOf('=') + 1)).join(','),
  // RFC 4514 §3: RDNs are joined by commas, none of them empty; a backslash escapes a character or a hex pair.
  'with an empty RDN after its first': (dn) => dn.replace(',', ',,'),
  'with a lone backslash after its last value': (dn) => `${dn}\\`,
  // Appended last, as the most significant RDN (RFC 4514 §2.1 lists RDNs from the least significant).
  'with one more RDN': (dn) => `${dn},ST=Greater London`,
  'with its RDNs in reverse order': (dn) => dn.split(',').reverse().join(','),
  // RFC 4514 §2.2: `+` joins attribute-value assertions into one multi-valued RDN.
  'with its first two RDNs made one multi-valued RDN': (dn) => dn.replace(',', '+'),
};

Given('the client {string} is registered for tls_client_auth with the {word} subject DN {}', async function (this: ObWorld, name: string, identity: IdentityName, variant: string) {
  const spell = DN_VARIANTS[variant];
  if (!spell) throw new Error(`unknown DN variant "${variant}"; known: ${Object.keys(DN_VARIANTS).join('; ')}`);
  await registerClientOrFail(this, name, appClient(['client_credentials'], {
    token_endpoint_auth_method: 'tls_client_auth', tls_client_auth_subject_dn: spell(subjectDnOf(transportCertPem(this, identity))),
  }));
});

Given('the client {string} is registered for {word} with a client secret', async function (this: ObWorld, name: string, method: string) {
  await registerClientOrFail(this, name, { grant_types: ['client_credentials'], response_types: [], token_endpoint_auth_method: method });
});

// ---- token requests ----------------------------------------------------------------------------

When(/^the client "([^"]+)" requests a client_credentials token (as [\w-]+|without a client certificate)$/, async function (this: ObWorld, name: string, who: string) {
  await requestToken(this, { identity: identityOf(who), clientName: name, form: { grant_type: 'client_credentials' } });
});

/**
 * A client certificate only a TLS-terminating proxy may forward: RFC 9440's `Client-Cert` (a
 * structured-field byte sequence of the DER) and WSO2's `x-wso2-mutual-auth-cert` (URL-encoded
 * PEM, the accelerator's `[oauth.mutualtls] client_certificate_header`), sent by the client itself.
 */
When('the client {string} requests a client_credentials token without a client certificate, naming the {word} certificate in proxy headers', async function (this: ObWorld, name: string, identity: IdentityName) {
  const pem = transportCertPem(this, identity);
  const der = new X509Certificate(pem).raw.toString('base64');
  const headers = { 'client-cert': `:${der}:`, 'x-wso2-mutual-auth-cert': encodeURIComponent(pem) };
  await requestToken(this, { identity: 'none', clientName: name, form: { grant_type: 'client_credentials' }, headers });
});

/**
 * WSO2-TLS-04, the harness as the target's proxy: the certificate's base64 DER without the PEM
 * armour, in the form the target's header expects (MTLSEnforcementUtils.parseCertificate strips
 * the armour in either mode, then base64-decodes or re-wraps what is left).
 */
When('the client {string} requests a client_credentials token as the proxy, sending the {word} certificate without its PEM armour', async function (this: ObWorld, name: string, identity: IdentityName) {
  const presentation = this.target.file.clientCertificates;
  if (!presentation) throw new Error('the target names no clientCertificates.header (the scenario needs @needs:client-certificate-header)');
  const bare = new X509Certificate(transportCertPem(this, identity)).raw.toString('base64');
  const headers = { [presentation.header]: certificateHeaderValue(bare, presentation.encoded ?? true) };
  await requestToken(this, { identity: 'none', clientName: name, form: { grant_type: 'client_credentials' }, headers });
});

When(/^the client "([^"]+)" requests a client_credentials token with scope "([^"]*)" (as [\w-]+|without a client certificate)$/, async function (this: ObWorld, name: string, scope: string, who: string) {
  await requestToken(this, { identity: identityOf(who), clientName: name, form: { grant_type: 'client_credentials', scope } });
});

Given('the client {string} has obtained a client_credentials token as {word}', async function (this: ObWorld, name: string, identity: TlsIdentity) {
  const res = await requestToken(this, { identity, clientName: name, form: { grant_type: 'client_credentials', scope: 'accounts' } });
  assert.equal(res.status, 200, `token request failed: ${res.text.slice(0, 300)}`);
});

When('the client {string} sends a token request as {word} with:', async function (this: ObWorld, name: string, identity: TlsIdentity, table: DataTable) {
  await requestToken(this, { identity, clientName: name, form: formOf(this, table) });
});

When('the client {string} sends a token request without a client certificate with:', async function (this: ObWorld, name: string, table: DataTable) {
  await requestToken(this, { identity: 'none', clientName: name, form: formOf(this, table) });
});

When('the client {string} sends a token request as {word} authenticating with {word} and:', async function (this: ObWorld, name: string, identity: TlsIdentity, auth: TokenAuth, table: DataTable) {
  await requestToken(this, { identity, clientName: name, auth, form: formOf(this, table) });
});

When('the client {string} sends a token request as {word} authenticating with both {word} and {word} and:', async function (this: ObWorld, name: string, identity: TlsIdentity, first: TokenAuth, second: TokenAuth, table: DataTable) {
  const a = await clientAuthentication(this, name, { auth: first });
  const b = await clientAuthentication(this, name, { auth: second });
  await postForm(this, identity, 'token_endpoint', { ...a.form, ...b.form, ...formOf(this, table) }, { ...a.headers, ...b.headers });
});

When('the client {string} sends a token request as {word} with a wrong client secret in a Basic header', async function (this: ObWorld, name: string, identity: TlsIdentity) {
  const clientId = clientOf(this, name).client_id;
  await postForm(this, identity, 'token_endpoint', { grant_type: 'client_credentials' }, {
    authorization: `Basic ${Buffer.from(`${clientId}:wrong-secret`).toString('base64')}`,
  });
});

When('an unknown client sends a token request as {word} with a client secret in a Basic header', async function (this: ObWorld, identity: TlsIdentity) {
  await postForm(this, identity, 'token_endpoint', { grant_type: 'client_credentials' }, {
    authorization: `Basic ${Buffer.from(`no-such-client-0000:secret`).toString('base64')}`,
  });
});

When('a token request is sent as {word} with the Authorization header {string}', async function (this: ObWorld, identity: TlsIdentity, authorization: string) {
  await postForm(this, identity, 'token_endpoint', { grant_type: 'client_credentials' }, { authorization });
});

When('a token request is sent as {word} with the Content-Type {string} and the body:', async function (this: ObWorld, identity: TlsIdentity, contentType: string, body: string) {
  await this.send(identity, 'POST', this.endpoint('token_endpoint'), { headers: { 'content-type': contentType }, body: fillTemplate(this, body) });
});

When('the client {string} sends a token request as {word} with the raw form {string}', async function (this: ObWorld, name: string, identity: TlsIdentity, raw: string) {
  const auth = await clientAuthentication(this, name);
  const authForm = new URLSearchParams(auth.form).toString();
  await this.send(identity, 'POST', this.endpoint('token_endpoint'), {
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...auth.headers },
    body: `${authForm}&${fillTemplate(this, raw)}`,
  });
});

/** The same request with its body in chunks of at most 16 bytes, without a Content-Length (RFC 9112 §7.1). */
When('the client {string} sends a token request as {word} with the raw form {string} in chunks', async function (this: ObWorld, name: string, identity: TlsIdentity, raw: string) {
  const auth = await clientAuthentication(this, name);
  const text = `${new URLSearchParams(auth.form).toString()}&${fillTemplate(this, raw)}`;
  async function* chunks(): AsyncIterable<Buffer> {
    for (let at = 0; at < text.length; at += 16) yield Buffer.from(text.slice(at, at + 16));
  }
  await this.send(identity, 'POST', this.endpoint('token_endpoint'), {
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...auth.headers },
    body: Readable.from(chunks()),
  });
});

When('the client {string} sends a token request as {word} with a {int} KiB scope', async function (this: ObWorld, name: string, identity: TlsIdentity, kib: number) {
  await requestToken(this, { identity, clientName: name, form: { grant_type: 'client_credentials', scope: 'a'.repeat(kib * 1024) } });
});

When('a {word} request is sent to the token endpoint as {word}', async function (this: ObWorld, method: string, identity: TlsIdentity) {
  await this.send(identity, method, this.endpoint('token_endpoint'));
});

// ---- jwt-bearer grant (RFC 7523 §2.1) ------------------------------------------------------------

/** RFC 7521 §5.2: grant assertions come from the identity provider the target trusts (its `jwtBearer`). */
async function jwtBearer(world: ObWorld, name: string, identity: TlsIdentity, user: string, claims: Record<string, unknown>, variant?: string, scope = 'accounts') {
  const idp = trustedIssuerOf(world);
  const assertion = await buildAssertion({
    clientId: idp.issuer, subject: user, audience: world.endpoint('token_endpoint'), claims, variant,
    ...(variant === undefined ? { key: idp.key } : {}),
  });
  world.remember(`grant-assertion:${name}`, assertion);
  return requestToken(world, { identity, clientName: name, form: { grant_type: JWT_BEARER_GRANT, assertion, scope } });
}

When('the client {string} requests a jwt-bearer token for the user {string} as {word}', async function (this: ObWorld, name: string, user: string, identity: TlsIdentity) {
  await jwtBearer(this, name, identity, user, {});
});

Given('the client {string} has obtained a jwt-bearer token for the user {string} as {word}', async function (this: ObWorld, name: string, user: string, identity: TlsIdentity) {
  const res = await jwtBearer(this, name, identity, user, {});
  assert.equal(res.status, 200, `jwt-bearer request failed: ${res.text.slice(0, 300)}`);
});

Given('the client {string} has obtained a jwt-bearer token for the user {string} with the scope {string} as {word}', async function (this: ObWorld, name: string, user: string, scope: string, identity: TlsIdentity) {
  const res = await jwtBearer(this, name, identity, user, {}, undefined, scope);
  assert.equal(res.status, 200, `jwt-bearer request failed: ${res.text.slice(0, 300)}`);
});

/** RFC 6750 §2.1: the client's latest access token at the userinfo endpoint, over its TPP's TLS identity (bound tokens). */
When('the client {string} calls userinfo with its access token as {word}', async function (this: ObWorld, name: string, identity: TlsIdentity) {
  await this.send(identity, 'GET', this.endpoint('userinfo_endpoint'), { headers: { accept: 'application/json', authorization: `Bearer ${tokensOf(this, name).access_token}` } });
});

/** AUTHZ-21: the claims are the token's user's (RFC 7523 §3: the assertion's `sub` names the principal). */
Then('the user claims name the subject {string}', function (this: ObWorld, sub: string) {
  assert.equal(this.lastResponse.status, 200, `userinfo answered ${this.lastResponse.status}: ${this.lastResponse.text.slice(0, 200)}`);
  assert.equal((this.lastResponse.json as { sub?: unknown } | undefined)?.sub, sub, `userinfo: ${this.lastResponse.text.slice(0, 300)}`);
});

When('the client {string} requests a jwt-bearer token for the user {string} as {word} with a grant assertion where:', async function (this: ObWorld, name: string, user: string, identity: TlsIdentity, table: DataTable) {
  await jwtBearer(this, name, identity, user, claimsFromTable(table));
});

When('the client {string} requests a jwt-bearer token for the user {string} as {word} with a grant assertion {string}', async function (this: ObWorld, name: string, user: string, identity: TlsIdentity, variant: string) {
  await jwtBearer(this, name, identity, user, {}, variant);
});

When('the client {string} requests a jwt-bearer token as {word} reusing its previous grant assertion', async function (this: ObWorld, name: string, identity: TlsIdentity) {
  const assertion = this.recall<string>(`grant-assertion:${name}`);
  await requestToken(this, { identity, clientName: name, form: { grant_type: JWT_BEARER_GRANT, assertion, scope: 'accounts' } });
});

When('the client {string} requests a jwt-bearer token as {word} without an assertion', async function (this: ObWorld, name: string, identity: TlsIdentity) {
  await requestToken(this, { identity, clientName: name, form: { grant_type: JWT_BEARER_GRANT } });
});

// ---- token responses --------------------------------------------------------------------------

/** RFC 6749 §5.1: access_token, token_type Bearer, expires_in. */
/** RFC 6749 §3.3 (TOK-08): refuse with invalid_scope, or narrow and say so in `scope` (§5.1). */
Then('the scope is refused with invalid_scope or narrowed to {string}', function (this: ObWorld, scope: string) {
  const res = this.lastResponse;
  const body = res.json as { error?: string; scope?: string } | undefined;
  if (res.status === 400) {
    assert.equal(body?.error, 'invalid_scope', `error; body: ${res.text.slice(0, 300)}`);
    return;
  }
  assert.equal(res.status, 200, `answered ${res.status}: ${res.text.slice(0, 300)}`);
  assert.deepEqual((body?.scope ?? '').split(' ').sort(), scope.split(' ').sort(), 'the narrowed scope (RFC 6749 §5.1: scope is REQUIRED when it differs)');
});

/** RFC 6749 §5.1: access_token and token_type (case-insensitive, §7.1) REQUIRED; expires_in RECOMMENDED. */
Then('the response is a token response', function (this: ObWorld) {
  const body = this.lastResponse.json as Record<string, unknown> | undefined;
  assert.ok(body && typeof body === 'object', `not a JSON token response: ${this.lastResponse.text.slice(0, 300)}`);
  assert.ok(typeof body.access_token === 'string' && body.access_token.length > 0, 'access_token is missing');
  assert.equal(typeof body.token_type === 'string' ? body.token_type.toLowerCase() : body.token_type, 'bearer', 'token_type');
  if (body.expires_in !== undefined) assert.ok(typeof body.expires_in === 'number' && body.expires_in > 0, `expires_in is ${JSON.stringify(body.expires_in)}`);
});

When('the client {string} registers with:', async function (this: ObWorld, name: string, doc: string) {
  await registerClient(this, name, doc);
});

When('the client {string} registers as {string} with:', async function (this: ObWorld, name: string, contentType: string, doc: string) {
  await registerClient(this, name, doc, { contentType });
});

/**
 * RFC 6749 §4.4 (TOK-25): client_credentials is for confidential clients only. A server may
 * refuse to register such a client (RFC 7591 §3.2.2), or refuse it the token.
 */
Then('the registration is refused, or the client {string} gets no client_credentials token as {word}', async function (this: ObWorld, name: string, identity: TlsIdentity) {
  const registration = this.lastResponse;
  if (registration.status !== 201) {
    assert.ok(registration.status >= 400 && registration.status < 500, `registration answered ${registration.status}: ${registration.text.slice(0, 300)}`);
    return;
  }
  const res = await requestToken(this, { identity, clientName: name, form: { grant_type: 'client_credentials', scope: 'accounts' } });
  assert.ok(res.status >= 400 && res.status < 500, `a client without authentication got ${res.status}: ${res.text.slice(0, 200)}`);
  assert.ok(!(res.json as { access_token?: unknown } | undefined)?.access_token, 'an access token was issued');
});

Then('the response header {string} starts with {string}', function (this: ObWorld, name: string, prefix: string) {
  const value = this.lastResponse.headers[name.toLowerCase()];
  assert.ok(value?.startsWith(prefix), `header ${name} is ${JSON.stringify(value)}, expected it to start with ${prefix}`);
});

Then('the response has no header {string}', function (this: ObWorld, name: string) {
  assert.equal(this.lastResponse.headers[name.toLowerCase()], undefined, `header ${name} should be absent`);
});

/**
 * The claims of the last token response's access token: decoded when it is a JWT, else read by
 * introspection (RFC 8705 §3.2, RFC 7662 §2.2), since an opaque token carries its binding there.
 */
async function accessTokenClaims(world: ObWorld): Promise<Record<string, unknown>> {
  const token = (world.lastResponse.json as { access_token?: string } | undefined)?.access_token;
  assert.ok(token, `no access_token in ${world.lastResponse.text.slice(0, 200)}`);
  return accessTokenClaimsOf(world, token, world.recall<string>('last-token-client'));
}

/** RFC 8705 §3.1 (CNF-01), or §3.2 for an opaque token. */
Then('the access token is bound to the {word} transport certificate', async function (this: ObWorld, identity: IdentityName) {
  const cnf = (await accessTokenClaims(this)).cnf as Record<string, unknown> | undefined;
  assert.deepEqual(cnf, { 'x5t#S256': certificateThumbprint(this, identity) }, 'cnf of the access token');
});

Then('the access token has no cnf claim', async function (this: ObWorld) {
  assert.equal((await accessTokenClaims(this)).cnf, undefined);
});

/** The access token's lifetime: `exp` - `iat` (a JWT's claims, or an opaque token's at introspection). */
Then('the access token lives {int} seconds', async function (this: ObWorld, seconds: number) {
  const claims = await accessTokenClaims(this);
  assert.equal((claims.exp as number) - (claims.iat as number), seconds, `exp ${String(claims.exp)} - iat ${String(claims.iat)}`);
});

/** Not a JWS compact serialisation (RFC 7515 §7.1: three dot-separated parts). */
Then('the access token is opaque', function (this: ObWorld) {
  const token = (this.lastResponse.json as { access_token?: string } | undefined)?.access_token;
  assert.ok(typeof token === 'string' && token !== '', `no access_token in ${this.lastResponse.text.slice(0, 200)}`);
  assert.notEqual(token.split('.').length, 3, `the access token is a JWT: ${token.slice(0, 60)}…`);
});

/** WSO2-TOK-03: a JWS compact serialisation (RFC 7515 §7.1) that verifies against the server's JWKS. */
Then('the access token is a JWT signed by the server', async function (this: ObWorld) {
  const token = (this.lastResponse.json as { access_token?: string } | undefined)?.access_token;
  assert.ok(typeof token === 'string' && token.split('.').length === 3, `the access token is no JWT: ${String(token).slice(0, 60)}`);
  await verifyTargetJwt(this, token, ['PS256', 'ES256', 'RS256']);
});

/** An introspection member that repeats a claim of the client's JWT access token (RFC 7662 §2.2). */
Then('the response member {string} is the claim {string} of the access token of {string}', function (this: ObWorld, member: string, claim: string, name: string) {
  const token = tokensOf(this, name).access_token;
  assert.ok(token.split('.').length === 3, `the access token of ${name} is no JWT`);
  const body = this.lastResponse.json as Record<string, unknown> | undefined;
  assert.equal(body?.[member], jwtClaims(token)[claim], `member ${member}: ${this.lastResponse.text.slice(0, 300)}`);
});

Then('the access token claim {string} is {string}', async function (this: ObWorld, claim: string, value: string) {
  assert.equal((await accessTokenClaims(this))[claim], fillTemplate(this, value), `claim ${claim}`);
});

Then('the client {string} still has no token', function (this: ObWorld, name: string) {
  assert.ok(!this.remembered.has(`tokens:${name}`), `a token was issued to ${name}`);
});

Then('the token of {string} has a refresh token', function (this: ObWorld, name: string) {
  assert.ok(tokensOf(this, name).refresh_token, 'refresh_token is missing');
});

/** The product's exact body (WSO2-TOK-02), asserted only where the target declares a WSO2 product. */
Then('in the WSO2 dialect the response body is exactly:', function (this: ObWorld, doc: string) {
  if (!this.isWso2Product) {
    this.attach(`body not asserted: target "${this.target.file.name}" declares no WSO2 product`, 'text/plain');
    return;
  }
  assert.deepEqual(this.lastResponse.json, JSON.parse(fillTemplate(this, doc)));
});

// ---- certificate binding over the whole certificate (CNF-08) ------------------------------------

/** The target offers tpp1's transport key under a second certificate; else the scenario is skipped. */
Given('tpp1 has a re-issued transport certificate with the same key', function (this: ObWorld) {
  const pem = this.reissuedCertPem;
  if (!pem) {
    this.attach('Skipped: the target names its own tpp1 identity but no "tpp1-reissued" identity (same key, another certificate)', 'text/plain');
    return 'skipped';
  }
  const original = new X509Certificate(transportCertPem(this, 'tpp1'));
  const reissued = new X509Certificate(pem);
  const spki = (c: X509Certificate) => c.publicKey.export({ format: 'der', type: 'spki' });
  assert.ok(spki(reissued).equals(spki(original)), 'the re-issued certificate does not certify the tpp1 transport key');
  assert.ok(!reissued.raw.equals(original.raw), 'the re-issued certificate is the tpp1 certificate itself');
  return undefined;
});

When('{string} presents its access token at userinfo over the re-issued tpp1 certificate', async function (this: ObWorld, name: string) {
  const issued = this.recall<{ access_token: string }[]>(`issued:${name}`);
  const token = issued[issued.length - 1]?.access_token;
  assert.ok(token, `no tokens were issued to ${name} in this scenario`);
  await this.sendReissued('GET', this.endpoint('userinfo_endpoint'), { headers: { accept: 'application/json', authorization: `Bearer ${token}` } });
});

// ---- lifetime of bearer tokens (TOK-20) ---------------------------------------------------------

/** FAPI1-Baseline §5.2.2-21 (TOK-20): a token that is not sender-constrained lives at most `max` seconds. */
Then('no unbound access token living longer than {int} seconds was issued', async function (this: ObWorld, max: number) {
  const res = this.lastResponse;
  if (res.status !== 200) {
    this.attach(`no token issued (status ${res.status})`, 'text/plain');
    return;
  }
  const body = res.json as { access_token?: string; expires_in?: unknown } | undefined;
  assert.ok(body?.access_token, `no access_token in ${res.text.slice(0, 200)}`);
  // RFC 8705 §3.1: a bound JWT carries cnf; an opaque token's binding is read by introspection (§3.2).
  const claims = await accessTokenClaimsOf(this, body.access_token, this.recall<string>('last-token-client'));
  if (claims.cnf !== undefined) return;
  const lifetime = typeof body.expires_in === 'number'
    ? body.expires_in
    : typeof claims.exp === 'number' && typeof claims.iat === 'number' ? claims.exp - claims.iat : undefined;
  assert.ok(lifetime !== undefined, 'an unbound access token without expires_in or exp');
  assert.ok(lifetime <= max, `an unbound (bearer) access token lives ${lifetime} s, more than ${max} s`);
});
