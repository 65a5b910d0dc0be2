// Free loopback ports for processes started by tooling and tests, so several stacks (or a stack next to a
// developer's own) never collide on the conventional ports.
const net = require('node:net');

/** Every port the stack listens on, by the names `startStack({ ports })` takes. */
const stackPortNames = Object.freeze(['temporal', 'temporalUi', 'temporalMetrics', 'api', 'sandbox', 'workerMetrics', 'workerHealth']);

/** A port free on 127.0.0.1 right now, chosen by the OS (nothing holds it: start the listener soon). */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });
}

/** One free port per name, e.g. `freePorts(stackPortNames)` for `startStack({ ports })`. */
async function freePorts(names) {
  const ports = {};
  // One after another: ports asked for at once could be handed out twice.
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
