import { Hono, type Context } from 'hono';
import type { SandboxContext, SandboxEnv } from '../context.ts';
import { requireMtls } from '../security/require-mtls.ts';
import type { ClientRecord } from '../store/clients.ts';
import { newIdentifier } from '../is-dcr/is-dcr-app.ts';
import { invalidClientMetadata, MESSAGES } from './errors.ts';
import { checkNotDuplicate, claimJti, readRequestJws, storedName, validateRegistration } from './registration.ts';
import { registrationResponse } from './registration-response.ts';
import { authorizeManagement, type Surface } from './management-auth.ts';

/** Gateway base paths of the OB DCR API: seed 004 (`0.1`) and the FS 4.x swagger (`v3.3.0`). */
export const OB_DCR_GATEWAY_BASES = ['/open-banking/0.1/register', '/open-banking/v3.3.0/register'] as const;
/** The Identity Server web app behind the gateway (seed 004). */
export const OB_DCR_IS_BASE = '/api/openbanking/dynamic-client-registration/register';

const json = (c: Context<SandboxEnv>, body: unknown, status: 200 | 201) => c.json(body, status, { 'cache-control': 'no-store' });
/** A JSON answer rendered before its write committed (Store.commitWithAnswer). */
const jsonText = (c: Context<SandboxEnv>, text: string, status: 200 | 201) =>
  c.body(text, status, { 'content-type': 'application/json', 'cache-control': 'no-store' });

/**
 * Open Banking DCR (wso2-surface §6; seed 004): register with a signed request carrying an SSA,
 * then retrieve, update and delete with the client's own client_credentials token. Every operation
 * requires mutual TLS (UK OB DCR §Authentication). A failed request writes nothing: the client row
 * and the request's jti are written in one transaction, after every check.
 */
export function obDcrApp(ctx: SandboxContext, bases: readonly string[]): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  const surface: Surface = bases.includes(OB_DCR_IS_BASE) ? 'is' : 'gateway';
  const mtls = requireMtls(ctx);
  for (const base of bases) {
    // DCR-REQ-36: POST needs a certificate unless the fault lets it through; management always does.
    app.post(base, async (c, next) => (ctx.faults.has('ob-dcr.register-without-mtls') ? next() : mtls(c, next)));
    app.use(`${base}/:clientId`, mtls);

    app.post(base, async (c) => {
      const reg = await validateRegistration(ctx, c);
      const answer = ctx.store.commitWithAnswer(() => {
        checkNotDuplicate(ctx, reg.softwareId);
        claimJti(ctx, reg.request, reg.jti);
        return ctx.store.clients.insert({
          clientId: newIdentifier(),
          clientName: storedName(ctx, reg.softwareId),
          softwareId: reg.softwareId,
          metadata: reg.metadata,
          now: ctx.clock.now(),
        });
      }, (client) => registrationResponse(ctx, client));
      return jsonText(c, answer, 201);
    });

    app.get(`${base}/:clientId`, async (c) => {
      const client = await authorizeManagement(ctx, c, surface, c.req.param('clientId'));
      return json(c, registrationResponse(ctx, client), 200);
    });

    app.put(`${base}/:clientId`, async (c) => {
      const client = await authorizeManagement(ctx, c, surface, c.req.param('clientId'));
      const answer = ctx.faults.has('ob-dcr.put-skips-validation') ? await unvalidatedUpdate(ctx, c, client) : await validatedUpdate(ctx, c, client);
      return jsonText(c, answer, 200);
    });

    app.delete(`${base}/:clientId`, async (c) => {
      const client = await authorizeManagement(ctx, c, surface, c.req.param('clientId'));
      // RFC 7592 §2.3, UK OB DCR §DELETE: the client goes and its tokens with it (ON DELETE CASCADE).
      if (!ctx.faults.has('ob-dcr.delete-keeps-client')) ctx.store.clients.delete(client.clientId);
      return c.body(null, 204);
    });
  }
  return app;
}

/** RFC 7592 §2.2, UK OB DCR §PUT (DCR-MGT-09/15/16): a full signed request, validated as POST; software_id fixed. */
async function validatedUpdate(ctx: SandboxContext, c: Context<SandboxEnv>, client: ClientRecord): Promise<string> {
  const reg = await validateRegistration(ctx, c);
  if (reg.softwareId !== client.softwareId && !ctx.faults.has('ob-dcr.allow-software-id-change')) {
    throw invalidClientMetadata(MESSAGES.softwareIdChange);
  }
  return ctx.store.commitWithAnswer(() => {
    // Stryker disable next-line ConditionalExpression,EqualityOperator: another software_id gets here only under ob-dcr.allow-software-id-change (refused above otherwise); the self-test measures it.
    if (reg.softwareId !== client.softwareId) checkNotDuplicate(ctx, reg.softwareId, client.clientId);
    claimJti(ctx, reg.request, reg.jti);
    // DCR-MGT-17: a PUT leaves the client's tokens alone.
    if (ctx.faults.has('ob-dcr.put-revokes-tokens')) ctx.store.tokens.revokeClient(client.clientId, ctx.clock.nowSeconds());
    return ctx.store.clients.update(client.clientId, { clientName: client.clientName, metadata: reg.metadata, now: ctx.clock.now() })!;
  }, (updated) => registrationResponse(ctx, updated));
}

// Stryker disable all: fault-switch code only ob-dcr.put-skips-validation reaches; the self-test measures it.
/** The `ob-dcr.put-skips-validation` fault: the payload's claims are stored as they come. */
async function unvalidatedUpdate(ctx: SandboxContext, c: Context<SandboxEnv>, client: ClientRecord): Promise<string> {
  const request = await readRequestJws(c);
  const metadata = { ...client.metadata, ...(request.claims as Record<string, unknown>) };
  return ctx.store.commitWithAnswer(
    () => ctx.store.clients.update(client.clientId, { clientName: client.clientName, metadata, now: ctx.clock.now() })!,
    (updated) => registrationResponse(ctx, updated),
  );
}
// Stryker restore all
