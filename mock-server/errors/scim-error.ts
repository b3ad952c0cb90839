import { WireError } from './wire-error.ts';

/**
 * SCIM 2.0 error (RFC 7644 §3.12): `{"schemas": [...Error], "detail", "status"}` with the status as a
 * string, and `scimType` where §3.12 defines one for the failure (invalidFilter, uniqueness, ...).
 */
export class ScimError extends WireError {
  readonly status: number;
  readonly detail: string;
  override readonly headers: Record<string, string>;
  readonly scimType: string | undefined;

  constructor(status: number, detail: string, headers: Record<string, string> = {}, scimType?: string) {
    // Stryker disable next-line StringLiteral,ConditionalExpression: the Error message is logged, never sent (body() builds the answer).
    super(detail);
    // Stryker disable next-line StringLiteral: the Error name is logged, never sent.
    this.name = 'ScimError';
    this.status = status;
    this.detail = detail;
    this.headers = { 'content-type': 'application/scim+json', ...headers };
    this.scimType = scimType;
  }

  body() {
    // An absent scimType is undefined, which JSON leaves out.
    return { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], detail: this.detail, status: String(this.status), scimType: this.scimType };
  }
}
