// `npm start`'s supervision on the real stack (dev server, sandbox, worker, API from their builds): each process is
// killed with SIGKILL as a crash would end it, comes back on its own, the restart is logged and counted, and an order
// started before the crashes is driven to COMPLETED after them. Then a process that keeps crashing stops the stack.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { startStack } = require('../lib/stack');
const { ensureTemporalCli } = require('../lib/temporal-binaries');
const { canConnect, freePorts, stackPortNames } = require('../lib/ports');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

let cli;
const cleanups = [];

beforeAll(async () => {
  cli = await ensureTemporalCli({ log: () => undefined });
});

afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()();
});

function tempDir(prefix) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function eventually(probe, what, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    await sleep(200);
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${last.message}` : ''}`);
}

async function healthy(url) {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

test('a crashed Temporal, sandbox, worker or API comes back with backoff, logged and counted, and an order started before completes after', async () => {
  const dataDir = tempDir('ordo-supervision-');
  const ports = await freePorts(stackPortNames);
  const lines = [];
  const stack = await startStack({
    dataDir,
    ports,
    temporalCli: cli,
    log: (line) => lines.push(line),
    supervise: true,
  });
  cleanups.push(() => stack.stop());
  const readStatus = () => JSON.parse(fs.readFileSync(stack.statusFile, 'utf8'));
  expect(stack.statusFile).toBe(path.join(dataDir, 'stack-status.json'));
  expect(readStatus()).toMatchObject({ state: 'running', children: { worker: { state: 'running', restarts: 0 } } });

  const instances = `${stack.urls.api}/v1/processes/order-to-cash/instances`;
  const businessKey = `SO-SUP-${Date.now()}`;
  const call = async (method, url, token, body) => {
    const response = await fetch(url, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, json: text ? JSON.parse(text) : {} };
  };
  const status = async () => (await call('GET', `${instances}/${businessKey}`, 'dev-clerk')).json;

  // 12,000 EUR: it waits for the CFO's approval, with nothing in flight, while the processes crash.
  const order = {
    businessKey,
    input: {
      customerId: 'C-100',
      currency: 'EUR',
      paymentTermsDays: 30,
      lines: [{ sku: 'SKU-A', quantity: 3, unitPrice: 4000 }],
    },
  };
  expect((await call('POST', instances, 'dev-clerk', order)).status).toBe(201);
  const approval = await eventually(
    async () => (await status()).openTasks?.find((task) => task.type === 'approval'),
    'the approval task',
  );

  const healthUrls = {
    temporal: null,
    sandbox: `${stack.urls.sandbox}/health`,
    worker: `${stack.urls.workerHealth}/ready`,
    api: `${stack.urls.api}/health/ready`,
  };
  for (const [name, healthUrl] of Object.entries(healthUrls)) {
    const crashed = stack.processes[name];
    // Only the process itself, as the OOM killer would: not through stack.kill(), which means "keep it down".
    process.kill(crashed.pid, 'SIGKILL');
    await crashed.exited;
    if (healthUrl) expect(await healthy(healthUrl)).toBe(false);
    const back = await eventually(
      () => lines.some((line) => line.startsWith(`restart: ${name} is healthy again`)),
      `${name} back`,
    );
    expect(back).toBe(true);
    expect(stack.processes[name].pid).not.toBe(crashed.pid);
    expect(stack.processes[name].running).toBe(true);
    if (healthUrl) expect(await healthy(healthUrl)).toBe(true);
    const restartLine = lines.find((line) => line.startsWith(`restart: ${name} exited`));
    expect(restartLine).toMatch(
      new RegExp(
        `^restart: ${name} exited unexpectedly \\(signal SIGKILL, up [\\d.]+ m?s\\); restarting ${name} in 1 s \\(attempt 1/6, ${name} restarts: 1\\)$`,
      ),
    );
    expect(readStatus().children[name]).toMatchObject({
      state: 'running',
      pid: stack.processes[name].pid,
      restarts: 1,
      lastCrash: { signal: 'SIGKILL' },
    });
  }
  expect(stack.restarts()).toEqual({ temporal: 1, sandbox: 1, worker: 1, api: 1 });
  // The restarted process writes to the same log file, after its predecessor's lines.
  expect(fs.readFileSync(path.join(dataDir, 'logs', 'worker.log'), 'utf8').match(/^--- /gm)).toHaveLength(2);

  // Nothing lost: the order started before the crashes is still there, at the same task, and runs to the end.
  // Right after a worker crash the instance's state may come from visibility (`stateSource`): its first query waits for
  // the dead worker's sticky queue to time out; then the new worker answers from the replayed history.
  const afterCrashes = await eventually(async () => {
    const current = await status();
    return current.openTasks?.length ? current : undefined;
  }, 'the instance answering its query again');
  expect(afterCrashes).toMatchObject({ status: 'RUNNING', stage: 'approval' });
  expect(afterCrashes.openTasks.map((task) => task.taskId)).toEqual([approval.taskId]);
  const approved = await call('POST', `${instances}/${businessKey}/tasks/${approval.taskId}/complete`, 'dev-cfo', {
    decision: 'approve',
  });
  expect(approved.status).toBe(200);
  await eventually(async () => (await status()).stage === 'awaiting-payment', 'the invoice');
  const paid = await call('POST', `${instances}/${businessKey}/events/payment-received`, 'dev-accounts-receivable', {
    amount: 12_000,
    currency: 'EUR',
    reference: 'PAY-SUP-1',
  });
  expect(paid.status).toBe(202);
  const completed = await eventually(async () => {
    const current = await status();
    return current.status === 'COMPLETED' && current.closedAt ? current : undefined;
  }, 'COMPLETED');
  expect(completed.result.summary).toMatchObject({ orderTotal: 12_000, amountPaid: 12_000, approvedBy: 'cfo' });

  // Stopping (what Ctrl-C does) restarts nothing, in reverse start order.
  const exitOrder = [];
  const pids = Object.values(stack.processes).map((managed) => managed.pid);
  for (const managed of Object.values(stack.processes)) managed.exited.then(() => exitOrder.push(managed.name));
  const linesBefore = lines.filter((line) => line.startsWith('restart:')).length;
  await stack.stop();
  await sleep(1_500); // longer than the first backoff delay
  expect(exitOrder).toEqual(['api', 'worker', 'sandbox', 'temporal']);
  expect(lines.filter((line) => line.startsWith('restart:'))).toHaveLength(linesBefore);
  expect(pids.filter(isAlive)).toEqual([]);
  for (const port of [ports.temporal, ports.api, ports.sandbox, ports.workerHealth])
    expect(await canConnect(port)).toBe(false);
  expect(readStatus()).toMatchObject({
    state: 'stopped',
    children: { worker: { state: 'stopped', pid: null, restarts: 1 } },
  });
});

test('a process that keeps crashing makes the supervisor give up and stop the whole stack', async () => {
  const dataDir = tempDir('ordo-supervision-give-up-');
  const ports = await freePorts(stackPortNames);
  const lines = [];
  const stack = await startStack({
    dataDir,
    ports,
    temporalCli: cli,
    log: (line) => lines.push(line),
    services: ['sandbox'],
    entries: { sandbox: path.join(__dirname, 'fixtures', 'exits-after-healthy.js') },
    supervise: { initialDelayMs: 100, maxDelayMs: 200, maxRestarts: 2 },
  });
  cleanups.push(() => stack.stop());
  const temporalPid = stack.processes.temporal.pid;

  let timer;
  const timeout = new Promise((resolve) => {
    timer = setTimeout(() => resolve(new Error('did not give up within 30 s')), 30_000);
  });
  const error = await Promise.race([stack.gaveUp, timeout]);
  clearTimeout(timer);
  expect(error.message).toMatch(
    /^sandbox failed 3 times in a row \(last: sandbox exited unexpectedly \(exit code 7, up [\d.]+ m?s\)\); giving up after 2 restarts: stopping the stack\. Last output of sandbox:\n[\s\S]*going down on its own/,
  );
  expect(lines.filter((line) => line.startsWith('restart: sandbox exited unexpectedly'))).toEqual([
    expect.stringMatching(/restarting sandbox in 100 ms \(attempt 1\/2, sandbox restarts: 1\)$/),
    expect.stringMatching(/restarting sandbox in 200 ms \(attempt 2\/2, sandbox restarts: 2\)$/),
  ]);
  // gaveUp resolves once everything is stopped.
  expect(isAlive(temporalPid)).toBe(false);
  expect(Object.values(stack.processes).every((managed) => !managed.running)).toBe(true);
  expect(await canConnect(ports.temporal)).toBe(false);
  expect(JSON.parse(fs.readFileSync(stack.statusFile, 'utf8'))).toMatchObject({
    state: 'failed',
    children: { temporal: { state: 'stopped' }, sandbox: { state: 'failed', restarts: 2, lastCrash: { code: 7 } } },
  });
});

test('under supervision, kill() keeps a process down until start(), and restart() is no crash', async () => {
  const fixture = (name) => path.join(__dirname, 'fixtures', name);
  const lines = [];
  const stack = await startStack({
    dataDir: tempDir('ordo-supervision-deliberate-'),
    ports: await freePorts(stackPortNames),
    temporalCli: cli,
    log: (line) => lines.push(line),
    services: ['sandbox', 'worker'],
    entries: { sandbox: fixture('stand-in-sandbox.js'), worker: fixture('stand-in-worker.js') },
    supervise: { initialDelayMs: 100 },
  });
  cleanups.push(() => stack.stop());

  await stack.kill('worker');
  await sleep(500);
  expect(stack.processes.worker.running).toBe(false);
  expect(JSON.parse(fs.readFileSync(stack.statusFile, 'utf8')).children.worker).toMatchObject({
    state: 'stopped',
    restarts: 0,
  });
  await stack.start('worker');
  await stack.restart('sandbox');
  expect(lines.filter((line) => line.startsWith('restart:'))).toEqual([]);

  // Supervised again after start(): a crash now is restarted.
  const { pid } = stack.processes.worker;
  process.kill(pid, 'SIGKILL');
  await eventually(
    () =>
      stack.processes.worker.pid !== pid && lines.some((line) => line.startsWith('restart: worker is healthy again')),
    'the worker back',
  );
  expect(stack.restarts()).toEqual({ temporal: 0, sandbox: 0, worker: 1 });
});
