import assert from 'node:assert/strict';
import { Then, When } from '@cucumber/cucumber';
import type { ObWorld } from './support/world.ts';
import { postReadingLate, postWithEarlyAnswer } from './support/early-answer.ts';
import type { EndpointName } from './support/target.ts';
import type { SandboxUrls } from '../mock-server/context.ts';

/**
 * No client certificate: a body limit applies before any authentication. "In chunks": no
 * Content-Length, so the server must count the bytes as they arrive (RFC 9112 §7.1).
 */
When(/^the client sends a (\d+) MiB body( in chunks)? to the (\w+) path "([^"]+)"$/, async function (this: ObWorld, mib: string, chunked: string | undefined, listener: string, path: string) {
  this.response = await postWithEarlyAnswer(this.url(listener as keyof SandboxUrls, path), this.target.caPem,
    { 'content-type': 'application/json', accept: 'application/json' }, Buffer.alloc(Number(mib) * 1024 * 1024, 'a'), Boolean(chunked));
});

When('the client sends {word} to the {word} path {string}', async function (this: ObWorld, method: string, listener: string, path: string) {
  await this.send('tpp1', method, this.url(listener as keyof SandboxUrls, path));
});

/** ERR-09: the whole body is sent before a byte of the answer is read (early-answer.ts postReadingLate). */
When(/^the client sends a (\d+) MiB body( in chunks)? to the (\w+) and reads the answer only once the body is sent$/, async function (this: ObWorld, mib: string, chunked: string | undefined, endpoint: EndpointName) {
  this.response = await postReadingLate(this.endpoint(endpoint), this.target.caPem,
    { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, Buffer.alloc(Number(mib) * 1024 * 1024, 'a'), Boolean(chunked));
});

/**
 * RFC 6750 §3.1 (ERR-07): without credentials "the resource server SHOULD NOT include an error code
 * or other error information": no `error` in the challenge, nor in a JSON body if one is sent.
 */
Then('the response carries no error code', function (this: ObWorld) {
  const challenge = this.lastResponse.headers['www-authenticate'] ?? '';
  assert.doesNotMatch(challenge, /\berror=/i, `WWW-Authenticate: ${challenge}`);
  const body: unknown = this.lastResponse.json;
  const code = body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>).error : undefined;
  assert.equal(code, undefined, `the body names the error ${JSON.stringify(code)}: ${this.lastResponse.text.slice(0, 200)}`);
});
