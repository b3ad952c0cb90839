/**
 * `npm run sandbox`: the sandbox on the product's ports (IS 9446, APIM 9443, gateway 8243) with a
 * file database under data/, so the seeds' curl commands work with only the host changed.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig, ConfigError } from './config.ts';
import { createSandbox } from './app.ts';
import { listen } from './listeners.ts';
import { ensureTestPki } from '../pki/test-pki.ts';

const USAGE = `usage: npm run sandbox -- [--config FILE] [--profile uk|cdr|generic] [--database FILE]
                                [--host NAME] [--is-port N] [--apim-port N] [--gateway-port N]
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
  const sandbox = await createSandbox({ config, trustedCaPems: [readFileSync(pki.ca.cert, 'utf8')] });
  const running = await listen(sandbox, {
    cert: readFileSync(pki.server.cert, 'utf8'),
    key: readFileSync(pki.server.key, 'utf8'),
    ca: [readFileSync(pki.ca.cert, 'utf8')],
  });

  const rel = (p: string) => relative(process.cwd(), p) || p;
  const { urls } = running;
  const discovery = `${urls.is}/oauth2/token/.well-known/openid-configuration`;
  const faults = sandbox.ctx.faults.list();
  console.log(`ob-conformance sandbox (profile ${config.profile}, database ${config.database})
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

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the sandbox`);
    running.close().then(
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
