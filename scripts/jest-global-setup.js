// Jest globalSetup for every workspace: makes sure the pinned Temporal binaries exist (downloading them into the
// user cache on first use) and hands their paths to the test workers through the environment.
const { ensureTemporalCli, ensureTestServer } = require('./lib/temporal-binaries');

module.exports = async function obtainTemporalBinaries() {
  const log = (message) => process.stderr.write(`\n[ordo jest setup] ${message}`);
  process.env.ORDO_TEMPORAL_CLI ||= await ensureTemporalCli({ log });
  process.env.ORDO_TEST_SERVER ||= await ensureTestServer({ log });
};
