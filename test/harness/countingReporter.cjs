// Mocha reporter for the unit and UI tiers: prints like `spec` and, at the end, writes
// { passed, failed, failures: [{ title, message }] } to the file named by the
// reporter option `report` (--reporter-option report=FILE).
const { writeFileSync } = require('node:fs');
const Mocha = require('mocha');

const { Spec } = Mocha.reporters;
const { EVENT_TEST_PASS, EVENT_TEST_FAIL, EVENT_RUN_END } = Mocha.Runner.constants;

class CountingReporter extends Spec {
  constructor(runner, options) {
    super(runner, options);
    const file = options?.reporterOption?.report ?? options?.reporterOptions?.report;
    const result = { passed: 0, failed: 0, failures: [] };
    runner.on(EVENT_TEST_PASS, () => result.passed++);
    runner.on(EVENT_TEST_FAIL, (test, error) => {
      result.failed++;
      result.failures.push({ title: test.fullTitle(), message: error?.message ?? String(error) });
    });
    runner.once(EVENT_RUN_END, () => {
      if (file) writeFileSync(file, JSON.stringify(result, null, 2));
    });
  }
}

module.exports = CountingReporter;
