// Small helpers to run a command and collect its output, shared by the scripts.
const { spawn } = require('node:child_process');

/**
 * Runs a command to completion. Resolves with { code, stdout, stderr } whatever the exit code;
 * rejects only when the command cannot be started at all (e.g. ENOENT), so callers decide what a failure means.
 */
function runCommand(command, args, { cwd, env, timeoutMs } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = timeoutMs ? setTimeout(() => child.kill('SIGKILL'), timeoutMs) : undefined;
    child.on('error', (error) => {
      if (timer) clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ code: code ?? (signal ? 128 : 1), signal, stdout, stderr });
    });
  });
}

/** The last `count` non-empty lines of a text, for error messages. */
function lastLines(text, count = 20) {
  return text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .slice(-count)
    .join('\n');
}

module.exports = { runCommand, lastLines };
