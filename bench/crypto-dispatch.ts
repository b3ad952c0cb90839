/**
 * What handing a crypto operation to libuv's thread pool costs on this machine, next to the
 * operation itself. WebCrypto (and so jose) runs every sign, verify and digest as an async job on
 * the pool; the token endpoint pays that hand-off twice per request (verify the client assertion,
 * sign the access token), and bench/token.ts counts it as PS256 work.
 * For each operation, one at a time: the main thread's time per call until the promise is created,
 * the CPU of the whole process per call, and the same for the synchronous node:crypto call.
 * Run on demand: npx tsx bench/crypto-dispatch.ts [--runs 1000]
 */
import { KeyObject, constants, createHash, createPublicKey, sign, verify, webcrypto } from 'node:crypto';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '1000' } } });
const RUNS = Number(values.runs);
const { subtle } = webcrypto;

const data = new Uint8Array(600).fill(7);
const pss = { name: 'RSA-PSS', saltLength: 32 } as const;
const pair = await subtle.generateKey({ name: 'RSA-PSS', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, true, ['sign', 'verify']);
const privateKey = KeyObject.from(pair.privateKey);
const publicKey = createPublicKey(privateKey);
const nodePss = { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 };
const signature = new Uint8Array(await subtle.sign(pss, pair.privateKey, data));

interface Figure { callMs: number; cpuMs: number }

async function measure(op: () => unknown): Promise<Figure> {
  for (let i = 0; i < Math.min(RUNS, 200); i++) await op();
  let callMs = 0;
  const cpu = process.cpuUsage();
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    const pending = op();
    callMs += performance.now() - t;
    await pending;
  }
  const used = process.cpuUsage(cpu);
  return { callMs: callMs / RUNS, cpuMs: (used.user + used.system) / 1000 / RUNS };
}

const rows: [string, () => unknown, () => unknown][] = [
  ['SHA-256 of 600 bytes', () => subtle.digest('SHA-256', data), () => createHash('sha256').update(data).digest()],
  ['PS256 verify', () => subtle.verify(pss, pair.publicKey, signature, data), () => verify('sha256', data, { key: publicKey, ...nodePss }, signature)],
  ['PS256 sign', () => subtle.sign(pss, pair.privateKey, data), () => sign('sha256', data, { key: privateKey, ...nodePss })],
];

console.log(`${RUNS} calls each, one at a time; ms per call`);
console.log('operation              | WebCrypto: main thread, CPU | node:crypto sync: CPU | hand-off CPU');
for (const [name, async_, sync] of rows) {
  const a = await measure(async_);
  const s = await measure(sync);
  console.log(`${name.padEnd(22)} | ${a.callMs.toFixed(3).padStart(10)} ${a.cpuMs.toFixed(3).padStart(16)} | ${s.cpuMs.toFixed(3).padStart(21)} | ${(a.cpuMs - s.cpuMs).toFixed(3).padStart(12)}`);
}
