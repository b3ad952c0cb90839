import { randomUUID } from 'node:crypto';
import type { Hono } from 'hono';
import type { SandboxContext, SandboxEnv } from '../context.ts';
import type { ApimCaller } from '../apim-auth/apim-users.ts';
import { ApimError } from '../errors/apim-error.ts';
import { badRequest, resourceNotFound, validationError } from '../errors/apim-exception-codes.ts';
import { readPortalJson, readPortalJsonArray } from './portal-json.ts';
import type { DevportalSubscription } from '../store/devportal.ts';
import { alreadyExists, DEVPORTAL_ERRORS, forbidden, tierNotAllowed } from './devportal-errors.ts';
import { pagination, subscriptionDto } from './dto.ts';
import { ownedApplication } from './owned-application.ts';
import { INTERNAL_PLANS, sampleApi } from './sample-apis.ts';
import { DEVPORTAL_BASE } from './applications.ts';

interface SubscriptionRequest {
  applicationId: string;
  apiId: string | undefined;
  throttlingPolicy: string;
}

/** Bean validation of `Subscription`: applicationId and throttlingPolicy required. */
function readSubscription(body: unknown): SubscriptionRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('One or more request body parameters contain disallowed values.');
  const b = body as Record<string, unknown>;
  const violations: { property: string; message: string }[] = [];
  if (typeof b.applicationId !== 'string') violations.push({ property: 'applicationId', message: 'must not be null' });
  if (typeof b.throttlingPolicy !== 'string') violations.push({ property: 'throttlingPolicy', message: 'must not be null' });
  if (violations.length > 0) throw validationError(violations);
  return { applicationId: b.applicationId as string, apiId: typeof b.apiId === 'string' && b.apiId !== '' ? b.apiId : undefined, throttlingPolicy: b.throttlingPolicy as string };
}

/**
 * SubscriptionsApiServiceImpl.subscriptionsPost + APIConsumerImpl.addSubscription, in the
 * product's order (apim-surface §4.4): API id, API known (an unknown id is a not-found without a
 * code: 500 900967), application, business plan, tier of the API (403 902002), duplicate (409).
 */
export function subscribe(ctx: SandboxContext, caller: ApimCaller, req: SubscriptionRequest, duplicateText: (api: string, app: string) => string): DevportalSubscription {
  if (!req.apiId) throw badRequest('Request must contain either apiIdentifier or apiProductIdentifier and the relevant type');
  const api = sampleApi(req.apiId);
  if (!api) throw DEVPORTAL_ERRORS.internal();
  const application = ownedApplication(ctx, caller, req.applicationId);
  // Stryker disable next-line ConditionalExpression: every application is APPROVED here (the sandbox runs no approval workflow, apim-surface §4.4 step 4).
  if (application.status !== 'APPROVED') throw badRequest('Workflow status is not Approved');
  if (INTERNAL_PLANS.includes(req.throttlingPolicy) && !ctx.faults.has('devp.subscribe-internal-plan')) {
    throw new ApimError(400, 'The Business plan is not allowed.', `Business plan '${req.throttlingPolicy}' is not allowed for the API.`, [], 902019);
  }
  if (!api.tiers.includes(req.throttlingPolicy) && !ctx.faults.has('devp.subscribe-any-tier')) throw tierNotAllowed(req.throttlingPolicy, caller.username);
  return ctx.store.transaction(() => {
    if (ctx.store.devportal.subscriptionOf(application.id, api.id) && !ctx.faults.has('devp.allow-second-subscription')) {
      throw alreadyExists(duplicateText(api.id, application.id));
    }
    const subscription: DevportalSubscription = {
      id: randomUUID(), applicationId: application.id, apiId: api.id, throttlingPolicy: req.throttlingPolicy, status: 'UNBLOCKED', createdAt: ctx.clock.now(),
    };
    ctx.store.devportal.insertSubscription(subscription);
    return subscription;
  });
}

