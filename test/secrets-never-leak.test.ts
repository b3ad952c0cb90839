import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
import { freePorts, REPO, startSandbox, stopSandbox, type SandboxProcess } from './sandbox-process.ts';
import { runScript } from './harness-cli.ts';
import { isDcr, writeRemoteTarget } from './remote-target.ts';
import { parseEnvelopes, readScenarioResults } from '../report/scenario-results.ts';

/**
 * "Secrets are never printed": a full run against a sandbox started as a separate process, with a
 * target whose admin password and client secret come from environment variables, whose PSU
 * password comes from a file and whose TLS identity names its own private key file, each with a
 * value no other file holds. Every file the run wrote, and its output, is searched for them.
 */

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

test('no secret of the target appears in any report or in the output of a full run', { timeout: 600_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'obc-secrets-'));
  const distinct = (label: string) => `${label}-${randomBytes(12).toString('hex')}`;
  const adminPassword = distinct('adminpw');
  const clientSecret = distinct('clientsecret');
  const psuPassword = distinct('psupw');
  // The target's own transport identity: the test PKI's tpp1 key and certificate, copied.
  copyFileSync(join(REPO, 'certs/tpp1-transport.key'), join(dir, 'tpp1.key'));
  copyFileSync(join(REPO, 'certs/tpp1-transport.pem'), join(dir, 'tpp1.pem'));
  writeFileSync(join(dir, 'psu-password'), `${psuPassword}\n`);
  const config = join(dir, 'sandbox.json');
  writeFileSync(config, JSON.stringify({ profile: 'generic', admin: { username: 'admin', password: adminPassword }, psu: { login: 'page', password: psuPassword } }));

  const ports = await freePorts();
  let sandbox: SandboxProcess | undefined;
  try {
    sandbox = await startSandbox(['--config', config, '--database', join(dir, 'sandbox.db')], ports);
    // The bank gives the TPP two clients (for a target without registration): one with a
    // secret, one with tpp1's signing keys.
    const redirectUri = 'https://tpp.example/cb';
    const grantTypes = ['client_credentials', 'authorization_code', 'refresh_token'];
    const bankClient = async (body: Record<string, unknown>) => {
      const res = await isDcr(sandbox!.is, 'POST', '', adminPassword, { grant_types: grantTypes, redirect_uris: [redirectUri], ...body });
      assert.equal(res.status, 201, JSON.stringify(res.json));
      return String(res.json.client_id);
    };
    const clientId = await bankClient({ client_name: 'bank-issued-secret', ext_param_client_secret: clientSecret, token_endpoint_auth_method: 'client_secret_basic' });
    const keyClientId = await bankClient({
      client_name: 'bank-issued-key', token_endpoint_auth_method: 'private_key_jwt', token_endpoint_auth_signing_alg: 'PS256',
      jwks: JSON.parse(readFileSync(join(REPO, 'certs/tpp1-signing.jwks.json'), 'utf8')) as unknown,
    });

    // Two targets in one run: one registers through IS DCR with the admin user, the other uses
    // the bank's clients. Both sign the PSU in with the password file and use their own key file.
    const secretsOf = (t: Record<string, unknown>) => {
      t.profile = 'generic';
      t.capabilities = (t.capabilities as string[]).filter((c) => !['ob-dcr', 'strict-redirect-uris', 'change-server-settings'].includes(c));
      t.admin = { username: 'admin', password: { env: 'OBC_TEST_ADMIN_PASSWORD' } };
      (t.login as Record<string, unknown>).password = { file: join(dir, 'psu-password') };
      t.identities = { tpp1: { cert: join(dir, 'tpp1.pem'), key: join(dir, 'tpp1.key') } };
    };
    const registering = writeRemoteTarget(dir, ports, (t) => {
      t.name = 'secrets-remote';
      secretsOf(t);
    });
    const named = writeRemoteTarget(dir, ports, (t) => {
      t.name = 'secrets-clients';
      secretsOf(t);
      delete t.registration;
      t.clients = {
        key: { clientId: keyClientId, auth: 'private_key_jwt', signer: 'tpp1', redirectUri, grantTypes },
        secret: { clientId, auth: 'client_secret_basic', secret: { env: 'OBC_TEST_CLIENT_SECRET' }, redirectUri, grantTypes },
      };
    });
    const reports = join(dir, 'reports');
    const run = await runScript('conformance', ['--target', registering, '--target', named, '--parallel', '1', '--reports', reports], {
      OBC_TEST_ADMIN_PASSWORD: adminPassword,
      OBC_TEST_CLIENT_SECRET: clientSecret,
    });
    assert.notEqual(run.code, 2, `the run started: ${run.stderr}`);

    // The run used every secret: scenarios that need the admin user, the client secret, the
    // PSU's sign-in and the own key passed (wrong values would fail them).
    const tail = `\n${run.stdout.slice(-4000)}`;
    const results = (name: string) => readScenarioResults(join(reports, name, 'messages.ndjson'));
    const passedWith = (name: string, tag: string) => results(name).filter((r) => r.status === 'passed' && r.tags.includes(tag)).length;
    assert.ok(passedWith('secrets-remote', '@needs:admin-api') > 0, `scenarios with the admin password passed${tail}`);
    assert.ok(passedWith('secrets-remote', '@needs:psu-login') > 0, `scenarios with the PSU password passed${tail}`);
    assert.ok(passedWith('secrets-remote', '@needs:mtls') > 0, `scenarios over the own transport key passed${tail}`);
    const withSecret = results('secrets-clients').find((r) => r.name === 'Generic profile: a client authenticating with client_secret_basic gets a token');
    assert.equal(withSecret?.status, 'passed', `the bank's client authenticated with its secret${tail}`);

    const keyLines = readFileSync(join(dir, 'tpp1.key'), 'utf8').split('\n').filter((l) => l.length >= 40 && !l.startsWith('-----'));
    const needles: [string, string][] = [
      ['admin password', adminPassword],
      ['admin Basic credentials', Buffer.from(`admin:${adminPassword}`).toString('base64')],
      ['client secret', clientSecret],
      ['client Basic credentials', Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64')],
      ['client Basic credentials', Buffer.from(`${clientId}:${clientSecret}`).toString('base64')],
      ['PSU password', psuPassword],
      ...keyLines.map((l, i): [string, string] => [`private key line ${i + 1}`, l]),
    ];
    const files = filesUnder(reports);
    assert.ok(files.some((f) => f.endsWith('index.html')) && files.some((f) => f.endsWith('junit.xml')) && files.some((f) => f.endsWith('rules.json')));
    const texts: [string, string][] = [
      ['stdout', run.stdout],
      ['stderr', run.stderr],
      ...files.map((f): [string, string] => [f.slice(dir.length + 1), readFileSync(f, 'utf8')]),
      // Attachments may be base64: search them decoded too.
      ...['secrets-remote', 'secrets-clients'].flatMap((name) => parseEnvelopes(readFileSync(join(reports, name, 'messages.ndjson'), 'utf8')))
        .filter((e) => e.attachment && String(e.attachment.contentEncoding) === 'BASE64')
        .map((e): [string, string] => ['a base64 attachment', Buffer.from(e.attachment!.body, 'base64').toString('utf8')]),
    ];
    const leaks = texts.flatMap(([where, text]) => needles.filter(([, value]) => text.includes(value)).map(([what]) => `${what} in ${where}`));
    assert.deepEqual(leaks, []);
  } finally {
    if (sandbox) await stopSandbox(sandbox.child, 'SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
});
