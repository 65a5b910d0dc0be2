// Docker does not run on the machines that run this suite, so docker-compose.yml and the Dockerfile are
// checked statically against the project's conventions and the services' sources: ports, env wiring, start-up
// order, health checks, search attributes, entry points.
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const YAML = require('yaml');
const { defaultPorts, portVariables, defaultNamespace } = require('../lib/conventions');
const { sdkTypeToCliType } = require('../lib/stack');
const { temporalServer } = require('../lib/temporal-server');
const { allSearchAttributeKeys } = require('@ordo/workflows');
const { servicesVariables, healthRoutes, serviceOf, workerStopNeedsMs } = require('./support/service-sources');
const { ensureComposeSchema } = require('../lib/k8s-tools');

const repoRoot = path.resolve(__dirname, '..', '..');
const composeText = fs.readFileSync(path.join(repoRoot, 'docker-compose.yml'), 'utf8');
const compose = YAML.parse(composeText, { merge: true });
const { services } = compose;

const published = (service) => (service.ports ?? []).map(String);
/** `[host-ip:]host-port:container-port` of a short-syntax port mapping. */
function mappingOf(mapping) {
  const parts = mapping.split(':');
  const [containerPort, hostPort, hostIp] = parts.reverse();
  return { hostIp: hostIp ?? '0.0.0.0', hostPort, containerPort };
}
/** Seconds of a compose duration such as `60s` or `1m30s`. */
function seconds(duration) {
  const match = /^(?:(\d+)m)?(?:(\d+)s)?$/.exec(String(duration));
  if (!match || (!match[1] && !match[2])) throw new Error(`cannot read the duration "${duration}"`);
  return Number(match[1] ?? 0) * 60 + Number(match[2] ?? 0);
}
/** One-shot jobs: they run to completion on each `up` and are never restarted. */
const jobs = Object.keys(services).filter((name) => services[name].restart === 'no');
const longRunning = Object.keys(services).filter((name) => !jobs.includes(name));
/** The Ordo services (built from the image) by name, with the service each container runs. */
const ordoServices = Object.entries(services)
  .filter(([, service]) => service.build)
  .map(([name, service]) => ({ name, service, runs: serviceOf(service) }));
const runningOf = (runs) => ordoServices.filter((entry) => entry.runs === runs);
const environmentOf = (service) =>
  Object.fromEntries(Object.entries(service.environment ?? {}).map(([name, value]) => [name, String(value)]));
/** The value compose gives a variable that only passes a `${NAME...}` of the host's environment through. */
const passedThrough = (value) => /^\$\{([A-Z_]+)(:[?-][^}]*)?\}$/.exec(value)?.[1];

/**
 * The file as Docker Compose validates it: after interpolation, a required `${NAME:?...}` given a placeholder, a
 * `${NAME:-default}` its default, `$$` one `$`.
 */
function interpolated(value) {
  if (Array.isArray(value)) return value.map(interpolated);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, interpolated(entry)]));
  if (typeof value !== 'string') return value;
  return value
    .replace(/\$\{[A-Z_]+:\?[^}]*\}/g, 'placeholder-of-at-least-32-characters-0123456789')
    .replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1')
    .replaceAll('$$', '$');
}

test('Docker Compose would accept the file: the Compose Specification schema of compose-go', async () => {
  // The schema is draft 2020-12 ($defs, unevaluatedProperties): ajv documents this path as that draft's entry point.
  // eslint-disable-next-line no-restricted-syntax
  const Ajv2020 = require('ajv/dist/2020');
  const schema = JSON.parse(fs.readFileSync(await ensureComposeSchema(), 'utf8'));
  const validate = new Ajv2020({ strict: false, allErrors: true }).compile(schema);
  const valid = validate(interpolated(compose));
  expect(valid ? [] : validate.errors.map((error) => `${error.instancePath} ${error.message}`)).toEqual([]);
  // And it refuses what Compose refuses: a misspelt key.
  const misspelt = { services: { api: { image: 'x:1', healthcheck: { test: ['CMD', 'true'], retrys: 3 } } } };
  expect(validate(misspelt)).toBe(false);
});

