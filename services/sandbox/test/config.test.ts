import { ConfigError } from '@ordo/config';
import { loadSandboxConfig } from '../src/config';

describe('sandbox configuration', () => {
  it('defaults to the local stack', () => {
    expect(loadSandboxConfig({})).toEqual({ port: 4000, host: '127.0.0.1', logLevel: 'info' });
  });

  it('reads port, host and log level', () => {
    expect(
      loadSandboxConfig({ ORDO_SANDBOX_PORT: '4100', ORDO_SANDBOX_HOST: '0.0.0.0', ORDO_LOG_LEVEL: 'WARN' }),
    ).toEqual({
      port: 4100,
      host: '0.0.0.0',
      logLevel: 'warn',
    });
  });

  it('reads the token that guards mutating routes, and never echoes a bad one', () => {
    expect(loadSandboxConfig({ ORDO_SANDBOX_TOKEN: ' 0123456789abcdef ' })).toMatchObject({
      token: '0123456789abcdef',
    });
    expect(loadSandboxConfig({ ORDO_SANDBOX_TOKEN: '' })).not.toHaveProperty('token');
    expect(() => loadSandboxConfig({ ORDO_SANDBOX_TOKEN: 'short-secret' })).toThrow(
      'ORDO_SANDBOX_TOKEN must be at least 16 characters',
    );
    expect(() => loadSandboxConfig({ ORDO_SANDBOX_TOKEN: 'short-secret' })).not.toThrow(/short-secret/);
  });

  it('names the bad variable', () => {
    expect(() => loadSandboxConfig({ ORDO_SANDBOX_PORT: 'four-thousand' })).toThrow(
      'ORDO_SANDBOX_PORT must be a port number between 0 and 65535 (got "four-thousand")',
    );
    expect(() => loadSandboxConfig({ ORDO_SANDBOX_PORT: '70000' })).toThrow(/ORDO_SANDBOX_PORT/);
    expect(() => loadSandboxConfig({ ORDO_LOG_LEVEL: 'loud' })).toThrow(
      /ORDO_LOG_LEVEL must be one of .*\(got "loud"\)/,
    );
  });

  it('names every bad variable in one error', () => {
    expect(() =>
      loadSandboxConfig({ ORDO_SANDBOX_PORT: '-1', ORDO_LOG_LEVEL: 'loud', ORDO_SANDBOX_TOKEN: 'short-secret' }),
    ).toThrow(
      new ConfigError([
        { variable: 'ORDO_SANDBOX_PORT', problem: 'must be a port number between 0 and 65535 (got "-1")' },
        { variable: 'ORDO_SANDBOX_TOKEN', problem: 'must be at least 16 characters (e.g. openssl rand -hex 16)' },
        {
          variable: 'ORDO_LOG_LEVEL',
          problem: 'must be one of fatal, error, warn, info, debug, trace, silent (got "loud")',
        },
      ]).message,
    );
  });
});
