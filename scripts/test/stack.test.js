// startStack against a real Temporal dev server, with stand-ins for the node services (their own tests cover
// them; here what matters is the orchestration: order, health waits, env wiring, persistence, shutdown).
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { startStack } = require('../lib/stack');
const { ensureTemporalCli } = require('../lib/temporal-binaries');
const { canConnect, freePorts, stackPortNames } = require('../lib/ports');
const { runCommand } = require('../lib/run');
const { serviceEnv } = require('../lib/conventions');
const { allSearchAttributeKeys } = require('@ordo/workflows');

const fixture = (name) => path.join(__dirname, 'fixtures', name);
const standIns = {
  sandbox: fixture('stand-in-sandbox.js'),
  worker: fixture('stand-in-worker.js'),
  api: fixture('stand-in-api.js'),
};
const quiet = () => undefined;

let cli;
let dataDir;
const cleanups = [];

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function temporalJson(args, address) {
  const { code, stdout, stderr } = await runCommand(cli, [...args, '--address', address, '-o', 'json'], {
    timeoutMs: 20_000,
  });
  if (code !== 0) throw new Error(`temporal ${args.join(' ')} failed: ${stderr}`);
  return JSON.parse(stdout);
}

async function start(options) {
  const stack = await startStack({ temporalCli: cli, log: quiet, dataDir, ...options });
  cleanups.push(() => stack.stop());
  return stack;
}

beforeAll(async () => {
  cli = await ensureTemporalCli({ log: quiet });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ordo-stack-test-'));
});

afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()();
});

afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('startStack', () => {
  let ports;

  test('starts Temporal with every search attribute, then the services with the conventional env, and stops them in reverse order', async () => {
    ports = await freePorts(stackPortNames);
    const stack = await start({ ports, entries: standIns, env: { ORDO_STAND_IN_EXTRA: 'passed through' } });

    const attributes = await temporalJson(['operator', 'search-attribute', 'list'], stack.urls.temporalAddress);
    for (const key of allSearchAttributeKeys) {
      expect(attributes.customAttributes[key.name]).toBe(`INDEXED_VALUE_TYPE_${key.type}`);
    }

    const keyFile = path.join(dataDir, 'codec-keys.json');
    const expectedEnv = {
      ...serviceEnv(ports),
      ORDO_STAND_IN_EXTRA: 'passed through',
      ORDO_CODEC_KEY_FILE: keyFile,
      ORDO_CODEC_CORS_ORIGIN: `http://localhost:${ports.temporalUi},http://127.0.0.1:${ports.temporalUi}`,
    };
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(JSON.parse(fs.readFileSync(keyFile, 'utf8'))).toMatchObject({
      active: 'local-1',
      keys: { 'local-1': expect.any(String) },
    });
    const envPorts = { sandbox: ports.sandbox, worker: ports.workerHealth, api: ports.api };
    for (const [name, port] of Object.entries(envPorts)) {
      const report = await (await fetch(`http://127.0.0.1:${port}/stand-in/env`)).json();
      expect(report.name).toBe(name);
      expect(report.env).toEqual(expectedEnv);
    }

    expect((await fetch(stack.urls.temporalUi)).status).toBe(200);
    expect(await (await fetch(stack.urls.temporalMetrics)).text()).toMatch(/^# (HELP|TYPE) /m);
    expect(stack.urls.docs).toBe(`http://localhost:${ports.api}/docs`);

    // An instance nobody works on yet: it must survive a restart of the stack.
    await runCommand(cli, [
      'workflow',
      'start',
      '--type',
      'notRegistered',
      '--task-queue',
      'stack-test',
      '--workflow-id',
      'stack-test:1',
      '--address',
      stack.urls.temporalAddress,
    ]);

    const exitOrder = [];
    for (const managed of Object.values(stack.processes)) managed.exited.then(() => exitOrder.push(managed.name));
    await stack.stop();
    await stack.stop(); // idempotent
    expect(exitOrder).toEqual(['api', 'worker', 'sandbox', 'temporal']);
    for (const port of [ports.temporal, ports.api, ports.sandbox, ports.workerHealth]) {
      expect(await canConnect(port)).toBe(false);
    }
    expect(fs.readFileSync(path.join(dataDir, 'logs', 'api.log'), 'utf8')).toContain(
      `api stand-in listening on ${ports.api}`,
    );
  });

  test('starts again on the same data dir: registered attributes do not break it and instances are still there', async () => {
    const keyFile = fs.readFileSync(path.join(dataDir, 'codec-keys.json'), 'utf8');
    const stack = await start({ ports, services: [] });
    // The same key as before, so the payloads already stored stay readable.
    expect(fs.readFileSync(path.join(dataDir, 'codec-keys.json'), 'utf8')).toBe(keyFile);
    expect(stack.env.ORDO_CODEC_KEY_FILE).toBe(path.join(dataDir, 'codec-keys.json'));
    const described = await temporalJson(
      ['workflow', 'describe', '--workflow-id', 'stack-test:1'],
      stack.urls.temporalAddress,
    );
    expect(described.workflowExecutionInfo.status).toBe('WORKFLOW_EXECUTION_STATUS_RUNNING');
    expect(Object.keys(stack.processes)).toEqual(['temporal']);
  });

  test('a service that dies while starting stops what already runs and reports its output', async () => {
    const failingPorts = await freePorts(stackPortNames);
    const attempt = start({ ports: failingPorts, entries: { ...standIns, worker: fixture('crashing-service.js') } });
    await expect(attempt).rejects.toThrow(/worker exited before it was healthy \(exit code 3\)[\s\S]*stand-in says no/);
    expect(await canConnect(failingPorts.temporal)).toBe(false);
    expect(await canConnect(failingPorts.sandbox)).toBe(false);
  });

  test('a missing service build is reported with the command that makes it', async () => {
    const missingPorts = await freePorts(stackPortNames);
    const attempt = start({ ports: missingPorts, entries: { sandbox: fixture('no-such-file.js') } });
    await expect(attempt).rejects.toThrow(/sandbox: .*no-such-file\.js does not exist; build first/);
    expect(await canConnect(missingPorts.temporal)).toBe(false);
  });

  test('when the parent is killed with SIGKILL, its stack goes down with it', async () => {
    const parentDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ordo-stack-parent-'));
    cleanups.push(() => fs.rmSync(parentDataDir, { recursive: true, force: true }));
    const parentPorts = await freePorts(stackPortNames);
    const parent = spawn(
      process.execPath,
      [fixture('start-stack-and-wait.js'), parentDataDir, JSON.stringify(parentPorts)],
      {
        env: { ...process.env, ORDO_TEMPORAL_CLI: cli },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const firstLine = await new Promise((resolve, reject) => {
      let output = '';
      parent.stdout.on('data', (chunk) => {
        output += chunk;
        if (output.includes('\n')) resolve(output.split('\n')[0]);
      });
      parent.once('exit', (code) => reject(new Error(`parent exited early with ${code}`)));
    });
    const pids = Object.values(JSON.parse(firstLine));
    expect(pids).toHaveLength(2);
    expect(pids.every(isAlive)).toBe(true);

    parent.kill('SIGKILL');
    const deadline = Date.now() + 15_000;
    while (pids.some(isAlive) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(pids.filter(isAlive)).toEqual([]);
    expect(await canConnect(parentPorts.temporal)).toBe(false);
    expect(await canConnect(parentPorts.sandbox)).toBe(false);
  });

  test('kills, starts and restarts one process at a time; a restarted server keeps its instances; stop order holds', async () => {
    const ownPorts = await freePorts(stackPortNames);
    const stack = await start({ ports: ownPorts, entries: standIns });
    const firstWorker = stack.processes.worker.pid;

    expect((await stack.kill('worker')).signal).toBe('SIGKILL');
    expect(isAlive(firstWorker)).toBe(false);
    expect(await canConnect(ownPorts.workerHealth)).toBe(false);
    await expect(stack.kill('no-such-process')).rejects.toThrow(/no process named no-such-process/);
    await stack.start('worker');
    expect(stack.processes.worker.pid).not.toBe(firstWorker);
    expect((await (await fetch(`http://127.0.0.1:${ownPorts.workerHealth}/stand-in/env`)).json()).name).toBe('worker');
    await expect(stack.start('worker')).rejects.toThrow(/already running/);

    const address = stack.urls.temporalAddress;
    await runCommand(cli, [
      'workflow',
      'start',
      '--type',
      'notRegistered',
      '--task-queue',
      'stack-test',
      '--workflow-id',
      'stack-test:restart',
      '--address',
      address,
    ]);
    const firstServer = stack.processes.temporal.pid;
    await stack.restart('temporal');
    expect(stack.processes.temporal.pid).not.toBe(firstServer);
    const described = await temporalJson(['workflow', 'describe', '--workflow-id', 'stack-test:restart'], address);
    expect(described.workflowExecutionInfo.status).toBe('WORKFLOW_EXECUTION_STATUS_RUNNING');

    const exitOrder = [];
    for (const managed of Object.values(stack.processes)) managed.exited.then(() => exitOrder.push(managed.name));
    await stack.stop();
    expect(exitOrder).toEqual(['api', 'worker', 'sandbox', 'temporal']);
    await expect(stack.start('worker')).rejects.toThrow(/stopping/);
  });

  test('a process that ignores SIGTERM is killed after the stop timeout', async () => {
    const stack = await start({
      ports: await freePorts(stackPortNames),
      services: ['api'],
      entries: { api: fixture('ignores-sigterm.js') },
      stopTimeoutMs: 1_000,
    });
    const stopped = Date.now();
    await stack.stop();
    expect(stack.processes.api.exitInfo.signal).toBe('SIGKILL');
    expect(stack.processes.temporal.exitInfo).toBeDefined();
    expect(Date.now() - stopped).toBeLessThan(10_000);
  });
});
