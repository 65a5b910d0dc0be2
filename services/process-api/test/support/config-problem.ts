import { ConfigError, loadApiConfig } from '../../src/config/api-config';

/** The message `loadApiConfig` refuses `env` with; fails the test when the configuration is accepted. */
export function configProblemWith(env: Record<string, string>): string {
  try {
    loadApiConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error('configuration was accepted');
}
