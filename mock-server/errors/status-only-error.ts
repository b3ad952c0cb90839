import { WireError } from './wire-error.ts';

/** A status with no body, as Identity Server answers for an unknown client id (401) or 403. */
export class StatusOnlyError extends WireError {
  readonly status: number;
  override readonly headers: Record<string, string>;

  constructor(status: number, reason: string, headers: Record<string, string> = {}) {
    // Stryker disable next-line StringLiteral,ConditionalExpression: the Error message is logged, never sent (body() builds the answer).
    super(reason);
    // Stryker disable next-line StringLiteral: the Error name is logged, never sent.
    this.name = 'StatusOnlyError';
    this.status = status;
    this.headers = headers;
  }

  // Stryker disable next-line BlockStatement: never called, toResponse() below answers without a body.
  body(): undefined {
    return undefined;
  }

  override toResponse(): Response {
    return new Response(null, { status: this.status, headers: { 'cache-control': 'no-store', ...this.headers } });
  }
}
