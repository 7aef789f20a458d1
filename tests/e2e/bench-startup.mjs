// Start-up benchmark: WebDriver session start (the app is launched) until the first content shows, for Avain
// opening on demo data (Today rendered) and for an empty Tauri window. Prints each run, the medians and the ratio.
// Usage (see scripts/bench-startup.sh): node tests/e2e/bench-startup.mjs AVAIN_BIN EMPTY_BIN DATA_DIR [RUNS]
import { Session } from "./webdriver.mjs";
import { startDriver } from "./harness.mjs";

const [avain, empty, dataDir, runsText] = process.argv.slice(2);
const runs = Number(runsText ?? 7);

async function measure(application, args, readyCss, attempt = 1) {
  const started = performance.now();
  let session;
  try {
    session = await Session.start(driver.server, { "tauri:options": { application, args } });
  } catch (e) {
    // A start that hangs is retried, not counted (see Driver.restart in harness.mjs).
    if (attempt >= 3) throw e;
    console.warn(`start failed (${e.message}); retrying`);
    await driver.restart();
    return measure(application, args, readyCss, attempt + 1);
  }
  try {
    await session.find(readyCss, 60000);
    return performance.now() - started;
  } finally {
    await session.end();
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const driver = await startDriver();
try {
  const results = { empty: [], avain: [] };
  // Alternate the two so both see the same machine state; the first run of each is the coldest.
  for (let i = 0; i < runs; i++) {
    results.empty.push(await measure(empty, [], "#content"));
    results.avain.push(await measure(avain, ["--data-dir", dataDir], "[data-testid=today-loaded]"));
    console.log(`run ${i + 1}: empty window ${results.empty[i].toFixed(0)} ms, Avain to Today ${results.avain[i].toFixed(0)} ms`);
  }
  const e = median(results.empty);
  const a = median(results.avain);
  console.log(`median: empty window ${e.toFixed(0)} ms, Avain to Today ${a.toFixed(0)} ms, ratio ${(a / e).toFixed(2)} (target <= 1.5)`);
} finally {
  await driver.stop();
}
