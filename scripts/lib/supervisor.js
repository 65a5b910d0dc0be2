// Keeps the stack's children running: a child that exits while nobody asked it to (not during stop(), not through
// kill/restart) is started again with exponential backoff, on the same command, ports and env. Every restart is
// logged (one line) and counted; the counts and each child's state are written to a status file. A child that keeps
// failing makes the supervisor give up, and the stack is then stopped as a whole.
const fs = require('node:fs');
const path = require('node:path');

const defaultSupervision = Object.freeze({
  /** Delay before the first restart; doubled for every further failure in a row. */
  initialDelayMs: 1_000,
  /** The delay never grows beyond this. */
  maxDelayMs: 30_000,
  /** A child that stayed up (healthy) this long has recovered: its next crash starts the backoff over. */
  stableAfterMs: 60_000,
  /** Restarts in a row (none followed by a stable run) before the supervisor gives up: 1, 2, 4, 8, 16, 30 s. */
  maxRestarts: 6,
});

/** The delay before restart number `attempt` (1-based) of a series of failures in a row. */
function restartDelayMs(attempt, { initialDelayMs, maxDelayMs } = defaultSupervision) {
  return Math.min(maxDelayMs, initialDelayMs * 2 ** Math.max(0, attempt - 1));
}

const describeExit = ({ code, signal } = {}) => (signal ? `signal ${signal}` : `exit code ${code}`);

function formatDuration(ms) {
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 10_000) return `${Math.round(ms / 100) / 10} s`;
  if (ms < 120_000) return `${Math.round(ms / 1000)} s`;
  return `${Math.round(ms / 60_000)} min`;
}

/**
 * `relaunch(name)` starts a child again and resolves with its managed process once it is healthy (rejects, with the
 * new process already stopped, when it does not get healthy). `isStopping()` says the stack is being stopped.
 * `onGiveUp(error)` is called once, when a child failed more than `maxRestarts` times in a row.
 * `statusFile`, when given, is rewritten (atomically) on every change of state.
 */
