import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, DEFAULT_CONFIG, PROFILES, configFromEnv, loadConfig } from '../mock-server/config.ts';
import type { ConfigOverrides } from '../mock-server/config.ts';
import { FAULT_SWITCHES } from '../mock-server/faults.ts';

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'obc-config-'));
});
after(() => {
  rmSync(dir, { recursive: true, force: true });
});

let counter = 0;
/** Write `content` (an object is JSON-encoded) to a fresh file in the temp dir. */
function configFile(content: unknown): string {
  const file = join(dir, `config-${++counter}.json`);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

/** Assert that `fn` throws a ConfigError whose message matches `pattern`. */
function throwsConfig(fn: () => unknown, pattern: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof ConfigError, `expected a ConfigError, got ${String(e)}`);
    assert.equal(e.name, 'ConfigError');
    assert.match(e.message, pattern);
    return true;
  });
}

const FAULT_A = FAULT_SWITCHES[0]!.name;
const FAULT_B = FAULT_SWITCHES[1]!.name;

describe('defaults', () => {
  test('loadConfig() with nothing is the default configuration', () => {
    assert.deepEqual(loadConfig(), DEFAULT_CONFIG);
  });

  test('the documented default values', () => {
    const c = loadConfig();
    assert.equal(c.host, 'localhost');
    assert.deepEqual(c.ports, { is: 9446, apim: 9443, gateway: 8243 });
    assert.equal(c.profile, 'uk');
    assert.equal(c.database, 'data/sandbox.db');
    assert.equal(c.mtls.trustProxyHeader, false);
    assert.equal(c.mtls.headerName, 'x-wso2-mutual-auth-cert');
    assert.equal(c.limits.maxBodyBytes, 64 * 1024);
    assert.deepEqual(c.validators, {});
    assert.deepEqual(c.faults, []);
  });

  test('the returned configuration is a copy: mutating it leaves the defaults alone', () => {
    const c = loadConfig();
    c.ports.is = 1;
    c.faults.push(FAULT_A);
    c.validators.x = true;
    assert.equal(DEFAULT_CONFIG.ports.is, 9446);
    assert.deepEqual(DEFAULT_CONFIG.faults, []);
    assert.deepEqual(DEFAULT_CONFIG.validators, {});
    assert.equal(loadConfig().ports.is, 9446);
  });

  test('process.env is not read unless passed in', () => {
    const saved = process.env.OBC_PROFILE;
    process.env.OBC_PROFILE = 'cdr';
    try {
      assert.equal(loadConfig().profile, 'uk');
      assert.equal(loadConfig({ env: process.env }).profile, 'cdr');
    } finally {
      if (saved === undefined) delete process.env.OBC_PROFILE;
      else process.env.OBC_PROFILE = saved;
    }
  });
});

describe('JSON file layer', () => {
  test('a file overrides only the keys it names (deep merge)', () => {
    const file = configFile({ ports: { is: 19446 }, profile: 'cdr', tokens: { accessTokenTtl: 60 } });
    const c = loadConfig({ file });
    assert.deepEqual(c.ports, { is: 19446, apim: 9443, gateway: 8243 });
    assert.equal(c.profile, 'cdr');
    assert.equal(c.tokens.accessTokenTtl, 60);
    assert.equal(c.tokens.refreshTokenTtl, DEFAULT_CONFIG.tokens.refreshTokenTtl);
    assert.equal(c.host, 'localhost');
  });

  test('arrays are replaced, not merged', () => {
    const file = configFile({ faults: [FAULT_A] });
    assert.deepEqual(loadConfig({ file, overrides: { faults: [FAULT_B] } }).faults, [FAULT_B]);
  });

  test('OBC_CONFIG names the file when no file option is given', () => {
    const file = configFile({ profile: 'generic' });
    assert.equal(loadConfig({ env: { OBC_CONFIG: file } }).profile, 'generic');
  });

  test('the file option wins over OBC_CONFIG', () => {
    const a = configFile({ profile: 'generic' });
    const b = configFile({ profile: 'cdr' });
    assert.equal(loadConfig({ file: b, env: { OBC_CONFIG: a } }).profile, 'cdr');
  });

  test('an empty JSON object changes nothing', () => {
    assert.deepEqual(loadConfig({ file: configFile({}) }), DEFAULT_CONFIG);
  });
});

