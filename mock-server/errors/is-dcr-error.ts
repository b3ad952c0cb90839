import { randomUUID } from 'node:crypto';
import { WireError } from './wire-error.ts';
import { asciiSafe } from './oauth-error.ts';

/**
 * Identity Server DCR ErrorDTO: `{"error", "error_description", "traceId"}`
 * (identity-inbound-auth-oauth DCRMUtils). The traceId is a correlation id.
 */
export class IsDcrError extends WireError {
  readonly status: number;
  readonly error: string;
  readonly description: string;
  readonly traceId = randomUUID();

  constructor(status: number, error: string, description: string) {
    // Stryker disable next-line StringLiteral,ConditionalExpression: the Error message is logged, never sent (body() builds the answer).
    super(`${error}: ${description}`);
    // Stryker disable next-line StringLiteral: the Error name is logged, never sent.
    this.name = 'IsDcrError';
    this.status = status;
    this.error = error;
    this.description = description;
  }

  body() {
    return { error: this.error, error_description: asciiSafe(this.description), traceId: this.traceId };
  }
}

export const invalidClientMetadata = (description: string, status = 400) =>
  new IsDcrError(status, 'invalid_client_metadata', description);
