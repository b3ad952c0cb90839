import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { WireError } from './wire-error.ts';
import { OAuthError } from './oauth-error.ts';
import { ApimError } from './apim-error.ts';
import type { Faults } from '../faults.ts';

/** Which error format a listener speaks when nothing more specific was thrown. */
export type ErrorDialect = 'oauth' | 'apim';

/** Map an error that is not a WireError (framework or unexpected) to the listener's dialect. */
function fallback(dialect: ErrorDialect, status: number, description: string): WireError {
  if (dialect === 'apim') {
    const message = status === 413 ? 'Payload Too Large' : status >= 500 ? 'Internal Server Error' : 'Bad Request';
    return new ApimError(status, message, description);
  }
  const code = status >= 500 ? 'server_error' : 'invalid_request';
  return new OAuthError(status, code, description);
}

/**
 * A client that closed its connection before its request was read (Node's `aborted`, ECONNRESET):
 * nothing went wrong in the sandbox, so it is one plain log line, never a stack trace.
 */
function isClientAbort(err: Error): boolean {
  // Node's http server rejects the body read of an aborted request with `aborted` / ECONNRESET.
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'ECONNRESET' || code === 'ERR_STREAM_PREMATURE_CLOSE';
}

/**
 * The one error handler of a listener: WireErrors answer themselves; framework errors keep their
 * status; anything else is a 500 with a generic body. Never a stack trace to the client.
 */
export function onError(dialect: ErrorDialect, log: (msg: string) => void): ErrorHandler {
  return (err: Error, c: Context) => {
    if (err instanceof WireError) return err.toResponse();
    if (err instanceof HTTPException) {
      const status = err.status;
      return fallback(dialect, status, err.message || 'Request could not be processed').toResponse();
    }
    if (isClientAbort(err)) {
      log(`client closed the connection during ${c.req.method} ${c.req.path}`);
      return fallback(dialect, 400, 'The request was not received completely').toResponse();
    }
    log(`unexpected error on ${c.req.method} ${c.req.path}: ${err.stack ?? String(err)}`);
    return fallback(dialect, 500, 'Error occurred while processing the request').toResponse();
  };
}

export function notFound(dialect: ErrorDialect, faults: Faults): NotFoundHandler {
  return (c: Context) => {
    if (faults.has('errors.html-not-found')) {
      return c.html('<html><body><h1>HTTP Status 404 - Not Found</h1></body></html>', 404);
    }
    const description = `No resource at ${c.req.method} ${c.req.path}`;
    return (dialect === 'apim'
      ? new ApimError(404, 'Not Found', description)
      : new OAuthError(404, 'not_found', description)
    ).toResponse();
  };
}