describe('environment layer', () => {
  test('OBC_IS_PORT sets only the IS port', () => {
    const c = loadConfig({ env: { OBC_IS_PORT: '1234' } });
    assert.deepEqual(c.ports, { is: 1234, apim: 9443, gateway: 8243 });
  });

  test('OBC_APIM_PORT, OBC_GATEWAY_PORT, OBC_HOST, OBC_BIND, OBC_DATABASE', () => {
    const c = loadConfig({
      env: { OBC_APIM_PORT: '0', OBC_GATEWAY_PORT: '8000', OBC_HOST: 'sandbox.test', OBC_BIND: '0.0.0.0', OBC_DATABASE: ':memory:' },
    });
    assert.deepEqual(c.ports, { is: 9446, apim: 0, gateway: 8000 });
    assert.equal(c.host, 'sandbox.test');
    assert.equal(c.bind, '0.0.0.0');
    assert.equal(c.database, ':memory:');
  });

  test('OBC_PROFILE', () => {
    for (const p of PROFILES) assert.equal(loadConfig({ env: { OBC_PROFILE: p } }).profile, p);
  });

  test('OBC_FAULTS is a comma list; blanks and spaces are dropped', () => {
    const c = loadConfig({ env: { OBC_FAULTS: ` ${FAULT_A} ,, ${FAULT_B},` } });
    assert.deepEqual(c.faults, [FAULT_A, FAULT_B]);
    assert.deepEqual(loadConfig({ env: { OBC_FAULTS: '' } }).faults, []);
  });

  test('OBC_TRUST_PROXY_CERT_HEADER accepts true/1/false/0', () => {
    for (const [raw, expected] of [['true', true], ['1', true], ['false', false], ['0', false]] as const) {
      const c = loadConfig({ env: { OBC_TRUST_PROXY_CERT_HEADER: raw } });
      assert.equal(c.mtls.trustProxyHeader, expected, raw);
      assert.equal(c.mtls.headerName, 'x-wso2-mutual-auth-cert', 'the header name is kept');
    }
  });

  test('OBC_TRUST_PROXY_CERT_HEADER rejects anything else', () => {
    throwsConfig(() => loadConfig({ env: { OBC_TRUST_PROXY_CERT_HEADER: 'yes' } }), /OBC_TRUST_PROXY_CERT_HEADER must be true or false/);
  });

  test('empty variables are ignored', () => {
    const env = { OBC_IS_PORT: '', OBC_PROFILE: '', OBC_TRUST_PROXY_CERT_HEADER: '', OBC_HOST: '' };
    assert.deepEqual(loadConfig({ env }), DEFAULT_CONFIG);
    assert.deepEqual(configFromEnv(env), {});
  });

  test('environment wins over the file', () => {
    const file = configFile({ profile: 'generic', ports: { is: 1111, apim: 2222 } });
    const c = loadConfig({ file, env: { OBC_PROFILE: 'cdr', OBC_IS_PORT: '3333' } });
    assert.equal(c.profile, 'cdr');
    assert.deepEqual(c.ports, { is: 3333, apim: 2222, gateway: 8243 });
  });

  test('a non-numeric port variable is a ConfigError', () => {
    throwsConfig(() => loadConfig({ env: { OBC_IS_PORT: 'abc' } }), /OBC_IS_PORT must be a whole number/);
    throwsConfig(() => loadConfig({ env: { OBC_GATEWAY_PORT: '-1' } }), /OBC_GATEWAY_PORT must be a whole number/);
    throwsConfig(() => loadConfig({ env: { OBC_APIM_PORT: '80.5' } }), /OBC_APIM_PORT must be a whole number/);
  });

  test('a numeric but out-of-range port variable is a ConfigError', () => {
    throwsConfig(() => loadConfig({ env: { OBC_IS_PORT: '65536' } }), /ports\.is must be an integer from 0 to 65535/);
  });

  test('an unknown profile in OBC_PROFILE is a ConfigError', () => {
    throwsConfig(() => loadConfig({ env: { OBC_PROFILE: 'eu' } }), /profile must be one of uk, cdr, generic/);
  });

  test('an unknown fault in OBC_FAULTS is a ConfigError', () => {
    throwsConfig(() => loadConfig({ env: { OBC_FAULTS: `${FAULT_A},no.such-fault` } }), /unknown fault switch\(es\): no\.such-fault/);
  });
});

