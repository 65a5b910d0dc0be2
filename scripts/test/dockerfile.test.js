// Docker does not run on the machines that run this suite, so deploy/docker/Dockerfile is checked statically: its
// stages, what each ships, the prebuilt workflow bundle, the health check (whose script is also run, against a real
// HTTP server) and the Node version. docker-compose.test.js checks how compose uses the image.
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { healthRoutes, read } = require('./support/service-sources');

const dockerfile = read('deploy/docker/Dockerfile');

/**
 * The Dockerfile as stages of instructions: `{ name, from, instructions: [{ keyword, args, heredoc }] }`. Handles
 * comments, `\` continuations and `<<'EOF'` heredocs, which is all this Dockerfile uses.
 */
function parseDockerfile(text) {
  const lines = text.split('\n');
  const args = {};
  const stages = [];
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i];
    if (/^\s*(#|$)/.test(line)) continue;
    while (line.endsWith('\\')) line = `${line.slice(0, -1)} ${lines[++i].trim()}`;
    const [, keyword, rest] = /^(\w+)\s+([\s\S]*)$/.exec(line.trim());
    const instruction = { keyword: keyword.toUpperCase(), args: rest };
    const heredoc = /<<-?'?(\w+)'?/.exec(rest);
    if (heredoc) {
      const body = [];
      while (lines[++i] !== heredoc[1]) body.push(lines[i]);
      instruction.heredoc = body.join('\n');
    }
    if (instruction.keyword === 'ARG' && stages.length === 0) {
      const [name, value] = rest.split('=');
      args[name] = value;
    } else if (instruction.keyword === 'FROM') {
      const [, image, name] = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(rest);
      stages.push({ name, from: image.replace(/\$\{(\w+)\}/, (_, arg) => args[arg]), instructions: [] });
    } else {
      stages.at(-1).instructions.push(instruction);
    }
  }
  return { args, stages };
}

const { args, stages } = parseDockerfile(dockerfile);
const stage = (name) => stages.find((candidate) => candidate.name === name);
/** A stage's instructions with those of the stages it is built FROM (its base image's come first). */
function lineage(name) {
  const own = stage(name);
  if (!own) throw new Error(`no stage ${name}`);
  return stages.some((candidate) => candidate.name === own.from) ? [...lineage(own.from), own] : [own];
}
const instructionsOf = (name, keyword) =>
  lineage(name)
    .flatMap(({ instructions }) => instructions)
    .filter((instruction) => instruction.keyword === keyword);
/** `ENV A=1 B=2` → { A: '1', B: '2' }, later stages overriding earlier ones. */
const envOf = (name) =>
  Object.fromEntries(
    instructionsOf(name, 'ENV').flatMap(({ args: text }) =>
      [...text.matchAll(/(\w+)=(\S+)/g)].map(([, variable, value]) => [variable, value]),
    ),
  );
const exposedOf = (name) => instructionsOf(name, 'EXPOSE').flatMap(({ args: text }) => text.split(/\s+/).map(Number));
const defaultOf = (file, variable) =>
  Number(new RegExp(`${variable}: port\\(\\)\\.default\\((\\d+)\\)`).exec(read(file))?.[1]);

