import { randomBytes, randomUUID } from 'node:crypto';
import type { RoutedAnswer, RoutedRequest } from './jwks-host.ts';

/**
 * The recording key manager: a key manager the harness runs on its host (jwks-host.ts `route`), so
 * that scenarios see what API Manager sends to a key manager, which no answer of the portal shows
 * (apim-surface §5). It serves the two client registration APIs the connectors call, as the
 * servers answer them, and a token endpoint, and records every call:
 *
 * - keymanager-operations DCR (`default`, `WSO2-IS`, `ObKeyManager`): `POST …/dcr/register` 201,
 *   `GET|PUT|DELETE …/{base64url(client id)}` 200/200/204, `POST …/{id}/regenerate-consumer-secret`
 *   200; an unknown client is 401 with no body, as KMIS's `ExtendedDCRMUtils` maps NOT_FOUND (§5.1);
 * - IS DCR v1.1 (`WSO2-IS-7`, `fsKeyManager`): `POST …/register` 201, `GET|PUT|DELETE …/{client id}`
 *   200/200/204, unknown 404 (§5.2);
 * - `POST /oauth2/token`, client_credentials with the client's Basic credentials (§5.7).
 *
 * Client ids carry `~` and `?`, so their base64 has `+` and `/`: the URL-safe alphabet shows.
 * A scenario may script the next answer to a method (`failNext`).
 */

export const KMOPS_REGISTER = '/keymanager-operations/dcr/register';
export const IS_DCR_REGISTER = '/api/identity/oauth2/dcr/v1.1/register';
export const TOKEN_PATH = '/oauth2/token';

export interface RecordedCall {
  method: string;
  path: string;
  authorization: string | undefined;
  contentType: string | undefined;
  accept: string | undefined;
  /** The body as JSON (JSON content), as form fields (form content), or the raw text. */
  json?: unknown;
  form?: Record<string, string>;
  text: string;
}

interface StoredClient {
  clientId: string;
  clientSecret: string;
  info: Record<string, unknown>;
}

const json = (status: number, body: unknown): RoutedAnswer => ({ status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

export class RecordingKeyManager {
  readonly calls: RecordedCall[] = [];
  readonly #clients = new Map<string, StoredClient>();
  readonly #scripted: { method: string; answer: RoutedAnswer }[] = [];
  #seq = 0;
  /** The status a registration is answered with (201 as both servers answer; any 2xx is success to Feign). */
  registrationStatus = 201;

  /** The next call with this method is answered `answer` (and recorded) instead. */
  failNext(method: string, answer: RoutedAnswer): void {
    this.#scripted.push({ method, answer });
  }

  /** Client ids as a key manager may issue them; `~` and `?` third in a group of three bytes make `+` and `/` in base64. */
  #newClientId(): string {
    this.#seq += 1;
    return `km~id?${this.#seq}-${randomBytes(6).toString('hex')}`;
  }

  handle = (req: RoutedRequest): RoutedAnswer => {
    const header = (n: string) => {
      const v = req.headers[n];
      return Array.isArray(v) ? v.join(', ') : v;
    };
    const contentType = header('content-type');
    const call: RecordedCall = { method: req.method, path: req.path, authorization: header('authorization'), contentType, accept: header('accept'), text: req.body };
    if (contentType?.startsWith('application/json')) {
      try {
        call.json = JSON.parse(req.body);
      } catch {
        call.json = undefined;
      }
    } else if (contentType?.startsWith('application/x-www-form-urlencoded')) {
      call.form = Object.fromEntries(new URLSearchParams(req.body));
    }
    this.calls.push(call);
    const scripted = this.#scripted.findIndex((s) => s.method === req.method);
    if (scripted >= 0) return this.#scripted.splice(scripted, 1)[0]!.answer;
    const path = req.path.split('?')[0]!;
    if (path === TOKEN_PATH && req.method === 'POST') return this.#token(call);
    for (const [base, flavour] of [[KMOPS_REGISTER, 'kmops'], [IS_DCR_REGISTER, 'is7']] as const) {
      if (path === base && req.method === 'POST') return this.#create(call, flavour);
      if (!path.startsWith(`${base}/`)) continue;
      const [encoded, action] = path.slice(base.length + 1).split('/');
      // KMIS decodes with Base64.getUrlDecoder(), which refuses the standard alphabet's + and /.
      if (flavour === 'kmops' && !/^[A-Za-z0-9_-]+=*$/.test(encoded ?? '')) return { status: 500 };
      const clientId = flavour === 'kmops' ? Buffer.from(encoded ?? '', 'base64url').toString('utf8') : decodeURIComponent(encoded ?? '');
      const client = this.#clients.get(clientId);
      // KMIS answers NOT_FOUND as 401 without a body (§5.1); IS DCR v1.1 404.
      if (!client) return flavour === 'kmops' ? { status: 401 } : json(404, { error: 'invalid_client', error_description: 'not found' });
      if (action === 'regenerate-consumer-secret' && flavour === 'kmops' && req.method === 'POST') {
        client.clientSecret = randomBytes(12).toString('hex');
        return json(200, this.#application(client, flavour));
      }
      if (action !== undefined) break;
      if (req.method === 'GET') return json(200, this.#application(client, flavour));
      if (req.method === 'PUT') {
        client.info = { ...(call.json as Record<string, unknown>) };
        return json(200, this.#application(client, flavour));
      }
      if (req.method === 'DELETE') {
        this.#clients.delete(clientId);
        return { status: 204 };
      }
    }
    return json(404, { error: 'not_found' });
  };

  #create(call: RecordedCall, flavour: 'kmops' | 'is7'): RoutedAnswer {
    const info = (call.json ?? {}) as Record<string, unknown>;
    const preset = info.ext_param_client_id;
    const client: StoredClient = {
      clientId: typeof preset === 'string' ? preset : this.#newClientId(),
      clientSecret: typeof info.ext_param_client_secret === 'string' ? info.ext_param_client_secret : randomBytes(12).toString('hex'),
      info,
    };
    this.#clients.set(client.clientId, client);
    return json(this.registrationStatus, this.#application(client, flavour));
  }

  /** The `Application` (kmops) or IS DCR answer: the registration echoed with id and secret. */
  #application(c: StoredClient, flavour: 'kmops' | 'is7'): Record<string, unknown> {
    const { ext_param_client_id: _i, ext_param_client_secret: _s, ...rest } = c.info;
    return flavour === 'kmops'
      ? { ...rest, client_id: c.clientId, client_secret: c.clientSecret, client_secret_expires_at: null }
      : { ...rest, client_id: c.clientId, client_secret: c.clientSecret, client_secret_expires_at: 0 };
  }

  #token(call: RecordedCall): RoutedAnswer {
    const auth = /^Basic (.+)$/.exec(call.authorization ?? '')?.[1];
    const [id, secret] = auth ? Buffer.from(auth, 'base64').toString('utf8').split(/:(.*)/s) : [];
    const client = id === undefined ? undefined : this.#clients.get(id);
    if (!client || client.clientSecret !== secret) return json(401, { error: 'invalid_client', error_description: 'Client authentication failed.' });
    if (call.form?.grant_type !== 'client_credentials') return json(400, { error: 'unsupported_grant_type' });
    return json(200, { access_token: randomUUID(), token_type: 'Bearer', expires_in: 3600, scope: call.form.scope ?? 'default' });
  }
}