describe('programmatic overrides', () => {
  test('overrides win over the environment and the file', () => {
    const file = configFile({ profile: 'generic', database: 'from-file.db', ports: { gateway: 1 } });
    const c = loadConfig({
      file,
      env: { OBC_PROFILE: 'cdr', OBC_DATABASE: 'from-env.db', OBC_IS_PORT: '2' },
      overrides: { profile: 'uk', ports: { is: 0 } },
    });
    assert.equal(c.profile, 'uk');
    assert.equal(c.database, 'from-env.db');
    assert.deepEqual(c.ports, { is: 0, apim: 9443, gateway: 1 });
  });

  test('undefined members of the overrides change nothing', () => {
    const c = loadConfig({ overrides: { ports: { is: undefined }, profile: undefined } as ConfigOverrides });
    assert.deepEqual(c, DEFAULT_CONFIG);
  });

  test('nested overrides (mtls, limits, tokens, admin)', () => {
    const c = loadConfig({
      overrides: {
        mtls: { trustProxyHeader: true },
        limits: { maxBodyBytes: 2048 },
        tokens: { idTokenTtl: 5 },
        admin: { password: 'secret' },
      },
    });
    assert.deepEqual(c.mtls, { trustProxyHeader: true, headerName: 'x-wso2-mutual-auth-cert' });
    assert.equal(c.limits.maxBodyBytes, 2048);
    assert.equal(c.tokens.idTokenTtl, 5);
    assert.equal(c.tokens.accessTokenTtl, 3600);
    assert.deepEqual(c.admin, { username: 'admin', password: 'secret' });
  });
});

describe('errors', () => {
  test('unknown top-level key', () => {
    throwsConfig(() => loadConfig({ file: configFile({ prots: { is: 1 } }) }), /unknown configuration key: prots/);
    throwsConfig(
      () => loadConfig({ overrides: { nope: 1 } as unknown as ConfigOverrides }),
      /unknown configuration key: nope/,
    );
  });

  test('unknown nested key, reported with its path', () => {
    throwsConfig(() => loadConfig({ file: configFile({ ports: { idp: 1 } }) }), /unknown configuration key: ports\.idp/);
    throwsConfig(() => loadConfig({ file: configFile({ mtls: { header: 'x' } }) }), /unknown configuration key: mtls\.header/);
  });

  test('wrong types', () => {
    throwsConfig(() => loadConfig({ file: configFile({ ports: { is: '9446' } }) }), /ports\.is must be a number/);
    throwsConfig(() => loadConfig({ file: configFile({ host: 5 }) }), /host must be a string/);
    throwsConfig(() => loadConfig({ file: configFile({ mtls: { trustProxyHeader: 'true' } }) }), /mtls\.trustProxyHeader must be a boolean/);
    throwsConfig(() => loadConfig({ file: configFile({ ports: 9446 }) }), /ports must be an object/);
    throwsConfig(() => loadConfig({ file: configFile({ ports: null }) }), /ports must be an object/);
    throwsConfig(() => loadConfig({ file: configFile({ faults: FAULT_A }) }), /faults must be an array of strings/);
    throwsConfig(() => loadConfig({ file: configFile({ faults: [1] }) }), /faults must be an array of strings/);
  });

  test('a file that is not a JSON object', () => {
    throwsConfig(() => loadConfig({ file: configFile('[]') }), /config must be an object/);
    throwsConfig(() => loadConfig({ file: configFile('"uk"') }), /config must be an object/);
  });

  test('bad ports', () => {
    for (const port of [-1, 65536, 1.5, Number.NaN]) {
      throwsConfig(() => loadConfig({ overrides: { ports: { apim: port } } }), /ports\.apim must be an integer from 0 to 65535/);
    }
    // The edges are valid.
    assert.equal(loadConfig({ overrides: { ports: { apim: 0 } } }).ports.apim, 0);
    assert.equal(loadConfig({ overrides: { ports: { apim: 65535 } } }).ports.apim, 65535);
  });

  test('bad profile', () => {
    throwsConfig(() => loadConfig({ file: configFile({ profile: 'UK' }) }), /profile must be one of/);
    throwsConfig(() => loadConfig({ overrides: { profile: 'fapi' as never } }), /profile must be one of/);
  });

  test('unknown fault', () => {
    throwsConfig(() => loadConfig({ overrides: { faults: ['discovery.nope'] } }), /unknown fault switch\(es\): discovery\.nope/);
  });

  test('every known fault switch is accepted', () => {
    const all = FAULT_SWITCHES.map((f) => f.name);
    assert.deepEqual(loadConfig({ overrides: { faults: all } }).faults, all);
  });

  test('other validated values', () => {
    throwsConfig(() => loadConfig({ overrides: { tokens: { accessTokenTtl: 0 } } }), /tokens\.accessTokenTtl must be a positive integer/);
    throwsConfig(() => loadConfig({ overrides: { clockSkewSeconds: -1 } }), /clockSkewSeconds must be a non-negative integer/);
    throwsConfig(() => loadConfig({ overrides: { limits: { maxBodyBytes: 100 } } }), /limits\.maxBodyBytes must be an integer of at least 1024/);
    throwsConfig(() => loadConfig({ overrides: { host: '' } }), /host must not be empty/);
  });

  test('an unreadable config file', () => {
    const missing = join(dir, 'does-not-exist.json');
    throwsConfig(() => loadConfig({ file: missing }), /cannot read configuration file .*does-not-exist\.json/);
    throwsConfig(() => loadConfig({ env: { OBC_CONFIG: missing } }), /cannot read configuration file/);
    // A directory cannot be read as a file either.
    throwsConfig(() => loadConfig({ file: dir }), /cannot read configuration file/);
  });

  test('a malformed config file', () => {
    throwsConfig(() => loadConfig({ file: configFile('{"profile": "uk",') }), /cannot read configuration file .*config-\d+\.json/);
    throwsConfig(() => loadConfig({ file: configFile('') }), /cannot read configuration file/);
  });
});

