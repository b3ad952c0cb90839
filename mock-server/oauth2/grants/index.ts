import type { GrantHandler } from '../token-request.ts';
import { clientCredentialsGrant } from './client-credentials.ts';
import { jwtBearerGrant } from './jwt-bearer.ts';
import { authorizationCodeGrant } from './authorization-code.ts';
import { refreshTokenGrant } from './refresh-token.ts';

/** The grant types of the token endpoint (discovery's grant_types_supported), by grant_type value. */
export const GRANTS: Readonly<Record<string, GrantHandler>> = {
  client_credentials: clientCredentialsGrant,
  authorization_code: authorizationCodeGrant,
  refresh_token: refreshTokenGrant,
  'urn:ietf:params:oauth:grant-type:jwt-bearer': jwtBearerGrant,
};
