// Watches a parent process through its stdin pipe and, when the parent dies in a way its own exit handler
// cannot see (SIGKILL, OOM killer), kills the process groups the parent registered. Protocol on stdin, one
// line each: `add <pgid>` / `remove <pgid>`. The kernel closes the pipe when the parent dies, whatever the cause.
const groups = new Set();
let buffered = '';

function signalAll(signal) {
  for (const pgid of groups) {
    try {
      process.kill(-pgid, signal);
    } catch {
      groups.delete(pgid); // already gone
    }
  }
}

function anyAlive() {
  signalAll(0);
  return groups.size > 0;
}

process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  buffered += chunk;
  const lines = buffered.split('\n');
  buffered = lines.pop();
  for (const line of lines) {
    const [command, value] = line.trim().split(/\s+/);
    const pgid = Number(value);
    if (!Number.isInteger(pgid) || pgid <= 1) continue;
    if (command === 'add') groups.add(pgid);
    if (command === 'remove') groups.delete(pgid);
  }
});

process.stdin.on('end', () => {
  signalAll('SIGTERM');
  const deadline = Date.now() + 5_000;
  const poll = () => {
    if (!anyAlive()) process.exit(0);
    if (Date.now() > deadline) {
      signalAll('SIGKILL');
      process.exit(0);
    }
    setTimeout(poll, 100);
  };
  poll();
});
