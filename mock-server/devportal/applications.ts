import { randomUUID } from 'node:crypto';
import type { Hono } from 'hono';
import type { SandboxContext, SandboxEnv } from '../context.ts';
import { badRequest, validationError } from '../errors/apim-exception-codes.ts';
import { refuseUnknownProperties } from '../http/apim-json-body.ts';
import { readPortalJson } from './portal-json.ts';
import type { DevportalApplication } from '../store/devportal.ts';
import { alreadyExists, DEVPORTAL_ERRORS } from './devportal-errors.ts';
import { applicationDto, applicationInfo, pagination } from './dto.ts';
import { ownedApplication } from './owned-application.ts';
import { APPLICATION_TIERS } from './sample-apis.ts';
import { deleteKeyAtKeyManager } from './keys.ts';

export const DEVPORTAL_BASE = '/api/am/devportal/v3';

const APPLICATION_MEMBERS = [
  'applicationId', 'name', 'throttlingPolicy', 'description', 'tokenType', 'status', 'groups', 'subscriptionCount',
  'keys', 'attributes', 'subscriptionScopes', 'owner', 'hashEnabled', 'createdTime', 'updatedTime',
];

interface ApplicationInput {
  name: string;
  throttlingPolicy: string;
  description: string | null;
  attributes: Record<string, string>;
  groups: string[];
}

/** Jackson binding and bean validation of `Application` (devportal-api.yaml: name 1-100, throttlingPolicy ≥1, description ≤512). */
function readApplication(ctx: SandboxContext, body: Record<string, unknown>): ApplicationInput {
  refuseUnknownProperties(body, APPLICATION_MEMBERS);
  const violations: { property: string; message: string }[] = [];
  const { name, throttlingPolicy, description } = body;
  if (name === undefined || name === null) violations.push({ property: 'name', message: 'must not be null' });
  else if (typeof name !== 'string') throw badRequest('One or more request body parameters contain disallowed values.');
  else if (name.length < 1 || name.length > 100) violations.push({ property: 'name', message: 'size must be between 1 and 100' });
  if (throttlingPolicy === undefined || throttlingPolicy === null) violations.push({ property: 'throttlingPolicy', message: 'must not be null' });
  else if (typeof throttlingPolicy !== 'string') throw badRequest('One or more request body parameters contain disallowed values.');
  else if (throttlingPolicy.length < 1) violations.push({ property: 'throttlingPolicy', message: 'size must be between 1 and 2147483647' });
  if (description !== undefined && description !== null && (typeof description !== 'string' || description.length > 512)) {
    violations.push({ property: 'description', message: 'size must be between 0 and 512' });
  }
  if (violations.length > 0 && !ctx.faults.has('devp.app-body-not-validated')) throw validationError(violations);
  const attributes = body.attributes && typeof body.attributes === 'object' && !Array.isArray(body.attributes)
    ? Object.fromEntries(Object.entries(body.attributes as Record<string, unknown>).map(([k, v]) => [k, String(v)]))
    : {};
  const groups = Array.isArray(body.groups) ? body.groups.filter((g): g is string => typeof g === 'string') : [];
  return { name: name as string, throttlingPolicy: throttlingPolicy as string, description: (description as string | undefined) ?? null, attributes, groups };
}

/** ApplicationsApiServiceImpl.preProcessAndAddApplication: no leading or trailing blanks. */
function checkNameSpacing(ctx: SandboxContext, name: string): void {
  if (name !== name.trim() && !ctx.faults.has('devp.app-name-spacing-accepted')) throw badRequest('Application name cannot contain leading or trailing white spaces');
}

/** APIConsumerImpl.addApplication: an application tier the tenant defines. */
function checkApplicationTier(ctx: SandboxContext, tier: string): void {
  if (!APPLICATION_TIERS.includes(tier) && !ctx.faults.has('devp.accept-unknown-app-tier')) throw DEVPORTAL_ERRORS.tierNameInvalid();
}

/** ApiMgtDAO.isApplicationExist: LOWER(NAME) among the owner's applications (excluding the one renamed). */
function checkNameFree(ctx: SandboxContext, owner: string, name: string, except?: string): void {
  const taken = ctx.faults.has('devp.app-name-case-sensitive')
    ? ctx.store.devportal.applicationsOf(owner).find((a) => a.name === name && a.id !== except)
    : ctx.store.devportal.applicationsOf(owner).find((a) => a.name.toLowerCase() === name.toLowerCase() && a.id !== except);
  if (taken) throw alreadyExists(`An application already exists with name ${name}`);
}

/** The sort key of `sortBy` (name, throttlingPolicy or status; anything else sorts by name). */
function sortKey(sortBy: string): (a: DevportalApplication) => string {
  switch (sortBy) {
    case 'throttlingPolicy': return (a) => a.throttlingPolicy;
    case 'status': return (a) => a.status;
    // Stryker disable next-line MethodExpression: both sides are folded by the same call, and localeCompare orders letters alike in either case.
    default: return (a) => a.name.toLowerCase();
  }
}

