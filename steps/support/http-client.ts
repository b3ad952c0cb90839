import type { Readable } from 'node:stream';
import { Agent, request } from 'undici';
import type { IdentityName } from './target.ts';
import type { RateGate } from './rate-limit.ts';

/** Who the harness is on the TLS connection: no client certificate, or one of the test TPPs. */
export type TlsIdentity = 'none' | IdentityName;

export interface HttpResponse {
  method: string;
  url: string;
  status: number;
  /** Lower-case header names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  text: string;
  /** Parsed body when it is JSON, else undefined. */
  json: unknown;
  /** Each Set-Cookie header as sent (they cannot be joined with commas). */
  setCookies?: string[];
}

export interface RequestOptions {
  headers?: Record<string, string>;
  /** A stream is sent with the chunked transfer coding (no Content-Length, RFC 9112 §7.1). */
  body?: string | Buffer | Readable;
}

export interface TlsMaterial {
  ca: string;
  cert?: string;
  key?: string;
}

/**
 * How a TPP's transport certificate reaches the target: on the TLS connection (the default), or,
 * as a TLS-terminating proxy in front of the server forwards it, URL-encoded PEM in a header the
 * server trusts (WSO2 IS `[oauth.mutualtls] client_certificate_header`, wso2-surface §0).
 */
export interface CertificatePresentation {
  header?: string;
  /** URL-encoded PEM (the default, the gateway's `isClientCertificateEncoded`), or PEM on one line. */
  encoded?: boolean;
}

/**
 * A certificate as a proxy puts it in a header (MTLSEnforcementUtils.parseCertificate): URL-encoded
 * when the server expects it encoded, else folded onto one line with spaces for line breaks.
 */
export function certificateHeaderValue(pem: string, encoded: boolean): string {
  return encoded ? encodeURIComponent(pem) : pem.trim().replace(/\r?\n/g, ' ');
}

/** One undici Agent per TLS identity, so connections (and their certificates) are never mixed. */
export class HttpClient {
  readonly #agents = new Map<TlsIdentity, Agent>();
  readonly #gate: RateGate | undefined;
  /** Header mode: each identity's certificate as the header value the harness sends. */
  readonly #headerValues = new Map<TlsIdentity, string>();
  readonly #header: string | undefined;

  /** `gate`: the run's request rate limit (`--rate`), shared with every other worker. */
  constructor(identities: Partial<Record<TlsIdentity, TlsMaterial>>, gate?: RateGate, presentation: CertificatePresentation = {}) {
    this.#gate = gate;
    this.#header = presentation.header?.toLowerCase();
    for (const [name, material] of Object.entries(identities)) {
      // In header mode the connection itself carries no client certificate: the harness is the proxy.
      const tls = this.#header && material.cert ? { ca: material.ca } : material;
      if (this.#header && material.cert) this.#headerValues.set(name as TlsIdentity, certificateHeaderValue(material.cert, presentation.encoded ?? true));
      this.#agents.set(
        name as TlsIdentity,
        new Agent({
          connect: { ca: tls.ca, cert: tls.cert, key: tls.key, rejectUnauthorized: true },
          headersTimeout: 15_000,
          bodyTimeout: 15_000,
        }),
      );
    }
  }

  has(identity: TlsIdentity): boolean {
    return this.#agents.has(identity);
  }

  async send(identity: TlsIdentity, method: string, url: string, opts: RequestOptions = {}): Promise<HttpResponse> {
    const dispatcher = this.#agents.get(identity);
    if (!dispatcher) throw new Error(`the target defines no TLS identity "${identity}"`);
    await this.#gate?.wait();
    const res = await request(url, { method: method as 'GET', headers: this.#withCertificate(identity, opts.headers), body: opts.body, dispatcher });
    const text = await res.body.text();
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.headers)) {
      if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
    }
    let json: unknown;
    if ((headers['content-type'] ?? '').includes('json') && text) {
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
    }
    const raw = res.headers['set-cookie'];
    const setCookies = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
    return { method, url, status: res.statusCode, headers, text, json, setCookies };
  }

  /** Header mode: the identity's certificate header, unless the caller set that header itself. */
  #withCertificate(identity: TlsIdentity, headers: Record<string, string> | undefined): Record<string, string> | undefined {
    const value = this.#headerValues.get(identity);
    if (!this.#header || value === undefined) return headers;
    if (Object.keys(headers ?? {}).some((k) => k.toLowerCase() === this.#header)) return headers;
    return { ...headers, [this.#header]: value };
  }

  async close(): Promise<void> {
    await Promise.all([...this.#agents.values()].map((a) => a.close()));
  }
}
