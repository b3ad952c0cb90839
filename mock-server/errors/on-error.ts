import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { WireError } from './wire-error.ts';
import { OAuthError } from './oauth-error.ts';
import { ApimError } from './apim-error.ts';
import { answerUnexpected, type ErrorDialect } from './unexpected-error.ts';
import type { Faults } from '../faults.ts';

export type { ErrorDialect };

/**
 * The one error handler of a listener: WireErrors answer themselves; anything else is a client
 * that went away or a defect of the sandbox (unexpected-error.ts). Never a stack trace to the client.
 */
export function onError(dialect: ErrorDialect, log: (msg: string) => void): ErrorHandler {
  return (err: Error, c: Context) => {
    // Stryker disable next-line ConditionalExpression: anything else is thrown only by a defect of the sandbox or a client that went away (unexpected-error.ts).
    if (err instanceof WireError) return err.toResponse();
    return answerUnexpected(dialect, log, err, c);
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
