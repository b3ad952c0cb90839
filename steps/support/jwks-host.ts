import { createServer as createHttpsServer } from 'node:https';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { JWK } from 'jose';
import * as x509 from '@peculiar/x509';
import { closeServer, listenOne } from '../../mock-server/listeners.ts';

/**
 * The software JWKS host: a key store the harness runs itself, standing for the place a TPP's
 * software JWKS is published (the OB Directory keystore, a CDR data recipient's `jwks_uri`). The
 * harness names a URL on it in the software statements it signs, so scenarios decide what the
 * target finds there: the software's keys, a rotated set, or a hostile answer (404, a redirect,
 * an oversized body, something that is not a JWKS).
 *
 * One host per cucumber worker (started with the worker's runtime); each scenario serves its
 * answers under its own random path segment, so parallel workers and scenarios never see each
 * other's sets. The same answers are reachable three ways:
 *
 * - `url`: HTTPS, the location the target allow-lists;
 * - `offListUrl`: HTTPS by a location the target does not allow-list (another port, or another
 *   name of the same host);
 * - `httpUrl`: plain HTTP, so that a scenario can show an `http:` location is refused although
 *   the keys there would verify;
 * - `untrustedUrl`: HTTPS with a certificate made at start-up and signed by nobody the target
 *   trusts, so that a scenario can show a target does not talk to a host it cannot authenticate.
 */

/** What the target file may say about the host (schemas/target.schema.json `softwareJwksHost`). */
export interface JwksHostConfig {
  /** Address the listeners bind to; default 127.0.0.1. */
  bind?: string;
  /**
   * Ports of the three listeners; 0 (the default) takes any free port. In a parallel run worker N
   * listens on each non-zero port plus N (CUCUMBER_WORKER_ID), so allow-list them all.
   */
  ports?: { https?: number; offList?: number; http?: number; untrusted?: number };
  /** Public base URLs as the target reaches them; `{https}`, `{offList}`, `{http}`, `{untrusted}` are the ports. */
  url?: string;
  offListUrl?: string;
  httpUrl?: string;
  untrustedUrl?: string;
  /** Server certificate and key (PEM files) for the HTTPS listeners; the target must trust its CA. */
  tls?: { cert: string; key: string };
}

/** A request a routed handler gets, and its answer. */
export interface RoutedRequest {
  method: string;
  /** The path below the route's prefix, with its query. */
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}
export interface RoutedAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}
export type RouteHandler = (req: RoutedRequest) => RoutedAnswer;

const MAX_ROUTED_BODY = 1024 * 1024;

/** One answer the host gives at a path. */
export type HostAnswer =
  | { kind: 'jwks'; keys: JWK[] }
  | { kind: 'status'; status: number }
  | { kind: 'redirect'; location: string }
  /** `status` 200 unless given. */
  | { kind: 'body'; body: string; contentType: string; status?: number }
  /** A key set padded with a member of `bytes` bytes: valid JSON, with the keys, just too big. */
  | { kind: 'padded-jwks'; keys: JWK[]; bytes: number };

export interface JwksHost {
  readonly url: string;
  readonly offListUrl: string;
  readonly httpUrl: string;
  /** The same answers over HTTPS with a self-signed certificate no target trusts. */
  readonly untrustedUrl: string;
  /** Serve `answer` at `/<path>` on every listener (path without the leading slash). */
  serve(path: string, answer: HostAnswer): void;
  /** How many requests reached `/<path>` so far. */
  hits(path: string): number;
  /**
   * Hand every request under `/<prefix>/` (any method) to `handler`, with the path below the
   * prefix and the body read (at most 1 MiB): the recording key manager (recording-km.ts) lives here.
   */
  route(prefix: string, handler: RouteHandler | undefined): void;
  close(): Promise<void>;
}

function answer(res: ServerResponse, a: HostAnswer | undefined): void {
  if (!a) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('no such key set\n');
    return;
  }
  switch (a.kind) {
    case 'jwks':
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify({ keys: a.keys }));
      return;
    case 'status':
      res.writeHead(a.status, { 'content-type': 'text/plain' }).end(`${a.status}\n`);
      return;
    case 'redirect':
      res.writeHead(302, { location: a.location }).end();
      return;
    case 'body':
      res.writeHead(a.status ?? 200, { 'content-type': a.contentType }).end(a.body);
      return;
    case 'padded-jwks': {
      // Streamed in chunks: the reader decides when to stop, the host never holds it whole.
      res.writeHead(200, { 'content-type': 'application/json' });
      const head = `{"keys":${JSON.stringify(a.keys)},"padding":"`;
      const chunk = 'A'.repeat(64 * 1024);
      let left = a.bytes;
      res.write(head);
      const pump = () => {
        while (left > 0) {
          const n = Math.min(left, chunk.length);
          left -= n;
          if (!res.write(chunk.slice(0, n))) {
            res.once('drain', pump);
            return;
          }
        }
        res.end('"}');
      };
      res.on('error', () => {});
      pump();
      return;
    }
  }
}

