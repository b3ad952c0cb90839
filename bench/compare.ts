/**
 * The shared sandbox against an independent server, in one run, on the same load: the token
 * endpoint (client_credentials, private_key_jwt PS256, mutual TLS, certificate-bound PS256 JWT
 * access tokens) and introspection (Basic-authenticated caller).
 *  - the sandbox: `npm run sandbox -- --workers N` (node:cluster, one SQLite file in WAL mode);
 *  - oidc-provider with PS256 JWT access tokens (resource indicators, accessTokenFormat "jwt");
 *  - oidc-provider with opaque access tokens, for reference, and for introspection (it does not
 *    introspect its own JWT access tokens).
 * Each server runs in its own process; the load runs in another (bench/compare-load.ts), which
 * signs every assertion before its timed window. Figures are printed, never asserted.
 *
 *   npx tsx bench/compare.ts [--requests 3000] [--concurrency 16] [--workers auto]
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Agent, request } from 'undici';
import type { CompareJob, CompareResult } from './compare-load.ts';
import { BENCH_CLIENT, INTROSPECTOR } from './oidc-provider-clients.ts';
import { ensureTestPki } from '../pki/test-pki.ts';
import { buildAssertion, jwksFor } from '../steps/support/client-assertion.ts';
import { freePort, freePorts, startSandbox, stopSandbox } from '../test/sandbox-process.ts';

const { values } = parseArgs({ options: {
  requests: { type: 'string', default: '3000' },
  concurrency: { type: 'string', default: '16' },
  workers: { type: 'string', default: 'auto' },
} });
const REQUESTS = Number(values.requests);
const CONCURRENCY = Number(values.concurrency);
const WORKERS = values.workers === 'auto' ? availableParallelism() : Number(values.workers);
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

const pki = await ensureTestPki();
const tls = { ca: readFileSync(pki.ca.cert, 'utf8'), cert: readFileSync(pki.tpp1.transportCert, 'utf8'), key: readFileSync(pki.tpp1.transportKey, 'utf8') };
const agent = new Agent({ connect: tls });

async function load(job: Omit<CompareJob, 'ca' | 'cert' | 'key' | 'requests' | 'warmup' | 'concurrency'>): Promise<CompareResult> {
  const child = fork(new URL('./compare-load.ts', import.meta.url), { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', (m: CompareResult) => resolve(m));
    child.once('exit', (code) => code !== 0 && reject(new Error(`the load process exited with ${code}`)));
    child.send({ ...job, ...tls, requests: REQUESTS, warmup: Math.min(REQUESTS, 1000), concurrency: CONCURRENCY } satisfies CompareJob);
  });
}

async function post(url: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<Record<string, unknown>> {
  const res = await request(url, { dispatcher: agent, method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(form).toString() });
  return (await res.body.json()) as Record<string, unknown>;
}

async function accessToken(tokenUrl: string, clientId: string): Promise<string> {
  const body = await post(tokenUrl, {
    grant_type: 'client_credentials', scope: 'accounts', client_id: clientId,
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: await buildAssertion({ clientId, audience: tokenUrl }),
  });
  if (typeof body.access_token !== 'string') throw new Error(`no token from ${tokenUrl}: ${JSON.stringify(body)}`);
  return body.access_token;
}

interface Row { server: string; token: CompareResult; introspection?: CompareResult }

async function benchSandbox(): Promise<Row> {
  const dir = mkdtempSync(join(tmpdir(), 'obc-compare-'));
  const sandbox = await startSandbox(['--workers', String(WORKERS), '--database', join(dir, 'sandbox.db')], await freePorts());
  try {
    const res = await request(`${sandbox.is}/api/identity/oauth2/dcr/v1.1/register`, {
      dispatcher: agent, method: 'POST', headers: { authorization: basic('admin', 'admin'), 'content-type': 'application/json' },
      body: JSON.stringify({ client_name: 'bench', grant_types: ['client_credentials'], token_endpoint_auth_method: 'private_key_jwt', token_endpoint_auth_signing_alg: 'PS256', jwks: await jwksFor('tpp1') }),
    });
    const clientId = ((await res.body.json()) as { client_id: string }).client_id;
    const tokenUrl = `${sandbox.is}/oauth2/token`;
    const token = await load({ kind: 'token', url: tokenUrl, clientId });
    const introspection = await load({
      kind: 'introspection', url: `${sandbox.is}/oauth2/introspect`, clientId,
      token: await accessToken(tokenUrl, clientId), authorization: basic('admin', 'admin'),
    });
    return { server: `sandbox, ${WORKERS} worker(s), JWT`, token, introspection };
  } finally {
    await stopSandbox(sandbox.child, 'SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

async function benchOidcProvider(format: 'jwt' | 'opaque'): Promise<Row> {
  const child: ChildProcess = fork(new URL('./oidc-provider-server.ts', import.meta.url), ['--port', String(await freePort()), '--format', format], {
    execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
  });
  try {
    const urls = await new Promise<{ token: string; introspection: string }>((resolve) => child.once('message', resolve));
    const token = await load({ kind: 'token', url: urls.token, clientId: BENCH_CLIENT });
    if (format === 'jwt') return { server: 'oidc-provider, JWT (PS256)', token };
    const introspection = await load({
      kind: 'introspection', url: urls.introspection, clientId: BENCH_CLIENT,
      token: await accessToken(urls.token, BENCH_CLIENT), authorization: basic(INTROSPECTOR.id, INTROSPECTOR.secret),
    });
    return { server: 'oidc-provider, opaque', token, introspection };
  } finally {
    await stopSandbox(child, 'SIGTERM');
  }
}

const fmt = (r: CompareResult | undefined) => (r ? `${r.rate.toFixed(0).padStart(6)} req/s  p50 ${String(r.p50).padStart(3)} ms  p99 ${String(r.p99).padStart(4)} ms${r.failures ? `  ${r.failures} FAILED` : ''}` : '   (not introspectable)');

try {
  const rows = [await benchSandbox(), await benchOidcProvider('jwt'), await benchOidcProvider('opaque')];
  const [sandbox, opJwt, opOpaque] = rows as [Row, Row, Row];
  console.log(`\n${REQUESTS} requests each, concurrency ${CONCURRENCY}, on ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}`);
  console.log(`${'server'.padEnd(32)}  ${'token endpoint'.padEnd(40)}  introspection`);
  for (const r of rows) console.log(`${r.server.padEnd(32)}  ${fmt(r.token).padEnd(40)}  ${fmt(r.introspection)}`);
  console.log(`sandbox / oidc-provider: token ${(sandbox.token.rate / opJwt.token.rate).toFixed(2)}x (same JWT format), `
    + `introspection ${(sandbox.introspection!.rate / opOpaque.introspection!.rate).toFixed(2)}x (against its opaque tokens)`);
} finally {
  await agent.close();
}
