// Not a test: opens the app on an existing data folder and saves screenshots of the given screens, for looking at
// them by hand: node tests/e2e/look.mjs DATA_DIR OUT_DIR '#/sales' '#/sales/imports' ...
// A screen given as '#/sales@[data-testid=receivables-table]' is scrolled to that element first; one given as
// '#/tenders!.some-button' has that element clicked first ('#/tenders!text:Week': the button or link saying so).
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { launch, startDriver } from "./harness.mjs";

const [dataDir, out, ...hashes] = process.argv.slice(2);
mkdirSync(out, { recursive: true });
const driver = await startDriver();
const session = await launch(driver, dataDir);
try {
  for (const [i, screen] of hashes.entries()) {
    const [target, click] = screen.split("!");
    const [hash, scrollTo] = target.split("@");
    await session.navigateHash(hash);
    await session.find("main > *").catch(() => null);
    if (click?.startsWith("text:")) await (await session.findWithText("main button, main a", click.slice(5))).click();
    else if (click) await (await session.find(click)).click();
    // Charts and lazy pages settle within a frame or two; wait until the page stops changing.
    let last = "";
    await new Promise((r) => setTimeout(r, 1200));
    for (let k = 0; k < 20; k++) {
      const now = await session.execute("return (document.querySelector('main') ?? document.body).innerHTML.length + ':' + document.querySelectorAll('canvas').length");
      if (now === last) break;
      last = now;
      await new Promise((r) => setTimeout(r, 150));
    }
    if (scrollTo) await session.execute(`document.querySelector(${JSON.stringify(scrollTo)})?.scrollIntoView()`);
    writeFileSync(join(out, `${String(i).padStart(2, "0")}.png`), await session.screenshot());
  }
} finally {
  await session.end();
  await driver.stop();
}
