import { createServer, type Server, type ServerResponse } from 'node:http';
import { request } from 'undici';

/**
 * `--rate N`: at most N requests per second to the target, across every cucumber worker. The
 * workers are separate processes, so the limit lives in one place: a coordinator in the parent
 * process (`npm run conformance`) that hands out start times over loopback HTTP. Each request of
 * the harness's HTTP client first asks it for a slot; slots are 1/N s apart, so the target sees
 * an even pace, never a burst.
 */

/** The environment variable that tells a worker where the coordinator listens. */
export const RATE_URL_ENV = 'OBC_RATE_URL';

export interface RateCoordinator {
  /** `http://127.0.0.1:<port>/slot`, for the workers' environment. */
  url: string;
  /** Slots handed out so far. */
  granted(): number;
  close(): Promise<void>;
}

/** Start a coordinator for `perSecond` requests per second (a positive number, fractions allowed). */
export async function startRateCoordinator(perSecond: number): Promise<RateCoordinator> {
  if (!(perSecond > 0) || !Number.isFinite(perSecond)) throw new Error(`the rate must be a positive number of requests per second, not ${perSecond}`);
  const interval = 1000 / perSecond;
  // Slots are handed out one at a time, each at least `interval` after the previous one was
  // actually granted: a timer that fires late (a busy machine) delays the queue, it never
  // releases the slots it owed at once.
  const waiting: ServerResponse[] = [];
  let last = -Infinity;
  let timer: NodeJS.Timeout | undefined;
  let count = 0;
  const pump = () => {
    timer = undefined;
    while (waiting.length > 0) {
      const now = performance.now();
      const due = last + interval - now;
      if (due > 0) {
        timer = setTimeout(pump, Math.ceil(due));
        return;
      }
      last = now;
      count++;
      waiting.shift()!.writeHead(204).end();
    }
  };
  const server: Server = createServer((req, res) => {
    if (req.method !== 'POST' || req.url !== '/slot') {
      res.writeHead(404).end();
      return;
    }
    waiting.push(res);
    if (!timer) pump();
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/slot`,
    granted: () => count,
    close: () => new Promise<void>((done) => {
      if (timer) clearTimeout(timer);
      server.closeAllConnections();
      server.close(() => done());
    }),
  };
}

/** A worker's side: wait for the coordinator's slot before each request. */
export class RateGate {
  readonly #url: string;

  constructor(url: string) {
    this.#url = url;
  }

  /** The gate named by the environment, or undefined when the run has no rate limit. */
  static fromEnv(env: NodeJS.ProcessEnv = process.env): RateGate | undefined {
    const url = env[RATE_URL_ENV];
    return url ? new RateGate(url) : undefined;
  }

  async wait(): Promise<void> {
    const res = await request(this.#url, { method: 'POST', headersTimeout: 0, bodyTimeout: 0 });
    await res.body.dump();
    if (res.statusCode !== 204) throw new Error(`the rate coordinator at ${this.#url} answered ${res.statusCode}`);
  }
}
