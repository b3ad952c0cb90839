import type { SandboxContext } from '../context.ts';
import type { ApimCaller } from '../apim-auth/apim-users.ts';
import { resourceNotFound } from '../errors/apim-exception-codes.ts';
import type { DevportalApplication } from '../store/devportal.ts';
import { forbidden } from './devportal-errors.ts';

/**
 * RestAPIStoreUtils.isUserAccessAllowedForApplication: an application the caller owns, else 404
 * (unknown) or 403 (another owner's). One TPP never sees another's application, subscriptions or keys.
 */
export function ownedApplication(ctx: SandboxContext, caller: ApimCaller, id: string): DevportalApplication {
  const app = ctx.store.devportal.application(id);
  if (!app) throw resourceNotFound('application', id);
  if (app.owner !== caller.username && !ctx.faults.has('devp.no-owner-check')) throw forbidden('application', id);
  return app;
}
