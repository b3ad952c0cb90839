import { createServer, type Server } from 'node:https';
import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { LISTENERS, type ListenerName, type Sandbox } from './app.ts';
import type { SandboxUrls } from './context.ts';

export interface TlsMaterial {
  cert: string;
  key: string;
  /** CAs whose client certificates the TLS layer accepts as authorized. */
  ca: string[];
}

export interface RunningSandbox {
  readonly sandbox: Sandbox;
  readonly urls: SandboxUrls;
  readonly ports: Record<ListenerName, number>;
  close(): Promise<void>;
}

/** Listen on `port` (0: any free one) and resolve with the port taken; a bind error rejects. */
export function listenOne(server: Server | HttpServer, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/**
 * Serve the sandbox over HTTPS on its three listeners. Client certificates are requested but not
 * required at the TLS level (`rejectUnauthorized: false`), so each endpoint decides and answers
 * with a proper error instead of a failed handshake.
 */
export async function listen(sandbox: Sandbox, tls: TlsMaterial): Promise<RunningSandbox> {
  const { config } = sandbox.ctx;
  const servers: Partial<Record<ListenerName, Server>> = {};
  const ports = {} as Record<ListenerName, number>;
  try {
    for (const name of LISTENERS) {
      const server = createServer(
        { cert: tls.cert, key: tls.key, ca: tls.ca, requestCert: true, rejectUnauthorized: false },
        getRequestListener(sandbox.apps[name].fetch),
      );
      // A client that never finishes its request must not hold a socket forever.
      server.headersTimeout = 15_000;
      server.requestTimeout = 30_000;
      servers[name] = server;
      ports[name] = await listenOne(server, config.ports[name], config.bind);
    }
  } catch (e) {
    await Promise.all(Object.values(servers).map((s) => closeServer(s)));
    throw e;
  }
  const urls: SandboxUrls = {
    is: `https://${config.host}:${ports.is}`,
    apim: `https://${config.host}:${ports.apim}`,
    gateway: `https://${config.host}:${ports.gateway}`,
  };
  Object.assign(sandbox.ctx.urls, urls);
  return {
    sandbox,
    urls,
    ports,
    close: async () => {
      await Promise.all(Object.values(servers).map((s) => closeServer(s)));
      sandbox.close();
    },
  };
}

/** Stop a listening server, dropping its open connections (keep-alive sockets would hold it). */
export function closeServer(server: Server | HttpServer | undefined): Promise<void> {
  if (!server || !server.listening) return Promise.resolve();
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