/** A worker's offset for fixed ports (cucumber sets CUCUMBER_WORKER_ID in parallel workers). */
function workerOffset(env: NodeJS.ProcessEnv): number {
  const n = Number(env.CUCUMBER_WORKER_ID ?? 0);
  return Number.isInteger(n) && n >= 0 ? n : 0;
}

/** Start the host. `tls` is the PEM of the certificate and key the HTTPS listeners present. */
export async function startJwksHost(config: JwksHostConfig, tls: { cert: string; key: string }, env: NodeJS.ProcessEnv = process.env): Promise<JwksHost> {
  const answers = new Map<string, HostAnswer>();
  const counts = new Map<string, number>();
  const routes = new Map<string, RouteHandler>();
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0]!.replace(/^\//, '');
    const prefix = path.split('/')[0]!;
    const routed = routes.get(prefix);
    if (routed) {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size <= MAX_ROUTED_BODY) chunks.push(c);
      });
      req.on('end', () => {
        if (size > MAX_ROUTED_BODY) {
          res.writeHead(413).end();
          return;
        }
        const a = routed({ method: req.method ?? 'GET', path: (req.url ?? '/').slice(prefix.length + 1) || '/', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(a.status, a.headers ?? {}).end(a.body ?? '');
      });
      return;
    }
    counts.set(path, (counts.get(path) ?? 0) + 1);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    answer(res, answers.get(path));
  };
  const bind = config.bind ?? '127.0.0.1';
  const offset = workerOffset(env);
  const want = (p: number | undefined) => (p ? p + offset : 0);
  const untrustedTls = await selfSignedTls();
  const servers = {
    https: createHttpsServer({ cert: tls.cert, key: tls.key }, handler),
    offList: createHttpsServer({ cert: tls.cert, key: tls.key }, handler),
    http: createHttpServer(handler),
    untrusted: createHttpsServer(untrustedTls, handler),
  };
  const ports = { https: 0, offList: 0, http: 0, untrusted: 0 };
  try {
    for (const name of ['https', 'offList', 'http', 'untrusted'] as const) {
      servers[name].headersTimeout = 15_000;
      servers[name].requestTimeout = 30_000;
      ports[name] = await listenOne(servers[name], want(config.ports?.[name]), bind);
    }
  } catch (e) {
    await Promise.all(Object.values(servers).map(closeServer));
    throw e;
  }
  const hostPart = bind.includes(':') ? `[${bind}]` : bind === '0.0.0.0' ? '127.0.0.1' : bind;
  const fill = (template: string) => template.replace(/\{(https|offList|http|untrusted)\}/g, (_m, k: keyof typeof ports) => String(ports[k])).replace(/\/+$/, '');
  const url = fill(config.url ?? `https://${hostPart}:{https}`);
  const offListUrl = fill(config.offListUrl ?? `https://${hostPart}:{offList}`);
  const httpUrl = fill(config.httpUrl ?? `http://${hostPart}:{http}`);
  const untrustedUrl = fill(config.untrustedUrl ?? `https://${hostPart}:{untrusted}`);
  // The off-list location must not fall under the allow-listed prefix (`url` + "/").
  if (`${offListUrl}/`.startsWith(`${url}/`)) throw new Error(`softwareJwksHost: offListUrl ${offListUrl} lies under url ${url}`);
  return {
    url,
    offListUrl,
    httpUrl,
    untrustedUrl,
    serve: (path, a) => {
      answers.set(path, a);
    },
    hits: (path) => counts.get(path) ?? 0,
    route: (prefix, h) => {
      if (h) routes.set(prefix, h);
      else routes.delete(prefix);
    },
    close: async () => {
      await Promise.all(Object.values(servers).map(closeServer));
    },
  };
}

/**
 * A certificate for this host's names (localhost, 127.0.0.1, ::1), self-signed with a key made now:
 * in date and for the right host, so only its issuer makes a verifying client refuse it.
 */
async function selfSignedTls(): Promise<{ cert: string; key: string }> {
  const alg = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  const keys = await globalThis.crypto.subtle.generateKey(alg, true, ['sign', 'verify']);
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: 'CN=obc untrusted harness host',
    notBefore: new Date(now - 3_600_000),
    notAfter: new Date(now + 7 * 86_400_000),
    keys,
    signingAlgorithm: alg,
    extensions: [new x509.SubjectAlternativeNameExtension([
      { type: 'dns', value: 'localhost' }, { type: 'ip', value: '127.0.0.1' }, { type: 'ip', value: '::1' },
    ])],
  }, globalThis.crypto);
  const pkcs8 = Buffer.from(await globalThis.crypto.subtle.exportKey('pkcs8', keys.privateKey)).toString('base64');
  return { cert: cert.toString('pem'), key: `-----BEGIN PRIVATE KEY-----\n${pkcs8.match(/.{1,64}/g)!.join('\n')}\n-----END PRIVATE KEY-----\n` };
}
