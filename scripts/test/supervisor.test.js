// The supervisor's rules on fake processes, with short delays: when it restarts, how long it waits, what it logs
// and counts, when it gives up, and when it leaves a process alone. supervision.test.js runs it on the real stack.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { createSupervisor, restartDelayMs, defaultSupervision } = require('../lib/supervisor');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

let nextPid = 1000;
/** A stand-in for a managed process: `crash(code, signal)` ends it. */
function fakeProcess(name, output = `${name} says hello`) {
  let end;
  const exited = new Promise((resolve) => {
    end = resolve;
  });
  return {
    name,
    pid: (nextPid += 1),
    exited,
    outputTail: () => output,
    crash: (code = 1, signal = null) => end({ code, signal }),
  };
}

async function eventually(check, what, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return;
    await sleep(10);
  }
  throw new Error(`timed out waiting for ${what}`);
}

let dir;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ordo-supervisor-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function setUp({ options = {}, relaunch } = {}) {
  const lines = [];
  const launched = [];
  const gaveUp = [];
  let stopping = false;
  const statusFile = path.join(dir, 'stack-status.json');
  const supervisor = createSupervisor({
    relaunch:
      relaunch ??
      (async (name) => {
        const managed = fakeProcess(name);
        launched.push(managed);
        return managed;
      }),
    isStopping: () => stopping,
    onGiveUp: (error) => gaveUp.push(error),
    log: (line) => lines.push(line),
    statusFile,
    options: { initialDelayMs: 40, maxDelayMs: 160, stableAfterMs: 60_000, maxRestarts: 3, ...options },
  });
  const status = () => JSON.parse(fs.readFileSync(statusFile, 'utf8'));
  return { supervisor, lines, launched, gaveUp, status, stop: () => (stopping = true) };
}

test('the delay doubles from 1 s up to 30 s; six restarts in a row are allowed', () => {
  expect([1, 2, 3, 4, 5, 6, 7].map((attempt) => restartDelayMs(attempt))).toEqual([
    1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000,
  ]);
  expect(defaultSupervision).toMatchObject({
    initialDelayMs: 1_000,
    maxDelayMs: 30_000,
    stableAfterMs: 60_000,
    maxRestarts: 6,
  });
});

test('a process that exits unexpectedly is started again after the delay; the restart is logged, counted and in the status file', async () => {
  const { supervisor, lines, launched, status } = setUp();
  const worker = fakeProcess('worker');
  supervisor.watch(fakeProcess('api'));
  supervisor.watch(worker);
  expect(status().children.worker).toMatchObject({ state: 'running', pid: worker.pid, restarts: 0 });

  const crashedAt = Date.now();
  worker.crash(null, 'SIGKILL');
  await eventually(() => launched.length === 1, 'the restart');
  expect(Date.now() - crashedAt).toBeGreaterThanOrEqual(35);
  expect(lines[0]).toMatch(
    /^restart: worker exited unexpectedly \(signal SIGKILL, up \d+ ms\); restarting worker in 40 ms \(attempt 1\/3, worker restarts: 1\)$/,
  );
  await eventually(() => lines.length === 2, 'the line saying it is back');
  expect(lines[1]).toMatch(
    new RegExp(`^restart: worker is healthy again \\(pid ${launched[0].pid}, after \\d+ ms; worker restarts: 1\\)$`),
  );
  expect(supervisor.restarts()).toEqual({ api: 0, worker: 1 });
  expect(status()).toMatchObject({
    pid: process.pid,
    children: {
      api: { state: 'running', restarts: 0, lastCrash: null },
      worker: { state: 'running', pid: launched[0].pid, restarts: 1, lastCrash: { code: null, signal: 'SIGKILL' } },
    },
  });
});

