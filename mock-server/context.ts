import type { X509Certificate } from 'node:crypto';
import type { HttpBindings } from '@hono/node-server';
import type { SandboxConfig } from './config.ts';
import type { Clock } from './clock.ts';
import type { Store } from './store/store.ts';
import type { Faults } from './faults.ts';
import type { ServerKey } from './keys/server-keys.ts';
import type { ClientCertificate } from './security/client-certificate.ts';
import type { JwksUriResolver } from './security/client-keys.ts';
import type { ApimCaller } from './apim-auth/apim-users.ts';

/** Base URLs of the three listeners, known once they listen (ports may be ephemeral). */
export interface SandboxUrls {
  /** Identity Server, e.g. https://localhost:9446 */
  is: string;
  /** API Manager control plane, e.g. https://localhost:9443 */
  apim: string;
  /** API Manager gateway, e.g. https://localhost:8243 */
  gateway: string;
}

/** What every surface of one sandbox instance shares. */
export interface SandboxContext {
  readonly config: SandboxConfig;
  readonly clock: Clock;
  readonly store: Store;
  readonly faults: Faults;
  readonly keys: readonly ServerKey[];
  readonly trustedCas: readonly X509Certificate[];
  readonly urls: SandboxUrls;
  /** Keys of jwks_uri clients (OB DCR): this instance's allow-listed resolver. */
  readonly jwksUris: JwksUriResolver;
  readonly log: (message: string) => void;
}

/** Issuer identifier: the token endpoint URL, as WSO2 IS publishes it (seed 000 "Issuer"). */
export function issuerOf(ctx: SandboxContext): string {
  return `${ctx.urls.is}/oauth2/token`;
}

/** Hono environment of every sub-app: Node bindings and per-request variables. */
export type SandboxEnv = {
  Bindings: HttpBindings;
  Variables: { clientCertificate: ClientCertificate; apimCaller: ApimCaller };
};
