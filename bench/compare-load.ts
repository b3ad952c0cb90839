/**
 * The client side of bench/compare.ts, in its own process: it prepares every request body first
 * (one freshly signed client assertion per token request, RFC 7523 §3), warms the server up, then
 * fires the timed requests with autocannon over mutual TLS and reports over IPC.
 */
import autocannon from 'autocannon';
import { buildAssertion } from '../steps/support/client-assertion.ts';

export interface CompareJob {
  kind: 'token' | 'introspection';
  url: string;
  /** token: the client whose assertions are signed (tpp1's key); introspection: unused. */
  clientId: string;
  /** introspection: the token introspected and the caller's Basic credentials. */
  token?: string;
  authorization?: string;
  ca: string;
  cert: string;
  key: string;
  requests: number;
  warmup: number;
  concurrency: number;
}

export interface CompareResult {
  rate: number;
  failures: number;
  p50: number;
  p99: number;
}

async function bodies(job: CompareJob, count: number): Promise<string[]> {
  if (job.kind === 'introspection') return Array.from({ length: count }, () => new URLSearchParams({ token: job.token! }).toString());
  const exp = Math.floor(Date.now() / 1000) + 600;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    out.push(new URLSearchParams({
      grant_type: 'client_credentials', scope: 'accounts', client_id: job.clientId,
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: await buildAssertion({ clientId: job.clientId, audience: job.url, claims: { exp } }),
    }).toString());
  }
  return out;
}

function fire(job: CompareJob, list: string[]): Promise<autocannon.Result> {
  const url = new URL(job.url);
  let next = 0;
  return autocannon({
    url: url.origin,
    connections: job.concurrency,
    amount: list.length,
    timeout: 60,
    tlsOptions: { ca: job.ca, cert: job.cert, key: job.key },
    requests: [{
      method: 'POST',
      path: url.pathname,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(job.authorization ? { authorization: job.authorization } : {}) },
      setupRequest: (req) => ({ ...req, body: list[next++] }),
    }],
    verifyBody: (body) => (job.kind === 'token' ? String(body).includes('"access_token"') : String(body).includes('"active":true')),
  });
}

const failuresOf = (r: autocannon.Result) => r.non2xx + r.errors + r.timeouts + r.mismatches;

process.once('message', (job: CompareJob) => {
  (async () => {
    const [warm, timed] = [await bodies(job, job.warmup), await bodies(job, job.requests)];
    await fire(job, warm);
    const started = performance.now();
    const r = await fire(job, timed);
    const seconds = (performance.now() - started) / 1000;
    const result: CompareResult = { rate: r.requests.total / seconds, failures: failuresOf(r), p50: r.latency.p50, p99: r.latency.p99 };
    process.send!(result, () => process.exit(0));
  })().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
});
