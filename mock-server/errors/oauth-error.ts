import { WireError } from './wire-error.ts';

/**
 * RFC 6749 §5.2 error: `{"error", "error_description"}`. Used by the token, authorize (JSON cases),
 * introspection, revocation and DCR surfaces (RFC 7591 §3.2.2 and the OB DCR use the same shape).
 */
export class OAuthError extends WireError {
  readonly status: number;
  readonly error: string;
  readonly description: string | undefined;
  override readonly headers: Record<string, string>;

  constructor(
    status: number,
    error: string,
    description?: string,
    headers: Record<string, string> = {},
  ) {
    // Stryker disable next-line StringLiteral,ConditionalExpression: the Error message is logged, never sent (body() builds the answer).
    super(description ? `${error}: ${description}` : error);
    // Stryker disable next-line StringLiteral: the Error name is logged, never sent.
    this.name = 'OAuthError';
    this.status = status;
    this.error = error;
    this.description = description;
    this.headers = headers;
  }

  body(): { error: string; error_description?: string } {
    // RFC 6749 §5.2: error and error_description are limited to %x20-21 / %x23-5B / %x5D-7E.
    return this.description === undefined
      ? { error: this.error }
      : { error: this.error, error_description: asciiSafe(this.description) };
  }
}

/** Replace characters RFC 6749 §5.2 forbids in error_description (quote, backslash, non-ASCII). */
export function asciiSafe(text: string): string {
  return text.replace(/[^\x20-\x21\x23-\x5B\x5D-\x7E]/g, ' ');
}

export const invalidRequest = (description: string) => new OAuthError(400, 'invalid_request', description);
