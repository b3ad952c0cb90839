/**
 * Base of every error the sandbox answers with. Each wire format (OAuth, WSO2 APIM REST, gateway,
 * SCIM) is one subclass with one serializer; handlers throw, and the single `onError` answers.
 */
export abstract class WireError extends Error {
  abstract readonly status: number;
  /** Extra response headers (e.g. WWW-Authenticate). */
  readonly headers: Record<string, string> = {};

  abstract body(): unknown;

  toResponse(): Response {
    const headers = new Headers({
      'content-type': 'application/json',
      'cache-control': 'no-store',
      pragma: 'no-cache',
      ...this.headers,
    });
    return new Response(JSON.stringify(this.body()), { status: this.status, headers });
  }
}
