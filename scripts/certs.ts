// npm run certs [-- --force] [-- --dir <d>]: generate the local TEST-ONLY PKI (see certs/README.md).
import path from 'node:path';
import { DEFAULT_PKI_DIR, ensureTestPkiWithStatus } from '../pki/test-pki.ts';
import type { TestPki } from '../pki/test-pki.ts';

const USAGE = 'usage: npm run certs -- [--force] [--dir <d>]   (default dir: certs/ in the repo)';

function parseArgs(argv: string[]): { force: boolean; dir: string } {
  let force = false;
  let dir = DEFAULT_PKI_DIR;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--force') force = true;
    else if (a === '--dir') {
      const v = argv[++i];
      if (!v) throw new Error(`--dir needs a value\n${USAGE}`);
      dir = path.resolve(v);
    } else if (a.startsWith('--dir=')) dir = path.resolve(a.slice('--dir='.length));
    else if (a === '--help' || a === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown argument ${a}\n${USAGE}`);
  }
  return { force, dir };
}

function describe(pki: TestPki): string[] {
  const f = (p: string): string => path.relative(pki.dir, p);
  const tpp = (t: TestPki['tpp1']): string[] => [
    `  ${t.name}: ${t.orgName} (org ${t.orgId}, software ${t.softwareId})`,
    `    transport  ${f(t.transportCert)}, ${f(t.transportKey)}  subject ${t.subjectDn}`,
    `    signing    ${f(t.signingCert)}, ${f(t.signingKey)}  kid ${t.signingKid}`,
    `               ${f(t.signingJwks)}, ${f(t.signingPrivateJwk)}`,
  ];
  return [
    `  CA         ${f(pki.ca.cert)}, ${f(pki.ca.key)}`,
    `  server     ${f(pki.server.cert)}, ${f(pki.server.key)}  (localhost, 127.0.0.1, ::1)`,
    ...tpp(pki.tpp1),
    ...tpp(pki.tpp2),
    `  untrusted  ${f(pki.untrusted.ca)}, ${f(pki.untrusted.caKey)}, ${f(pki.untrusted.cert)}, ${f(pki.untrusted.key)}`,
    `             subject ${pki.untrusted.subjectDn} (CA not trusted by the sandbox)`,
    `  directory  ${f(pki.directory.cert)}, ${f(pki.directory.key)}  issuer "${pki.directory.issuer}" kid ${pki.directory.kid}`,
    `             ${f(pki.directory.jwks)}, ${f(pki.directory.privateJwk)}`,
    `  manifest.json`,
  ];
}

try {
  const { force, dir } = parseArgs(process.argv.slice(2));
  const shown = `${path.relative(process.cwd(), dir) || '.'}/`;
  const { pki, generated } = await ensureTestPkiWithStatus(dir, { force });
  if (generated) {
    console.log(`wrote test PKI to ${shown} (TEST ONLY, never trust these keys):`);
    for (const line of describe(pki)) console.log(line);
  } else {
    console.log(`test PKI already present in ${shown} (use --force to regenerate)`);
  }
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
}
