/**
 * Token endpoint throughput: (a) client_credentials with private_key_jwt over mTLS against an
 * in-process sandbox on real HTTPS, (b) the PS256 work of one such request alone (one assertion
 * sign by the client, one verify by the server, one access-token sign), and their ratio.
 * The TPP (assertion signing and HTTP client) runs in a worker thread, as a remote TPP would not
 * share the server's event loop; CPU figures count both, since they share this machine.
 * Run on demand: npx tsx bench/token.ts [--requests 500] [--concurrency 8]
 */
import { readFileSync } from 'node:fs';
import { createPublicKey } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import type { LoadJob, LoadResult } from './token-load.ts';
import { Agent, request } from 'undici';
import { SignJWT, compactVerify } from 'jose';
import { createSandbox } from '../mock-server/app.ts';
import { loadConfig } from '../mock-server/config.ts';
import { listen } from '../mock-server/listeners.ts';
import { ensureTestPki } from '../pki/test-pki.ts';
import { buildAssertion, jwksFor, signingMaterial } from '../steps/support/client-assertion.ts';

const { values } = parseArgs({ options: { requests: { type: 'string', default: '500' }, concurrency: { type: 'string', default: '8' } } });
const REQUESTS = Number(values.requests);
const CONCURRENCY = Number(values.concurrency);
const DEADLINE_MS = 120_000;

const pki = await ensureTestPki();
const caPem = readFileSync(pki.ca.cert, 'utf8');
const config = loadConfig({ overrides: { database: ':memory:', ports: { is: 0, apim: 0, gateway: 0 } } });
const running = await listen(await createSandbox({ config, trustedCaPems: [caPem], log: () => {} }), {
  cert: readFileSync(pki.server.cert, 'utf8'), key: readFileSync(pki.server.key, 'utf8'), ca: [caPem],
});
const agent = new Agent({ connect: { ca: caPem, cert: readFileSync(pki.tpp1.transportCert, 'utf8'), key: readFileSync(pki.tpp1.transportKey, 'utf8') }, connections: CONCURRENCY });

try {
  const reg = await request(`${running.urls.is}/api/identity/oauth2/dcr/v1.1/register`, {
    dispatcher: agent,
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}`, 'content-type': 'application/json' },
    body: JSON.stringify({ client_name: 'bench', grant_types: ['client_credentials'], token_endpoint_auth_method: 'private_key_jwt', token_endpoint_auth_signing_alg: 'PS256', jwks: await jwksFor('tpp1') }),
  });
  const { client_id: clientId } = (await reg.body.json()) as { client_id: string };
  const tokenUrl = `${running.urls.is}/oauth2/token`;

  // (a) end to end over HTTPS with mTLS; the TPP runs in a worker thread (bench/token-load.ts).
  const job: LoadJob = {
    tokenUrl, clientId, ca: caPem,
    cert: readFileSync(pki.tpp1.transportCert, 'utf8'), key: readFileSync(pki.tpp1.transportKey, 'utf8'),
    requests: REQUESTS, concurrency: CONCURRENCY, deadlineMs: DEADLINE_MS,
  };
  const cpuBefore = process.cpuUsage();
  // The worker registers tsx's loader before importing the TypeScript module.
  const bootstrap = `import { register } from ${JSON.stringify(import.meta.resolve('tsx/esm/api'))}; register(); await import(${JSON.stringify(new URL('./token-load.ts', import.meta.url).href)});`;
  const load = new Worker(new URL(`data:text/javascript,${encodeURIComponent(bootstrap)}`), { workerData: job });
  const { sent, failures, seconds: httpSeconds } = await new Promise<LoadResult>((resolve, reject) => {
    load.once('message', resolve);
    load.once('error', reject);
  });
  await load.terminate();
  const httpRate = sent / httpSeconds;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuPerRequestMs = (cpu.user + cpu.system) / 1000 / sent;

  // (b) the PS256 work of one request alone: the client's assertion sign, the server's verify and
  // its access-token sign. Measured sequentially and at the same concurrency as (a); the
  // concurrent rate is the machine's crypto limit (WebCrypto runs on libuv's thread pool).
  const own = signingMaterial('tpp1');
  const publicKey = createPublicKey(own.privateKey);
  const serverKey = running.sandbox.ctx.keys.find((k) => k.alg === 'PS256')!;
  const cryptoRuns = Math.min(REQUESTS, 300);
  const oneRequestsCrypto = async () => {
    const jwt = await buildAssertion({ clientId, audience: tokenUrl });
    await compactVerify(jwt, publicKey, { algorithms: ['PS256'] });
    await new SignJWT({ client_id: clientId, scope: 'accounts' }).setProtectedHeader({ alg: 'PS256', kid: serverKey.kid }).setSubject(clientId).sign(serverKey.privateKey);
  };
  const cStart = performance.now();
  for (let i = 0; i < cryptoRuns; i++) await oneRequestsCrypto();
  const cryptoRate = cryptoRuns / ((performance.now() - cStart) / 1000);
  let done = 0;
  const pStart = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (done < cryptoRuns) {
      done++;
      await oneRequestsCrypto();
    }
  }));
  const parallelCryptoRate = done / ((performance.now() - pStart) / 1000);
  const limit = Math.max(cryptoRate, parallelCryptoRate);

  console.log(`(a) client_credentials, private_key_jwt over mTLS, HTTPS, concurrency ${CONCURRENCY}: ${sent} requests (${failures} non-200) in ${httpSeconds.toFixed(2)} s = ${httpRate.toFixed(1)} req/s`);
  console.log(`    process CPU ${cpuPerRequestMs.toFixed(2)} ms per request (client and server, all threads), ${((cpu.user + cpu.system) / 1e6 / httpSeconds).toFixed(2)} cores busy`);
  console.log(`(b) PS256 assertion sign + verify + token sign alone: sequential ${cryptoRate.toFixed(1)} /s, concurrency ${CONCURRENCY} ${parallelCryptoRate.toFixed(1)} /s`);
  console.log(`token endpoint at ${(100 * httpRate / limit).toFixed(0)}% of the crypto limit (${limit.toFixed(1)} /s)`);
  if (failures > 0) process.exitCode = 1;
} finally {
  await agent.close();
  await running.close();
}
