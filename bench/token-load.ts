/**
 * The TPP side of bench/token.ts, run in a worker thread so that the client's assertion signing
 * and HTTP work do not share the sandbox's event loop (a real TPP is another machine). Each
 * request signs a fresh client assertion (RFC 7523 §3: new jti) and posts the seed's
 * client_credentials call over mutual TLS.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Agent, request } from 'undici';
import { buildAssertion } from '../steps/support/client-assertion.ts';

export interface LoadJob {
  tokenUrl: string;
  clientId: string;
  ca: string;
  cert: string;
  key: string;
  requests: number;
  concurrency: number;
  deadlineMs: number;
}

export interface LoadResult {
  sent: number;
  failures: number;
  seconds: number;
}

async function run(job: LoadJob): Promise<LoadResult> {
  const agent = new Agent({ connect: { ca: job.ca, cert: job.cert, key: job.key }, connections: job.concurrency });
  let sent = 0;
  let failures = 0;
  const started = performance.now();
  const loop = async () => {
    while (sent < job.requests && performance.now() - started < job.deadlineMs) {
      sent++;
      const assertion = await buildAssertion({ clientId: job.clientId, audience: job.tokenUrl });
      const res = await request(job.tokenUrl, {
        method: 'POST',
        dispatcher: agent,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          scope: 'accounts',
          client_id: job.clientId,
          client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
          client_assertion: assertion,
        }).toString(),
      });
      await res.body.text();
      if (res.statusCode !== 200) failures++;
    }
  };
  try {
    await Promise.all(Array.from({ length: job.concurrency }, loop));
    return { sent, failures, seconds: (performance.now() - started) / 1000 };
  } finally {
    await agent.close();
  }
}

if (parentPort) {
  const port = parentPort;
  run(workerData as LoadJob).then((r) => port.postMessage(r), (e: unknown) => { throw e; });
}
