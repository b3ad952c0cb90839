import { randomUUID } from 'node:crypto';
import { WireError } from './wire-error.ts';

/**
 * Identity Server management API error `{"code", "message", "description"}` (+ `traceId` where
 * the API adds one): the scope API v1.0 (`message` = the HTTP reason phrase), the API resource
 * API (`API-RESOURCE-<n>` codes, with traceId), and keymanager-operations (`code` null,
 * `message` = the DCR error, ExtendedDCRMUtils).
 */
export class IsApiError extends WireError {
  readonly status: number;
  readonly code: string | null;
  readonly apiMessage: string;
  readonly description: string;
  readonly traceId: string | undefined;

  constructor(status: number, code: string | null, message: string, description: string, opts: { traceId?: boolean } = {}) {
    // Stryker disable next-line StringLiteral,ConditionalExpression: the Error message is logged, never sent (body() builds the answer).
    super(`${message}: ${description}`);
    // Stryker disable next-line StringLiteral: the Error name is logged, never sent.
    this.name = 'IsApiError';
    this.status = status;
    this.code = code;
    this.apiMessage = message;
    this.description = description;
    this.traceId = opts.traceId ? randomUUID() : undefined;
  }

  body() {
    // An absent traceId is undefined, which JSON leaves out.
    return { code: this.code, message: this.apiMessage, description: this.description, traceId: this.traceId };
  }
}