describe('validators', () => {
  test('accepts arbitrary boolean keys, from a file and from overrides', () => {
    const file = configFile({ validators: { requireSsa: false, checkRedirectUri: true } });
    const c = loadConfig({ file, overrides: { validators: { anotherCheck: true } } });
    assert.deepEqual(c.validators, { requireSsa: false, checkRedirectUri: true, anotherCheck: true });
  });

  test('a later layer can flip a validator', () => {
    const file = configFile({ validators: { requireSsa: false } });
    assert.deepEqual(loadConfig({ file, overrides: { validators: { requireSsa: true } } }).validators, { requireSsa: true });
  });

  test('rejects non-boolean values', () => {
    throwsConfig(() => loadConfig({ file: configFile({ validators: { requireSsa: 'no' } }) }), /validators\.requireSsa must be a boolean/);
    throwsConfig(() => loadConfig({ file: configFile({ validators: { requireSsa: 0 } }) }), /validators\.requireSsa must be a boolean/);
    throwsConfig(() => loadConfig({ file: configFile({ validators: { nested: { a: true } } }) }), /validators\.nested must be a boolean/);
    throwsConfig(() => loadConfig({ file: configFile({ validators: [true] }) }), /validators must be an object/);
  });

  test('the open map is only `validators`: other objects stay closed', () => {
    throwsConfig(() => loadConfig({ file: configFile({ limits: { requireSsa: true } }) }), /unknown configuration key: limits\.requireSsa/);
  });

  test(
    'validator names that exist on Object.prototype are ordinary boolean keys',
    () => {
      const c = loadConfig({ file: configFile({ validators: { constructor: true, toString: false } }) });
      assert.equal(Object.getOwnPropertyDescriptor(c.validators, 'constructor')?.value, true);
      assert.equal(Object.getOwnPropertyDescriptor(c.validators, 'toString')?.value, false);
    },
  );

  test(
    'an inherited name at the top level is an unknown configuration key',
    () => {
      throwsConfig(() => loadConfig({ file: configFile({ toString: 1 }) }), /unknown configuration key: toString/);
    },
  );
});
