import assert from 'node:assert/strict';
import { Then } from '@cucumber/cucumber';
import type { ObWorld } from './support/world.ts';
import { fillTemplate } from './support/templates.ts';

/** Generic response assertions shared by every surface. */

Then('the response status is {int}', function (this: ObWorld, status: number) {
  const res = this.lastResponse;
  assert.equal(res.status, status, `${res.method} ${res.url} answered ${res.status}, expected ${status}; body: ${res.text.slice(0, 300)}`);
});

/** Where the rule allows either status (e.g. RFC 6749 §5.2 invalid_client without an Authorization header). */
Then('the response status is {int} or {int}', function (this: ObWorld, a: number, b: number) {
  const res = this.lastResponse;
  assert.ok(res.status === a || res.status === b, `${res.method} ${res.url} answered ${res.status}, expected ${a} or ${b}; body: ${res.text.slice(0, 300)}`);
});

Then('the response status is a 4xx', function (this: ObWorld) {
  const res = this.lastResponse;
  assert.ok(res.status >= 400 && res.status < 500, `${res.method} ${res.url} answered ${res.status}, expected a 4xx; body: ${res.text.slice(0, 300)}`);
});

Then('the response Content-Type is {string}', function (this: ObWorld, mediaType: string) {
  const actual = (this.lastResponse.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  assert.equal(actual, mediaType.toLowerCase(), `Content-Type is "${this.lastResponse.headers['content-type']}"`);
});

/** RFC 6749 §3.2: only POST; the status of a refusal is not fixed (TOK-01: 405 or 400). */
Then('the request is refused with a 4xx status and no access token', function (this: ObWorld) {
  const res = this.lastResponse;
  assert.ok(res.status >= 400 && res.status < 500, `answered ${res.status}: ${res.text.slice(0, 200)}`);
  assert.ok(!/"access_token"/.test(res.text), 'an access token was issued');
});

/** Where the rule allows several media types (e.g. RFC 7517 §8.5.1 application/jwk-set+json). */
Then('the response Content-Type is one of {string}', function (this: ObWorld, types: string) {
  const actual = (this.lastResponse.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  assert.ok(types.split(',').map((t) => t.trim().toLowerCase()).includes(actual), `Content-Type is "${this.lastResponse.headers['content-type']}", expected one of ${types}`);
});

Then('the response header {string} is {string}', function (this: ObWorld, name: string, value: string) {
  assert.equal(this.lastResponse.headers[name.toLowerCase()], value, `header ${name}`);
});

Then('the response body is a JSON object', function (this: ObWorld) {
  const json = this.lastResponse.json;
  assert.ok(typeof json === 'object' && json !== null && !Array.isArray(json), `body is not a JSON object: ${this.lastResponse.text.slice(0, 200)}`);
});

/** RFC 6749 §5.2: error and error_description use %x20-21 / %x23-5B / %x5D-7E only (ERR-04). */
const ERROR_CHARS = /^[\x20-\x21\x23-\x5B\x5D-\x7E]+$/;

Then('the response is an OAuth error {string}', function (this: ObWorld, code: string) {
  assertOAuthError(this, [code]);
});

/** Where the rule leaves the code open between several (e.g. PKCE-04: invalid_grant or invalid_request). */
Then('the response is one of the OAuth errors {string}', function (this: ObWorld, codes: string) {
  assertOAuthError(this, codes.split(',').map((c) => c.trim()));
});

/** RFC 6749 §5.2: a JSON object with `error` (and an optional `error_description`) of the allowed characters. */
function assertOAuthError(world: ObWorld, codes: string[]): void {
  const res = world.lastResponse;
  assert.ok((res.headers['content-type'] ?? '').startsWith('application/json'), `error is not JSON: ${res.headers['content-type']}`);
  const body = res.json as { error?: unknown; error_description?: unknown } | undefined;
  assert.ok(body && typeof body === 'object', `error body is not a JSON object: ${res.text.slice(0, 200)}`);
  assert.ok(codes.includes(String(body.error)), `error code ${JSON.stringify(body.error)}, expected ${codes.join(' or ')}; body: ${res.text.slice(0, 300)}`);
  assert.match(String(body.error), ERROR_CHARS);
  if (body.error_description !== undefined) {
    assert.equal(typeof body.error_description, 'string');
    assert.match(body.error_description as string, ERROR_CHARS, 'error_description has characters RFC 6749 §5.2 forbids');
  }
}

/** The product's exact wording, asserted only where the target declares a WSO2 product (ERR-08). */
Then('in the WSO2 dialect the error description is {string}', function (this: ObWorld, text: string) {
  if (!this.isWso2Product) {
    this.attach(`error_description not asserted: target "${this.target.file.name}" declares no WSO2 product`, 'text/plain');
    return;
  }
  const body = this.lastResponse.json as { error_description?: unknown } | undefined;
  assert.equal(body?.error_description, fillTemplate(this, text));
});

/** RFC 9110 §15.5.6: a 405 MUST carry Allow (§10.2.1), here naming the method the endpoint takes. */
Then('a 405 answer names {word} in its Allow header', function (this: ObWorld, method: string) {
  if (this.lastResponse.status !== 405) return;
  const allow = String(this.lastResponse.headers.allow ?? '').split(',').map((m) => m.trim().toUpperCase());
  assert.ok(allow.includes(method), `405 with Allow ${JSON.stringify(this.lastResponse.headers.allow)}`);
});

/** A header the standard leaves open but the product sends, asserted only in the WSO2 dialect. */
Then('in the WSO2 dialect the response header {string} starts with {string}', function (this: ObWorld, name: string, prefix: string) {
  if (!this.isWso2Product) {
    this.attach(`header not asserted: target "${this.target.file.name}" declares no WSO2 product`, 'text/plain');
    return;
  }
  const value = this.lastResponse.headers[name.toLowerCase()];
  assert.ok(typeof value === 'string' && value.startsWith(prefix), `${name}: ${JSON.stringify(value)}`);
});

/** A status the standard leaves open but the product fixes, asserted only in the WSO2 dialect. */
Then('in the WSO2 dialect the response status is {int}', function (this: ObWorld, status: number) {
  if (!this.isWso2Product) {
    this.attach(`status not asserted: target "${this.target.file.name}" declares no WSO2 product`, 'text/plain');
    return;
  }
  assert.equal(this.lastResponse.status, status, `body: ${this.lastResponse.text.slice(0, 200)}`);
});

Then('the response is a well-formed JSON error with a 4xx status', function (this: ObWorld) {
  const res = this.lastResponse;
  assert.ok(res.status >= 400 && res.status < 500, `status ${res.status} is not 4xx; body: ${res.text.slice(0, 200)}`);
  assert.ok((res.headers['content-type'] ?? '').startsWith('application/json'), `Content-Type "${res.headers['content-type']}" is not JSON; body: ${res.text.slice(0, 200)}`);
  const body = res.json as Record<string, unknown> | undefined;
  assert.ok(body && typeof body === 'object', 'body is not a JSON object');
  const oauth = typeof body.error === 'string';
  const apim = typeof body.code !== 'undefined' && typeof body.message === 'string';
  // API Manager's REST APIs (/api/am/...) answer every error as their ErrorDTO (apim-surface §1.3).
  if (new URL(res.url).pathname.startsWith('/api/am/')) assert.ok(apim, `body is not an APIM error: ${res.text.slice(0, 200)}`);
  else assert.ok(oauth || apim, `body is neither an OAuth nor an APIM error: ${res.text.slice(0, 200)}`);
  assert.doesNotMatch(res.text, /\n\s+at .+\(.+:\d+:\d+\)/, 'body contains a stack trace');
});