test('failures in a row wait longer each time; after a stable run the backoff starts over', async () => {
  const { supervisor, lines, launched } = setUp({ options: { stableAfterMs: 400 } });
  supervisor.watch(fakeProcess('sandbox'));
  const delays = () => lines.filter((line) => line.includes('exited')).map((line) => / in (\S+ m?s) /.exec(line)[1]);

  // Crashing right after each restart: 40, 80, 160 ms.
  const first = fakeProcess('sandbox');
  supervisor.watch(first);
  first.crash(1);
  await eventually(() => launched.length === 1, 'restart 1');
  launched[0].crash(1);
  await eventually(() => launched.length === 2, 'restart 2');
  launched[1].crash(1);
  await eventually(() => launched.length === 3, 'restart 3');
  expect(lines.filter((line) => line.includes('exited')).map((line) => /attempt (\d)\/3/.exec(line)[1])).toEqual([
    '1',
    '2',
    '3',
  ]);
  expect(delays()).toEqual(['40 ms', '80 ms', '160 ms']);

  // Up longer than stableAfterMs: the next crash is attempt 1 again, with the first delay.
  await sleep(450);
  launched[2].crash(0);
  await eventually(() => launched.length === 4, 'restart after a stable run');
  expect(lines.filter((line) => line.includes('exited')).at(-1)).toMatch(
    /exited unexpectedly \(exit code 0, up \d+ ms\); restarting sandbox in 40 ms \(attempt 1\/3, sandbox restarts: 4\)/,
  );
  expect(supervisor.restarts().sandbox).toBe(4);
});

test('a process that keeps failing, also when started again, makes it give up once, with its last output', async () => {
  let relaunches = 0;
  const { supervisor, lines, gaveUp, status } = setUp({
    relaunch: async () => {
      relaunches += 1;
      const error = new Error(
        'worker exited before it was healthy (exit code 3). Last output:\nInvalid configuration: stand-in says no',
      );
      error.exitInfo = { code: 3, signal: null };
      throw error;
    },
  });
  const worker = fakeProcess('worker');
  supervisor.watch(worker);
  worker.crash(3);
  await eventually(() => gaveUp.length === 1, 'giving up', 5_000);
  expect(relaunches).toBe(3);
  expect(lines.slice(1)).toEqual([
    'restart: worker did not come back (worker exited before it was healthy (exit code 3)); restarting worker in 80 ms (attempt 2/3, worker restarts: 2)',
    'restart: worker did not come back (worker exited before it was healthy (exit code 3)); restarting worker in 160 ms (attempt 3/3, worker restarts: 3)',
  ]);
  expect(gaveUp[0].message).toBe(
    'worker failed 4 times in a row (last: worker did not come back (worker exited before it was healthy (exit code 3))); ' +
      'giving up after 3 restarts: stopping the stack. Last output of worker:\nInvalid configuration: stand-in says no',
  );
  expect(gaveUp[0].process).toBe('worker');
  expect(status()).toMatchObject({
    state: 'failed',
    children: { worker: { state: 'failed', restarts: 3, lastCrash: { code: 3 } } },
  });
  supervisor.setStackState('stopped');
  expect(status().state).toBe('failed');
  await sleep(300);
  expect(relaunches).toBe(3);
});

test('exits while the stack stops, or of a process held for kill/restart, are not restarted', async () => {
  const { supervisor, lines, launched, status, stop } = setUp();
  const api = fakeProcess('api');
  const worker = fakeProcess('worker');
  supervisor.watch(api);
  supervisor.watch(worker);

  supervisor.hold('worker');
  worker.crash(null, 'SIGKILL');
  await sleep(100);
  expect(launched).toEqual([]);
  expect(status().children.worker).toMatchObject({ state: 'stopped', pid: null, restarts: 0 });
  // Started by hand: supervised again.
  const again = fakeProcess('worker');
  supervisor.watch(again);
  expect(status().children.worker).toMatchObject({ state: 'running', pid: again.pid });

  stop();
  supervisor.setStackState('stopping');
  api.crash(0);
  again.crash(0);
  await sleep(100);
  supervisor.setStackState('stopped');
  expect(launched).toEqual([]);
  expect(lines).toEqual([]);
  expect(status()).toMatchObject({
    state: 'stopped',
    children: { api: { state: 'stopped' }, worker: { state: 'stopped' } },
  });
});

test('a restart already scheduled when the stack starts stopping never happens', async () => {
  const { supervisor, launched, stop } = setUp({ options: { initialDelayMs: 100 } });
  const sandbox = fakeProcess('sandbox');
  supervisor.watch(sandbox);
  sandbox.crash(1);
  await sleep(20);
  stop();
  supervisor.setStackState('stopping');
  await sleep(200);
  expect(launched).toEqual([]);
});
