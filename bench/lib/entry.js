// What `npm run bench` and `npm run chaos` do before measuring: read their settings (exit 2 naming the problem),
// then build every workspace unless ORDO_BENCH_SKIP_BUILD=1 (exit 1 if the build fails).
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const repoRoot = path.resolve(__dirname, '..', '..');

/** A logger that prefixes each line with `tag` and the time of day. */
function taggedLog(tag) {
  return (message) => process.stderr.write(`[${tag} ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

/** Returns the validated settings once the workspaces are built; exits the process otherwise. */
function settingsAfterBuild(loadSettings, log) {
  let settings;
  try {
    settings = loadSettings();
  } catch (error) {
    log(`invalid configuration: ${error.message}`);
    process.exit(2);
  }
  log(`settings: ${JSON.stringify(settings)}`);
  if (process.env.ORDO_BENCH_SKIP_BUILD !== '1') {
    const build = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '--outputStyle=stream'], {
      cwd: repoRoot,
      stdio: 'inherit',
    });
    if (build.status !== 0) {
      log('the build failed');
      process.exit(1);
    }
  }
  return settings;
}

module.exports = { repoRoot, settingsAfterBuild, taggedLog };
