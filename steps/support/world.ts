import { World, setWorldConstructor, type IWorldOptions } from '@cucumber/cucumber';
import { REISSUED_IDENTITY, runtime, type ResolvedTarget } from './runtime.ts';
import type { HttpClient, HttpResponse, RequestOptions, TlsIdentity } from './http-client.ts';
import type { ControllableClock } from '../../mock-server/clock.ts';
import { secretValue, type EndpointName } from './target.ts';
import { SetupError } from './setup-error.ts';
import { NAME_PREFIX } from './name-prefix.ts';
import type { TargetUrls } from './runtime.ts';

export { SetupError } from './setup-error.ts';

/**
 * State of one scenario. Steps share data only through the World; per-worker pieces (target,
 * HTTP agents, the embedded sandbox's clock) come from the runtime.
 */
export class ObWorld extends World {
  /** The last response, which `Then` steps assert on. */
  response: HttpResponse | undefined;
  /** Named values a scenario remembers (a discovery document, a JWKS, ...). */
  readonly remembered = new Map<string, unknown>();
  /** Logical names made unique per scenario, so scenarios never collide on a shared target. */
  readonly #unique = new Map<string, string>();

  constructor(options: IWorldOptions) {
    super(options);
  }

  get target(): ResolvedTarget {
    return runtime().target;
  }

  get http(): HttpClient {
    return runtime().http;
  }

  /** The target's clock; only scenarios tagged @needs:clock-control may use it. */
  get clock(): ControllableClock {
    const clock = runtime().clock;
    if (!clock) throw new Error('this target offers no clock control (tag the scenario @needs:clock-control)');
    return clock;
  }

  /**
   * Now, in NumericDate seconds: the target's clock where the harness holds it still (time.steps.ts,
   * edges of a window and time moved on the target), else the harness's own, as a real client computes it.
   */
  nowSeconds(): number {
    return this.remembered.has('clock-held') ? this.clock.nowSeconds() : Math.floor(Date.now() / 1000);
  }

  /** A URL on one of the target's listeners (`is`, `apim`, `gateway`). */
  url(surface: keyof TargetUrls, path: string): string {
    return `${this.baseUrl(surface)}${path}`;
  }

  baseUrl(surface: keyof TargetUrls): string {
    const base = this.target.urls[surface];
    if (!base) throw new SetupError(`target "${this.target.file.name}" has no ${surface} URL (urls.${surface})`);
    return base;
  }

  /** An endpoint from the target's discovery document (or its override in the target file). */
  endpoint(name: EndpointName): string {
    const url = this.target.endpoint(name);
    if (!url) throw new SetupError(`target "${this.target.file.name}" names no ${name} in discovery or endpoints`);
    return url;
  }

  /** The issuer identifier from discovery. */
  get issuer(): string {
    return this.target.issuer;
  }

  /** Product behaviour (WSO2-* rules, the product's exact texts) is asserted only on that product. */
  get isWso2Product(): boolean {
    return this.target.file.product?.name.startsWith('wso2') ?? false;
  }

  async send(identity: TlsIdentity, method: string, url: string, opts?: RequestOptions): Promise<HttpResponse> {
    this.response = await this.http.send(identity, method, url, opts);
    return this.response;
  }

  /** PEM of tpp1's re-issued transport certificate (CNF-08), when the target offers one. */
  get reissuedCertPem(): string | undefined {
    return runtime().reissuedCertPem;
  }

  /** Send over a TLS connection that presents tpp1's re-issued certificate (same key, other DER). */
  async sendReissued(method: string, url: string, opts?: RequestOptions): Promise<HttpResponse> {
    const client = runtime().reissued;
    if (!client) throw new Error(`the target defines no TLS identity "${REISSUED_IDENTITY}"`);
    this.response = await client.send('tpp1', method, url, opts);
    return this.response;
  }

  /** The last response, or a clear failure when a step asserts before any request. */
  get lastResponse(): HttpResponse {
    if (!this.response) throw new Error('no request has been sent in this scenario yet');
    return this.response;
  }

  /**
   * `name` plus a suffix that is stable within this scenario and unique across scenarios, after
   * the prefix `obc-` that marks everything the harness creates on a target.
   */
  unique(name: string): string {
    let value = this.#unique.get(name);
    if (!value) {
      value = `${NAME_PREFIX}${name}_${Math.random().toString(36).slice(2, 10)}`;
      this.#unique.set(name, value);
    }
    return value;
  }

  /** HTTP Basic header of the target's admin user. */
  adminAuthorization(): string {
    const admin = this.target.file.admin;
    if (!admin) throw new Error(`target "${this.target.file.name}" names no admin user (needed by @needs:admin-api)`);
    return `Basic ${Buffer.from(`${admin.username}:${secretValue(admin.password, 'admin.password')}`).toString('base64')}`;
  }

  remember<T>(name: string, value: T): T {
    this.remembered.set(name, value);
    return value;
  }

  recall<T>(name: string): T {
    if (!this.remembered.has(name)) throw new Error(`nothing remembered as "${name}" in this scenario`);
    return this.remembered.get(name) as T;
  }
}

setWorldConstructor(ObWorld);
