// Docker does not run on the machines that run this suite, so docker-compose.yml and the Dockerfile are
// checked statically against the project's conventions: ports, env wiring, search attributes, entry points.
const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');
const { defaultPorts, portVariables, defaultNamespace } = require('../lib/conventions');
const { sdkTypeToCliType } = require('../lib/stack');
const { allSearchAttributeKeys } = require('@ordo/workflows');

const repoRoot = path.resolve(__dirname, '..', '..');
const compose = YAML.parse(fs.readFileSync(path.join(repoRoot, 'docker-compose.yml'), 'utf8'), { merge: true });
const { services } = compose;

const published = (service) => (service.ports ?? []).map(String);
/** `[host-ip:]host-port:container-port` of a short-syntax port mapping. */
function mappingOf(mapping) {
  const parts = mapping.split(':');
  const [containerPort, hostPort, hostIp] = parts.reverse();
  return { hostIp: hostIp ?? '0.0.0.0', hostPort, containerPort };
}
const entryOf = (service) => service.command.join(' ');
/** Flags given as `--name=value` or `--name value`, as the Temporal CLI accepts both. */
function flagValues(command, name) {
  const values = [];
  command.forEach((arg, index) => {
    if (arg === `--${name}`) values.push(command[index + 1]);
    else if (arg.startsWith(`--${name}=`)) values.push(arg.slice(name.length + 3));
  });
  return values;
}

test('has exactly the stack: temporal and its UI, sandbox, worker, api, and prometheus and grafana to watch it', () => {
  expect(Object.keys(services).sort()).toEqual([
    'api',
    'grafana',
    'prometheus',
    'sandbox',
    'temporal',
    'temporal-ui',
    'worker',
  ]);
});

test('publishes each host port once', () => {
  const hostPorts = Object.values(services).flatMap((service) =>
    published(service).map((mapping) => mappingOf(mapping).hostPort),
  );
  expect(new Set(hostPorts).size).toBe(hostPorts.length);
});

test('publishes the API on the host, the UIs and Temporal on 127.0.0.1 only, and nothing else', () => {
  const publishedPorts = Object.fromEntries(
    Object.entries(services)
      .filter(([, service]) => published(service).length > 0)
      .map(([name, service]) => [name, published(service).map(mappingOf)]),
  );
  const loopback = (port, containerPort = port) => [
    { hostIp: '127.0.0.1', hostPort: String(port), containerPort: String(containerPort) },
  ];
  expect(publishedPorts).toEqual({
    api: [{ hostIp: '0.0.0.0', hostPort: String(defaultPorts.api), containerPort: String(defaultPorts.api) }],
    temporal: loopback(defaultPorts.temporal),
    'temporal-ui': loopback(defaultPorts.temporalUi),
    prometheus: loopback(9090),
    grafana: loopback(3001, 3000),
  });
});

test('Temporal listens on the conventional port, without its built-in UI, and registers every search attribute the processes use', () => {
  const { command } = services.temporal;
  expect(command.slice(0, 2)).toEqual(['server', 'start-dev']);
  expect(flagValues(command, 'ip')).toEqual(['0.0.0.0']);
  expect(flagValues(command, 'port')).toEqual([String(defaultPorts.temporal)]);
  // The built-in UI has no read-only mode: temporal-ui serves it.
  expect(command).toContain('--headless');
  expect(flagValues(command, 'ui-port')).toEqual([]);
  const expected = allSearchAttributeKeys.map((key) => `${key.name}=${sdkTypeToCliType[key.type]}`).sort();
  expect(flagValues(command, 'search-attribute').sort()).toEqual(expected);
});

test('the Temporal UI is a pinned temporalio/ui, read-only, on the conventional UI port', () => {
  const ui = services['temporal-ui'];
  expect(ui.image).toMatch(/^temporalio\/ui:\d+\.\d+\.\d+$/);
  expect(ui.environment.TEMPORAL_ADDRESS).toBe(`temporal:${defaultPorts.temporal}`);
  expect(String(ui.environment.TEMPORAL_UI_PORT)).toBe(String(defaultPorts.temporalUi));
  // The variable of temporalio/ui's config template (server/config/docker.yaml: disableWriteActions).
  expect(String(ui.environment.TEMPORAL_DISABLE_WRITE_ACTIONS)).toBe('true');
  expect(ui.depends_on.temporal.condition).toBe('service_healthy');
});

test.each([
  ['sandbox', 'services/sandbox/dist/main.js', ['sandbox'], `127.0.0.1:${defaultPorts.sandbox}/health'`],
  [
    'worker',
    'services/worker/dist/main.js',
    ['workerMetrics', 'workerHealth'],
    `127.0.0.1:${defaultPorts.workerHealth}/health/ready'`,
  ],
  ['api', 'services/process-api/dist/main.js', ['api'], `127.0.0.1:${defaultPorts.api}/health/ready'`],
])(
  '%s runs %s from the shared image, on its conventional ports, with a health check',
  (name, entry, portKeys, healthUrl) => {
    const service = services[name];
    expect(service.build.dockerfile).toBe('deploy/docker/Dockerfile');
    expect(fs.existsSync(path.join(repoRoot, service.build.context, service.build.dockerfile))).toBe(true);
    expect(entryOf(service)).toBe(`node ${entry}`);
    for (const key of portKeys) {
      expect(String(service.environment[portVariables[key]])).toBe(String(defaultPorts[key]));
    }
    expect(service.healthcheck.test.join(' ')).toContain(healthUrl);
  },
);

