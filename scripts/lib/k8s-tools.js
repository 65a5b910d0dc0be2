// Obtains what validates deploy/k8s without a cluster or a network: kustomize and kubeconform, built with
// `go install` at pinned versions, and the JSON schemas kubeconform checks against. kubeconform downloads its
// schemas from GitHub by default, which these machines cannot reach; the same facts ship in Go modules the module
// proxy serves: Kubernetes' OpenAPI document (api/openapi-spec/swagger.json of k8s.io/kubernetes) and the CRDs of
// prometheus-operator (ServiceMonitor) and KEDA (ScaledObject). They are turned into kubeconform's schema layout
// here, the way yannh/openapi2jsonschema does, and cached outside the repository like the Temporal binaries. The
// compose file's schema comes the same way (compose-go, the library Docker Compose validates with).
const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');
const { runCommand, lastLines } = require('./run');
const { cacheRoot, installAtomically } = require('./temporal-binaries');

const tools = Object.freeze({
  kustomize: Object.freeze({ module: 'sigs.k8s.io/kustomize/kustomize/v5', version: 'v5.8.2', binary: 'kustomize' }),
  kubeconform: Object.freeze({
    module: 'github.com/yannh/kubeconform',
    package: 'github.com/yannh/kubeconform/cmd/kubeconform',
    version: 'v0.8.0',
    binary: 'kubeconform',
  }),
});

// The oldest Kubernetes minor still maintained when this was written; the manifests use nothing newer.
const schemaSources = Object.freeze({
  kubernetes: Object.freeze({ module: 'k8s.io/kubernetes', version: 'v1.35.4', file: 'api/openapi-spec/swagger.json' }),
  crds: Object.freeze([
    Object.freeze({
      module: 'github.com/prometheus-operator/prometheus-operator',
      version: 'v0.85.0',
      file: 'example/prometheus-operator-crd/monitoring.coreos.com_servicemonitors.yaml',
    }),
    // v2.21.1 asks for a newer Go than these machines have.
    Object.freeze({
      module: 'github.com/kedacore/keda/v2',
      version: 'v2.21.0',
      file: 'config/crd/bases/keda.sh_scaledobjects.yaml',
    }),
  ]),
});

// The Compose Specification's JSON schema, as Docker Compose itself validates a compose file with it (compose-go).
// v2.17.0 asks for a newer Go than these machines have.
const composeSpec = Object.freeze({
  module: 'github.com/compose-spec/compose-go/v2',
  version: 'v2.16.2',
  file: 'schema/compose-spec.json',
});

// Bumped whenever the conversion below changes, so a cached schema set made by an older one is rebuilt.
const schemaFormat = 1;

const defaultLog = (message) => process.stderr.write(`[ordo] ${message}\n`);

/** The module version `go version -m` finds in a binary built by `go install` (kubeconform prints no version). */
async function builtVersion(binary, module) {
  const result = await runCommand('go', ['version', '-m', binary], { timeoutMs: 30_000 }).catch(() => undefined);
  if (result?.code !== 0) return undefined;
  const line = result.stdout.split('\n').find((entry) => entry.trim().startsWith('mod\t') && entry.includes(module));
  return line?.trim().split('\t')[2];
}

async function ensureTool(tool, { env, log }) {
  const dir = path.join(cacheRoot(env), 'k8s-tools', `${tool.binary}-${tool.version}`);
  const binary = path.join(dir, tool.binary);
  if (fs.existsSync(binary)) {
    const found = await builtVersion(binary, tool.module);
    if (found === tool.version) return binary;
    log(`discarding ${binary}: it is ${found ?? 'unreadable'}, expected ${tool.version}`);
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const target = `${tool.package ?? tool.module}@${tool.version}`;
  log(`building ${tool.binary} ${tool.version} with go install (once; cached in ${dir})`);
  await installAtomically(dir, async (staging) => {
    const build = await runCommand('go', ['install', target], {
      env: { ...env, GOBIN: staging },
      timeoutMs: 20 * 60_000,
    });
    if (build.code !== 0) throw new Error(`go install ${target} failed:\n${lastLines(build.stderr, 15)}`);
    const found = await builtVersion(path.join(staging, tool.binary), tool.module);
    if (found !== tool.version) throw new Error(`go install ${target} built ${found ?? 'nothing readable'}`);
  });
  return binary;
}

/** Where Go's module cache holds `module@version` (downloaded through the module proxy if it is not there yet). */
async function moduleDir({ module, version }, env) {
  const download = await runCommand('go', ['mod', 'download', '-json', `${module}@${version}`], {
    env,
    timeoutMs: 10 * 60_000,
  });
  if (download.code !== 0)
    throw new Error(`go mod download ${module}@${version} failed:\n${lastLines(download.stdout + download.stderr)}`);
  return JSON.parse(download.stdout).Dir;
}

// ---- OpenAPI → kubeconform's JSON schemas ----

/** kubeconform's `{{.ResourceKind}}{{.KindSuffix}}`: `deployment-apps-v1`, `service-v1`, `networkpolicy-networking-v1`. */
function builtInSchemaName({ group, version, kind }) {
  const groupPart = group ? `-${group.split('.')[0].toLowerCase()}` : '';
  return `${kind.toLowerCase()}${groupPart}-${version.toLowerCase()}.json`;
}

/**
 * What -strict means for kubeconform's schemas: an object that lists its properties accepts no others (a typo such as
 * `readinessprobe` fails instead of being ignored). Objects that declare free-form content keep it.
 */
function strictObject(schema) {
  if (schema.properties && schema.additionalProperties === undefined && !schema['x-kubernetes-preserve-unknown-fields'])
    return { ...schema, additionalProperties: false };
  return schema;
}

/** Kubernetes' two scalar types that YAML may write as a number or as a string. */
function widenScalar(schema) {
  if (schema.format === 'int-or-string' || schema['x-kubernetes-int-or-string'])
    return { ...withoutKeys(schema, ['type', 'format']), oneOf: [{ type: 'string' }, { type: 'integer' }] };
  return schema;
}

const withoutKeys = (object, keys) => Object.fromEntries(Object.entries(object).filter(([key]) => !keys.includes(key)));

const quantity = 'io.k8s.apimachinery.pkg.api.resource.Quantity';

/** Deep copy of `schema` with every rule above applied and every `$ref` inlined (a cycle becomes "anything"). */
function convert(schema, definitions, seen = new Set()) {
  if (Array.isArray(schema)) return schema.map((item) => convert(item, definitions, seen));
  if (schema === null || typeof schema !== 'object') return schema;
  if (schema.$ref) {
    const name = schema.$ref.replace('#/definitions/', '');
    // Quantities (`cpu: 1`) are strings in the OpenAPI document but numbers in YAML just as often.
    if (name === quantity) return { oneOf: [{ type: 'string' }, { type: 'number' }] };
    if (seen.has(name)) return {};
    return convert(definitions[name], definitions, new Set([...seen, name]));
  }
  const copy = {};
  for (const [key, value] of Object.entries(schema)) {
    // `properties` maps names to schemas; every other object-valued keyword is a schema or a list of them.
    copy[key] =
      key === 'properties' || key === 'patternProperties'
        ? Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, convert(sub, definitions, seen)]))
        : convert(value, definitions, seen);
  }
  return strictObject(widenScalar(copy));
}

