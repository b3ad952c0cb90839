import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { subjectMatches, parseRfc4514 } from '../mock-server/security/subject-dn.ts';
import { ASSERTION_TYPE, harness, pkjwtMetadata, transportDn } from './token-helpers.ts';
import { generatedKey } from '../steps/support/client-assertion.ts';
import type { ConfigOverrides } from '../mock-server/config.ts';

const FAILED = { error: 'invalid_client', error_description: 'Client Authentication failed.' };

describe('subject DN comparison (RFC 8705 §2.1.2)', () => {
  const node = 'C=GB\nO=WSO2 (UK) LIMITED\nOU=0015800001HQQrZAAX\nCN=sgsMuc8ACBgBzinpr8oJ8B';
  test('Node subject matches the RFC 4514 form in reverse order', () => {
    assert.ok(subjectMatches(node, 'CN=sgsMuc8ACBgBzinpr8oJ8B,OU=0015800001HQQrZAAX,O=WSO2 (UK) LIMITED,C=GB'));
  });
  test('attribute types compare case-insensitively or by OID; RDN order matters (RFC 4517 §4.2.15)', () => {
    assert.ok(subjectMatches(node, 'cn=sgsMuc8ACBgBzinpr8oJ8B, ou=0015800001HQQrZAAX, o=WSO2 (UK) LIMITED, c=GB'));
    assert.ok(subjectMatches(node, '2.5.4.3=sgsMuc8ACBgBzinpr8oJ8B,2.5.4.11=0015800001HQQrZAAX,2.5.4.10=WSO2 (UK) LIMITED,2.5.4.6=GB'));
    assert.ok(!subjectMatches(node, 'C=GB,O=WSO2 (UK) LIMITED,OU=0015800001HQQrZAAX,CN=sgsMuc8ACBgBzinpr8oJ8B'));
  });
  test('escaped and hex-escaped characters and runs of spaces name the same value', () => {
    assert.ok(subjectMatches(node, 'CN=sgsMuc8ACBgBzinpr8oJ8B,OU=0015800001HQQrZAAX,O=WSO2 \\28UK\\29 LIMITED,C=GB'));
    assert.ok(subjectMatches(node, 'CN=sgsMuc8ACBgBzinpr8oJ8B,OU=0015800001HQQrZAAX,O=WSO2\\ (UK)\\ LIMITED,C=GB'));
    assert.ok(subjectMatches(node, 'CN=sgsMuc8ACBgBzinpr8oJ8B,OU=0015800001HQQrZAAX,O=WSO2   (UK)  LIMITED,C=GB'));
  });
  test('a different value or a missing RDN does not match', () => {
    assert.ok(!subjectMatches(node, 'CN=other,OU=0015800001HQQrZAAX,O=WSO2 (UK) LIMITED,C=GB'));
    assert.ok(!subjectMatches(node, 'CN=sgsMuc8ACBgBzinpr8oJ8B,OU=0015800001HQQrZAAX,C=GB'));
  });
  test('escaped commas and multi-valued RDNs parse', () => {
    assert.deepEqual(parseRfc4514('CN=a\\,b+UID=7,O=x'), ['CN=a,b+UID=7', 'O=x']);
    assert.equal(parseRfc4514('garbage'), undefined);
  });
});

