import { X509Certificate } from 'node:crypto';
import { Hono } from 'hono';
import { bodyLimit } from './http/body-limit.ts';
import { mount } from './http/mount.ts';
import { loadConfig, type ConfigOverrides, type SandboxConfig } from './config.ts';
import { SystemClock, type Clock } from './clock.ts';
import { Store } from './store/store.ts';
import { Faults } from './faults.ts';
import { loadOrCreateServerKeys, serverKeyAlgs } from './keys/server-keys.ts';
import type { SandboxContext, SandboxEnv, SandboxUrls } from './context.ts';
import { onError, notFound, type ErrorDialect } from './errors/on-error.ts';
import { OAuthError } from './errors/oauth-error.ts';
import { ApimError } from './errors/apim-error.ts';
import { discoveryApp } from './discovery/discovery-app.ts';
import { jwksApp } from './jwks/jwks-app.ts';
import { oauth2App } from './oauth2/oauth2-app.ts';
import { isDcrApp } from './is-dcr/is-dcr-app.ts';
import { obDcrApp, OB_DCR_GATEWAY_BASES, OB_DCR_IS_BASE } from './ob-dcr/ob-dcr-app.ts';
import { directoryApp } from './directory/directory-app.ts';
import { resolveJwksSync, refreshJwks } from './directory/jwks-resolver.ts';
import { escapingLog } from './log.ts';
import { trustedIssuersOf } from './oauth2/trusted-issuers.ts';
import { apimTokenApp } from './apim-auth/apim-token-app.ts';
import { apimDcrApp } from './apim-dcr/apim-dcr-app.ts';
import { keyManagersApp } from './admin-key-managers/key-managers-app.ts';
import { ensureResidentKeyManager } from './admin-key-managers/resident-key-manager.ts';
import { kmopsApp } from './keymanager-operations/kmops-app.ts';
import { scopesApp } from './is-scopes/scopes-app.ts';
import { applicationsApp } from './is-applications/applications-app.ts';
import { apiResourcesApp } from './api-resources/api-resources-app.ts';
import { rolesApp } from './scim2-roles/roles-app.ts';
import { devportalApp } from './devportal/devportal-app.ts';
import { dcrExecutorApp } from './devportal/dcr-executor.ts';
import { store19App } from './store-1.9/store-app.ts';

export type ListenerName = 'is' | 'apim' | 'gateway';
export const LISTENERS: readonly ListenerName[] = ['is', 'apim', 'gateway'];

export interface Sandbox {
  readonly ctx: SandboxContext;
  /** One Hono app per listener, as WSO2 splits its surfaces between IS, APIM and the gateway. */
  readonly apps: Record<ListenerName, Hono<SandboxEnv>>;
  close(): void;
}

export interface CreateSandboxOptions {
  /** A complete configuration; when absent, defaults plus `overrides`. */
  config?: SandboxConfig;
  overrides?: ConfigOverrides;
  clock?: Clock;
  /** PEM certificates of the CAs whose client certificates are trusted. */
  trustedCaPems?: readonly string[];
  /** Base URLs; `listen()` replaces them with the real ones. */
  urls?: SandboxUrls;
  log?: (message: string) => void;
}

function listenerApp(ctx: SandboxContext, dialect: ErrorDialect): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  app.onError(onError(dialect, ctx.log));
  app.notFound(notFound(dialect, ctx.faults));
  if (ctx.faults.has('limits.no-body-limit')) return app;
  app.use(
    '*',
    bodyLimit({
      maxSize: ctx.config.limits.maxBodyBytes,
      // Fault limits.no-lingering-close: a refused body is not read on (ERR-09).
      linger: !ctx.faults.has('limits.no-lingering-close'),
      // Fault limits.no-chunked-bodies: a body without Content-Length is refused (TOK-27).
      chunked: !ctx.faults.has('limits.no-chunked-bodies'),
      onError: () => {
        const text = `Request body exceeds the limit of ${ctx.config.limits.maxBodyBytes} bytes`;
        const error = dialect === 'apim'
          ? new ApimError(413, 'Payload Too Large', text)
          : new OAuthError(413, 'invalid_request', text);
        // The unread body stays on the socket: close it so the client does not reuse it (RFC 9110 §15.5.14).
        error.headers.connection = 'close';
        throw error;
      },
    }),
  );
  return app;
}

/** Compose the sandbox: one sub-app per WSO2 surface, mounted on the listener that serves it. */
export async function createSandbox(opts: CreateSandboxOptions = {}): Promise<Sandbox> {
  const config = opts.config ?? loadConfig({ overrides: opts.overrides ?? {} });
  const clock = opts.clock ?? new SystemClock();
  const store = Store.open(config.database);
  try {
    const keys = await loadOrCreateServerKeys(store, clock, serverKeyAlgs(config.profile));
    const ctx: SandboxContext = {
      config,
      clock,
      store,
      faults: new Faults(config.faults),
      keys,
      trustedCas: (opts.trustedCaPems ?? []).map((pem) => new X509Certificate(pem)),
      urls: { ...(opts.urls ?? defaultUrls(config)) },
      jwksUris: { lookup: (uri) => resolveJwksSync(ctx, uri), refresh: (uri, kid) => refreshJwks(ctx, uri, kid) },
      // CWE-117: every message is escaped to one line, whatever the sink.
      log: escapingLog(opts.log ?? ((m) => process.stderr.write(`[sandbox] ${m}\n`))),
    };

    // RFC 7521 §5.2: the JWT bearer grant's identity providers, read (or the test one created) now.
    await trustedIssuersOf(ctx);

    const is = mount(listenerApp(ctx, 'oauth'),
      discoveryApp(ctx), jwksApp(ctx), oauth2App(ctx), isDcrApp(ctx), kmopsApp(ctx), scopesApp(ctx), applicationsApp(ctx),
      apiResourcesApp(ctx), rolesApp(ctx), obDcrApp(ctx, [OB_DCR_IS_BASE]),
      ...(config.obDcr.testDirectory ? [directoryApp(ctx)] : []));

    ensureResidentKeyManager(ctx);
    const apim = mount(listenerApp(ctx, 'apim'),
      apimTokenApp(ctx), apimDcrApp(ctx), keyManagersApp(ctx), devportalApp(ctx), store19App(ctx),
      // API Manager ships the same keymanager-operations webapp for its Resident Key Manager.
      kmopsApp(ctx));

    // The gateway's DCR executor wraps Open Banking DCR (seed 004: the application in the portal).
    const gateway = mount(listenerApp(ctx, 'oauth'), dcrExecutorApp(ctx, OB_DCR_GATEWAY_BASES), obDcrApp(ctx, OB_DCR_GATEWAY_BASES));

    return {
      ctx,
      apps: { is, apim, gateway },
      close: () => {
        store.close();
      },
    };
  } catch (e) {
    store.close();
    throw e;
  }
}

export function defaultUrls(config: SandboxConfig): SandboxUrls {
  const base = (port: number) => `https://${config.host}:${port}`;
  return { is: base(config.ports.is), apim: base(config.ports.apim), gateway: base(config.ports.gateway) };
}
