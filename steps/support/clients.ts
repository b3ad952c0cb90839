import { After } from '@cucumber/cucumber';
import type { HttpResponse } from './http-client.ts';
import { secretValue, type TargetClient } from './target.ts';
import { SetupError } from './setup-error.ts';
import type { ObWorld } from './world.ts';
import { LEFT_BEHIND_MEDIA_TYPE, type LeftBehind } from '../../report/left-behind.ts';

/**
 * Where a scenario's clients come from, whatever the target: RFC 7591 registration (open or with
 * an initial access token), WSO2 IS DCR v1.1 with the admin user (as the key manager connector
 * registers), or a client the target file names, picked by what the scenario asks for. Every
 * client the harness registers is deleted after its scenario, failed or not (RFC 7592 §2.3 with
 * the registration access token, or the product's admin API).
 */

export { NAME_PREFIX } from './name-prefix.ts';

interface Created {
  clientId: string;
  /** RFC 7592: where and with what the client can be deleted. */
  uri?: string;
  token?: string;
  /** Registered with the IS DCR admin API (deleted with it, whatever the registration style). */
  viaAdmin?: boolean;
}

const CREATED = 'created-clients';

/**
 * Record something the harness created and could not delete: attached to the scenario, so the
 * run's summary (and every report) lists it, whichever worker or shard it happened in.
 */
export function noteLeftBehind(world: ObWorld, item: LeftBehind): void {
  world.attach(JSON.stringify(item), LEFT_BEHIND_MEDIA_TYPE);
}

/**
 * WSO2-APIMDCR-10: API Manager never implemented DELETE of an APIM DCR v0.17 registration, so every
 * one the harness makes stays on the bank; the run's summary lists it for the bank's admin.
 */
export function noteApimDcrClient(world: ObWorld, clientId: string, clientName: string): void {
  noteLeftBehind(world, { kind: 'APIM DCR v0.17 client', id: `${clientName} (${clientId})`, why: 'API Manager offers no way to delete an APIM DCR registration (WSO2-APIMDCR-10)' });
}

/** RFC 7591 §2: the metadata a scenario asks for, as a JSON object. */
export type Metadata = Record<string, unknown>;

/**
 * Register `metadata` as the target's registration style says. Remembers the answer as
 * `client:<name>` on 201 (RFC 7591 §3.2.1) and the client for clean-up.
 */
export async function registerWithTarget(world: ObWorld, name: string, metadata: Metadata, opts: { contentType?: string } = {}): Promise<HttpResponse> {
  const doc = { ...metadata };
  // world.unique names carry the obc- prefix.
  doc.client_name ??= world.unique(name);
  const { url, headers } = registrationRequest(world);
  if (opts.contentType) headers['content-type'] = opts.contentType;
  const res = await world.send('none', 'POST', url, { headers, body: JSON.stringify(doc) });
  if (res.status === 201 && res.json && typeof res.json === 'object') {
    const body = res.json as { client_id?: string; registration_client_uri?: string; registration_access_token?: string };
    world.remember(`client:${name}`, body);
    if (body.client_id) {
      const created: Created = { clientId: body.client_id };
      if (body.registration_client_uri) created.uri = body.registration_client_uri;
      if (body.registration_access_token) created.token = body.registration_access_token;
      createdBy(world).push(created);
    }
  }
  return res;
}

/**
 * RFC 7592 §3: a server may issue a new registration access token on read or update; the old one
 * then stops working, so clean-up must use the new one.
 */
export function registrationTokenRotated(world: ObWorld, clientId: string, token: string): void {
  for (const c of createdBy(world)) if (c.clientId === clientId) c.token = token;
}

/** Where and how the target takes a registration (RFC 7591 §3.1), by its registration style. */
export function registrationRequest(world: ObWorld): { url: string; headers: Record<string, string> } {
  const style = world.target.file.registration?.style;
  if (!style) throw new SetupError(`target "${world.target.file.name}" has no registration style (registration.style)`);
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (style === 'wso2-is-dcr') {
    headers.authorization = world.adminAuthorization();
    return { url: world.url('is', world.target.path('isDcrRegister')), headers };
  }
  if (style === 'rfc7591-initial-token') {
    const iat = world.target.file.registration?.initialAccessToken;
    if (!iat) throw new SetupError('registration style rfc7591-initial-token needs registration.initialAccessToken');
    headers.authorization = `Bearer ${secretValue(iat, 'registration.initialAccessToken')}`;
  }
  return { url: world.endpoint('registration_endpoint'), headers };
}

