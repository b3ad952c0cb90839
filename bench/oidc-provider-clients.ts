/** The two clients the bench's oidc-provider knows (bench/oidc-provider-server.ts). */
export const BENCH_CLIENT = 'bench-client';
export const INTROSPECTOR = { id: 'bench-introspector', secret: 'bench-introspector-secret' };
