/**
 * `npm run sandbox`: the sandbox on the product's ports (IS 9446, APIM 9443, gateway 8243) with a
 * file database under data/, so the seeds' curl commands work with only the host changed.
 */
import cluster from 'node:cluster';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig, ConfigError, type SandboxConfig } from './config.ts';
import { createSandbox } from './app.ts';
import { listen } from './listeners.ts';
import { ensureTestPki, type TestPki } from '../pki/test-pki.ts';
import { ensureTestIdp } from '../pki/test-idp.ts';
import type { SandboxUrls } from './context.ts';
import { prepareDatabase, workerCount } from './workers.ts';

const USAGE = `usage: npm run sandbox -- [--config FILE] [--profile uk|cdr|generic] [--database FILE]
                                [--host NAME] [--is-port N] [--apim-port N] [--gateway-port N]
                                [--workers N|auto]   processes sharing the ports and the database file
environment: OBC_CONFIG, OBC_HOST, OBC_BIND, OBC_IS_PORT, OBC_APIM_PORT, OBC_GATEWAY_PORT,
             OBC_PROFILE, OBC_DATABASE, OBC_TRUST_PROXY_CERT_HEADER, OBC_FAULTS`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      config: { type: 'string' },
      profile: { type: 'string' },
      database: { type: 'string' },
      host: { type: 'string' },
      'is-port': { type: 'string' },
      'apim-port': { type: 'string' },
      'gateway-port': { type: 'string' },
      workers: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  // Command-line flags are the last layer: they map onto the same OBC_* variables.
  const env = { ...process.env };
  const flag = (name: string, value: string | undefined) => {
    if (value !== undefined) env[name] = value;
  };
  flag('OBC_PROFILE', values.profile);
  flag('OBC_DATABASE', values.database);
  flag('OBC_HOST', values.host);
  flag('OBC_IS_PORT', values['is-port']);
  flag('OBC_APIM_PORT', values['apim-port']);
  flag('OBC_GATEWAY_PORT', values['gateway-port']);
  const config = loadConfig({ file: values.config, env });

  const pki = await ensureTestPki();
  const workers = cluster.isPrimary ? workerCount(values.workers, config) : 1;
  if (workers > 1) {
    // The primary prepares the file once, then only supervises (node:cluster shares the ports).
    await ensureTestIdp(config.obDcr.pkiDir || undefined);
    await prepareDatabase(config);
    superviseWorkers(config, pki, workers);
    return;
  }
  const sandbox = await createSandbox({ config, trustedCaPems: [readFileSync(pki.ca.cert, 'utf8')] });
  const running = await listen(sandbox, {
    cert: readFileSync(pki.server.cert, 'utf8'),
    key: readFileSync(pki.server.key, 'utf8'),
    ca: [readFileSync(pki.ca.cert, 'utf8')],
  });
  if (cluster.isWorker) {
    process.send!({ listening: running.urls });
    process.on('SIGTERM', () => void running.close().then(() => process.exit(0)));
    // Ctrl-C reaches the whole process group: the primary stops the workers.
    process.on('SIGINT', () => {});
    return;
  }
  printBanner(config, running.urls, pki, 1);
  stopOnSignals(() => running.close());
}

/** Fork the workers; print the banner once all listen; replace one that dies; stop them on a signal. */
function superviseWorkers(config: SandboxConfig, pki: TestPki, workers: number): void {
  let listening = 0;
  let stopping = false;
  for (let i = 0; i < workers; i++) cluster.fork();
  cluster.on('message', (_worker, message: { listening?: SandboxUrls }) => {
    if (message.listening && ++listening === workers) printBanner(config, message.listening, pki, workers);
  });
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    console.error(`worker ${worker.process.pid} stopped (${signal ?? code}); starting another`);
    cluster.fork();
  });
  stopOnSignals(async () => {
    stopping = true;
    await Promise.all(Object.values(cluster.workers ?? {}).map((w) => new Promise<void>((done) => {
      if (!w || w.isDead()) return done();
      w.once('exit', () => done());
      w.process.kill('SIGTERM');
    })));
  });
}

function stopOnSignals(close: () => Promise<void>): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the sandbox`);
    close().then(
      () => process.exit(0),
      (e: unknown) => {
        console.error(e);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

function printBanner(config: SandboxConfig, urls: SandboxUrls, pki: TestPki, workers: number): void {
  const rel = (p: string) => relative(process.cwd(), p) || p;
  const discovery = `${urls.is}/oauth2/token/.well-known/openid-configuration`;
  const faults = config.faults;
  console.log(`ob-conformance sandbox (profile ${config.profile}, database ${config.database}${workers > 1 ? `, ${workers} workers` : ''})
  Identity Server  ${urls.is}
  API Manager      ${urls.apim}
  Gateway          ${urls.gateway}
  Discovery        ${discovery}
  Trust this CA    ${rel(pki.ca.cert)}
${faults.length ? `  FAULT SWITCHES ON: ${faults.join(', ')}\n` : ''}
Test TPPs (transport certificate, key, signing key id):
  tpp1  ${pki.tpp1.orgName}: software_id ${pki.tpp1.softwareId}, org_id ${pki.tpp1.orgId}
        --cert ${rel(pki.tpp1.transportCert)} --key ${rel(pki.tpp1.transportKey)}  kid ${pki.tpp1.signingKid}
  tpp2  ${pki.tpp2.orgName}: software_id ${pki.tpp2.softwareId}, org_id ${pki.tpp2.orgId}
        --cert ${rel(pki.tpp2.transportCert)} --key ${rel(pki.tpp2.transportKey)}  kid ${pki.tpp2.signingKid}

Try:
  curl --cacert ${rel(pki.ca.cert)} ${discovery}

Ctrl-C stops the sandbox.`);
}

main().catch((e: unknown) => {
  if (e instanceof ConfigError) {
    console.error(`configuration error: ${e.message}\n${USAGE}`);
  } else if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    console.error(`cannot listen: ${(e as Error).message}. Another sandbox or WSO2 may be running; choose other ports (--is-port ...).`);
  } else {
    console.error(e);
  }
  process.exit(1);
});
