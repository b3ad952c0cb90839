import assert from 'node:assert/strict';
import type { SandboxUrls } from '../../mock-server/context.ts';
import type { ObWorld } from './world.ts';

/**
 * A JSON call to one of the target's listeners as the product's admin APIs are called: the
 * admin's Basic credentials unless `authorization` is given (undefined: none at all).
 */
export async function adminCall(world: ObWorld, listener: keyof SandboxUrls, method: string, path: string, opts: { json?: unknown; authorization?: string | undefined } = {}) {
  const headers: Record<string, string> = { accept: 'application/json' };
  const authorization = 'authorization' in opts ? opts.authorization : world.adminAuthorization();
  if (authorization) headers.authorization = authorization;
  if (opts.json !== undefined) headers['content-type'] = 'application/json';
  return world.send('none', method, world.url(listener, path), opts.json === undefined ? { headers } : { headers, body: JSON.stringify(opts.json) });
}

/** adminCall on the Identity Server listener, as the IS management steps call it. */
export const isAdminCall = (world: ObWorld, method: string, path: string, opts?: Parameters<typeof adminCall>[4]) => adminCall(world, 'is', method, path, opts);

/** The IS management objects (paths) a scenario created; steps/is-mgmt.steps.ts deletes them After. */
export function isMgmtCreated(world: ObWorld): string[] {
  if (!world.remembered.has('is-mgmt:created')) world.remember<string[]>('is-mgmt:created', []);
  return world.recall<string[]>('is-mgmt:created');
}

const callers: Record<string, (world: ObWorld) => string | undefined> = {
  'without credentials': () => undefined,
  'with a wrong password': (w) => `Basic ${Buffer.from(`${w.target.file.admin?.username ?? 'admin'}:wrong-password`).toString('base64')}`,
  'with a token that was never issued': () => 'Bearer not-a-token-anyone-issued',
  // RFC 7235 §2.1: the scheme is a whole token; "NotBasic" is not "Basic", whatever follows it.
  "with the admin's credentials under another scheme": (w) => w.adminAuthorization().replace(/^Basic /, 'NotBasic '),
};

/** The Authorization header of a caller the admin APIs must refuse, by its name in a scenario. */
export function callerAuthorization(world: ObWorld, who: string): string | undefined {
  const make = callers[who];
  assert.ok(make, `unknown caller "${who}"; known: ${Object.keys(callers).join(', ')}`);
  return make(world);
}
