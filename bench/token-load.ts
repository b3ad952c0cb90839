/**
 * The TPP side of bench/token.ts, run as a separate process (a real TPP is another machine, with
 * its own event loop and its own CPU accounting). It signs every client assertion first (RFC 7523
 * §3: one jti per request), outside the timed window, so that the window holds the token
 * endpoint's work and as little client work as can be; then it warms the endpoint up, posts the
 * seed's client_credentials call over mutual TLS at the given concurrency and reports over IPC.
 */
import autocannon from 'autocannon';
import { buildAssertion } from '../steps/support/client-assertion.ts';

export interface LoadJob {
  tokenUrl: string;
  clientId: string;
  ca: string;
  cert: string;
  key: string;
  /** Requests in the timed window. */
  requests: number;
  /** Requests before it, so that the server's code is compiled and its caches filled. */
  warmup: number;
  concurrency: number;
  deadlineMs: number;
}

export interface LoadResult {
  sent: number;
  failures: number;
  /** Wall time of the timed window. */
  seconds: number;
  /** This process's CPU during the timed window, in ms (HTTP client and TLS only). */
  clientCpuMs: number;
  /** Response time percentiles in the timed window, in ms. */
  latency: { p50: number; p99: number };
}

/** Message the load process sends when the timed window opens. */
export const WINDOW_OPEN = 'window-open';

async function signedBodies(job: LoadJob, count: number): Promise<string[]> {
  // Assertions live for the whole run: exp is well past the deadline (RFC 7523 §3 item 4).
  const exp = Math.floor(Date.now() / 1000) + Math.ceil(job.deadlineMs / 1000) + 300;
  const bodies: string[] = [];
  for (let i = 0; i < count; i++) {
    const assertion = await buildAssertion({ clientId: job.clientId, audience: job.tokenUrl, claims: { exp } });
    bodies.push(new URLSearchParams({
      grant_type: 'client_credentials',
      scope: 'accounts',
      client_id: job.clientId,
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: assertion,
    }).toString());
  }
  return bodies;
}

/**
 * autocannon writes each request on raw TLS sockets and parses replies with a small parser, so the
 * load takes as little as it can of the CPU the sandbox shares with it on one machine.
 */
async function fire(job: LoadJob, bodies: string[]): Promise<autocannon.Result> {
  const url = new URL(job.tokenUrl);
  let next = 0;
  return autocannon({
    url: url.origin,
    connections: job.concurrency,
    amount: bodies.length,
    sampleInt: 10,
    timeout: Math.ceil(job.deadlineMs / 1000),
    tlsOptions: { ca: job.ca, cert: job.cert, key: job.key },
    requests: [{
      method: 'POST',
      path: url.pathname,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      setupRequest: (req) => ({ ...req, body: bodies[next++] }),
    }],
    // A 200 that is not a token response counts as a failure too.
    verifyBody: (body) => String(body).includes('"access_token"'),
  });
}

const failuresOf = (r: autocannon.Result) => r.non2xx + r.errors + r.timeouts + r.mismatches;

async function run(job: LoadJob): Promise<LoadResult> {
  const [warm, timed] = [await signedBodies(job, job.warmup), await signedBodies(job, job.requests)];
  const warmResult = await fire(job, warm);
  if (failuresOf(warmResult) > 0) throw new Error(`warm-up: ${failuresOf(warmResult)} of ${warm.length} requests failed`);
  const cpuBefore = process.cpuUsage();
  process.send!(WINDOW_OPEN);
  const started = performance.now();
  const result = await fire(job, timed);
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  return { sent: result.requests.total, failures: failuresOf(result), seconds: result.duration, clientCpuMs: (cpu.user + cpu.system) / 1000, latency: { p50: result.latency.p50, p99: result.latency.p99 } };
}

process.once('message', (job: LoadJob) => {
  run(job).then(
    (r) => process.send!(r, () => process.exit(0)),
    (e: unknown) => { console.error(e); process.exit(1); },
  );
});
