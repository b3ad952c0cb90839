/**
 * A remote key set re-read for a JWT naming a kid it lacks (OIDC Core §10.1.1, JWT-22): once per
 * UNKNOWN_KID_REFETCH_SECONDS for one location, so invented kids cannot drive a stream of fetches
 * at the TPP's host. Real HTTPS to the harness's software JWKS host, a controllable clock.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { ensureTestPki } from '../pki/test-pki.ts';
import { startJwksHost, type JwksHost } from '../steps/support/jwks-host.ts';
import { createSandbox, type Sandbox } from '../mock-server/app.ts';
import { ControllableClock } from '../mock-server/clock.ts';
import { UNKNOWN_KID_REFETCH_SECONDS } from '../mock-server/directory/jwks-resolver.ts';

let host: JwksHost;
let sandbox: Sandbox;
const clock = new ControllableClock();

before(async () => {
  const pki = await ensureTestPki();
  host = await startJwksHost({}, { cert: readFileSync(pki.server.cert, 'utf8'), key: readFileSync(pki.server.key, 'utf8') }, {});
  sandbox = await createSandbox({
    overrides: { database: ':memory:', obDcr: { jwksUriAllowList: [`${host.url}/`] } },
    clock,
    trustedCaPems: [readFileSync(pki.ca.cert, 'utf8')],
    log: () => {},
  });
});
after(async () => {
  sandbox.close();
  await host.close();
});

const kids = (uri: string) => {
  const lookup = sandbox.ctx.jwksUris.lookup(uri);
  assert.ok(lookup.ok, JSON.stringify(lookup));
  return lookup.keys.map((k) => k.kid);
};

test('a kid the cached set lacks re-reads it, at most once per interval per location', async () => {
  clock.freeze();
  const uri = `${host.url}/rotation/keys`;
  host.serve('rotation/keys', { kind: 'jwks', keys: [{ kty: 'oct', kid: 'a' }] });
  await sandbox.ctx.jwksUris.refresh(uri, 'a');
  assert.equal(host.hits('rotation/keys'), 1);
  await sandbox.ctx.jwksUris.refresh(uri, 'a');
  assert.equal(host.hits('rotation/keys'), 1, 'a kid the cache holds needs no fetch');

  host.serve('rotation/keys', { kind: 'jwks', keys: [{ kty: 'oct', kid: 'a' }, { kty: 'oct', kid: 'b' }] });
  await sandbox.ctx.jwksUris.refresh(uri, 'b');
  assert.equal(host.hits('rotation/keys'), 2);
  assert.deepEqual(kids(uri), ['a', 'b']);

  await sandbox.ctx.jwksUris.refresh(uri, 'invented-1');
  clock.advance(UNKNOWN_KID_REFETCH_SECONDS - 1);
  await sandbox.ctx.jwksUris.refresh(uri, 'invented-2');
  assert.equal(host.hits('rotation/keys'), 2, 'within the interval an unknown kid is no reason to fetch again');

  clock.advance(1);
  await sandbox.ctx.jwksUris.refresh(uri, 'invented-3');
  assert.equal(host.hits('rotation/keys'), 3);
});
