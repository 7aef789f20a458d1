// End-to-end test of sales import in the real app: a report picked with the Import… button and the native file
// dialog, one column corrected in the preview, the import committed, the Sales dashboard and the account's dossier
// showing it, then the import undone and both showing it gone.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { APP, choose, freshDataDir, pickInNativeDialog, saveScreenshot, startDriver, withApp } from "./harness.mjs";

let driver;
before(async () => {
  driver = await startDriver();
});
after(async () => {
  await driver?.stop();
});

// A distributor's March report: a title row, Finnish headers, decimal commas, a total row, one customer Avain
// knows from the demo region and one it does not. "Netto" is a money column Avain cannot name by itself.
const REPORT = [
  "Tukkuliike Oy – myyntiraportti maaliskuu 2026",
  "Asiakas;Tuote;Päivämäärä;Kpl;Netto",
  "Järvimaa Hospital District;Burana 400 mg 30 tabl;05.03.2026;10;1 234,00",
  "Järvimaa Hospital District;Panadol 500 mg 20 tabl;12.03.2026;4;100,00",
  "Tuntematon apteekki;Burana 400 mg 30 tabl;20.03.2026;2;50,00",
  "Yhteensä;;;16;1 384,00",
  "",
].join("\n");

test("a report imported through the button shows on the dashboard and the dossier, and undo takes it back", async () => {
  const dataDir = freshDataDir();
  execFileSync(APP, ["--data-dir", dataDir, "demo"]);
  const file = join(mkdtempSync(join(tmpdir(), "avain-report-")), "tukku-maaliskuu.csv");
  writeFileSync(file, REPORT);

  await withApp(driver, dataDir, "sales-import", async (session) => {
    await (await session.find("[data-testid=nav-sales]")).click();
    await session.find("[data-testid=sales-empty]");

    await (await session.find("[data-testid=import-button]")).click();
    await pickInNativeDialog("Import sales reports", file);
    await session.find("[data-testid=import-dialog] [data-testid=import-mapping]");
    const lines = await session.find("[data-testid=import-lines]");
    assert.equal(await lines.text(), "3", "three lines; the total row is left out");
    const netto = await session.find("[data-testid=role-4]");
    assert.equal(await netto.property("value"), "ignore");

    // Correct the column: Netto is the amount of money.
    await choose(session, "[data-testid=role-4]", "amount");
    await session.findWithText("[data-testid=import-summary]", "Total Netto");
    await saveScreenshot(session, "import-preview");
    await (await session.find("[data-testid=import-commit]")).click();
    await session.waitFor(async () => (await session.findAll("[data-testid=import-dialog]")).length === 0, 30000, "the dialog to close");

    const total = await session.findWithText("[data-testid=kpi-total]", "€1,384");
    assert.match(await total.text(), /16 packs/);
    await saveScreenshot(session, "sales-dashboard");

    // The account's dossier shows its own part.
    await (await session.findWithText("[data-testid=account-table] a", "Järvimaa Hospital District")).click();
    await session.findWithText("[data-testid=account-sales-total]", "€1,334");

    // Undo the import: the figures are gone from both.
    await session.navigateHash("#/sales/imports");
    await (await session.find("[data-testid=imports-table] [data-testid^=undo-]")).click();
    await (await session.find("[data-testid=confirm-yes]")).click();
    await session.waitFor(async () => (await session.findAll("[data-testid=imports-table]")).length === 0, 15000, "the import list to empty");
    await session.navigateHash("#/sales");
    await session.find("[data-testid=sales-empty]");
    await session.navigateHash("#/accounts");
    await (await session.findWithText("[data-testid=accounts-table] tbody td", "Järvimaa Hospital District")).click();
    await (await session.find("[data-testid=tab-sales]")).click();
    await session.find("[data-testid=account-sales-empty]");
  });
});