function createSupervisor({ relaunch, isStopping, onGiveUp, log, statusFile, options = {}, now = Date.now }) {
  const settings = { ...defaultSupervision, ...options };
  /** name → { managed, state, restarts, failures, upSince, lastCrash, timer, held } */
  const children = new Map();
  let stackState = 'starting';
  let gaveUp = false;

  const childOf = (name) => {
    if (!children.has(name)) {
      children.set(name, {
        name,
        managed: undefined,
        state: 'starting',
        restarts: 0,
        failures: 0,
        upSince: undefined,
        lastCrash: null,
        timer: undefined,
        held: false,
      });
    }
    return children.get(name);
  };

  function status() {
    return {
      pid: process.pid,
      state: stackState,
      updatedAt: new Date(now()).toISOString(),
      children: Object.fromEntries(
        [...children.values()].map((child) => [
          child.name,
          {
            state: child.state,
            pid: child.state === 'running' ? (child.managed?.pid ?? null) : null,
            restarts: child.restarts,
            failuresInARow: child.failures,
            upSince: child.state === 'running' && child.upSince ? new Date(child.upSince).toISOString() : null,
            lastCrash: child.lastCrash,
          },
        ]),
      ),
    };
  }

  function writeStatus() {
    if (!statusFile) return;
    try {
      fs.mkdirSync(path.dirname(statusFile), { recursive: true });
      const temporary = `${statusFile}.${process.pid}.tmp`;
      fs.writeFileSync(temporary, `${JSON.stringify(status(), null, 2)}\n`);
      fs.renameSync(temporary, statusFile);
    } catch (error) {
      log(`cannot write ${statusFile}: ${error.message}`);
    }
  }

  function giveUp(child, lastProblem, lastOutput) {
    if (gaveUp) return;
    gaveUp = true;
    child.state = 'failed';
    stackState = 'failed';
    writeStatus();
    const tail = lastOutput || '(none)';
    const error = new Error(
      `${child.name} failed ${child.failures} times in a row (last: ${lastProblem}); giving up after ${settings.maxRestarts} restarts: ` +
        `stopping the stack. Last output of ${child.name}:\n${tail}`,
    );
    error.process = child.name;
    onGiveUp(error);
  }

  /** Counts a failure of `child` and either schedules its next restart or gives up. */
  function failed(child, problem, lastOutput) {
    child.failures += 1;
    if (child.failures > settings.maxRestarts) {
      giveUp(child, problem, lastOutput);
      return;
    }
    child.restarts += 1;
    const delay = restartDelayMs(child.failures, settings);
    child.state = 'restarting';
    log(
      `restart: ${problem}; restarting ${child.name} in ${formatDuration(delay)} ` +
        `(attempt ${child.failures}/${settings.maxRestarts}, ${child.name} restarts: ${child.restarts})`,
    );
    writeStatus();
    child.timer = setTimeout(() => {
      child.timer = undefined;
      void attempt(child);
    }, delay);
  }

  async function attempt(child) {
    if (isStopping() || child.held || gaveUp) return;
    const started = now();
    let managed;
    try {
      managed = await relaunch(child.name);
    } catch (error) {
      if (isStopping() || child.held || gaveUp) return;
      child.lastCrash = { ...(error.exitInfo ?? { code: null, signal: null }), at: new Date(now()).toISOString() };
      // waitHealthy's message: what went wrong on its first line, the new process's last output after "Last output:".
      const [first, ...rest] = String(error.message).split('\n');
      failed(child, `${child.name} did not come back (${first.replace(/\. Last output:$/, '')})`, rest.join('\n'));
      return;
    }
    if (isStopping() || child.held || gaveUp) return; // whoever stops or holds it also stops this process
    log(
      `restart: ${child.name} is healthy again (pid ${managed.pid}, after ${formatDuration(now() - started)}; ${child.name} restarts: ${child.restarts})`,
    );
    watch(managed);
  }

  function onExit(child, managed, exitInfo) {
    if (child.managed !== managed) return; // replaced meanwhile
    if (isStopping() || gaveUp || child.held) {
      child.state = 'stopped';
      writeStatus();
      return;
    }
    child.lastCrash = { code: exitInfo.code, signal: exitInfo.signal, at: new Date(now()).toISOString() };
    const uptime = now() - child.upSince;
    if (uptime >= settings.stableAfterMs) child.failures = 0;
    failed(
      child,
      `${child.name} exited unexpectedly (${describeExit(exitInfo)}, up ${formatDuration(uptime)})`,
      managed.outputTail(20),
    );
  }

  /** Supervises `managed` (healthy now) from here on; it replaces any earlier process of the same name. */
  function watch(managed) {
    const child = childOf(managed.name);
    if (child.timer) clearTimeout(child.timer);
    child.timer = undefined;
    child.held = false;
    child.managed = managed;
    child.upSince = now();
    child.state = 'running';
    writeStatus();
    managed.exited.then((exitInfo) => onExit(child, managed, exitInfo));
  }

  /** The next exit of `name` is intended (kill, restart, start by hand): no automatic restart until watch() again. */
  function hold(name) {
    const child = childOf(name);
    child.held = true;
    if (child.timer) clearTimeout(child.timer);
    child.timer = undefined;
  }

  /** The stack is stopping (or has stopped): nothing is restarted any more. */
  function setStackState(state) {
    stackState = gaveUp && state === 'stopped' ? 'failed' : state;
    if (state === 'stopping' || state === 'stopped') {
      for (const child of children.values()) {
        if (child.timer) clearTimeout(child.timer);
        child.timer = undefined;
        if (child.state === 'restarting') child.state = 'stopped';
        if (state === 'stopped' && child.state !== 'failed') child.state = 'stopped';
      }
    }
    writeStatus();
  }

  /** Restarts per child so far, e.g. `{ temporal: 0, sandbox: 0, worker: 1, api: 0 }`. */
  function restarts() {
    return Object.fromEntries([...children.values()].map((child) => [child.name, child.restarts]));
  }

  return { watch, hold, setStackState, restarts, status };
}

module.exports = { createSupervisor, defaultSupervision, restartDelayMs, describeExit };
