import { timingSafeEqual } from 'node:crypto';
import type { SandboxContext } from '../context.ts';

/** The authenticated caller of an APIM REST API. */
export interface ApimCaller {
  username: string;
  roles: string[];
  /** The super tenant's admin (`[super_admin]`): may register DCR apps for other owners. */
  superAdmin: boolean;
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The admin from configuration, then API Manager's user store (TPPs). */
export function findApimUser(ctx: SandboxContext, username: string): ApimCaller | undefined {
  if (username === ctx.config.admin.username) return { username, roles: ['admin'], superAdmin: true };
  const user = ctx.store.apimUsers.get(username);
  return user ? { username: user.username, roles: user.roles, superAdmin: false } : undefined;
}

/** The user when username and password are right. */
export function authenticateApimUser(ctx: SandboxContext, username: string, password: string): ApimCaller | undefined {
  const { admin } = ctx.config;
  if (same(username, admin.username)) return same(password, admin.password) ? { username, roles: ['admin'], superAdmin: true } : undefined;
  const user = ctx.store.apimUsers.verify(username, password);
  return user ? { username: user.username, roles: user.roles, superAdmin: false } : undefined;
}