test('each service binds 0.0.0.0 only where other containers reach it (the defaults are loopback)', () => {
  expect(services.api.environment.ORDO_API_HOST).toBe('0.0.0.0');
  expect(services.sandbox.environment.ORDO_SANDBOX_HOST).toBe('0.0.0.0');
  // Prometheus scrapes the worker's metrics; only the container's own health check calls its health endpoint.
  expect(services.worker.environment.ORDO_WORKER_METRICS_HOST).toBe('0.0.0.0');
  expect(services.worker.environment.ORDO_WORKER_HEALTH_HOST).toBe('127.0.0.1');
});

test('the API runs without the dev tokens unless asked, on ORDO_API_TOKENS or a JWT issuer from the environment', () => {
  const { environment } = services.api;
  expect(environment.ORDO_AUTH_DEV_TOKENS).toBe('${ORDO_AUTH_DEV_TOKENS:-off}');
  expect(environment.ORDO_API_TOKENS).toBe('${ORDO_API_TOKENS:-}');
  expect(environment.ORDO_AUTH_JWT_ISSUER).toBe('${ORDO_AUTH_JWT_ISSUER:-}');
  const header = fs.readFileSync(path.join(repoRoot, 'docker-compose.yml'), 'utf8').split('\nname:')[0];
  for (const variable of [
    'ORDO_API_TOKENS',
    'ORDO_AUTH_JWT_ISSUER',
    'ORDO_AUTH_DEV_TOKENS',
    'ORDO_SANDBOX_TOKEN',
    'GRAFANA_ADMIN_PASSWORD',
  ]) {
    expect(header).toContain(variable);
  }
});

test('the sandbox takes changes only with ORDO_SANDBOX_TOKEN, which the worker sends, and which must be set', () => {
  const token = services.sandbox.environment.ORDO_SANDBOX_TOKEN;
  expect(token).toMatch(/^\$\{ORDO_SANDBOX_TOKEN:\?[^}]+\}$/);
  expect(services.worker.environment.ORDO_SANDBOX_TOKEN).toBe(token);
});

test('no secret falls back to a well-known value', () => {
  for (const [name, service] of Object.entries(services)) {
    for (const [variable, value] of Object.entries(service.environment ?? {})) {
      if (!/PASSWORD|TOKEN|SECRET/.test(variable) || variable === 'ORDO_AUTH_DEV_TOKENS') continue;
      expect({ name, variable, value: String(value) }).toEqual({
        name,
        variable,
        value: expect.stringMatching(/^\$\{[A-Z_]+:(\?[^}]+|-)\}$/),
      });
    }
  }
});

test('services reach each other by service name on the conventional ports', () => {
  for (const name of ['worker', 'api']) {
    expect(services[name].environment.TEMPORAL_ADDRESS).toBe(`temporal:${defaultPorts.temporal}`);
    expect(services[name].environment.TEMPORAL_NAMESPACE).toBe(defaultNamespace);
  }
  expect(services.worker.environment.ORDO_SANDBOX_URL).toBe(`http://sandbox:${defaultPorts.sandbox}`);
  expect(services.worker.depends_on.temporal.condition).toBe('service_healthy');
  expect(services.worker.depends_on.sandbox.condition).toBe('service_healthy');
  expect(services.api.depends_on.temporal.condition).toBe('service_healthy');
});

test('the image binds every interface of its container, as the services default to loopback', () => {
  const dockerfile = fs.readFileSync(path.join(repoRoot, 'deploy/docker/Dockerfile'), 'utf8');
  const finalStage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
  for (const variable of [
    'ORDO_API_HOST',
    'ORDO_SANDBOX_HOST',
    'ORDO_WORKER_METRICS_HOST',
    'ORDO_WORKER_HEALTH_HOST',
  ]) {
    expect(finalStage).toMatch(new RegExp(`\\b${variable}=0\\.0\\.0\\.0\\b`));
  }
});

