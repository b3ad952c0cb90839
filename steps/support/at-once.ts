import type { HttpResponse } from './http-client.ts';
import type { ObWorld } from './world.ts';

/**
 * One request sent `count` times together, so a server that checks a one-time value before it
 * marks it used may see each copy as the first. The statuses are kept for "exactly one of those
 * requests is answered …"; a refusal among them (else the first answer) becomes the last response.
 */
export async function sendAtOnce(world: ObWorld, count: number, send: () => Promise<HttpResponse>): Promise<void> {
  const answers = await Promise.all(Array.from({ length: count }, send));
  world.remember('concurrent-statuses', answers.map((r) => r.status));
  world.response = answers.find((r) => r.status !== 200) ?? answers[0];
}