export function subscriptionRoutes(app: Hono<SandboxEnv>, ctx: SandboxContext): void {
  const dto = (s: DevportalSubscription) => {
    const application = ctx.store.devportal.application(s.applicationId)!;
    return subscriptionDto(s, application, ctx.store.devportal.countSubscriptions(application.id));
  };

  app.post(`${DEVPORTAL_BASE}/subscriptions`, async (c) => {
    const req = readSubscription(await readPortalJson(ctx, c));
    const created = subscribe(ctx, c.get('apimCaller'), req, (api, application) => `Specified subscription already exists for API ${api}, for application ${application}`);
    return c.json(dto(created), 201, { location: `${ctx.urls.apim}${DEVPORTAL_BASE}/subscriptions/${created.id}` });
  });

  /** One by one, not atomically: a failed item leaves those before it subscribed (apim-surface §4.4). */
  app.post(`${DEVPORTAL_BASE}/subscriptions/multiple`, async (c) => {
    const requests = (await readPortalJsonArray(ctx, c)).map(readSubscription);
    const created: DevportalSubscription[] = [];
    for (const req of requests) {
      try {
        created.push(subscribe(ctx, c.get('apimCaller'), req, (api, application) => `Specified subscription already exists for API ${api} for application ${application}`));
      } catch (e) {
        if (e instanceof ApimError && (e.status === 409 || ctx.faults.has('devp.multiple-subscriptions-errors-as-is'))) throw e;
        if (e instanceof ApimError && (e.status === 403 || e.status === 404) && e.code === e.status) throw e; // the application's own 404/403
        throw new ApimError(500, 'Internal Server Error', `Error while adding the subscription API:${req.apiId ?? 'null'}, application:${req.applicationId}, throttling policy:${req.throttlingPolicy}`);
      }
    }
    return c.json(created.map(dto), 200);
  });

  app.get(`${DEVPORTAL_BASE}/subscriptions`, (c) => {
    const caller = c.get('apimCaller');
    const applicationId = c.req.query('applicationId');
    const apiId = c.req.query('apiId');
    let list: DevportalSubscription[];
    if (applicationId) list = ctx.store.devportal.subscriptionsOfApplication(ownedApplication(ctx, caller, applicationId).id);
    // Fault devp.subscriptions-of-api-any-owner: every TPP's subscriptions to the API.
    else if (apiId) list = ctx.faults.has('devp.subscriptions-of-api-any-owner') ? ctx.store.devportal.allApplications().flatMap((a) => ctx.store.devportal.subscriptionsOfApi(apiId, a.owner)).filter((x, i, all) => all.findIndex((y) => y.id === x.id) === i) : ctx.store.devportal.subscriptionsOfApi(apiId, caller.username);
    else throw badRequest('Either applicationId or apiId should be available');
    const limit = Math.max(0, Number.parseInt(c.req.query('limit') ?? '25', 10) || 25);
    const offset = Math.max(0, Number.parseInt(c.req.query('offset') ?? '0', 10) || 0);
    const page = list.slice(offset, offset + limit);
    // RestApiConstants.SUBSCRIPTIONS_GET_PAGINATION_URL_APPLICATIONID / _APIID.
    const by = applicationId ? `applicationId=${applicationId}` : `apiId=${apiId}`;
    const link = (o: number, l: number) => `/subscriptions?limit=${l}&offset=${o}&${by}&groupId=`;
    return c.json({ count: page.length, list: page.map(dto), pagination: pagination(ctx, offset, limit, list.length, link) });
  });

  app.get(`${DEVPORTAL_BASE}/subscriptions/:subscriptionId`, (c) => {
    const s = ownedSubscription(ctx, c.get('apimCaller'), c.req.param('subscriptionId'));
    return c.json(dto(s));
  });

  app.delete(`${DEVPORTAL_BASE}/subscriptions/:subscriptionId`, (c) => {
    const s = ownedSubscription(ctx, c.get('apimCaller'), c.req.param('subscriptionId'));
    // Fault devp.subscription-delete-keeps: answered as deleted, kept.
    if (!ctx.faults.has('devp.subscription-delete-keeps')) ctx.store.devportal.deleteSubscription(s.id);
    return c.body(null, 200);
  });
}

/** A subscription of one of the caller's applications; unknown 404, another owner's 403. */
function ownedSubscription(ctx: SandboxContext, caller: ApimCaller, id: string): DevportalSubscription {
  const s = ctx.store.devportal.subscription(id);
  if (!s) throw resourceNotFound('subscription', id);
  const application = ctx.store.devportal.application(s.applicationId);
  if (application?.owner !== caller.username && !ctx.faults.has('devp.no-owner-check')) throw forbidden('subscription', id);
  return s;
}