test('the Dockerfile installs every workspace the root package.json declares, and copies the build of each that runs', () => {
  const dockerfile = fs.readFileSync(path.join(repoRoot, 'deploy/docker/Dockerfile'), 'utf8');
  const { workspaces } = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  const manifests = new Map(
    workspaces.map((workspace) => [
      workspace,
      JSON.parse(fs.readFileSync(path.join(repoRoot, workspace, 'package.json'), 'utf8')),
    ]),
  );
  // A workspace other workspaces use only as a devDependency (test support, dashboards checked by tests) never runs.
  const usedAtRuntime = (name) => [...manifests.values()].some((manifest) => manifest.dependencies?.[name]);
  const usedInDevelopment = (name) => [...manifests.values()].some((manifest) => manifest.devDependencies?.[name]);
  for (const [workspace, manifest] of manifests) {
    // npm ci needs every workspace's manifest to match the lock file.
    expect(dockerfile).toContain(`COPY ${workspace}/package.json ${workspace}/`);
    const developmentOnly = usedInDevelopment(manifest.name) && !usedAtRuntime(manifest.name);
    // Workspaces without a build (rules, benchmarks) have nothing to run in the image.
    if (manifest.scripts?.build && !developmentOnly)
      expect(dockerfile).toContain(`COPY --from=build /app/${workspace}/dist ${workspace}/dist`);
    if (developmentOnly) expect(dockerfile).not.toContain(`/app/${workspace}/dist`);
  }
});

describe('monitoring', () => {
  const prometheusConfig = YAML.parse(fs.readFileSync(path.join(repoRoot, 'deploy/prometheus/prometheus.yml'), 'utf8'));
  const scrapeTargets = Object.fromEntries(
    prometheusConfig.scrape_configs.map((job) => [
      job.job_name,
      job.static_configs.flatMap((config) => config.targets),
    ]),
  );
  /** `host-path:container-path[:ro]` volumes of a service, by container path. */
  const mounts = (service) =>
    Object.fromEntries(
      (service.volumes ?? [])
        .filter((volume) => volume.startsWith('./'))
        .map((volume) => {
          const [source, target] = volume.split(':');
          return [target, source];
        }),
    );

  test('Prometheus scrapes every component by service name on its conventional port', () => {
    const [temporalMetricsPort] = flagValues(services.temporal.command, 'metrics-port');
    expect(temporalMetricsPort).toMatch(/^\d+$/);
    expect(scrapeTargets).toEqual({
      'ordo-api': [`api:${defaultPorts.api}`],
      'ordo-worker': [`worker:${defaultPorts.workerMetrics}`],
      'ordo-sandbox': [`sandbox:${defaultPorts.sandbox}`],
      'temporal-server': [`temporal:${temporalMetricsPort}`],
    });
  });

  test('Prometheus runs a pinned image with the configuration and the rule files it loads', () => {
    const { prometheus } = services;
    expect(prometheus.image).toMatch(/^prom\/prometheus:v\d+\.\d+\.\d+$/);
    expect(prometheus.command).toContain('--config.file=/etc/prometheus/prometheus.yml');
    const mounted = mounts(prometheus);
    expect(mounted['/etc/prometheus/prometheus.yml']).toBe('./deploy/prometheus/prometheus.yml');
    expect(mounted['/etc/prometheus/rules']).toBe('./deploy/prometheus/rules');
    for (const ruleFile of prometheusConfig.rule_files) {
      // Relative to the configuration's directory, inside the container as in the repository.
      expect(ruleFile).toMatch(/^rules\//);
      expect(fs.existsSync(path.join(repoRoot, 'deploy/prometheus', ruleFile))).toBe(true);
    }
  });

  test('Grafana runs a pinned image provisioned with the Prometheus datasource and the generated dashboards', () => {
    const { grafana } = services;
    expect(grafana.image).toMatch(/^grafana\/grafana:\d+\.\d+\.\d+$/);
    const mounted = mounts(grafana);
    expect(mounted['/etc/grafana/provisioning']).toBe('./deploy/grafana/provisioning');
    const provisioning = path.join(repoRoot, 'deploy/grafana/provisioning');
    const [datasource] = YAML.parse(
      fs.readFileSync(path.join(provisioning, 'datasources/prometheus.yml'), 'utf8'),
    ).datasources;
    expect(datasource.url).toBe('http://prometheus:9090');
    const [provider] = YAML.parse(fs.readFileSync(path.join(provisioning, 'dashboards/ordo.yml'), 'utf8')).providers;
    expect(mounted[provider.options.path]).toBe('./deploy/grafana/dashboards');
    const dashboards = fs
      .readdirSync(path.join(repoRoot, 'deploy/grafana/dashboards'))
      .filter((file) => file.endsWith('.json'));
    expect(dashboards.length).toBeGreaterThanOrEqual(5);
    expect(grafana.environment.GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH).toBe(
      `${provider.options.path}/process-overview.json`,
    );
    expect(dashboards).toContain('process-overview.json');
    expect(grafana.depends_on.prometheus.condition).toBe('service_healthy');
  });

  test('Grafana has no anonymous access and no default admin password', () => {
    const { environment } = services.grafana;
    expect(String(environment.GF_AUTH_ANONYMOUS_ENABLED ?? 'false')).toBe('false');
    expect(environment.GF_AUTH_ANONYMOUS_ORG_ROLE).toBeUndefined();
    expect(environment.GF_SECURITY_ADMIN_PASSWORD).toBe('${GRAFANA_ADMIN_PASSWORD:?set GRAFANA_ADMIN_PASSWORD}');
  });
});