function writeJson(file, value) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(value)}\n`);
}

/** One standalone strict schema per kind the Kubernetes OpenAPI document defines. */
function writeBuiltInSchemas(swaggerFile, dir) {
  const { definitions } = JSON.parse(fs.readFileSync(swaggerFile, 'utf8'));
  let count = 0;
  for (const [name, definition] of Object.entries(definitions)) {
    for (const gvk of definition['x-kubernetes-group-version-kind'] ?? []) {
      writeJson(path.join(dir, builtInSchemaName(gvk)), convert(definition, definitions, new Set([name])));
      count += 1;
    }
  }
  return count;
}

/** `<group>/<kind>_<version>.json` for each served version of each CRD in `crdFile` (the CRDs-catalog layout). */
function writeCrdSchemas(crdFile, dir) {
  let count = 0;
  for (const document of YAML.parseAllDocuments(fs.readFileSync(crdFile, 'utf8'))) {
    const crd = document.toJS();
    if (crd?.kind !== 'CustomResourceDefinition') continue;
    for (const version of crd.spec.versions) {
      const schema = version.schema?.openAPIV3Schema;
      if (!schema) continue;
      const file = path.join(dir, crd.spec.group, `${crd.spec.names.kind.toLowerCase()}_${version.name}.json`);
      writeJson(file, convert(schema, {}));
      count += 1;
    }
  }
  return count;
}

/**
 * The schema set, built once: `{ dir, locations }`, `locations` being the -schema-location templates that find
 * built-in kinds and the CRDs' kinds in it.
 */
async function ensureSchemas({ env, log }) {
  const { kubernetes, crds } = schemaSources;
  const name = [
    `k8s-${kubernetes.version}`,
    ...crds.map((crd) => `${path.basename(crd.module.replace(/\/v\d+$/, ''))}-${crd.version}`),
    `format${schemaFormat}`,
  ].join('_');
  const dir = path.join(cacheRoot(env), 'k8s-schemas', name);
  const result = {
    dir,
    locations: [
      path.join(dir, 'kubernetes', '{{.ResourceKind}}{{.KindSuffix}}.json'),
      path.join(dir, 'crds', '{{.Group}}', '{{.ResourceKind}}_{{.ResourceAPIVersion}}.json'),
    ],
  };
  if (fs.existsSync(path.join(dir, 'complete'))) return result;
  // Left by a run of an older layout or by hand: built again rather than trusted.
  fs.rmSync(dir, { recursive: true, force: true });
  log(`generating Kubernetes ${kubernetes.version} and CRD schemas for kubeconform (once; cached in ${dir})`);
  await installAtomically(dir, async (staging) => {
    const builtIn = writeBuiltInSchemas(
      path.join(await moduleDir(kubernetes, env), kubernetes.file),
      path.join(staging, 'kubernetes'),
    );
    if (builtIn < 100)
      throw new Error(`only ${builtIn} kinds in the OpenAPI document of ${kubernetes.module}@${kubernetes.version}`);
    for (const crd of crds) {
      const written = writeCrdSchemas(path.join(await moduleDir(crd, env), crd.file), path.join(staging, 'crds'));
      if (written === 0) throw new Error(`no CRD schema in ${crd.file} of ${crd.module}@${crd.version}`);
    }
    fs.writeFileSync(path.join(staging, 'complete'), `${new Date().toISOString()}\n`);
  });
  return result;
}

/** The path of the compose-spec JSON schema in Go's module cache (read-only there, which is all a validator needs). */
async function ensureComposeSchema({ env = process.env } = {}) {
  return path.join(await moduleDir(composeSpec, env), composeSpec.file);
}

/** kustomize, kubeconform and the schemas, each from the cache or built once: `{ kustomize, kubeconform, schemas }`. */
async function ensureK8sTools({ env = process.env, log = defaultLog } = {}) {
  return {
    kustomize: await ensureTool(tools.kustomize, { env, log }),
    kubeconform: await ensureTool(tools.kubeconform, { env, log }),
    schemas: await ensureSchemas({ env, log }),
  };
}

module.exports = { ensureK8sTools, ensureComposeSchema, tools, schemaSources, composeSpec, builtInSchemaName };
