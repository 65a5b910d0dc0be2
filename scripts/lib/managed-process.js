// A child process the stack owns: its output is kept (tail for error messages, a log file, optionally echoed
// with a name prefix), it can be stopped politely then forcefully, and it never outlives this process.
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');

const live = new Set();
let exitHookInstalled = false;

function killProcessGroup(pid, signal) {
  try {
    // Each child leads its own process group (detached), so this reaches anything it spawned as well.
    process.kill(-pid, signal);
  } catch (error) {
    if (error.code !== 'ESRCH') {
      try {
        process.kill(pid, signal);
      } catch {
        // already gone
      }
    }
  }
}

function installExitHook() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Runs on a normal exit and after an uncaught exception; SIGKILL of this process is the reaper's job.
  process.on('exit', () => {
    for (const managed of live) killProcessGroup(managed.pid, 'SIGKILL');
  });
}

let reaper;

/** Tells the orphan reaper (started on first use) which process groups to kill if this process dies abruptly. */
function tellReaper(command, pgid) {
  if (!reaper) {
    reaper = spawn(process.execPath, [path.join(__dirname, 'orphan-reaper.js')], {
      detached: true,
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    reaper.on('error', () => undefined);
    reaper.stdin.on('error', () => undefined);
    // Neither the reaper nor its pipe may keep this process alive.
    reaper.unref();
    reaper.stdin.unref?.();
  }
  reaper.stdin.write(`${command} ${pgid}\n`);
}

const maxTailLines = 200;

/**
 * Spawns `command` in its own process group. Children are detached so that a Ctrl-C in the terminal reaches
 * only the parent, which then stops them in a deliberate order.
 */
function spawnManaged({ name, command, args = [], env, cwd, logFile, echo = false }) {
  installExitHook();
  const child = spawn(command, args, { env, cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const logStream = logFile ? fs.createWriteStream(logFile, { flags: 'a' }) : undefined;
  logStream?.write(`\n--- ${new Date().toISOString()} ${command} ${args.join(' ')}\n`);
  const tail = [];
  let partial = { stdout: '', stderr: '' };

  function collect(stream, chunk) {
    const text = partial[stream] + chunk.toString('utf8');
    const lines = text.split('\n');
    partial[stream] = lines.pop();
    for (const line of lines) record(stream, line);
  }
  function record(stream, line) {
    tail.push(line);
    if (tail.length > maxTailLines) tail.shift();
    logStream?.write(`${line}\n`);
    if (echo) (stream === 'stderr' ? process.stderr : process.stdout).write(`[${name}] ${line}\n`);
  }
  child.stdout.on('data', (chunk) => collect('stdout', chunk));
  child.stderr.on('data', (chunk) => collect('stderr', chunk));

  let exitInfo;
  const exited = new Promise((resolve) => {
    const finish = (code, signal) => {
      if (exitInfo) return;
      exitInfo = { code, signal };
      if (live.delete(managed)) tellReaper('remove', child.pid);
      for (const stream of ['stdout', 'stderr']) if (partial[stream]) record(stream, partial[stream]);
      partial = { stdout: '', stderr: '' };
      logStream?.end();
      resolve(exitInfo);
    };
    child.once('exit', finish);
    child.once('error', (error) => {
      record('stderr', `failed to start ${command}: ${error.message}`);
      finish(null, null);
    });
  });

  const managed = {
    name,
    pid: child.pid,
    child,
    exited,
    get running() {
      return exitInfo === undefined;
    },
    get exitInfo() {
      return exitInfo;
    },
    outputTail(count = 30) {
      return tail.slice(-count).join('\n');
    },
    /** SIGTERM, then SIGKILL after `timeoutMs`; resolves once the process is gone. Safe to call repeatedly. */
    async stop({ timeoutMs = 15_000 } = {}) {
      if (!managed.running) return exited;
      killProcessGroup(child.pid, 'SIGTERM');
      let timer;
      const timedOut = new Promise((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeoutMs);
      });
      const outcome = await Promise.race([exited, timedOut]);
      clearTimeout(timer);
      if (outcome === 'timeout') killProcessGroup(child.pid, 'SIGKILL');
      const info = await exited;
      // Anything the child spawned and left behind is still in its group.
      killProcessGroup(child.pid, 'SIGKILL');
      return info;
    },
  };
  if (child.pid !== undefined) {
    live.add(managed);
    tellReaper('add', child.pid);
  }
  return managed;
}

module.exports = { spawnManaged };