test("every `$` is compose's: `${NAME...}` of the host's environment, or `$$` for the container's shell and nginx", () => {
  const strings = [];
  const collect = (value) => {
    if (typeof value === 'string') strings.push(value);
    else if (value && typeof value === 'object') Object.values(value).forEach(collect);
  };
  collect(compose);
  const stray = strings
    .map((value) => value.replaceAll('$$', '').replace(/\$\{[A-Z_]+(:[?-][^}]*)?\}/g, ''))
    .filter((value) => value.includes('$'));
  expect(stray).toEqual([]);
});

test("each job's script is valid shell as the container receives it", () => {
  for (const job of jobs) {
    expect(services[job].entrypoint).toEqual(['/bin/sh', '-ec']);
    const script = services[job].command[0].replaceAll('$$', '$');
    const check = spawnSync('sh', ['-n', '-c', script], { encoding: 'utf8' });
    expect({ job, status: check.status, stderr: check.stderr }).toEqual({ job, status: 0, stderr: '' });
  }
});

test('has the production-shaped stack: Temporal on PostgreSQL, two APIs behind a proxy, two workers, monitoring', () => {
  expect(Object.keys(services).sort()).toEqual([
    'api',
    'api-extractor',
    'api-proxy',
    'grafana',
    'postgres',
    'prometheus',
    'sandbox',
    'temporal',
    'temporal-namespace',
    'temporal-schema',
    'temporal-ui',
    'worker',
    'worker-2',
  ]);
  expect(jobs.sort()).toEqual(['temporal-namespace', 'temporal-schema']);
  expect(runningOf('api').map(({ name }) => name)).toEqual(['api', 'api-extractor']);
  expect(runningOf('worker').map(({ name }) => name)).toEqual(['worker', 'worker-2']);
});

test('every long-running service has a health check and restarts; a job has neither and is awaited to completion', () => {
  for (const name of longRunning) {
    expect({ name, healthcheck: Array.isArray(services[name].healthcheck?.test) }).toEqual({ name, healthcheck: true });
    expect({ name, restart: services[name].restart }).toEqual({ name, restart: 'unless-stopped' });
  }
  for (const [name, service] of Object.entries(services)) {
    for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
      expect(Object.keys(services)).toContain(dependency);
      const expected = jobs.includes(dependency) ? 'service_completed_successfully' : 'service_healthy';
      expect({ name, dependency, condition }).toEqual({ name, dependency, condition: expected });
    }
  }
  for (const job of jobs) expect(services[job].healthcheck).toBeUndefined();
});

test('starts in order: database, schema, server, namespace, then Ordo; the proxy after both APIs', () => {
  const after = (name) => Object.keys(services[name].depends_on ?? {}).sort();
  expect(after('temporal-schema')).toEqual(['postgres']);
  expect(after('temporal')).toEqual(['temporal-schema']);
  expect(after('temporal-namespace')).toEqual(['temporal']);
  expect(after('temporal-ui')).toEqual(['temporal-namespace']);
  for (const { name } of runningOf('worker')) expect(after(name)).toEqual(['sandbox', 'temporal-namespace']);
  for (const { name } of runningOf('api')) expect(after(name)).toEqual(['temporal-namespace', 'worker']);
  expect(after('api-proxy')).toEqual(['api', 'api-extractor']);
  expect(after('grafana')).toEqual(['prometheus']);
  // No cycle: every service starts after finitely many others.
  const depth = (name, seen = []) => {
    if (seen.includes(name)) throw new Error(`depends_on cycle: ${[...seen, name].join(' → ')}`);
    return Math.max(0, ...after(name).map((dependency) => 1 + depth(dependency, [...seen, name])));
  };
  for (const name of Object.keys(services)) depth(name);
});

