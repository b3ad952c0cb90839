import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'undici';
import { ensureTestPki } from '../pki/test-pki.ts';
import { ROOT, readmeBlock, startReadmeSandbox, stopReadmeSandbox } from './readme-sandbox.ts';

/**
 * The README's seed 000 admin walkthrough, run as written against `npm run sandbox`'s entry point
 * (only the ports differ), and `discover` reading the well-known document of the sandbox's own
 * Identity Server listener and of a second sandbox running as a separate process.
 */


test('README: the seed 000 admin steps work when pasted, twice in a row', { timeout: 120_000 }, async () => {
  await ensureTestPki();
  const s = await startReadmeSandbox();
  try {
    const script = readmeBlock("Configure the FS Key Manager as seed 000's admin does")
      .replaceAll('https://localhost:9443', s.apim).replaceAll('https://localhost:9446', s.is);
    for (let run = 1; run <= 2; run++) {
      const res = spawnSync('bash', ['-c', script], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
      const why = `run ${run}:\n${res.stdout}\n[stderr]\n${res.stderr}`;
      assert.equal(res.status, 0, why);
      const lines = res.stdout.trim().split('\n');
      assert.equal(lines[0], 'WSO2-IS WSO2-IS-7 fsKeyManager ObKeyManager', why);
      assert.equal(lines[1], `${s.is}/oauth2/token`, why);
      assert.match(lines[2]!, /^added IS7KM-\d+-\d+ as [0-9a-f-]{36}$/, why);
      const listed = lines.slice(3, -1);
      assert.equal(listed.length, run + 1, why);
      assert.match(listed[0]!, /^IS7KM-\d+-\d+ fsKeyManager true$/, why);
      assert.equal(listed.at(-1), `Resident Key Manager default ${run === 1 ? 'true' : 'false'}`, why);
      assert.equal(lines.at(-1), 'false', why);
    }
  } finally {
    await stopReadmeSandbox(s);
  }
});

test('discover reads the well-known document of its own IS listener and of another sandbox process', { timeout: 120_000 }, async () => {
  const pki = await ensureTestPki();
  const ca = readFileSync(pki.ca.cert, 'utf8');
  const agent = new Agent({ connect: { ca } });
  const [a, b] = await Promise.all([startReadmeSandbox(), startReadmeSandbox()]);
  try {
    const discover = async (url: string) => {
      const form = new FormData();
      form.append('url', url);
      form.append('type', 'fsKeyManager');
      const body = new Response(form);
      const res = await request(`${a.apim}/api/am/admin/v4/key-managers/discover`, {
        method: 'POST',
        dispatcher: agent,
        headers: { authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}`, 'content-type': body.headers.get('content-type')! },
        body: Buffer.from(await body.arrayBuffer()),
      });
      return { status: res.statusCode, json: (await res.body.json()) as { valid: boolean; value: Record<string, unknown> } };
    };
    for (const is of [a.is, b.is]) {
      const url = `${is}/oauth2/token/.well-known/openid-configuration`;
      const r = await discover(url);
      assert.equal(r.status, 200, JSON.stringify(r.json));
      assert.equal(r.json.valid, true);
      assert.equal(r.json.value.issuer, `${is}/oauth2/token`);
      assert.equal(r.json.value.wellKnownEndpoint, url);
      assert.equal(r.json.value.clientRegistrationEndpoint, `${is}/api/identity/oauth2/dcr/v1.1/register`);
      assert.deepEqual(r.json.value.certificates, { type: 'JWKS', value: `${is}/oauth2/jwks` });
    }
    // Once the other sandbox has stopped, its URL cannot be read: the product's 500 (WSO2-KM-13).
    const gone = `${b.is}/oauth2/token/.well-known/openid-configuration`;
    await stopReadmeSandbox(b);
    const r = await discover(gone);
    assert.equal(r.status, 500);
  } finally {
    await stopReadmeSandbox(a);
    if (b.child.exitCode === null) await stopReadmeSandbox(b);
    await agent.close();
  }
});
