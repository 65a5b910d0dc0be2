import { defaultRateLimitPerMinute, loadApiConfig } from '../src/config/api-config';
import { configProblemWith } from './support/config-problem';

const staticTokens = JSON.stringify({ 'ci-token': { id: 'ci', roles: ['clerk'] } });

describe('loadApiConfig', () => {
  it('defaults to the local stack and the dev tokens', () => {
    const config = loadApiConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      temporal: { address: 'localhost:7233', namespace: 'default' },
    });
    expect(config.devTokensEnabled).toBe(true);
    expect(config.rateLimitPerMinute).toBe(defaultRateLimitPerMinute);
    expect(config.tokens.get('dev-cfo')).toEqual({ id: 'cfo', roles: ['cfo'] });
    expect(config.tokens.get('dev-credit-controller')).toEqual({
      id: 'credit-controller',
      roles: ['credit-controller'],
    });
    expect(config.tokens.size).toBe(24);
    expect(config.tokens.get('dev-process-admin')).toEqual({ id: 'process-admin', roles: ['process-admin'] });
  });

  it('reads every variable', () => {
    const config = loadApiConfig({
      ORDO_API_PORT: '8080',
      ORDO_API_HOST: '127.0.0.1',
      TEMPORAL_ADDRESS: 'temporal-frontend:7233',
      TEMPORAL_NAMESPACE: 'ordo',
      ORDO_API_TOKENS: JSON.stringify({ s3cret: { id: 'alice', roles: ['manager', 'cfo'] } }),
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      temporal: { address: 'temporal-frontend:7233', namespace: 'ordo' },
    });
    expect([...config.tokens]).toEqual([['s3cret', { id: 'alice', roles: ['manager', 'cfo'] }]]);
  });

  it('names the bad variable', () => {
    expect(configProblemWith({ ORDO_API_PORT: 'eighty' })).toMatch(/^Invalid configuration: ORDO_API_PORT /);
    expect(configProblemWith({ ORDO_API_PORT: '70000' })).toContain('ORDO_API_PORT');
    expect(configProblemWith({ TEMPORAL_ADDRESS: 'localhost' })).toMatch(/TEMPORAL_ADDRESS .*host:port/);
    expect(configProblemWith({ ORDO_API_TOKENS: '{"dev": ' })).toMatch(/ORDO_API_TOKENS is not valid JSON/);
    expect(configProblemWith({ ORDO_API_TOKENS: JSON.stringify({ t: { id: 'bob', roles: ["x' OR 1=1"] } }) })).toMatch(
      /ORDO_API_TOKENS entry 1 of 1: roles\.0 must be 1-128 letters/,
    );
    expect(configProblemWith({ ORDO_API_TOKENS: '{}' })).toContain('ORDO_API_TOKENS must define at least one token');
  });

  it('never shows a token in a problem, only the position of its entry', () => {
    const tokens = {
      'good-secret-1': { id: 'alice', roles: ['cfo'] },
      's3cret-token-value': { id: 'bad id!', roles: [] },
    };
    const problem = configProblemWith({ ORDO_API_TOKENS: JSON.stringify(tokens) });
    expect(problem).toContain('ORDO_API_TOKENS entry 2 of 2: id must be 1-128 letters');
    expect(problem).toContain('ORDO_API_TOKENS entry 2 of 2: roles Too small');
    expect(problem).not.toMatch(/secret/);
    expect(configProblemWith({ ORDO_API_TOKENS: JSON.stringify({ '': { id: 'x', roles: ['y'] } }) })).toContain(
      'entry 1 of 1: a token must not be empty',
    );
  });

  it("names every bad variable in one error: the API's own, authentication's and the codec's", () => {
    const problem = configProblemWith({
      ORDO_API_PORT: 'eighty',
      TEMPORAL_ADDRESS: 'localhost',
      ORDO_AUTH_JWT_ISSUER: 'login.example.com',
      ORDO_API_TOKENS: '{"dev": ',
      ORDO_CODEC_KEYS: '{"active":"k1"}',
    });
    expect(problem).toContain(
      'Invalid configuration: ORDO_API_PORT must be a port number between 0 and 65535 (got "eighty"); ' +
        'TEMPORAL_ADDRESS must be host:port, e.g. localhost:7233 (got "localhost"); ' +
        'ORDO_API_TOKENS is not valid JSON (expected {"<token>": {"id": "...", "roles": ["..."]}}); ' +
        'ORDO_AUTH_JWT_ISSUER must be an http(s) URL (got "login.example.com"); ' +
        'ORDO_CODEC_KEYS is invalid at keys: ',
    );
    // Secrets are named, never shown.
    expect(problem).not.toContain('k1');
  });

  it('signs page tokens with the shared secret when given, else with a key of its own', () => {
    const secret = 'a'.repeat(32);
    expect(loadApiConfig({ ORDO_API_PAGE_TOKEN_SECRET: ` ${secret} ` }).pageTokenSecret).toBe(secret);
    const drawn = [loadApiConfig({}).pageTokenSecret, loadApiConfig({}).pageTokenSecret];
    expect(drawn[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(drawn[0]).not.toBe(drawn[1]);
    expect(configProblemWith({ ORDO_API_PAGE_TOKEN_SECRET: 'short' })).toMatch(
      /ORDO_API_PAGE_TOKEN_SECRET .*at least 32 characters/,
    );
  });

  it('refuses the dev tokens on an address other machines can reach, naming both variables', () => {
    for (const host of ['0.0.0.0', '::', '10.1.2.3', 'api.internal']) {
      const problem = configProblemWith({ ORDO_API_HOST: host });
      expect(problem).toMatch(/^Invalid configuration: ORDO_AUTH_DEV_TOKENS is on while ORDO_API_HOST is /);
      expect(problem).toContain(`ORDO_API_HOST is ${host}, not a loopback address`);
      expect(
        configProblemWith({ ORDO_API_HOST: host, ORDO_AUTH_DEV_TOKENS: 'on', ORDO_API_TOKENS: staticTokens }),
      ).toContain('ORDO_API_HOST');
    }
    for (const host of ['127.0.0.1', '127.0.0.53', '::1', '[::1]', 'localhost']) {
      expect(loadApiConfig({ ORDO_API_HOST: host }).devTokensEnabled).toBe(true);
    }
    // Without the dev tokens any address will do.
    expect(loadApiConfig({ ORDO_API_HOST: '0.0.0.0', ORDO_API_TOKENS: staticTokens })).toMatchObject({
      host: '0.0.0.0',
      devTokensEnabled: false,
    });
    expect(
      loadApiConfig({
        ORDO_API_HOST: '0.0.0.0',
        ORDO_AUTH_DEV_TOKENS: 'off',
        ORDO_AUTH_JWT_ISSUER: 'https://login.example.com',
      }).host,
    ).toBe('0.0.0.0');
  });

  it('reads the rate limit on changes; 0 switches it off', () => {
    expect(loadApiConfig({ ORDO_API_RATE_LIMIT_PER_MINUTE: '120' }).rateLimitPerMinute).toBe(120);
    expect(loadApiConfig({ ORDO_API_RATE_LIMIT_PER_MINUTE: '0' }).rateLimitPerMinute).toBe(0);
    expect(configProblemWith({ ORDO_API_RATE_LIMIT_PER_MINUTE: 'lots' })).toMatch(
      /^Invalid configuration: ORDO_API_RATE_LIMIT_PER_MINUTE .*requests per minute/,
    );
    expect(configProblemWith({ ORDO_API_RATE_LIMIT_PER_MINUTE: '-1' })).toContain('ORDO_API_RATE_LIMIT_PER_MINUTE');
    expect(configProblemWith({ ORDO_API_RATE_LIMIT_PER_MINUTE: '1.5' })).toContain('ORDO_API_RATE_LIMIT_PER_MINUTE');
  });

  it('reads how the inbox index follows visibility, defaulting to a poll every 500 ms', () => {
    expect(loadApiConfig({}).inboxIndex).toEqual({ pollIntervalMs: 500, lookbackMs: 30_000, resyncIntervalMs: 60_000 });
    const tuned = loadApiConfig({
      ORDO_INBOX_INDEX_POLL_MS: '250',
      ORDO_INBOX_INDEX_LOOKBACK_MS: '0',
      ORDO_INBOX_INDEX_RESYNC_MS: '60000',
    });
    expect(tuned.inboxIndex).toEqual({ pollIntervalMs: 250, lookbackMs: 0, resyncIntervalMs: 60_000 });
    expect(configProblemWith({ ORDO_INBOX_INDEX_POLL_MS: '10' })).toMatch(/ORDO_INBOX_INDEX_POLL_MS .*milliseconds/);
    expect(configProblemWith({ ORDO_INBOX_INDEX_RESYNC_MS: 'hourly' })).toContain('ORDO_INBOX_INDEX_RESYNC_MS');
  });
});
