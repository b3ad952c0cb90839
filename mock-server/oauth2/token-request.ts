import type { ClientRecord } from '../store/clients.ts';
import type { ClientCertificate } from '../security/client-certificate.ts';
import type { SandboxContext } from '../context.ts';
import type { StagedTokens } from './staged-issuance.ts';

/** A token request after client authentication (RFC 6749 §3.2.1). */
export interface TokenRequest {
  ctx: SandboxContext;
  /** The form parameters (each at most once). */
  form: ReadonlyMap<string, string>;
  client: ClientRecord;
  /** How the client authenticated (RFC 7591 token_endpoint_auth_method names). */
  authMethod: string;
  /** The verified client certificate of the connection, if any. */
  certificate: ClientCertificate | undefined;
  /** Why a certificate that was presented cannot bind tokens (untrusted, expired). */
  unusableCertificate?: string | undefined;
}

/**
 * One grant type (RFC 6749 §4): validates its parameters and returns the tokens staged, or throws
 * OAuthError. The endpoint commits them, with what the grant and the authentication consume, in
 * one transaction.
 */
export type GrantHandler = (req: TokenRequest) => Promise<StagedTokens>;