describe('the image', () => {
  test('builds on the current Node LTS, while the code keeps supporting Node 20', () => {
    expect(args.NODE_IMAGE).toBe('node:24-bookworm-slim');
    for (const { from } of stages.filter(({ from }) => !stages.some(({ name }) => name === from))) {
      expect(from).toBe(args.NODE_IMAGE);
    }
    expect(JSON.parse(read('package.json')).engines.node).toBe('>=20.3.0');
  });

  test('has a production target without the sandbox, and a default (last) target that adds it for local runs', () => {
    const production = lineage('production');
    const shipped = production.flatMap(({ instructions }) => instructions).filter((i) => i.keyword === 'COPY');
    expect(shipped.length).toBeGreaterThan(10);
    expect(shipped.filter(({ args: text }) => /sandbox/.test(text))).toEqual([]);
    expect(Object.keys(envOf('production')).filter((variable) => variable.startsWith('ORDO_SANDBOX_'))).toEqual([]);
    expect(exposedOf('production').sort()).toEqual([3000, 9464, 9465]);
    expect(production.map(({ name }) => name)).toEqual(['runtime', 'production']);

    expect(stages.at(-1).name).toBe('local');
    expect(instructionsOf('local', 'COPY').map(({ args: text }) => text)).toContain(
      '--from=build /app/services/sandbox/dist services/sandbox/dist',
    );
    expect(exposedOf('local')).toContain(4000);
    for (const target of ['production', 'local']) {
      expect(instructionsOf(target, 'USER').at(-1).args).toBe('node');
      expect(instructionsOf(target, 'CMD').at(-1).args).toBe('["node", "services/process-api/dist/main.js"]');
    }
  });

  test('prebuilds the workflow bundle at build time, and points the worker at it', () => {
    const run = instructionsOf('build', 'RUN').map(({ args: text }) => text);
    const bundling = run.findIndex((text) => text.startsWith('node services/worker/scripts/bundle-workflows.js'));
    // After the build: the script loads the compiled worker, which bundles the compiled workflows.
    expect(bundling).toBeGreaterThan(run.findIndex((text) => text.includes('nx run-many -t build')));
    const [, bundle] = run[bundling].split(' ').slice(1);
    expect(fs.existsSync(path.join(__dirname, '../../services/worker/scripts/bundle-workflows.js'))).toBe(true);
    for (const target of ['production', 'local']) {
      expect(instructionsOf(target, 'COPY').map(({ args: text }) => text)).toContain(
        `--from=build ${bundle} ${path.basename(bundle)}`,
      );
      expect(envOf(target).ORDO_WORKER_WORKFLOW_BUNDLE).toBe(bundle);
    }
    // The variable the worker reads (and refuses when the file is missing).
    expect(read('services/worker/src/config.ts')).toMatch(/ORDO_WORKER_WORKFLOW_BUNDLE: text\(\)\s*\.refine\(/);
  });

  test("sets the worker's shutdown grace from its configuration", () => {
    expect(read('services/worker/src/config.ts')).toMatch(/ORDO_WORKER_SHUTDOWN_GRACE_SECONDS: wholeNumber\(/);
    expect(read('services/worker/src/worker.ts')).toMatch(/shutdownGraceTime: config\.shutdownGraceMs/);
  });
});

describe('the health check', () => {
  const [healthcheck] = instructionsOf('production', 'HEALTHCHECK');
  const script = instructionsOf('production', 'COPY').find(({ heredoc }) => heredoc)?.heredoc;

  test('is node running a script of the image, with a timeout shorter than its interval', () => {
    expect(healthcheck.args).toMatch(/CMD \["node", "\/app\/healthcheck\.js"\]$/);
    expect(instructionsOf('production', 'COPY').find(({ heredoc }) => heredoc).args).toMatch(/\/app\/healthcheck\.js$/);
    const seconds = (option) => Number(new RegExp(`--${option}=(\\d+)s`).exec(healthcheck.args)[1]);
    expect(seconds('timeout')).toBeLessThan(seconds('interval'));
    // The script's own timeout ends the request before Docker kills it.
    expect(Number(/AbortSignal\.timeout\((\d+)\)/.exec(script)[1])).toBeLessThan(seconds('timeout') * 1000);
  });

  test("asks each service for a route it serves, on its port's variable with the service's default", () => {
    // `http://127.0.0.1:${env.PORT_VARIABLE || 1234}/route`, one per service.
    const target = /\$\{env\.(\w+) \|\| (\d+)\}(\/[\w/]*)`/;
    const targets = script
      .split('\n')
      .filter((line) => line.includes('http://127.0.0.1:'))
      .map((line) => target.exec(line).slice(1));
    expect(targets).toEqual([
      [
        'ORDO_WORKER_HEALTH_PORT',
        String(defaultOf('services/worker/src/config.ts', 'ORDO_WORKER_HEALTH_PORT')),
        '/health/live',
      ],
      ['ORDO_SANDBOX_PORT', String(defaultOf('services/sandbox/src/config.ts', 'ORDO_SANDBOX_PORT')), '/health'],
      [
        'ORDO_API_PORT',
        String(defaultOf('services/process-api/src/config/api-config.ts', 'ORDO_API_PORT')),
        '/health/live',
      ],
    ]);
    expect(healthRoutes.worker).toContain('/health/live');
    expect(healthRoutes.sandbox).toContain('/health');
    expect(healthRoutes.api).toContain('/health/live');
  });

  describe('run against a real server', () => {
    let dir;
    let server;
    let port;
    let status = 200;
    const requested = [];

    beforeAll(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ordo-healthcheck-'));
      server = http.createServer((request, response) => {
        requested.push(request.url);
        response.writeHead(status).end();
      });
      await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = server.address().port;
    });
    afterAll(async () => {
      await new Promise((resolve) => server.close(resolve));
      fs.rmSync(dir, { recursive: true, force: true });
    });

    /** The script as the image has it, reading a stand-in for /proc/1/cmdline (PID 1 here is not an Ordo service). */
    function check(command, env) {
      const cmdline = path.join(dir, 'cmdline');
      fs.writeFileSync(cmdline, `${command.split(' ').join('\0')}\0`);
      const file = path.join(dir, 'healthcheck.js');
      fs.writeFileSync(file, script.replace("'/proc/1/cmdline'", JSON.stringify(cmdline)));
      const child = spawn(process.execPath, [file], { env: { PATH: process.env.PATH, ...env }, stdio: 'ignore' });
      return new Promise((resolve) => child.on('exit', resolve));
    }

    test("exits 0 while the worker's liveness answers 200, 1 when it answers 503 or nothing listens", async () => {
      const worker = 'node services/worker/dist/main.js';
      expect(await check(worker, { ORDO_WORKER_HEALTH_PORT: String(port) })).toBe(0);
      status = 503;
      expect(await check(worker, { ORDO_WORKER_HEALTH_PORT: String(port) })).toBe(1);
      status = 200;
      const closed = await new Promise((resolve) => {
        const probe = http.createServer().listen(0, '127.0.0.1', () => {
          const { port: free } = probe.address();
          probe.close(() => resolve(free));
        });
      });
      expect(await check(worker, { ORDO_WORKER_HEALTH_PORT: String(closed) })).toBe(1);
      expect(requested).toEqual(['/health/live', '/health/live']);
    });

    test('asks the API, or the sandbox, by the command PID 1 runs', async () => {
      requested.length = 0;
      expect(await check('node services/process-api/dist/main.js', { ORDO_API_PORT: String(port) })).toBe(0);
      expect(await check('node services/sandbox/dist/main.js', { ORDO_SANDBOX_PORT: String(port) })).toBe(0);
      expect(requested).toEqual(['/health/live', '/health']);
    });
  });
});