/** Create an application for `owner` (also the OB gateway's DCR executor, seed 004). */
export function createApplication(ctx: SandboxContext, owner: string, input: ApplicationInput): DevportalApplication {
  checkNameSpacing(ctx, input.name);
  checkApplicationTier(ctx, input.throttlingPolicy);
  return ctx.store.transaction(() => {
    checkNameFree(ctx, owner, input.name);
    const now = ctx.clock.now();
    const application: DevportalApplication = {
      id: randomUUID(), ...input, owner,
      // tokenType in the request is ignored: every new application is JWT (ApplicationsApiServiceImpl).
      tokenType: 'JWT', status: 'APPROVED', createdAt: now, updatedAt: now,
    };
    ctx.store.devportal.insertApplication(application);
    return application;
  });
}

/** Delete an application: its generated clients at their key managers, mapped ones left (ApiMgtDAO.deleteApplication). */
export async function deleteApplication(ctx: SandboxContext, application: DevportalApplication): Promise<void> {
  for (const key of ctx.store.devportal.keysOf(application.id)) {
    const keep = key.createMode === 'MAPPED'
      ? !ctx.faults.has('oob.delete-app-deletes-mapped-client')
      : ctx.faults.has('devp.delete-app-keeps-created-clients');
    if (!keep && key.consumerKey) await deleteKeyAtKeyManager(ctx, key);
  }
  ctx.store.devportal.deleteApplication(application.id);
}

export function applicationRoutes(app: Hono<SandboxEnv>, ctx: SandboxContext): void {
  const count = (id: string) => ctx.store.devportal.countSubscriptions(id);

  app.post(`${DEVPORTAL_BASE}/applications`, async (c) => {
    const body = await readPortalJson(ctx, c);
    const input = readApplication(ctx, body);
    // Fault devp.app-owner-from-body: the body's read-only owner is taken.
    const owner = ctx.faults.has('devp.app-owner-from-body') && typeof body.owner === 'string' ? body.owner : c.get('apimCaller').username;
    const created = createApplication(ctx, owner, input);
    return c.json(applicationDto(created, 0), 201, { location: `${ctx.urls.apim}${DEVPORTAL_BASE}/applications/${created.id}` });
  });

  app.get(`${DEVPORTAL_BASE}/applications`, (c) => {
    const caller = c.get('apimCaller');
    // Fault devp.no-owner-check: every owner's applications.
    let list = ctx.faults.has('devp.no-owner-check') ? ctx.store.devportal.allApplications() : ctx.store.devportal.applicationsOf(caller.username);
    // Fault devp.app-list-ignores-query: no search, no sort but by name ascending.
    const asked = (name: string) => (ctx.faults.has('devp.app-list-ignores-query') ? undefined : c.req.query(name));
    const query = asked('query');
    if (query) list = list.filter((a) => a.name === query);
    const sortName = asked('sortBy') ?? 'name';
    const sortBy = sortKey(sortName);
    list.sort((a, b) => sortBy(a).localeCompare(sortBy(b)));
    const sortOrder = asked('sortOrder') ?? 'asc';
    if (sortOrder === 'desc') list.reverse();
    const limit = Math.max(0, Number.parseInt(c.req.query('limit') ?? '25', 10) || 25);
    const offset = Math.max(0, Number.parseInt(c.req.query('offset') ?? '0', 10) || 0);
    const page = list.slice(offset, offset + limit);
    // RestApiConstants.APPLICATIONS_GET_PAGINATION_URL_WITH_SORTBY_SORTORDER (the sort lower-cased).
    const link = (o: number, l: number) => `/applications?sortBy=${sortName.toLowerCase()}&sortOrder=${sortOrder}&limit=${l}&offset=${o}&groupId=`;
    return c.json({ count: page.length, list: page.map((a) => applicationInfo(a, count(a.id))), pagination: pagination(ctx, offset, limit, list.length, link) });
  });

  app.get(`${DEVPORTAL_BASE}/applications/:applicationId`, (c) => {
    const application = ownedApplication(ctx, c.get('apimCaller'), c.req.param('applicationId'));
    return c.json(applicationDto(application, count(application.id)));
  });

  app.put(`${DEVPORTAL_BASE}/applications/:applicationId`, async (c) => {
    const application = ownedApplication(ctx, c.get('apimCaller'), c.req.param('applicationId'));
    const input = readApplication(ctx, await readPortalJson(ctx, c));
    checkNameSpacing(ctx, input.name);
    checkApplicationTier(ctx, input.throttlingPolicy);
    const updated = ctx.store.transaction(() => {
      checkNameFree(ctx, application.owner, input.name, application.id);
      const next: DevportalApplication = { ...application, ...input, updatedAt: ctx.clock.now() };
      ctx.store.devportal.updateApplication(next);
      return next;
    });
    return c.json(applicationDto(updated, count(updated.id)));
  });

  app.delete(`${DEVPORTAL_BASE}/applications/:applicationId`, async (c) => {
    const application = ownedApplication(ctx, c.get('apimCaller'), c.req.param('applicationId'));
    await deleteApplication(ctx, application);
    return c.body(null, 200);
  });
}

