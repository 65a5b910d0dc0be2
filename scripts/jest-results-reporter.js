// Writes each jest run's totals to $ORDO_JEST_RESULTS_DIR so `npm test` can print one summary line for all
// projects. Does nothing when the variable is unset (a plain `npx jest`).
const fs = require('node:fs');
const path = require('node:path');

class OrdoResultsReporter {
  constructor(globalConfig) {
    this.globalConfig = globalConfig;
  }

  onRunComplete(_contexts, results) {
    const dir = process.env.ORDO_JEST_RESULTS_DIR;
    if (!dir) return;
    fs.mkdirSync(dir, { recursive: true });
    const project = path.basename(this.globalConfig.rootDir);
    const file = path.join(dir, `${project}-${process.pid}-${Date.now()}.json`);
    const totals = {
      rootDir: this.globalConfig.rootDir,
      passed: results.numPassedTests,
      failed: results.numFailedTests,
      pending: results.numPendingTests + results.numTodoTests,
      // A suite that failed to load has no failed test but must not read as green.
      suitesFailedToRun: results.numRuntimeErrorTestSuites,
      success: results.success,
    };
    fs.writeFileSync(file, JSON.stringify(totals));
  }
}

module.exports = OrdoResultsReporter;
