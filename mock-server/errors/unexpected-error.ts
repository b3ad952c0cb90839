import type { Context } from 'hono';
import { WireError } from './wire-error.ts';
import { OAuthError } from './oauth-error.ts';
import { ApimError } from './apim-error.ts';

/** Which error format a listener speaks when nothing more specific was thrown. */
export type ErrorDialect = 'oauth' | 'apim';

/** The listener's generic answer for a status nothing more specific was thrown for. */
function generic(dialect: ErrorDialect, status: 400 | 500, description: string): WireError {
  if (dialect === 'apim') return new ApimError(status, status === 500 ? 'Internal Server Error' : 'Bad Request', description);
  return new OAuthError(status, status === 500 ? 'server_error' : 'invalid_request', description);
}

/**
 * A client that closed its connection before its request was read: Node's http server rejects the
 * body read with ECONNRESET / ERR_STREAM_PREMATURE_CLOSE. Nothing went wrong in the sandbox.
 */
function isClientAbort(err: Error): boolean {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'ECONNRESET' || code === 'ERR_STREAM_PREMATURE_CLOSE';
}

/**
 * The answer to anything thrown that is not a WireError: a client that went away (one plain log
 * line, never a stack trace) or a defect of the sandbox itself (a 500 with a generic body; the
 * stack goes to the log, never to the client). Neither is reached by a conformance scenario on a
 * sandbox without defects, so the mutation measure excludes this file (stryker.config.mjs);
 * test/errors.test.ts covers it.
 */
export function answerUnexpected(dialect: ErrorDialect, log: (msg: string) => void, err: Error, c: Context): Response {
  if (isClientAbort(err)) {
    log(`client closed the connection during ${c.req.method} ${c.req.path}`);
    return generic(dialect, 400, 'The request was not received completely').toResponse();
  }
  log(`unexpected error on ${c.req.method} ${c.req.path}: ${err.stack ?? String(err)}`);
  return generic(dialect, 500, 'Error occurred while processing the request').toResponse();
}