describe('private_key_jwt (RFC 7523 §3)', () => {
  test('a good assertion over mTLS gets a certificate-bound token; a replay is refused', async () => {
    const h = await harness();
    try {
      const client = await h.register(await pkjwtMetadata());
      const assertion = await h.assertion(client.client_id);
      const form = { grant_type: 'client_credentials', client_id: client.client_id, client_assertion_type: ASSERTION_TYPE, client_assertion: assertion };
      const ok = await h.post('/oauth2/token', form, { cert: 'tpp1' });
      assert.equal(ok.status, 200, await ok.clone().text());
      const replay = await h.post('/oauth2/token', form, { cert: 'tpp1' });
      assert.equal(replay.status, 401);
      assert.deepEqual(await replay.json(), FAILED);
      assert.ok(h.logs.some((l) => l.includes('has been used before')), 'the reason is logged');
    } finally {
      h.close();
    }
  });

  for (const [name, opts] of [
    ['alg none', { variant: 'signed with alg none' }],
    ['HS256 with the public key', { variant: 'signed HS256 with the public key as secret' }],
    ['wrong key', { variant: 'signed by the tpp2 key' }],
    ['garbage', { variant: 'that is not a JWT' }],
    ['truncated', { variant: 'that is truncated' }],
    ['expired', { claims: { exp: Math.floor(Date.now() / 1000) - 300 } }],
    ['wrong audience', { claims: { aud: 'https://elsewhere.example/token' } }],
    ['no jti', { claims: { jti: undefined } }],
    ['typed dpop+jwt (JWT-16)', { variant: 'with typ dpop+jwt' }],
    ['typed at+jwt (JWT-16)', { variant: 'with typ at+jwt' }],
  ] as const) {
    test(`an assertion that is ${name} is 401 invalid_client and writes nothing`, async () => {
      const h = await harness();
      try {
        const client = await h.register(await pkjwtMetadata());
        const assertion = await h.assertion(client.client_id, opts);
        const res = await h.post('/oauth2/token', { grant_type: 'client_credentials', client_assertion_type: ASSERTION_TYPE, client_assertion: assertion, client_id: client.client_id }, { cert: 'tpp1' });
        assert.equal(res.status, 401);
        assert.deepEqual(await res.json(), FAILED);
        // Identity Server challenges every invalid_client, whatever the method (WSO2-TOK-06).
        assert.match(res.headers.get('www-authenticate') ?? '', /^Basic realm=/);
        assert.equal(h.tokenRows(), 0);
      } finally {
        h.close();
      }
    });
  }

  test('two mechanisms in one request are 400 invalid_request', async () => {
    const h = await harness();
    try {
      const client = await h.register(await pkjwtMetadata());
      const res = await h.post('/oauth2/token', {
        grant_type: 'client_credentials', client_id: client.client_id, client_secret: client.client_secret ?? 'x',
        client_assertion_type: ASSERTION_TYPE, client_assertion: await h.assertion(client.client_id),
      }, { cert: 'tpp1' });
      assert.equal(res.status, 400);
      assert.equal(((await res.json()) as { error: string }).error, 'invalid_request');
    } finally {
      h.close();
    }
  });

  test('a jwks_uri client cannot authenticate (no allow-list) and the log says why', async () => {
    const h = await harness();
    try {
      const client = await h.register({ ...(await pkjwtMetadata()), jwks: undefined, jwks_uri: 'https://tpp.example/jwks.json' });
      const res = await h.post('/oauth2/token', { grant_type: 'client_credentials', client_id: client.client_id, client_assertion_type: ASSERTION_TYPE, client_assertion: await h.assertion(client.client_id) }, { cert: 'tpp1' });
      assert.equal(res.status, 401);
      assert.ok(h.logs.some((l) => l.includes('allow-list')));
    } finally {
      h.close();
    }
  });
});

describe('client secrets and profiles', () => {
  test('generic: client_secret_basic works; a wrong secret gets 401 with a Basic challenge', async () => {
    const h = await harness({ profile: 'generic' });
    try {
      const client = await h.register({ grant_types: ['client_credentials'] });
      const basic = (secret: string) => ({ authorization: `Basic ${Buffer.from(`${client.client_id}:${secret}`).toString('base64')}` });
      const ok = await h.post('/oauth2/token', { grant_type: 'client_credentials' }, { headers: basic(client.client_secret!) });
      assert.equal(ok.status, 200);
      const bad = await h.post('/oauth2/token', { grant_type: 'client_credentials' }, { headers: basic('wrong') });
      assert.equal(bad.status, 401);
      assert.match(bad.headers.get('www-authenticate') ?? '', /^Basic realm=/);
    } finally {
      h.close();
    }
  });

  test('uk: the right client secret is still refused (FAPI1-Adv §5.2.2-14)', async () => {
    const h = await harness({ profile: 'uk' });
    try {
      const client = await h.register({ grant_types: ['client_credentials'], token_endpoint_auth_method: 'client_secret_post' });
      const res = await h.post('/oauth2/token', { grant_type: 'client_credentials', client_id: client.client_id, client_secret: client.client_secret! }, { cert: 'tpp1' });
      assert.equal(res.status, 401);
      assert.deepEqual(await res.json(), FAILED);
    } finally {
      h.close();
    }
  });
});

