import { outboundTls } from '../http/outbound-tls.ts';
import { Agent, request } from 'undici';
import type { SandboxContext } from '../context.ts';
import { ordered, type KeyManagerDto } from './key-manager-dto.ts';

/** Why the well-known document could not be used; the product answers all of these with a 500. */
export class DiscoveryFailure extends Error {
  constructor(message: string) {
    super(message);
  }
}

/**
 * GET the well-known document server-side, as APIM's OpenID configuration client does: HTTPS
 * trusting the public roots and the sandbox's own CA, a timeout, a size limit, no credentials.
 */
export async function fetchWellKnown(ctx: SandboxContext, url: string): Promise<Record<string, unknown>> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Stryker disable next-line StringLiteral: the message is only logged
    throw new DiscoveryFailure(`not a URL: ${url}`);
  }
  // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: undici refuses any other scheme, and that error is the same DiscoveryFailure (500)
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new DiscoveryFailure(`unsupported scheme ${parsed.protocol}`);
  const timeout = ctx.config.apim.discoveryTimeoutMs;
  const agent = new Agent({
    // Fault km.discover-tls-unverified: the well-known URL's certificate is not verified (WSO2-KMC-04).
    connect: { ...outboundTls(ctx, 'km.discover-tls-unverified'), timeout },
    headersTimeout: timeout,
    bodyTimeout: timeout,
  });
  try {
    // undici's default method is GET.
    const res = await request(parsed, { headers: { accept: 'application/json' }, dispatcher: agent, signal: AbortSignal.timeout(timeout) });
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body) {
      size += (chunk as Buffer).length;
      // Stryker disable next-line StringLiteral: the message is only logged
      if (size > ctx.config.apim.discoveryMaxBytes) throw new DiscoveryFailure('well-known document too large');
      chunks.push(chunk as Buffer);
    }
    // Stryker disable next-line StringLiteral: the message is only logged; every failure answers the same 500
    if (res.statusCode < 200 || res.statusCode > 299) throw new DiscoveryFailure(`well-known URL answered ${res.statusCode}`);
    const doc = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new DiscoveryFailure('well-known document is not a JSON object');
    return doc as Record<string, unknown>;
  } catch (e) {
    // Stryker disable next-line ConditionalExpression: either way a DiscoveryFailure; only its logged message differs
    if (e instanceof DiscoveryFailure) throw e;
    // Stryker disable next-line StringLiteral: the message is only logged
    throw new DiscoveryFailure(`cannot read ${url}: ${(e as Error).message}`);
  } finally {
    // Stryker disable next-line BlockStatement: closing the agent frees its sockets; nothing a client sees
    await agent.close();
  }
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/**
 * KeyManagerMappingUtil.fromOpenIdConnectConfigurationToKeyManagerConfiguration (4.3+): only
 * these members are filled; the five feature flags come back true; nothing is stored.
 */
export function keyManagerFromDiscovery(doc: Record<string, unknown>, url: string, type: string | null, extraFields: boolean): KeyManagerDto {
  const jwks = str(doc.jwks_uri);
  const dto: KeyManagerDto = {
    type,
    wellKnownEndpoint: url,
    issuer: str(doc.issuer),
    introspectionEndpoint: str(doc.introspection_endpoint),
    clientRegistrationEndpoint: str(doc.registration_endpoint),
    authorizeEndpoint: str(doc.authorization_endpoint),
    tokenEndpoint: str(doc.token_endpoint),
    revokeEndpoint: str(doc.revocation_endpoint),
    userInfoEndpoint: str(doc.userinfo_endpoint),
    availableGrantTypes: Array.isArray(doc.grant_types_supported) ? doc.grant_types_supported : [],
    certificates: jwks ? { type: 'JWKS', value: jwks } : null,
    endpoints: [],
    claimMapping: [],
    tokenValidation: [],
    enabled: true,
    enableTokenGeneration: true,
    enableTokenEncryption: false,
    enableTokenHashing: false,
    enableMapOAuthConsumerApps: true,
    enableOAuthAppCreation: true,
    enableSelfValidationJWT: true,
    tokenType: 'DIRECT',
  };
  if (extraFields) {
    // Fault km.discover-extra-fields: what the portal fills client-side, done by the server.
    dto.displayTokenEndpoint = dto.tokenEndpoint;
    dto.displayRevokeEndpoint = dto.revokeEndpoint;
  }
  return ordered(dto);
}
