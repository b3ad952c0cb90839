import type { SandboxContext } from '../context.ts';
import type { TokenDto } from './dto.ts';
import type { PortalKeyManager } from './key-manager-access.ts';
import { keyManagerFailure, type KmClient } from './km-client.ts';
import { clientFor } from './key-manager-access.ts';

/**
 * ApplicationUtils.createOauthAppRequest: the KM client's name `<username>_<applicationUUID>_<keyType>`,
 * a secondary user store's `/` as `_` and an e-mail's `@` as `-AT-` (APIUtil.replaceEmailDomain).
 */
export function kmClientName(username: string, applicationId: string, keyType: string): string {
  return `${username.replaceAll('/', '_').replaceAll('@', '-AT-')}_${applicationId}_${keyType}`;
}

/** No token because the KM generates none for the client (no client_credentials, or generation off). */
export const NO_TOKEN: TokenDto = { accessToken: '', tokenScopes: ['N/A'], validityTime: 0 };
/** FSKeyManagerImpl / OBKeyManagerImpl.getNewApplicationAccessToken: null for a regulatory application. */
export const REGULATORY_NO_TOKEN: TokenDto = { accessToken: null, tokenScopes: [], validityTime: null };

export const withholdsRegulatoryTokens = (km: PortalKeyManager) => km.record.type === 'fsKeyManager' || km.record.type === 'ObKeyManager';

/**
 * Generate-keys / map-keys step 11 (apim-surface §4.6): with `enable_token_generation` and a
 * client_credentials client, APIM asks the KM's token endpoint for an application token.
 */
export async function applicationToken(ctx: SandboxContext, km: PortalKeyManager, client: KmClient, scopes: readonly string[], regulatory: boolean): Promise<TokenDto> {
  if (regulatory && withholdsRegulatoryTokens(km)) return REGULATORY_NO_TOKEN;
  const generationOff = km.config.enableTokenGeneration === false && !ctx.faults.has('devp.token-despite-generation-off');
  if (generationOff || !client.grantTypes.includes('client_credentials') || !client.clientSecret) return NO_TOKEN;
  try {
    const t = await clientFor(ctx, km).token(client.clientId, client.clientSecret, scopes);
    return { accessToken: t.accessToken, tokenScopes: t.scopes, validityTime: t.validityTime };
  } catch (thrown) {
    const e = keyManagerFailure(thrown);
    // [derived] the keys are already made; the token is left empty and the reason logged.
    ctx.log(`application token from ${km.record.name} failed: ${e.message}`);
    return NO_TOKEN;
  }
}
