// Ports and tokens from the environment, and what `npm start` prints with them.
const { portsFromEnv, devApiTokens, serviceEnv } = require('../lib/conventions');
const { banner, exampleOrder } = require('../lib/banner');
const { orderToCashInputSchema, businessKeyPattern } = require('@ordo/workflows');

describe('portsFromEnv', () => {
  test('serves the local stack by default', () => {
    expect(portsFromEnv({})).toEqual({
      temporal: 7233,
      temporalUi: 8233,
      api: 3000,
      sandbox: 4000,
      workerMetrics: 9464,
      workerHealth: 9465,
    });
  });

  test('takes each port from its variable, and Temporal from TEMPORAL_ADDRESS', () => {
    const ports = portsFromEnv({
      ORDO_API_PORT: '3100',
      ORDO_SANDBOX_PORT: '4100',
      ORDO_WORKER_METRICS_PORT: '9564',
      ORDO_WORKER_HEALTH_PORT: '9565',
      TEMPORAL_ADDRESS: 'localhost:7333',
      ORDO_TEMPORAL_UI_PORT: '8333',
    });
    expect(ports).toEqual({
      temporal: 7333,
      temporalUi: 8333,
      api: 3100,
      sandbox: 4100,
      workerMetrics: 9564,
      workerHealth: 9565,
    });
    expect(serviceEnv(ports)).toMatchObject({
      TEMPORAL_ADDRESS: '127.0.0.1:7333',
      ORDO_SANDBOX_URL: 'http://127.0.0.1:4100',
      ORDO_API_PORT: '3100',
    });
  });

  test.each([
    [{ ORDO_API_PORT: 'three thousand' }, /ORDO_API_PORT must be a TCP port/],
    [{ ORDO_SANDBOX_PORT: '70000' }, /ORDO_SANDBOX_PORT must be a TCP port.*"70000"/],
    [{ ORDO_WORKER_HEALTH_PORT: '-1' }, /ORDO_WORKER_HEALTH_PORT/],
    [{ TEMPORAL_ADDRESS: 'localhost' }, /TEMPORAL_ADDRESS must look like host:port/],
  ])('rejects %j naming the variable', (env, message) => {
    expect(() => portsFromEnv(env)).toThrow(message);
  });
});

test('dev tokens are dev-<role> for the five roles', () => {
  expect(devApiTokens()).toEqual({
    'dev-clerk': { id: 'clerk', roles: ['clerk'] },
    'dev-manager': { id: 'manager', roles: ['manager'] },
    'dev-cfo': { id: 'cfo', roles: ['cfo'] },
    'dev-credit-controller': { id: 'credit-controller', roles: ['credit-controller'] },
    'dev-collections': { id: 'collections', roles: ['collections'] },
  });
});

describe('the start banner', () => {
  const urls = {
    api: 'http://localhost:3000',
    console: 'http://localhost:3000/',
    docs: 'http://localhost:3000/docs',
    apiMetrics: 'http://localhost:3000/metrics',
    temporalUi: 'http://localhost:8233',
    temporalAddress: '127.0.0.1:7233',
    temporalMetrics: 'http://localhost:40123/metrics',
    sandbox: 'http://localhost:4000',
    workerMetrics: 'http://localhost:9464/metrics',
    workerHealth: 'http://localhost:9465/health',
  };
  const render = (env) => banner({ urls, namespace: 'default', dataDir: '/repo/.data', repoRoot: '/repo', env });

  test('lists every URL, the dev tokens and a request that starts an order', () => {
    const text = render({});
    for (const url of Object.values(urls)) expect(text).toContain(url);
    expect(text).toMatch(/Console\s+http:\/\/localhost:3000\//);
    for (const token of Object.keys(devApiTokens())) expect(text).toContain(token);
    expect(text).toContain(`curl -s -X POST ${urls.api}/v1/processes/order-to-cash/instances`);
    expect(text).toContain("-H 'Authorization: Bearer dev-clerk'");
    expect(text).toContain('.data/');
  });

  test('with ORDO_API_TOKENS set, never prints those tokens nor the unused dev ones', () => {
    const text = render({ ORDO_API_TOKENS: JSON.stringify({ 's3cret-ops': { id: 'ops', roles: ['clerk'] } }) });
    expect(text).not.toContain('s3cret-ops');
    expect(text).not.toContain('dev-');
    expect(text).toContain("-H 'Authorization: Bearer <token>'");
  });

  test('its example order is valid input for order-to-cash', () => {
    expect(businessKeyPattern.test(exampleOrder.businessKey)).toBe(true);
    expect(orderToCashInputSchema.safeParse(exampleOrder.input).success).toBe(true);
  });
});
