// What the numbers were measured on: machine, software versions, and the memory of a process.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const repoRoot = path.resolve(__dirname, '..', '..');

function packageVersion(name) {
  try {
    return require(`${name}/package.json`).version;
  } catch {
    return 'unknown';
  }
}

function machineInfo({ temporalVersion } = {}) {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model?.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    temporalCli: temporalVersion ?? 'unknown',
    temporalSdk: packageVersion('@temporalio/client'),
    nest: packageVersion('@nestjs/core'),
    autocannon: packageVersion('autocannon'),
    commit: gitCommit(),
  };
}

function gitCommit() {
  try {
    const head = fs.readFileSync(path.join(repoRoot, '.git', 'HEAD'), 'utf8').trim();
    if (!head.startsWith('ref: ')) return head.slice(0, 12);
    const ref = head.slice(5);
    const loose = path.join(repoRoot, '.git', ref);
    if (fs.existsSync(loose)) return fs.readFileSync(loose, 'utf8').trim().slice(0, 12);
    const packed = fs.readFileSync(path.join(repoRoot, '.git', 'packed-refs'), 'utf8');
    return (
      packed
        .split('\n')
        .find((line) => line.endsWith(` ${ref}`))
        ?.slice(0, 12) ?? 'unknown'
    );
  } catch {
    return 'unknown';
  }
}

/** Resident memory of a process and everything in its process group's tree, in MiB (Linux /proc). */
function residentMiB(pid) {
  const pids = [pid, ...descendants(pid)];
  let kib = 0;
  for (const one of pids) {
    try {
      const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${one}/status`, 'utf8'));
      if (match) kib += Number(match[1]);
    } catch {
      // exited meanwhile
    }
  }
  return Math.round((kib / 1024) * 10) / 10;
}

function descendants(pid) {
  const found = [];
  let children;
  try {
    children = fs
      .readdirSync(`/proc/${pid}/task`)
      .flatMap((task) => fs.readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim().split(/\s+/))
      .filter(Boolean)
      .map(Number);
  } catch {
    return found;
  }
  for (const child of children) found.push(child, ...descendants(child));
  return found;
}

module.exports = { machineInfo, residentMiB, repoRoot };
