import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningSandbox } from '../mock-server/listeners.ts';
import { REPO, freePorts, startSandbox, stopSandbox, type SandboxProcess } from './sandbox-process.ts';
import { ADMIN, basic, call, keyManagerAt, runningSandbox } from './devportal-helpers.ts';

/**
 * The portal of one sandbox (A, in this process) with a key manager that is another, separately
 * started sandbox's Identity Server listener (B, a child process on ports chosen at runtime with
 * its own database file): generated keys, mapped keys and tokens all cross the network to B.
 */

const DEV = '/api/am/devportal/v3';
const IS_DCR = '/api/identity/oauth2/dcr/v1.1/register';

describe('the developer portal with a key manager in a second sandbox', () => {
  let a: RunningSandbox;
  let b: SandboxProcess;
  let dir: string;
  let kmId: string;
  const tpp = basic('remote-tpp', 'remote-tpp-pw');

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'obc-two-sandboxes-'));
    b = await startSandbox(['--profile', 'generic', '--database', join(dir, 'b.db')], await freePorts());
    a = await runningSandbox({ profile: 'generic' });
    const km = await call('POST', `${a.urls.apim}/api/am/admin/v4/key-managers`, { auth: ADMIN, json: keyManagerAt(b.is, 'RemoteIS') });
    assert.equal(km.status, 201, km.text);
    kmId = km.json.id as string;
    const signUp = await call('POST', `${a.urls.apim}/api/identity/user/v1.0/me`, { auth: ADMIN, json: { user: { username: 'remote-tpp', password: 'remote-tpp-pw' } } });
    assert.equal(signUp.status, 201, signUp.text);
  });

  after(async () => {
    await a?.close();
    if (b) await stopSandbox(b.child, 'SIGTERM');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('generate keys creates the client at the other sandbox, with a token from its token endpoint', async () => {
    const app = await call('POST', `${a.urls.apim}${DEV}/applications`, { auth: tpp, json: { name: 'RemoteApp', throttlingPolicy: 'Unlimited' } });
    assert.equal(app.status, 201, app.text);
    const appId = app.json.applicationId as string;
    const keys = await call('POST', `${a.urls.apim}${DEV}/applications/${appId}/generate-keys`, {
      auth: tpp,
      json: {
        keyType: 'PRODUCTION', keyManager: kmId, grantTypesToBeSupported: ['client_credentials'], scopes: ['accounts'],
        additionalProperties: { ext_pkce_mandatory: 'false', ext_pkce_support_plain: 'false', ext_public_client: 'false', regulatory: 'false' },
      },
    });
    assert.equal(keys.status, 200, keys.text);
    const consumerKey = keys.json.consumerKey as string;

    // The client lives at B, not at A.
    const atB = await call('GET', `${b.is}${IS_DCR}/${consumerKey}`, { auth: ADMIN });
    assert.equal(atB.status, 200, atB.text);
    assert.equal(atB.json.client_name, `remote-tpp_${appId}_PRODUCTION`);
    assert.equal((await call('GET', `${a.urls.is}${IS_DCR}/${consumerKey}`, { auth: ADMIN })).status, 401);

    // The application token came from B's token endpoint: B knows it.
    const token = keys.json.token.accessToken as string;
    assert.ok(token, JSON.stringify(keys.json.token));
    const intro = await call('POST', `${b.is}/oauth2/introspect`, { auth: ADMIN, form: { token } });
    assert.equal(intro.status, 200, intro.text);
    assert.equal(intro.json.active, true);
    assert.equal(intro.json.client_id, consumerKey);

    // A token from A's portal, again from B.
    const portalToken = await call('POST', `${a.urls.apim}${DEV}/applications/${appId}/oauth-keys/${keys.json.keyMappingId as string}/generate-token`, {
      auth: tpp, json: { validityPeriod: 3600, scopes: ['accounts'] },
    });
    assert.equal(portalToken.status, 200, portalToken.text);
    const intro2 = await call('POST', `${b.is}/oauth2/introspect`, { auth: ADMIN, form: { token: portalToken.json.accessToken as string } });
    assert.equal(intro2.json.active, true);

    // Listing re-reads the client from B; deleting the application deletes it at B.
    const list = await call('GET', `${a.urls.apim}${DEV}/applications/${appId}/oauth-keys`, { auth: tpp });
    assert.equal(list.json.list[0].consumerSecret, keys.json.consumerSecret);
    assert.equal((await call('DELETE', `${a.urls.apim}${DEV}/applications/${appId}`, { auth: tpp })).status, 200);
    assert.equal((await call('GET', `${b.is}${IS_DCR}/${consumerKey}`, { auth: ADMIN })).status, 401);
  });

  test('map keys validates a client made at the other sandbox against it', async () => {
    const client = await call('POST', `${b.is}${IS_DCR}`, { auth: ADMIN, json: { client_name: 'remote-oob', grant_types: ['client_credentials'] } });
    assert.equal(client.status, 201, client.text);
    const app = await call('POST', `${a.urls.apim}${DEV}/applications`, { auth: tpp, json: { name: 'RemoteMapped', throttlingPolicy: 'Unlimited' } });
    const appId = app.json.applicationId as string;
    const wrong = await call('POST', `${a.urls.apim}${DEV}/applications/${appId}/map-keys`, {
      auth: tpp, json: { consumerKey: client.json.client_id, consumerSecret: 'not-the-secret', keyType: 'SANDBOX', keyManager: 'RemoteIS' },
    });
    assert.equal(wrong.status, 500);
    const mapped = await call('POST', `${a.urls.apim}${DEV}/applications/${appId}/map-keys`, {
      auth: tpp, json: { consumerKey: client.json.client_id, consumerSecret: client.json.client_secret, keyType: 'SANDBOX', keyManager: 'RemoteIS' },
    });
    assert.equal(mapped.status, 200, mapped.text);
    assert.equal(mapped.json.mode, 'MAPPED');
    assert.deepEqual(mapped.json.supportedGrantTypes, ['client_credentials']);
    // The mapped client gets its own token at B's token endpoint (seed 002 step 4.2).
    const token = await call('POST', `${b.is}/oauth2/token`, {
      auth: basic(client.json.client_id as string, client.json.client_secret as string), form: { grant_type: 'client_credentials', scope: 'accounts' },
    });
    assert.equal(token.status, 200, token.text);
    // Deleting the application leaves the mapped client at B.
    assert.equal((await call('DELETE', `${a.urls.apim}${DEV}/applications/${appId}`, { auth: tpp })).status, 200);
    assert.equal((await call('GET', `${b.is}${IS_DCR}/${client.json.client_id as string}`, { auth: ADMIN })).status, 200);
  });

  /**
   * The portal's scenarios, run by the harness against a target whose API Manager is sandbox A and
   * whose Identity Server (discovery, token endpoint, the key managers' registration endpoints) is
   * sandbox B: every key a scenario generates or maps crosses the network between the two.
   */
  test('the devportal scenarios pass against A\'s portal with B as the Identity Server', { timeout: 600_000 }, async () => {
    const target = join(dir, 'two-sandboxes.json');
    writeFileSync(target, JSON.stringify({
      name: 'two-sandboxes',
      profile: 'generic',
      product: { name: 'wso2-is', release: '7.0', apim: '4.4', accelerator: 'ob-3' },
      urls: { is: b.is, apim: a.urls.apim, gateway: a.urls.gateway },
      capabilities: ['admin-api', 'client-management', 'privileged-introspection', 'apim'],
      tls: { ca: join(REPO, 'certs/ca.pem') },
      admin: { username: 'admin', password: 'admin' },
      registration: { style: 'wso2-is-dcr' },
    }, null, 2));
    // Asynchronously: sandbox A serves from this process while the harness runs.
    const run = await new Promise<{ status: number | null; stdout: string; stderr: string }>((done) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/conformance.ts', '--target', target, '--tags', '@surface:devportal', '--parallel', '1'], {
        cwd: REPO, env: { ...process.env, OBC_FAULTS: '' }, stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('exit', (status) => done({ status, stdout, stderr }));
    });
    const last = run.stdout.trim().split('\n').at(-1) ?? '';
    assert.equal(run.status, 0, `${run.stdout.slice(-3000)}\n${run.stderr.slice(-2000)}`);
    const m = /^(\d+) passed, (\d+) failed/.exec(last);
    assert.ok(m, last);
    assert.equal(m[2], '0', last);
    assert.ok(Number(m[1]) >= 30, `only ${m[1]} scenarios ran: ${last}`);
  });
});
