// Free loopback ports for processes started by tooling and tests, so several stacks (or a stack next to a
// developer's own) never collide on the conventional ports.
const fs = require('node:fs');
const net = require('node:net');

/** Every port the stack listens on, by the names `startStack({ ports })` takes. */
const stackPortNames = Object.freeze([
  'temporal',
  'temporalUi',
  'temporalMetrics',
  'api',
  'sandbox',
  'workerMetrics',
  'workerHealth',
]);

// Ports are taken from below the kernel's ephemeral range: anything asking the OS for port 0 (Temporal's own
// history/matching services, @temporalio/testing, outgoing connections) is handed ports from that range, so a
// port chosen here and listened on a moment later cannot be taken by them in between.
const fallbackEphemeralStart = 32768;
const lowestPort = 10000;
const handedOut = new Set();
let ephemeralStart;

function readEphemeralRangeStart() {
  try {
    const [low] = fs.readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    return Number.isInteger(low) && low > lowestPort + 1000 ? low : fallbackEphemeralStart;
  } catch {
    return fallbackEphemeralStart;
  }
}

function canListen(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A port free on 127.0.0.1 right now, never one this process handed out before (start the listener soon). */
async function freePort() {
  ephemeralStart ??= readEphemeralRangeStart();
  const end = ephemeralStart;
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const port = lowestPort + Math.floor(Math.random() * (end - lowestPort));
    if (handedOut.has(port)) continue;
    if (await canListen(port)) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error(`no free port found on 127.0.0.1 between ${lowestPort} and ${end}`);
}

/** One free port per name, e.g. `freePorts(stackPortNames)` for `startStack({ ports })`. */
async function freePorts(names) {
  const ports = {};
  for (const name of names) ports[name] = await freePort();
  return ports;
}

/** Whether something accepts TCP connections on 127.0.0.1:`port`. */
function canConnect(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

module.exports = { stackPortNames, freePort, freePorts, canConnect };
