// deploy/k8s without a cluster: every overlay is built with kustomize and validated by kubeconform -strict against
// the Kubernetes and CRD schemas (scripts/lib/k8s-tools.js obtains all three, cached), then checked against what
// the services actually read: their env shapes, health routes, shutdown and the one extractor replica.
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const YAML = require('yaml');
const { ordoTaskQueue } = require('@ordo/workflows');
const { loadKeyRingFromEnv } = require('@ordo/codec');
const { ensureK8sTools } = require('../lib/k8s-tools');
const { defaultPorts, portVariables } = require('../lib/conventions');
const {
  servicesVariables,
  externalSystemUrlVariables,
  healthRoutes,
  serviceOf,
  sourceFiles,
  workerStopNeedsMs,
  read,
} = require('./support/service-sources');

const repoRoot = path.resolve(__dirname, '..', '..');
const k8sDir = path.join(repoRoot, 'deploy/k8s');
const overlays = fs.readdirSync(path.join(k8sDir, 'overlays')).sort();

// ---- The manifests, as kustomize builds them ----

let tools;
const built = {};

beforeAll(async () => {
  // The first run on a machine builds both tools with go install and generates the schemas; later runs use the cache.
  tools = await ensureK8sTools({ log: () => {} });
  for (const overlay of overlays) {
    const build = spawnSync(tools.kustomize, ['build', path.join(k8sDir, 'overlays', overlay)], { encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`kustomize build ${overlay} failed:\n${build.stderr}`);
    built[overlay] = {
      yaml: build.stdout,
      resources: YAML.parseAllDocuments(build.stdout).map((document) => document.toJS()),
    };
  }
}, 20 * 60_000);

/** kubeconform -strict's JSON report on `yaml`, against the generated schemas only. */
function kubeconform(yaml) {
  const args = ['-strict', '-summary', '-output', 'json'];
  for (const location of tools.schemas.locations) args.push('-schema-location', location);
  const run = spawnSync(tools.kubeconform, [...args, '-'], { input: yaml, encoding: 'utf8' });
  return { status: run.status, ...JSON.parse(run.stdout) };
}

const resourcesOf = (overlay, kind) => built[overlay].resources.filter((resource) => resource.kind === kind);
const named = (overlay, kind, name) => resourcesOf(overlay, kind).find((resource) => resource.metadata.name === name);
/** Every Deployment's containers with the service each runs. */
const containersOf = (overlay) =>
  resourcesOf(overlay, 'Deployment').flatMap((deployment) =>
    deployment.spec.template.spec.containers.map((container) => ({
      deployment,
      container,
      service: serviceOf(container),
    })),
  );

/** A container's environment as the pod sees it: `{ NAME: { value } | { secret: [name, key] } }`, each with where from. */
function environmentOf(overlay, container) {
  const environment = {};
  for (const source of container.envFrom ?? []) {
    const configMap = named(overlay, 'ConfigMap', source.configMapRef?.name);
    if (!configMap) throw new Error(`envFrom names ConfigMap ${source.configMapRef?.name}, which the build lacks`);
    for (const [name, value] of Object.entries(configMap.data ?? {})) environment[name] = { value, from: 'configMap' };
  }
  for (const variable of container.env ?? []) {
    const ref = variable.valueFrom?.secretKeyRef;
    environment[variable.name] = {
      ...(ref ? { secret: [ref.name, ref.key] } : { value: variable.value }),
      from: 'env',
    };
  }
  return environment;
}

describe.each(overlays)('overlay %s', (overlay) => {
  test('kubeconform -strict accepts every resource, each against its own schema (none skipped)', () => {
    const report = kubeconform(built[overlay].yaml);
    expect({ status: report.status, invalid: report.resources }).toEqual({ status: 0, invalid: [] });
    expect(report.summary).toEqual({
      valid: built[overlay].resources.length,
      invalid: 0,
      errors: 0,
      skipped: 0,
    });
  });

  test('every container runs an Ordo service from a tagged image, with requests and limits', () => {
    for (const { container } of containersOf(overlay)) {
      expect(container.image).toMatch(/^[^:]+:(?!latest$)[\w.-]+$/);
      for (const bound of ['requests', 'limits']) {
        expect(Object.keys(container.resources?.[bound] ?? {}).sort()).toEqual(['cpu', 'memory']);
      }
    }
  });

  test('every variable a service reads without a default is set, and every variable set is one it reads', () => {
    expect(servicesVariables.api.size).toBeGreaterThan(20);
    expect(servicesVariables.worker.size).toBeGreaterThan(15);
    for (const { container, service } of containersOf(overlay)) {
      const environment = environmentOf(overlay, container);
      const known = servicesVariables[service];
      const required = [...known.values()].filter((variable) => variable.required).map(({ name }) => name);
      expect({ service, missing: required.filter((name) => !environment[name]) }).toEqual({ service, missing: [] });
      // The config map is shared by every container: a variable there needs one service that reads it.
      const readBySome = (name) => Object.values(servicesVariables).some((variables) => variables.has(name));
      const unread = Object.entries(environment)
        .filter(([name]) => /^(ORDO|TEMPORAL)_/.test(name) && !known.has(name))
        .filter(([name, { from }]) => from === 'env' || !readBySome(name))
        .map(([name]) => name);
      expect({ service, unread }).toEqual({ service, unread: [] });
    }
  });

  test('the API and the worker have the codec key ring, the API its callers and one shared page-token secret', () => {
    const pageTokenSecrets = new Set();
    for (const { container, service } of containersOf(overlay)) {
      const environment = environmentOf(overlay, container);
      if (service === 'sandbox') continue;
      // The image sets NODE_ENV=production: without a key ring neither starts.
      expect(environment.ORDO_CODEC_KEYS ?? environment.ORDO_CODEC_KEY_FILE).toBeDefined();
      if (service !== 'api') continue;
      // Off loopback the API refuses the dev tokens: it needs tokens or a JWT issuer.
      expect(environment.ORDO_API_TOKENS ?? environment.ORDO_AUTH_JWT_ISSUER).toBeDefined();
      expect(environment.ORDO_AUTH_DEV_TOKENS?.value ?? 'off').toBe('off');
      expect(environment.ORDO_API_PAGE_TOKEN_SECRET?.secret).toBeDefined();
      pageTokenSecrets.add(JSON.stringify(environment.ORDO_API_PAGE_TOKEN_SECRET.secret));
    }
    expect(pageTokenSecrets.size).toBe(1);
  });

  test('secrets: generated here with usable placeholders, or documented as created beforehand', () => {
    const referenced = new Map();
    for (const { container } of containersOf(overlay)) {
      for (const { secret } of Object.values(environmentOf(overlay, container))) {
        if (secret) referenced.set(secret.join('/'), secret);
      }
    }
    const kustomization = fs.readFileSync(path.join(k8sDir, 'overlays', overlay, 'kustomization.yaml'), 'utf8');
    for (const [name, key] of referenced.values()) {
      const secret = named(overlay, 'Secret', name);
      if (!secret) {
        // Not in the build: the overlay says how to create it, key by key.
        expect(kustomization).toContain(`create secret generic ${name}`);
        expect(kustomization).toContain(key);
        continue;
      }
      expect(secret.data?.[key]).toBeDefined();
    }
    for (const secret of resourcesOf(overlay, 'Secret')) {
      const value = (key) => Buffer.from(secret.data[key], 'base64').toString('utf8');
      if (secret.data['codec-keys']) expect(loadKeyRingFromEnv({ ORDO_CODEC_KEYS: value('codec-keys') })).toBeDefined();
      if (secret.data['page-token-secret']) expect(value('page-token-secret').length).toBeGreaterThanOrEqual(32);
      if (secret.data['sandbox-token']) expect(value('sandbox-token').length).toBeGreaterThanOrEqual(16);
    }
  });

  test('exactly one API replica runs the mining extractor, never two at once, with its stores on a volume', () => {
    const extractors = containersOf(overlay).filter(
      ({ service, container }) =>
        service === 'api' && (environmentOf(overlay, container).ORDO_MINING_EXTRACTOR?.value ?? 'on') === 'on',
    );
    expect(extractors).toHaveLength(1);
    const [{ deployment, container }] = extractors;
    expect(deployment.spec.replicas).toBe(1);
    // A rolling update would run the old and the new pod side by side on one DuckDB file.
    expect(deployment.spec.strategy.type).toBe('Recreate');
    const environment = environmentOf(overlay, container);
    const mounts = (container.volumeMounts ?? []).map((mount) => mount.mountPath);
    for (const store of ['ORDO_MINING_STORE', 'ORDO_REPORTS_STORE']) {
      expect(mounts.some((mount) => environment[store]?.value?.startsWith(`${mount}/`))).toBe(true);
    }
    // Its routes reach it: the ingress sends the mining and report prefixes to its Service.
    const service = resourcesOf(overlay, 'Service').find(
      (candidate) => candidate.spec.selector?.['app.kubernetes.io/component'] === 'api-extractor',
    );
    const paths = resourcesOf(overlay, 'Ingress').flatMap((ingress) =>
      ingress.spec.rules.flatMap((rule) => rule.http.paths),
    );
    const controllers = sourceFiles('services/process-api/src', /controller\.ts$/).map((file) => read(file));
    for (const prefix of ['/v1/mining', '/v1/reports']) {
      expect(controllers.some((source) => source.includes(`@Controller('${prefix.slice(1)}`))).toBe(true);
      const route = paths.find((entry) => entry.path === prefix);
      expect(route?.backend.service.name).toBe(service.metadata.name);
    }
  });

  test('probes call real health routes on the ports the services listen on', () => {
    for (const { container, service } of containersOf(overlay)) {
      const environment = environmentOf(overlay, container);
      for (const probe of ['readinessProbe', 'livenessProbe']) {
        const { path: route, port } = container[probe].httpGet;
        expect({ service, probe, route, known: healthRoutes[service].has(route) }).toEqual({
          service,
          probe,
          route,
          known: true,
        });
        const containerPort = container.ports.find((entry) => entry.name === port || entry.containerPort === port);
        const portKey = { api: 'api', sandbox: 'sandbox', worker: 'workerHealth' }[service];
        const listening = Number(environment[portVariables[portKey]]?.value ?? defaultPorts[portKey]);
        expect({ service, probe, port: containerPort?.containerPort }).toEqual({ service, probe, port: listening });
      }
      if (service === 'api') expect(container.readinessProbe.httpGet.path).toBe('/health/ready');
      if (service !== 'sandbox') expect(container.livenessProbe.httpGet.path).toBe('/health/live');
    }
  });

  test('the worker is given longer to stop than its shutdown grace plus an external call', () => {
    const [{ deployment, container }] = containersOf(overlay).filter(({ service }) => service === 'worker');
    const environment = environmentOf(overlay, container);
    const needsMs = workerStopNeedsMs((name) => environment[name]?.value);
    expect(deployment.spec.template.spec.terminationGracePeriodSeconds * 1000).toBeGreaterThan(needsMs);
  });

  test('the worker scales on the backlog of its own task queue, and egresses only to Temporal, DNS and its systems', () => {
    const [{ deployment, container }] = containersOf(overlay).filter(({ service }) => service === 'worker');
    const environment = environmentOf(overlay, container);
    const [scaler] = resourcesOf(overlay, 'ScaledObject');
    expect(scaler.spec.scaleTargetRef.name).toBe(deployment.metadata.name);
    const [trigger] = scaler.spec.triggers;
    expect(trigger.type).toBe('temporal');
    expect(environment[trigger.metadata.taskQueueFromEnv].value).toBe(ordoTaskQueue);
    expect(environment[trigger.metadata.endpointFromEnv].value).toMatch(/^[\w.-]+:\d+$/);
    // KEDA manages the replica count; a count in the Deployment would fight it on every apply.
    expect(deployment.spec.replicas).toBeUndefined();

    const labels = deployment.spec.template.metadata.labels;
    const selects = (policy) =>
      Object.entries(policy.spec.podSelector.matchLabels ?? {}).every(([key, value]) => labels[key] === value) &&
      (policy.spec.podSelector.matchExpressions ?? []).every((rule) => rule.values.includes(labels[rule.key]));
    const policies = resourcesOf(overlay, 'NetworkPolicy').filter(selects);
    expect(policies.some((policy) => policy.spec.policyTypes.includes('Egress') && !policy.spec.egress)).toBe(true);
    const egressPorts = new Set(
      policies.flatMap((policy) => (policy.spec.egress ?? []).flatMap((rule) => rule.ports.map((port) => port.port))),
    );
    const temporalPort = Number(environment.TEMPORAL_ADDRESS.value.split(':').pop());
    const systemPorts = [
      443,
      ...(environment.ORDO_SANDBOX_URL ? [Number(new URL(environment.ORDO_SANDBOX_URL.value).port)] : []),
    ];
    expect([...egressPorts].sort()).toEqual([53, temporalPort, ...systemPorts].sort());
    // External systems are either the sandbox or each given its own address.
    if (!environment.ORDO_SANDBOX_URL) {
      expect(externalSystemUrlVariables.filter((name) => !environment[name])).toEqual([]);
    }
  });

  test('the API is reachable on its port, kept available through disruptions, and scraped like the worker', () => {
    const apiPods = containersOf(overlay).filter(({ service }) => service === 'api');
    const policies = resourcesOf(overlay, 'NetworkPolicy');
    for (const { deployment } of apiPods) {
      const labels = deployment.spec.template.metadata.labels;
      const ingressPorts = policies
        .filter((policy) =>
          (policy.spec.podSelector.matchExpressions ?? []).some((rule) => rule.values.includes(labels[rule.key])),
        )
        .flatMap((policy) => (policy.spec.ingress ?? []).flatMap((rule) => rule.ports.map((port) => port.port)));
      expect(ingressPorts).toContain(defaultPorts.api);
    }
    const pdb = named(overlay, 'PodDisruptionBudget', 'ordo-api');
    expect(pdb.spec.selector.matchLabels['app.kubernetes.io/component']).toBe('api');
    const monitors = resourcesOf(overlay, 'ServiceMonitor');
    const scraped = monitors.flatMap((monitor) =>
      monitor.spec.endpoints.map((endpoint) => `${endpoint.port} ${endpoint.path}`),
    );
    expect(scraped.sort()).toEqual(['http /metrics', 'metrics /metrics']);
  });
});

test('the schemas are strict: a misspelt field is refused in a built-in kind and in each CRD kind', () => {
  const resource = (apiVersion, kind, spec) => YAML.stringify({ apiVersion, kind, metadata: { name: 'x' }, spec });
  const misspelt = [
    resource('apps/v1', 'Deployment', {
      selector: { matchLabels: { a: 'b' } },
      template: {
        metadata: { labels: { a: 'b' } },
        spec: { containers: [{ name: 'c', image: 'c:1', readinessprobe: {} }] },
      },
    }),
    resource('monitoring.coreos.com/v1', 'ServiceMonitor', { selector: {}, endpoints: [{ port: 'http', pathh: '/' }] }),
    resource('keda.sh/v1alpha1', 'ScaledObject', { scaleTargetRef: { name: 'x' }, triggers: [], minReplicas: 1 }),
  ];
  const report = kubeconform(misspelt.join('---\n'));
  expect(report.summary).toEqual({ valid: 0, invalid: 3, errors: 0, skipped: 0 });
  const messages = report.resources.map((entry) => entry.msg);
  for (const field of ['readinessprobe', 'pathh', 'minReplicas']) {
    const refusals = messages.filter((message) => message.includes(`additional properties '${field}' not allowed`));
    expect({ field, refusals: refusals.length }).toEqual({ field, refusals: 1 });
  }
});

test('prod runs two API replicas and at least two workers on a registry image', () => {
  expect(named('prod', 'Deployment', 'ordo-api').spec.replicas).toBeGreaterThanOrEqual(2);
  expect(resourcesOf('prod', 'ScaledObject')[0].spec.minReplicaCount).toBeGreaterThanOrEqual(2);
  for (const { container } of containersOf('prod')) expect(container.image).toMatch(/^[\w.-]+\.[\w-]+\//);
  // The fake systems stay out of production.
  expect(containersOf('prod').map(({ service }) => service)).not.toContain('sandbox');
});
