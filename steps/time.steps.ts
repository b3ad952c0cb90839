import { X509Certificate } from 'node:crypto';
import { Given, When } from '@cucumber/cucumber';
import type { IdentityName } from './support/target.ts';
import { transportCertPem } from './support/token-client.ts';
import type { ObWorld } from './support/world.ts';

/**
 * Time passing on the target (issue 11, point 8). Where the harness controls the target's clock it
 * advances it; elsewhere it waits in real time, but never longer than REAL_WAIT_BOUND_SECONDS: a
 * longer wait skips the scenario with the reason.
 */
const REAL_WAIT_BOUND_SECONDS = 10;
/** Past any plausible leeway, for a clock-controlled target that declares none. */
const ASSUMED_SKEW_SECONDS = 300;

async function pass(world: ObWorld, seconds: number, why: string): Promise<'skipped' | undefined> {
  if (world.target.has('clock-control')) {
    world.clock.advance(seconds);
    return undefined;
  }
  if (seconds > REAL_WAIT_BOUND_SECONDS) {
    world.attach(`Skipped: waiting ${seconds} s (${why}) exceeds the ${REAL_WAIT_BOUND_SECONDS} s bound, and target "${world.target.file.name}" offers no clock control`, 'text/plain');
    return 'skipped';
  }
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  return undefined;
}

When('{int} seconds pass', { timeout: (REAL_WAIT_BOUND_SECONDS + 5) * 1000 }, async function (this: ObWorld, seconds: number) {
  return pass(this, seconds, `${seconds} s`);
});

/** Long enough for a lifetime of `seconds` to be over at the target, leeway included. */
When('{int} seconds and the target\'s clock leeway pass', { timeout: (REAL_WAIT_BOUND_SECONDS + 5) * 1000 }, async function (this: ObWorld, seconds: number) {
  const skew = this.target.file.clockSkewSeconds;
  if (skew === undefined && !this.target.has('clock-control')) {
    this.attach(`Skipped: target "${this.target.file.name}" declares no clockSkewSeconds, so the harness cannot tell how long to wait`, 'text/plain');
    return 'skipped';
  }
  const leeway = skew ?? ASSUMED_SKEW_SECONDS;
  return pass(this, seconds + leeway + 1, `${seconds} s + ${leeway} s leeway + 1 s`);
});

/**
 * Exact edges of a time window need the harness and the target to agree on the second: the
 * target's clock is held still and claims are computed from it (`now` in claim tables), with
 * the leeway the target declares (`leeway`).
 */
Given('the target\'s clock stands still', function (this: ObWorld) {
  if (this.target.has('clock-control') && this.target.file.clockSkewSeconds === undefined) {
    this.attach(`Skipped: target "${this.target.file.name}" declares no clockSkewSeconds, so the edge of its window is unknown`, 'text/plain');
    return 'skipped';
  }
  return holdClock(this, 'the edge of a time window needs the target\'s clock held still');
});

/** Hold the target's clock now, or at the instant `atMs` (claims in tables then use it); skip where the harness cannot. */
function holdClock(world: ObWorld, why: string, atMs?: number): 'skipped' | undefined {
  if (!world.target.has('clock-control')) {
    world.attach(`Skipped: ${why}, and target "${world.target.file.name}" offers no clock control`, 'text/plain');
    return 'skipped';
  }
  world.clock.freeze();
  if (atMs !== undefined) world.clock.advance((atMs - world.clock.now()) / 1000);
  world.remember('clock-held', true);
  return undefined;
}

/**
 * RFC 5280 §4.1.2.5: a certificate is valid "from notBefore through notAfter, inclusive". The
 * target's clock is held at a bound of an identity's certificate, moved by whole seconds, so the
 * edge is tested on the second.
 */
Given('the target\'s clock stands at the {word} of the {word} certificate, moved by {int} seconds', function (this: ObWorld, bound: string, identity: IdentityName, seconds: number) {
  if (bound !== 'notBefore' && bound !== 'notAfter') throw new Error(`unknown validity bound "${bound}": notBefore or notAfter`);
  const cert = new X509Certificate(transportCertPem(this, identity));
  const at = Date.parse(bound === 'notBefore' ? cert.validFrom : cert.validTo) + seconds * 1000;
  return holdClock(this, 'the edge of a certificate\'s validity needs the target\'s clock set', at);
});
