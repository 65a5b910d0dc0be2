// What goes wrong during a chaos run, on a schedule drawn from the seed: 5xx on 30% of calls to every external
// system (some after the effect took place), latency spikes, one system hanging for a while, the worker killed
// with SIGKILL at random moments and restarted, and the Temporal server (dev server or PostgreSQL-backed) restarted on its database.
const { sleep } = require('../stats');

const systems = ['crm', 'erp', 'carrier', 'accounting', 'payments', 'mail'];
/** Their failing calls perform the effect first: the caller sees a 503 for something that did happen. */
const effectThenFail = new Set(['erp', 'accounting', 'payments']);
const errorRate = 0.3;

/** The moments of each kill and restart: one per equal slot of the window, at a random point inside it. */
function scheduleDisruptions(random, { windowMs, workerKills, serverRestarts }) {
  const total = workerKills + serverRestarts;
  if (total === 0) return [];
  const usable = windowMs * 0.8;
  const slot = usable / total;
  const serverSlots = new Set(random.shuffle([...Array(total).keys()]).slice(0, serverRestarts));
  return [...Array(total).keys()].map((index) => ({
    atMs: Math.round(windowMs * 0.1 + slot * index + random.between(0.1, 0.7) * slot),
    kind: serverSlots.has(index) ? 'server-restart' : 'worker-kill',
    /** How long the killed worker stays down before it is started again. */
    downMs: Math.round(random.between(500, 3000)),
  }));
}

class Disruptor {
  constructor({ stack, sandbox, random, windowMs, workerKills, serverRestarts, log, inFlight = () => undefined }) {
    this.inFlight = inFlight;
    this.stack = stack;
    this.sandbox = sandbox;
    this.random = random;
    this.windowMs = windowMs;
    this.log = log;
    this.schedule = scheduleDisruptions(random, { windowMs, workerKills, serverRestarts });
    this.injected = {
      workerKills: 0,
      serverRestarts: 0,
      latencySpikes: 0,
      hangs: 0,
      hungSystem: undefined,
      inFlightAtEach: [],
    };
    this.settings = Object.fromEntries(
      systems.map((system) => [
        system,
        { errorRate, latencyMs: 0, hangMs: 0, failAfterEffect: effectThenFail.has(system) },
      ]),
    );
  }

  async apply(system, change) {
    this.settings[system] = { ...this.settings[system], ...change };
    await this.sandbox.setFaults(system, this.settings[system]);
  }

  /** Runs the whole window; resolves once faults are cleared and every process runs again. */
  async run() {
    const started = Date.now();
    const at = (ms) => sleep(Math.max(0, started + ms - Date.now()));
    for (const system of systems) await this.apply(system, {});
    this.log(
      `chaos: ${errorRate * 100}% of calls to every system answer 503 (after the effect on ${[...effectThenFail].join(', ')})`,
    );
    await Promise.all([this.processFaults(at), this.networkFaults(at, started)]);
    await this.sandbox.clearFaults();
    this.log('chaos: faults cleared; the orders may now finish');
  }

  async processFaults(at) {
    for (const event of this.schedule) {
      await at(event.atMs);
      this.injected.inFlightAtEach.push(this.inFlight());
      if (event.kind === 'worker-kill') {
        // With several workers, a random one: the others keep polling the same task queue meanwhile.
        const worker = this.random.pick(this.stack.replicaNames?.worker ?? ['worker']);
        await this.stack.kill(worker, 'SIGKILL');
        this.injected.workerKills += 1;
        this.log(
          `chaos: ${worker} killed with SIGKILL (${this.injected.workerKills}) with ${this.injected.inFlightAtEach.at(-1)} orders in flight, down for ${event.downMs} ms`,
        );
        await sleep(event.downMs);
        await this.stack.start(worker);
      } else {
        this.log(
          `chaos: restarting Temporal (${this.stack.backend} backend) on its database with ${this.injected.inFlightAtEach.at(-1)} orders in flight`,
        );
        await this.stack.restart('temporal');
        this.injected.serverRestarts += 1;
      }
    }
  }

  async networkFaults(at, started) {
    const hangAt = Math.round(this.windowMs * 0.3);
    const hangFor = Math.round(Math.min(30_000, this.windowMs * 0.25));
    const hungSystem = this.random.pick(['carrier', 'accounting', 'erp']);
    let hangDone = false;
    for (
      let spikeAt = 5000;
      spikeAt < this.windowMs - 5000;
      spikeAt += Math.round(this.random.between(10_000, 20_000))
    ) {
      if (!hangDone && spikeAt >= hangAt) {
        await at(hangAt);
        // Longer than the worker's HTTP timeout: calls time out while the system still performs them.
        await this.apply(hungSystem, { hangMs: 12_000 });
        this.injected.hangs += 1;
        this.injected.hungSystem = hungSystem;
        this.log(`chaos: ${hungSystem} hangs every answer for 12 s, for ${hangFor / 1000} s`);
        await at(hangAt + hangFor);
        await this.apply(hungSystem, { hangMs: 0 });
        hangDone = true;
        continue;
      }
      await at(spikeAt);
      const system = this.random.pick(systems);
      const latencyMs = Math.round(this.random.between(1000, 4000));
      await this.apply(system, { latencyMs });
      this.injected.latencySpikes += 1;
      await at(spikeAt + 4000);
      await this.apply(system, { latencyMs: 0 });
    }
    if (!hangDone) {
      await at(hangAt);
      await this.apply(hungSystem, { hangMs: 12_000 });
      Object.assign(this.injected, { hangs: this.injected.hangs + 1, hungSystem });
      await at(hangAt + hangFor);
      await this.apply(hungSystem, { hangMs: 0 });
    }
    await at(this.windowMs);
    return Date.now() - started;
  }
}

module.exports = { Disruptor, scheduleDisruptions, errorRate, systems };
