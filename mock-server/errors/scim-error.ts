import { WireError } from './wire-error.ts';

/** SCIM 2.0 error (RFC 7644 §3.12): `{"schemas": [...Error], "detail", "status"}` with the status as a string. */
export class ScimError extends WireError {
  readonly status: number;
  readonly detail: string;
  override readonly headers: Record<string, string>;

  constructor(status: number, detail: string, headers: Record<string, string> = {}) {
    super(detail);
    this.name = 'ScimError';
    this.status = status;
    this.detail = detail;
    this.headers = { 'content-type': 'application/scim+json', ...headers };
  }

  body() {
    return { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], detail: this.detail, status: String(this.status) };
  }
}
