import { When } from '@cucumber/cucumber';
import type { ObWorld } from './support/world.ts';
import { postWithEarlyAnswer } from './support/early-answer.ts';
import type { SandboxUrls } from '../mock-server/context.ts';

/** No client certificate: a body limit applies before any authentication. */
When('the client sends a {int} MiB body to the {word} path {string}', async function (this: ObWorld, mib: number, listener: string, path: string) {
  this.response = await postWithEarlyAnswer(this.url(listener as keyof SandboxUrls, path), this.target.caPem,
    { 'content-type': 'application/json', accept: 'application/json' }, Buffer.alloc(mib * 1024 * 1024, 'a'));
});

/** No Content-Length: the server must count the bytes as they arrive (RFC 9112 §7.1). */
When('the client sends a {int} MiB body in chunks to the {word} path {string}', async function (this: ObWorld, mib: number, listener: string, path: string) {
  this.response = await postWithEarlyAnswer(this.url(listener as keyof SandboxUrls, path), this.target.caPem,
    { 'content-type': 'application/json', accept: 'application/json' }, Buffer.alloc(mib * 1024 * 1024, 'a'), true);
});

When('the client sends {word} to the {word} path {string}', async function (this: ObWorld, method: string, listener: string, path: string) {
  await this.send('tpp1', method, this.url(listener as keyof SandboxUrls, path));
});
