import { WireError } from './wire-error.ts';
import { asciiSafe } from './oauth-error.ts';

/**
 * An authorization error response sent back to the client's (registered, validated) redirect URI
 * (RFC 6749 §4.1.2.1): a 302 with error, error_description and state in the query, or in the
 * fragment for response types that return tokens from the authorization endpoint (OAuth 2.0
 * Multiple Response Type Encoding Practices §5: `code id_token` defaults to fragment).
 */
export class AuthorizationRedirectError extends WireError {
  readonly status = 302;
  readonly error: string;
  readonly description: string | undefined;
  readonly location: string;

  constructor(redirectUri: string, mode: 'query' | 'fragment', error: string, description: string | undefined, state: string | undefined) {
    // Stryker disable next-line StringLiteral,ConditionalExpression: the Error message is logged, never sent (body() builds the answer).
    super(description ? `${error}: ${description}` : error);
    // Stryker disable next-line StringLiteral: the Error name is logged, never sent.
    this.name = 'AuthorizationRedirectError';
    this.error = error;
    this.description = description;
    const params: Record<string, string> = { error };
    if (description) params.error_description = asciiSafe(description);
    if (state !== undefined) params.state = state;
    this.location = withResponseParameters(redirectUri, mode, params);
  }

  // Stryker disable next-line BlockStatement: never called, toResponse() below answers without a body.
  body(): undefined {
    return undefined;
  }

  override toResponse(): Response {
    return new Response(null, { status: 302, headers: { location: this.location, 'cache-control': 'no-store' } });
  }
}

/** Add response parameters to a redirect URI, keeping its own query (RFC 6749 §3.1.2). */
export function withResponseParameters(redirectUri: string, mode: 'query' | 'fragment', params: Record<string, string>): string {
  const url = new URL(redirectUri);
  if (mode === 'query') {
    for (const [k, v] of Object.entries(params)) url.searchParams.append(k, v);
    return url.toString();
  }
  url.hash = new URLSearchParams(params).toString();
  return url.toString();
}
