import { loadWorkerConfig } from '../src/config';

describe('worker configuration', () => {
  it('serves the embedded local stack by default', () => {
    const config = loadWorkerConfig({});
    expect(config).toEqual({
      temporalAddress: 'localhost:7233',
      namespace: 'default',
      taskQueue: 'ordo-processes',
      metricsBindAddress: '0.0.0.0:9464',
      healthHost: '0.0.0.0',
      healthPort: 9465,
    });
  });

  it('names the variable that is wrong', () => {
    expect(() => loadWorkerConfig({ ORDO_WORKER_METRICS_PORT: 'ninety' })).toThrow(/ORDO_WORKER_METRICS_PORT/);
    expect(() => loadWorkerConfig({ ORDO_WORKER_HEALTH_PORT: '70000' })).toThrow(/ORDO_WORKER_HEALTH_PORT/);
  });
});
