import { ConfigError } from '@ordo/config';
import { loadMiningSettings } from '../../src/mining/mining-settings';
import { isoDurationSeconds } from '../../src/mining/analysis/iso-duration';

it('defaults to an extractor every minute on .data/mining.duckdb; reads the interval in s, m or h', () => {
  expect(loadMiningSettings({})).toEqual({ extractor: true, intervalSeconds: 60, storePath: '.data/mining.duckdb' });
  expect(
    loadMiningSettings({ ORDO_MINING_INTERVAL: '2h', ORDO_MINING_EXTRACTOR: 'off', ORDO_MINING_STORE: ':memory:' }),
  ).toEqual({ extractor: false, intervalSeconds: 7200, storePath: ':memory:' });
});

it.each([
  [{ ORDO_MINING_INTERVAL: '5s' }, 'ORDO_MINING_INTERVAL'],
  [{ ORDO_MINING_INTERVAL: 'hourly' }, 'ORDO_MINING_INTERVAL'],
  [{ ORDO_MINING_EXTRACTOR: 'yes' }, 'ORDO_MINING_EXTRACTOR'],
])('refuses %j naming the variable', (env, variable) => {
  expect(() => loadMiningSettings(env)).toThrow(ConfigError);
  expect(() => loadMiningSettings(env)).toThrow(variable);
});

it('reads SLA targets as ISO 8601 durations without months', () => {
  expect(isoDurationSeconds('P60D')).toBe(60 * 86_400);
  expect(isoDurationSeconds('PT48H')).toBe(48 * 3_600);
  expect(isoDurationSeconds('P1DT12H30M')).toBe(86_400 + 12 * 3_600 + 30 * 60);
  expect(isoDurationSeconds('P1M')).toBeUndefined();
  expect(isoDurationSeconds('P')).toBeUndefined();
});
