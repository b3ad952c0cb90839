/**
 * The JWT bearer grant's identity providers (RFC 7521 §5.2) read from `jwtBearer.trustedIssuers`
 * files at start-up: a file that cannot be read, is not JSON or lacks `issuer` or `jwks.keys`
 * stops the sandbox with a message naming it; good files give one issuer each.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createSandbox } from '../mock-server/app.ts';
import { loadConfig } from '../mock-server/config.ts';
import { trustedIssuersOf } from '../mock-server/oauth2/trusted-issuers.ts';

const dir = mkdtempSync(join(tmpdir(), 'obc-idp-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

async function issuersOf(files: string[]) {
  const config = loadConfig({ overrides: { database: ':memory:', jwtBearer: { trustedIssuers: files } } as never });
  const sandbox = await createSandbox({ config, log: () => {} });
  try {
    return await trustedIssuersOf(sandbox.ctx);
  } finally {
    sandbox.close();
  }
}

test('each trusted issuer file gives its issuer and keys', async () => {
  const key = { kty: 'EC', crv: 'P-256', x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU', y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0', kid: 'idp-1' };
  const issuers = await issuersOf([file('good.json', JSON.stringify({ issuer: 'https://idp.example', jwks: { keys: [key] } }))]);
  assert.deepEqual([...issuers], [['https://idp.example', [key]]]);
});

for (const [what, text] of [
  ['is not JSON', '{"issuer": '],
  ['has no issuer', JSON.stringify({ jwks: { keys: [] } })],
  ['has an empty issuer', JSON.stringify({ issuer: '', jwks: { keys: [] } })],
  ['has no key set', JSON.stringify({ issuer: 'https://idp.example' })],
  ['has a key set without keys', JSON.stringify({ issuer: 'https://idp.example', jwks: {} })],
] as const) {
  test(`a trusted issuer file that ${what} stops the start with its name`, async () => {
    const path = file(`bad-${what.replaceAll(' ', '-')}.json`, text);
    await assert.rejects(issuersOf([path]), (e: Error) => e.name === 'TrustedIssuerError' && e.message.includes(path));
  });
}

test('a trusted issuer file that cannot be read stops the start with its name', async () => {
  const path = join(dir, 'missing.json');
  await assert.rejects(issuersOf([path]), (e: Error) => e.name === 'TrustedIssuerError' && e.message.includes(`cannot read ${path}`));
});