test('every image is pinned to a release; Temporal server and admin tools to the release the local backend builds', () => {
  for (const [name, service] of Object.entries(services)) {
    if (service.build) {
      expect(service.image).toBe('ordo:local');
      expect(service.build.dockerfile).toBe('deploy/docker/Dockerfile');
      expect(fs.existsSync(path.join(repoRoot, service.build.context, service.build.dockerfile))).toBe(true);
      continue;
    }
    expect({ name, image: service.image }).toEqual({
      name,
      image: expect.stringMatching(/^[a-z0-9./-]+:v?\d+\.\d+(\.\d+)?(-[a-z0-9]+)?$/),
    });
  }
  for (const name of ['temporal-schema', 'temporal-namespace']) {
    expect(services[name].image).toBe(`temporalio/admin-tools:${temporalServer.version}`);
  }
  expect(services.temporal.image).toBe(`temporalio/server:${temporalServer.version}`);
});

test('every named volume is declared, and every declared one is used', () => {
  const used = Object.values(services).flatMap((service) =>
    (service.volumes ?? []).filter((volume) => !volume.startsWith('./')).map((volume) => volume.split(':')[0]),
  );
  expect([...new Set(used)].sort()).toEqual(Object.keys(compose.volumes).sort());
  expect(services.postgres.volumes).toContain('postgres-data:/var/lib/postgresql/data');
});

test('publishes each host port once', () => {
  const hostPorts = Object.values(services).flatMap((service) =>
    published(service).map((mapping) => mappingOf(mapping).hostPort),
  );
  expect(new Set(hostPorts).size).toBe(hostPorts.length);
});

test('publishes the API (through its proxy) on the host, the UIs and Temporal on 127.0.0.1 only, and nothing else', () => {
  const publishedPorts = Object.fromEntries(
    Object.entries(services)
      .filter(([, service]) => published(service).length > 0)
      .map(([name, service]) => [name, published(service).map(mappingOf)]),
  );
  const loopback = (port, containerPort = port) => [
    { hostIp: '127.0.0.1', hostPort: String(port), containerPort: String(containerPort) },
  ];
  expect(publishedPorts).toEqual({
    'api-proxy': [{ hostIp: '0.0.0.0', hostPort: String(defaultPorts.api), containerPort: String(defaultPorts.api) }],
    temporal: loopback(defaultPorts.temporal),
    'temporal-ui': loopback(defaultPorts.temporalUi),
    prometheus: loopback(9090),
    grafana: loopback(3001, 3000),
  });
});

