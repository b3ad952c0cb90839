import type { SandboxContext } from '../context.ts';
import type { DevportalApplication, DevportalSubscription } from '../store/devportal.ts';
import { apiInfo, sampleApi } from './sample-apis.ts';

/**
 * The devportal v3 objects as the product writes them (AM44 store/v1 mappings:
 * ApplicationMappingUtil, SubscriptionMappingUtil, ApplicationKeyMappingUtil); nulls kept.
 */

/** ApplicationInfo of the listing. */
export function applicationInfo(a: DevportalApplication, subscriptionCount: number) {
  return {
    applicationId: a.id,
    name: a.name,
    throttlingPolicy: a.throttlingPolicy,
    description: a.description,
    status: a.status,
    groups: a.groups,
    subscriptionCount,
    attributes: a.attributes,
    owner: a.owner,
    tokenType: a.tokenType,
    createdTime: String(a.createdAt),
    updatedTime: String(a.updatedAt),
  };
}

/** Application (`GET /applications/{id}`, create, update): `keys` always empty. */
export function applicationDto(a: DevportalApplication, subscriptionCount: number) {
  return {
    applicationId: a.id,
    name: a.name,
    throttlingPolicy: a.throttlingPolicy,
    description: a.description,
    tokenType: a.tokenType,
    status: a.status,
    groups: a.groups,
    subscriptionCount,
    keys: [],
    attributes: a.attributes,
    subscriptionScopes: [],
    owner: a.owner,
    hashEnabled: null,
    createdTime: String(a.createdAt),
    updatedTime: String(a.updatedAt),
  };
}

export function subscriptionDto(s: DevportalSubscription, application: DevportalApplication, subscriptionCount: number) {
  const api = sampleApi(s.apiId);
  return {
    subscriptionId: s.id,
    applicationId: s.applicationId,
    apiId: s.apiId,
    apiInfo: api ? apiInfo(api) : null,
    applicationInfo: applicationInfo(application, subscriptionCount),
    throttlingPolicy: s.throttlingPolicy,
    requestedThrottlingPolicy: s.throttlingPolicy,
    status: s.status,
    redirectionParams: null,
  };
}

export interface TokenDto {
  accessToken: string | null;
  tokenScopes: string[];
  validityTime: number | null;
}

/** ApplicationKey. */
export interface ApplicationKeyDto {
  keyMappingId: string | null;
  keyManager: string | null;
  consumerKey: string | null;
  consumerSecret: string | null;
  supportedGrantTypes: string[];
  callbackUrl: string | null;
  keyState: string | null;
  keyType: string | null;
  mode: string | null;
  groupId: null;
  token: TokenDto | null;
  additionalProperties: Record<string, unknown> | null;
}

/**
 * PaginationDTO (RestApiCommonUtil.getPaginationParams): `next` and `previous` are the product's
 * relative links to the neighbouring pages, built by `link` from its *_GET_PAGINATION_URL
 * template, or "" where there is none; an offset past the end links nowhere.
 */
export function pagination(ctx: SandboxContext, offset: number, limit: number, total: number, link: (offset: number, limit: number) => string) {
  const inRange = offset < total && !ctx.faults.has('devp.no-pagination-links');
  const next = inRange && offset + limit < total ? link(offset + limit, limit) : '';
  const previous = inRange && offset > 0 ? link(Math.max(0, offset - limit), limit) : '';
  return { offset, limit, total, next, previous };
}
