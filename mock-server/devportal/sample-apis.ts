/**
 * The APIs the sandbox's API Manager ships published (apim-surface §4.3): the Open Banking DCR API
 * the accelerator deploys (seed 004 "The deployed DCR API is now available in the Developer
 * Portal") and an accounts API, each with the subscription tiers it offers. Tier names are API
 * Manager's default subscription policies; application tiers its default application policies.
 */
export interface SampleApi {
  id: string;
  name: string;
  description: string;
  context: string;
  version: string;
  provider: string;
  /** Subscription tiers (`throttlingPolicies` / `tiers`). */
  tiers: string[];
  /** SSA roles the OB gateway subscribes a registered application for ([[open_banking.dcr.regulatory_api]]). */
  regulatoryRoles: string[];
}

export const SAMPLE_APIS: readonly SampleApi[] = [
  {
    id: '7e0f4b8a-1c2d-4e3f-9a5b-0d1c2b3a4f01',
    name: 'DynamicClientRegistration',
    description: 'Open Banking Dynamic Client Registration API',
    context: '/open-banking/0.1/register',
    version: 'v0.1',
    provider: 'admin',
    tiers: ['Unlimited'],
    regulatoryRoles: ['AISP', 'PISP', 'CBPII'],
  },
  {
    id: '7e0f4b8a-1c2d-4e3f-9a5b-0d1c2b3a4f02',
    name: 'AccountandTransactionAPI',
    description: 'Open Banking Account and Transaction API',
    context: '/open-banking/v3.1/aisp',
    version: 'v3.1',
    provider: 'admin',
    tiers: ['Gold', 'Unlimited'],
    regulatoryRoles: ['AISP'],
  },
];

/** API Manager's default application policies (AM_POLICY_APPLICATION of a fresh tenant). */
export const APPLICATION_TIERS: readonly string[] = ['10PerMin', '20PerMin', '50PerMin', 'Unlimited'];

/** Internal business plans an application cannot subscribe with (APIConsumerImpl, 4.3+). */
export const INTERNAL_PLANS: readonly string[] = ['SubscriptionLess', 'AsyncSubscriptionLess'];

export const sampleApi = (id: string): SampleApi | undefined => SAMPLE_APIS.find((a) => a.id === id);

/** APIInfo of the devportal listing (APIMappingUtil.fromAPIToInfoDTO). */
export function apiInfo(api: SampleApi) {
  return {
    id: api.id,
    name: api.name,
    description: api.description,
    context: api.context,
    version: api.version,
    type: 'HTTP',
    provider: api.provider,
    lifeCycleStatus: 'PUBLISHED',
    throttlingPolicies: [...api.tiers],
    isSubscriptionAvailable: true,
  };
}

/** The API object (`GET /apis/{apiId}`): the info plus its tiers and key managers. */
export function apiDetail(api: SampleApi) {
  return {
    ...apiInfo(api),
    transport: ['https'],
    tiers: api.tiers.map((tierName) => ({ tierName, tierPlan: 'FREE', monetizationAttributes: null })),
    keyManagers: ['all'],
    securityScheme: ['oauth2'],
  };
}