describe('Temporal on PostgreSQL', () => {
  const database = services.postgres.environment;
  const schemaJob = services['temporal-schema'];
  const server = services.temporal.environment;

  test('PostgreSQL keeps its data in a named volume, is checked for readiness, and has no default password', () => {
    expect(services.postgres.image).toMatch(/^postgres:\d+\.\d+$/);
    expect(services.postgres.healthcheck.test).toEqual([
      'CMD',
      'pg_isready',
      '-U',
      database.POSTGRES_USER,
      '-d',
      'postgres',
    ]);
    expect(database.POSTGRES_PASSWORD).toMatch(/^\$\{POSTGRES_PASSWORD:\?[^}]+\}$/);
  });

  test('the schema job creates both databases and applies the release schemas with the release schema tool', () => {
    const env = schemaJob.environment;
    expect(env).toMatchObject({ SQL_PLUGIN: 'postgres12', SQL_HOST: 'postgres', SQL_USER: database.POSTGRES_USER });
    expect(env.SQL_PASSWORD).toBe(database.POSTGRES_PASSWORD);
    const script = schemaJob.command.join('\n');
    // Each database and the schema of it that the server's template expects (DBNAME, VISIBILITY_DBNAME).
    expect(script).toContain(`temporal:${server.DBNAME}`);
    expect(script).toContain(`visibility:${server.VISIBILITY_DBNAME}`);
    for (const step of ['create-database', 'setup-schema -v 0.0', 'update-schema --schema-name "postgresql/v12/']) {
      expect(script).toContain(`temporal-sql-tool --db "$$database" ${step}`);
    }
    // Run again on every `up`: an existing database is fine, any other failure stops the stack.
    expect(script).toMatch(/grep -q 'already exists' \|\| \{ echo "\$\$output"; exit 1; \}/);
  });

  test('the server uses PostgreSQL for history and SQL visibility, with the same credentials', () => {
    expect(server).toMatchObject({
      DB: 'postgres12',
      POSTGRES_SEEDS: 'postgres',
      POSTGRES_USER: database.POSTGRES_USER,
    });
    expect(server.POSTGRES_PWD).toBe(database.POSTGRES_PASSWORD);
    expect(server.ENABLE_ES).toBeUndefined();
    expect(server.BIND_ON_IP).toBe('0.0.0.0');
    const [dynamicConfig] = services.temporal.configs;
    expect(dynamicConfig.target).toBe(server.DYNAMIC_CONFIG_FILE_PATH);
    expect(compose.configs[dynamicConfig.source].content).toBeDefined();
  });

  test('the namespace job registers the namespace the services use and exactly the search attributes the processes declare', () => {
    const job = services['temporal-namespace'];
    expect(job.environment.TEMPORAL_ADDRESS).toBe(`temporal:${defaultPorts.temporal}`);
    expect(job.environment.TEMPORAL_NAMESPACE).toBe(defaultNamespace);
    const declared = job.environment.ORDO_SEARCH_ATTRIBUTES.split(/\s+/).sort();
    const expected = allSearchAttributeKeys.map((key) => `${key.name}=${sdkTypeToCliType[key.type]}`).sort();
    expect(declared).toEqual(expected);
    const script = job.command.join('\n');
    expect(script).toContain('temporal operator namespace create');
    expect(script).toContain('for attribute in $$ORDO_SEARCH_ATTRIBUTES');
    // Only what is missing: a second `up` must not fail on attributes that exist.
    expect(script).toMatch(/grep -qw "\$\$name" \|\|\s+temporal operator search-attribute create/);
    // Bounded waits: a server that never comes up fails the job instead of hanging it.
    expect(script.match(/\[ "\$\$attempt" -lt \d+ \] \|\| exit 1/g)).toHaveLength(2);
  });
});

test('the Temporal UI is a pinned temporalio/ui, read-only, on the conventional UI port', () => {
  const ui = services['temporal-ui'];
  expect(ui.image).toMatch(/^temporalio\/ui:\d+\.\d+\.\d+$/);
  expect(ui.environment.TEMPORAL_ADDRESS).toBe(`temporal:${defaultPorts.temporal}`);
  expect(String(ui.environment.TEMPORAL_UI_PORT)).toBe(String(defaultPorts.temporalUi));
  // The variable of temporalio/ui's config template (server/config/docker.yaml: disableWriteActions).
  expect(String(ui.environment.TEMPORAL_DISABLE_WRITE_ACTIONS)).toBe('true');
});

