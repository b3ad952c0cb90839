import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import test from 'node:test';
import { REPO } from './sandbox-process.ts';
import { RATE_URL_ENV, startRateCoordinator } from '../steps/support/rate-limit.ts';

/** Run the stand-in worker (a separate process, as cucumber's workers are). */
function worker(env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/rate-worker.ts'], { cwd: REPO, env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('exit', (code) => (code === 0 ? done() : fail(new Error(`worker exited ${code}`))));
  });
}

test('--rate holds across two worker processes: the target sees at most N requests per second in all', async () => {
  const RATE = 20;
  const PER_WORKER = 15;
  const arrivals: { at: number; worker: string }[] = [];
  const target = createServer((req, res) => {
    if (!req.headers['x-warm-up']) arrivals.push({ at: performance.now(), worker: String(req.headers['x-worker']) });
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
  });
  await new Promise<void>((ready) => target.listen(0, '127.0.0.1', ready));
  const coordinator = await startRateCoordinator(RATE);
  try {
    const env = { [RATE_URL_ENV]: coordinator.url, URL: `http://127.0.0.1:${(target.address() as { port: number }).port}/`, COUNT: String(PER_WORKER) };
    await Promise.all([worker(env), worker(env)]);
  } finally {
    await coordinator.close();
    await new Promise((done) => target.close(done));
  }

  assert.equal(arrivals.length, 2 * PER_WORKER);
  assert.equal(coordinator.granted(), 2 * (PER_WORKER + 1), 'every request, warm-up included, waited for a slot');
  const workers = new Set(arrivals.map((a) => a.worker));
  assert.equal(workers.size, 2, 'both workers sent requests');
  // The two workers took turns: neither sent all of its requests before the other began.
  const firstOfEach = [...workers].map((w) => arrivals.findIndex((a) => a.worker === w));
  const lastOfEach = [...workers].map((w) => arrivals.findLastIndex((a) => a.worker === w));
  assert.ok(Math.max(...firstOfEach) < Math.min(...lastOfEach), 'the workers ran at the same time');

  const times = arrivals.map((a) => a.at).sort((a, b) => a - b);
  // 30 requests at 20/s: the slots span 29/20 s. A few milliseconds of timer and loopback
  // jitter are allowed on each measured arrival, nothing more.
  const JITTER_MS = 15;
  const span = times.at(-1)! - times[0]!;
  assert.ok(span >= ((times.length - 1) * 1000) / RATE - JITTER_MS, `30 requests took ${span.toFixed(0)} ms, faster than ${RATE}/s`);
  // No window of one second (less the jitter) held more than RATE requests.
  let worst = 0;
  for (let i = 0; i < times.length; i++) {
    const inWindow = times.filter((t) => t >= times[i]! && t < times[i]! + 1000 - JITTER_MS).length;
    worst = Math.max(worst, inWindow);
  }
  assert.ok(worst <= RATE, `${worst} requests within one second, limit ${RATE}`);
});

test('the coordinator refuses a rate that is not a positive number', async () => {
  await assert.rejects(startRateCoordinator(0), /positive number/);
  await assert.rejects(startRateCoordinator(Number.NaN), /positive number/);
});
