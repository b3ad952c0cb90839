import { When } from '@cucumber/cucumber';
import type { ObWorld } from './support/world.ts';
import type { SandboxUrls } from '../mock-server/context.ts';

When('the client sends a {int} MiB body to the {word} path {string}', async function (this: ObWorld, mib: number, listener: string, path: string) {
  await this.send('tpp1', 'POST', this.url(listener as keyof SandboxUrls, path), {
    headers: { 'content-type': 'application/json' },
    body: Buffer.alloc(mib * 1024 * 1024, 'a'),
  });
});

When('the client sends {word} to the {word} path {string}', async function (this: ObWorld, method: string, listener: string, path: string) {
  await this.send('tpp1', method, this.url(listener as keyof SandboxUrls, path));
});