/** A client a step registered through the IS DCR admin API itself: deleted after the scenario. */
export function trackAdminClient(world: ObWorld, clientId: string): void {
  if (!createdBy(world).some((c) => c.clientId === clientId)) createdBy(world).push({ clientId, viaAdmin: true });
}

function createdBy(world: ObWorld): Created[] {
  if (!world.remembered.has(CREATED)) world.remember<Created[]>(CREATED, []);
  return world.recall<Created[]>(CREATED);
}

/**
 * A client for a scenario that needs one but is not about registration: registered when the
 * target registers, else the first client the target names that fits the metadata.
 */
export async function obtainClient(world: ObWorld, name: string, metadata: Metadata): Promise<void> {
  if (world.target.file.registration) {
    const res = await registerWithTarget(world, name, metadata);
    if (res.status !== 201) throw new SetupError(`registration of ${name} answered ${res.status}: ${res.text.slice(0, 300)}`);
    return;
  }
  const [id, client] = Object.entries(world.target.file.clients ?? {}).find(([, c]) => fits(c, metadata)) ?? [];
  if (!client || !id) {
    throw new SetupError(`target "${world.target.file.name}" registers no clients and names none for ${JSON.stringify(metadata).slice(0, 200)}`);
  }
  world.remember(`client:${name}`, {
    client_id: client.clientId,
    token_endpoint_auth_method: client.auth,
    ...(client.secret !== undefined ? { client_secret: secretValue(client.secret, `clients.${id}.secret`) } : {}),
    ...(client.redirectUri ? { redirect_uris: [client.redirectUri] } : {}),
  });
  if (client.signer) world.remember(`signer:${name}`, client.signer);
}

/** A named client fits when it authenticates as asked and has every grant asked for. */
function fits(client: TargetClient, metadata: Metadata): boolean {
  const auth = (metadata.token_endpoint_auth_method as string | undefined) ?? 'client_secret_basic';
  const grants = (metadata.grant_types as string[] | undefined) ?? ['authorization_code'];
  const has = client.grantTypes ?? ['authorization_code'];
  const needsRedirect = Array.isArray(metadata.redirect_uris);
  return client.auth === auth && grants.every((g) => has.includes(g)) && (!needsRedirect || client.redirectUri !== undefined);
}

/** Where and with what a created client is deleted (and read back); undefined when the target offers no way. */
function deletion(world: ObWorld, c: Created): { url: string; authorization: string } | undefined {
  if (c.uri && c.token) return { url: c.uri, authorization: `Bearer ${c.token}` };
  if (c.viaAdmin || world.target.file.registration?.style === 'wso2-is-dcr') {
    return { url: world.url('is', `${world.target.path('isDcrRegister')}/${encodeURIComponent(c.clientId)}`), authorization: world.adminAuthorization() };
  }
  return undefined;
}

/**
 * Delete what the scenario registered, best effort, after failures too; what stays behind is
 * noted for the run's summary. A delete that answers success is checked by reading the client
 * back, so a bank that answers the delete but keeps the client is caught too.
 */
After(async function (this: ObWorld) {
  if (!this.remembered.has(CREATED)) return;
  for (const c of this.recall<Created[]>(CREATED)) {
    const note = (why: string) => noteLeftBehind(this, { kind: 'client', id: c.clientId, why });
    try {
      const how = deletion(this, c);
      if (!how) {
        note('the target offers no way to delete it (no registration_client_uri, no admin API)');
        continue;
      }
      const headers = { authorization: how.authorization, accept: 'application/json' };
      const res = await this.http.send('none', 'DELETE', how.url, { headers });
      // 204 deleted; 401/404 already gone (the scenario deleted it, or its token was revoked with it).
      if (res.status === 200 || res.status === 204) {
        const back = await this.http.send('none', 'GET', how.url, { headers });
        if (back.status === 200) note(`the delete answered ${res.status}, but the client can still be read`);
      } else if (res.status !== 401 && res.status !== 404) {
        note(`the delete answered ${res.status}`);
      }
    } catch (e) {
      note((e as Error).message.split('\n')[0]!);
    }
  }
});