test.each([
  ['sandbox', 'sandbox', ['sandbox']],
  ['worker', 'worker', ['workerMetrics', 'workerHealth']],
  ['worker-2', 'worker', ['workerMetrics', 'workerHealth']],
  ['api', 'api', ['api']],
  ['api-extractor', 'api', ['api']],
])(
  '%s runs the %s from the shared image, on its conventional ports, checked on a real health route',
  (name, runs, portKeys) => {
    const service = services[name];
    expect(serviceOf(service)).toBe(runs);
    for (const key of portKeys) {
      expect(String(service.environment[portVariables[key]])).toBe(String(defaultPorts[key]));
    }
    const healthPort = defaultPorts[runs === 'worker' ? 'workerHealth' : runs];
    const [, route] = /127\.0\.0\.1:(?:\d+)(\/[^']*)'/.exec(service.healthcheck.test.join(' '));
    expect(service.healthcheck.test.join(' ')).toContain(`127.0.0.1:${healthPort}${route}'`);
    expect(healthRoutes[runs].has(route)).toBe(true);
    if (runs !== 'sandbox') expect(route).toBe('/health/ready');
  },
);

test('every variable set for an Ordo service is one it reads, and what each needs off loopback is set', () => {
  for (const { name, service, runs } of ordoServices) {
    const environment = environmentOf(service);
    const unread = Object.keys(environment).filter((variable) => !servicesVariables[runs].has(variable));
    expect({ name, unread }).toEqual({ name, unread: [] });
    const required = [...servicesVariables[runs].values()].filter((variable) => variable.required);
    expect({ name, missing: required.filter((variable) => !environment[variable.name]) }).toEqual({
      name,
      missing: [],
    });
    if (runs === 'sandbox') continue;
    // The image sets NODE_ENV=production: without a key ring neither the API nor a worker starts.
    expect(passedThrough(environment.ORDO_CODEC_KEYS)).toBe('ORDO_CODEC_KEYS');
  }
  const codecKeys = new Set(ordoServices.map(({ service }) => service.environment.ORDO_CODEC_KEYS).filter(Boolean));
  expect(codecKeys.size).toBe(1);
});

test('both APIs share one page-token secret, which must be set, and exactly one runs the mining extractor', () => {
  const apis = runningOf('api');
  const secrets = new Set(apis.map(({ service }) => service.environment.ORDO_API_PAGE_TOKEN_SECRET));
  expect([...secrets]).toEqual([expect.stringMatching(/^\$\{ORDO_API_PAGE_TOKEN_SECRET:\?[^}]+\}$/)]);
  const extractors = apis.filter(({ service }) => (service.environment.ORDO_MINING_EXTRACTOR ?? 'on') === 'on');
  expect(extractors.map(({ name }) => name)).toEqual(['api-extractor']);
  // Its stores live on its own named volume, which no other service mounts.
  const [{ service: extractor }] = extractors;
  const [volume, mountPath] = extractor.volumes[0].split(':');
  for (const store of ['ORDO_MINING_STORE', 'ORDO_REPORTS_STORE']) {
    expect(extractor.environment[store].startsWith(`${mountPath}/`)).toBe(true);
  }
  const mounting = Object.entries(services).filter(([, service]) =>
    (service.volumes ?? []).some((entry) => entry.startsWith(`${volume}:`)),
  );
  expect(mounting.map(([name]) => name)).toEqual(['api-extractor']);
});

test('the proxy sends process intelligence and the reports to the extractor, every other route to the API', () => {
  const [config] = services['api-proxy'].configs;
  expect(config.target).toBe('/etc/nginx/conf.d/default.conf');
  const nginx = compose.configs[config.source].content;
  expect(nginx).toContain(`listen ${defaultPorts.api};`);
  const locations = Object.fromEntries(
    [...nginx.matchAll(/location (\S+) \{ proxy_pass http:\/\/([\w-]+):(\d+); \}/g)].map(([, prefix, host, port]) => [
      prefix,
      `${host}:${port}`,
    ]),
  );
  expect(locations).toEqual({
    '/v1/mining/': `api-extractor:${defaultPorts.api}`,
    '/v1/reports': `api-extractor:${defaultPorts.api}`,
    '/': `api:${defaultPorts.api}`,
  });
  expect(nginx).toContain('location = /metrics { return 404; }');
  // nginx's own variables, escaped from compose's interpolation.
  expect(nginx).not.toMatch(/[^$]\$[a-z]/);
});

test('workers are given longer to stop than their shutdown grace plus an external call', () => {
  for (const { name, service } of runningOf('worker')) {
    const environment = environmentOf(service);
    const needsMs = workerStopNeedsMs((variable) => environment[variable]);
    expect({ name, stopsWithinMs: seconds(service.stop_grace_period) * 1000 > needsMs }).toEqual({
      name,
      stopsWithinMs: true,
    });
  }
});

test('each service binds 0.0.0.0 only where other containers reach it (the defaults are loopback)', () => {
  for (const { service } of runningOf('api')) expect(service.environment.ORDO_API_HOST).toBe('0.0.0.0');
  expect(services.sandbox.environment.ORDO_SANDBOX_HOST).toBe('0.0.0.0');
  // Prometheus scrapes the worker's metrics; only the container's own health check calls its health endpoint.
  for (const { service } of runningOf('worker')) {
    expect(service.environment.ORDO_WORKER_METRICS_HOST).toBe('0.0.0.0');
    expect(service.environment.ORDO_WORKER_HEALTH_HOST).toBe('127.0.0.1');
  }
});

test('the API runs without the dev tokens unless asked, on ORDO_API_TOKENS or a JWT issuer from the environment', () => {
  for (const { service } of runningOf('api')) {
    const { environment } = service;
    expect(environment.ORDO_AUTH_DEV_TOKENS).toBe('${ORDO_AUTH_DEV_TOKENS:-off}');
    expect(environment.ORDO_API_TOKENS).toBe('${ORDO_API_TOKENS:-}');
    expect(environment.ORDO_AUTH_JWT_ISSUER).toBe('${ORDO_AUTH_JWT_ISSUER:-}');
  }
  const header = composeText.split('\nname:')[0];
  // Every variable the file requires from the host's environment is explained in the header.
  const required = [...composeText.matchAll(/\$\{([A-Z_]+):\?/g)].map(([, variable]) => variable);
  for (const variable of new Set([...required, 'ORDO_API_TOKENS', 'ORDO_AUTH_JWT_ISSUER', 'ORDO_AUTH_DEV_TOKENS'])) {
    expect(header).toContain(variable);
  }
});

test('the sandbox takes changes only with ORDO_SANDBOX_TOKEN, which every worker sends, and which must be set', () => {
  const token = services.sandbox.environment.ORDO_SANDBOX_TOKEN;
  expect(token).toMatch(/^\$\{ORDO_SANDBOX_TOKEN:\?[^}]+\}$/);
  for (const { service } of runningOf('worker')) expect(service.environment.ORDO_SANDBOX_TOKEN).toBe(token);
});

test('no secret falls back to a well-known value', () => {
  for (const [name, service] of Object.entries(services)) {
    for (const [variable, value] of Object.entries(service.environment ?? {})) {
      if (!/PASSWORD|PWD|TOKEN|SECRET|KEYS/.test(variable) || variable === 'ORDO_AUTH_DEV_TOKENS') continue;
      expect({ name, variable, value: String(value) }).toEqual({
        name,
        variable,
        value: expect.stringMatching(/^\$\{[A-Z_]+:(\?[^}]+|-)\}$/),
      });
    }
  }
});

test('services reach each other by service name on the conventional ports', () => {
  for (const { service } of ordoServices.filter(({ runs }) => runs !== 'sandbox')) {
    expect(service.environment.TEMPORAL_ADDRESS).toBe(`temporal:${defaultPorts.temporal}`);
    expect(service.environment.TEMPORAL_NAMESPACE).toBe(defaultNamespace);
  }
  for (const { service } of runningOf('worker')) {
    expect(service.environment.ORDO_SANDBOX_URL).toBe(`http://sandbox:${defaultPorts.sandbox}`);
  }
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
    const [, temporalMetricsPort] = /^0\.0\.0\.0:(\d+)$/.exec(services.temporal.environment.PROMETHEUS_ENDPOINT);
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