describe('tls_client_auth (RFC 8705 §2.1)', () => {
  test('the registered subject DN authenticates; another DN does not', async () => {
    const h = await harness();
    try {
      const good = await h.register({ grant_types: ['client_credentials'], token_endpoint_auth_method: 'tls_client_auth', tls_client_auth_subject_dn: transportDn(h.pki, 'tpp1') });
      const bad = await h.register({ grant_types: ['client_credentials'], token_endpoint_auth_method: 'tls_client_auth', tls_client_auth_subject_dn: transportDn(h.pki, 'tpp2') });
      const ok = await h.post('/oauth2/token', { grant_type: 'client_credentials', client_id: good.client_id }, { cert: 'tpp1' });
      assert.equal(ok.status, 200);
      const refused = await h.post('/oauth2/token', { grant_type: 'client_credentials', client_id: bad.client_id }, { cert: 'tpp1' });
      assert.equal(refused.status, 401);
      const noCert = await h.post('/oauth2/token', { grant_type: 'client_credentials', client_id: good.client_id });
      assert.equal(noCert.status, 401);
    } finally {
      h.close();
    }
  });
});

describe('keys the profile refuses (JWT-04, JWT-15)', () => {
  /** Register a client whose only key is a generated one of `kind`; authenticate with it over mTLS. */
  async function authenticateWith(kind: string, overrides: ConfigOverrides = {}) {
    const h = await harness(overrides);
    try {
      const key = await generatedKey(kind);
      const client = await h.register({ client_name: `k${Math.random().toString(36).slice(2, 10)}`, grant_types: ['client_credentials'], token_endpoint_auth_method: 'private_key_jwt', jwks: { keys: [key.jwk] } });
      const assertion = await h.assertion(client.client_id, { key });
      const res = await h.post('/oauth2/token', { grant_type: 'client_credentials', client_id: client.client_id, client_assertion_type: ASSERTION_TYPE, client_assertion: assertion }, { cert: 'tpp1' });
      return { status: res.status, body: (await res.json()) as unknown, logs: [...h.logs] };
    } finally {
      h.close();
    }
  }

  test('an RSA key under 2048 bits is refused and the log says why; 2048 bits work', async () => {
    const weak = await authenticateWith('RSA-1024');
    assert.equal(weak.status, 401);
    assert.deepEqual(weak.body, FAILED);
    assert.ok(weak.logs.some((l) => l.includes('fewer than 2048 bits')), weak.logs.join('\n'));
    assert.equal((await authenticateWith('RSA-2048')).status, 200);
  });

  test('the fault token.accept-small-rsa-keys lets a 1024-bit key authenticate', async () => {
    assert.equal((await authenticateWith('RSA-1024', { faults: ['token.accept-small-rsa-keys'] })).status, 200);
  });

  test('EdDSA is refused under uk and generic; the fault token.accept-eddsa-under-fapi accepts it under uk', async () => {
    assert.equal((await authenticateWith('Ed25519')).status, 401);
    assert.equal((await authenticateWith('Ed25519', { profile: 'generic' })).status, 401);
    assert.equal((await authenticateWith('Ed25519', { faults: ['token.accept-eddsa-under-fapi'] })).status, 200);
  });

  test('a P-256 key signs ES256 assertions', async () => {
    assert.equal((await authenticateWith('P-256')).status, 200);
  });
});
