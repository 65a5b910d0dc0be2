import { loadApiConfig } from '../src/config/api-config';
import { configProblemWith } from './support/config-problem';

describe('loadApiConfig', () => {
  it('defaults to the local stack and the dev tokens', () => {
    const config = loadApiConfig({});
    expect(config).toMatchObject({ port: 3000, host: '0.0.0.0', temporal: { address: 'localhost:7233', namespace: 'default' } });
    expect(config.tokens.get('dev-cfo')).toEqual({ id: 'cfo', roles: ['cfo'] });
    expect(config.tokens.get('dev-credit-controller')).toEqual({ id: 'credit-controller', roles: ['credit-controller'] });
    expect(config.tokens.size).toBe(12);
  });

  it('reads every variable', () => {
    const config = loadApiConfig({
      ORDO_API_PORT: '8080',
      ORDO_API_HOST: '127.0.0.1',
      TEMPORAL_ADDRESS: 'temporal-frontend:7233',
      TEMPORAL_NAMESPACE: 'ordo',
      ORDO_API_TOKENS: JSON.stringify({ s3cret: { id: 'alice', roles: ['manager', 'cfo'] } }),
    });
    expect(config).toMatchObject({ port: 8080, host: '127.0.0.1', temporal: { address: 'temporal-frontend:7233', namespace: 'ordo' } });
    expect([...config.tokens]).toEqual([['s3cret', { id: 'alice', roles: ['manager', 'cfo'] }]]);
  });

  it('names the bad variable', () => {
    expect(configProblemWith({ ORDO_API_PORT: 'eighty' })).toMatch(/^Invalid configuration: ORDO_API_PORT /);
    expect(configProblemWith({ ORDO_API_PORT: '70000' })).toContain('ORDO_API_PORT');
    expect(configProblemWith({ TEMPORAL_ADDRESS: 'localhost' })).toMatch(/TEMPORAL_ADDRESS .*host:port/);
    expect(configProblemWith({ ORDO_API_TOKENS: '{"dev": ' })).toMatch(/ORDO_API_TOKENS is not valid JSON/);
    expect(configProblemWith({ ORDO_API_TOKENS: JSON.stringify({ t: { id: 'bob', roles: ["x' OR 1=1"] } }) })).toMatch(
      /ORDO_API_TOKENS is invalid at t\.roles\.0/,
    );
    expect(configProblemWith({ ORDO_API_TOKENS: '{}' })).toContain('ORDO_API_TOKENS');
  });

  it('signs page tokens with the shared secret when given, else with a key of its own', () => {
    const secret = 'a'.repeat(32);
    expect(loadApiConfig({ ORDO_API_PAGE_TOKEN_SECRET: ` ${secret} ` }).pageTokenSecret).toBe(secret);
    const drawn = [loadApiConfig({}).pageTokenSecret, loadApiConfig({}).pageTokenSecret];
    expect(drawn[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(drawn[0]).not.toBe(drawn[1]);
    expect(configProblemWith({ ORDO_API_PAGE_TOKEN_SECRET: 'short' })).toMatch(/ORDO_API_PAGE_TOKEN_SECRET .*at least 32 characters/);
  });
});
