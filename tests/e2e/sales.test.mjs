// End-to-end test of sales import in the real app, on demo data: a report picked with the Import… button and the
// native file dialog, one column corrected in the preview, the import committed, the Sales dashboard and the
// account's dossier counting it, then the import undone and both back to what they were.
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

/** The whole-euro amount a dashboard figure shows ("€1,234,567" → 1234567). */
async function euros(session, css) {
  const text = await (await session.find(css)).text();
  const match = /€\s?([\d,]+)/.exec(text);
  assert.ok(match, `no amount in "${text}"`);
  return Number(match[1].replace(/,/g, ""));
}

/** Waits until the figure in `css` is no longer `previous`, and returns it. */
async function changedFrom(session, css, previous) {
  return session.waitFor(async () => {
    const now = await euros(session, css);
    return now !== previous ? now : null;
  }, 20000, `${css} to change from ${previous}`);
}

async function openDossierSales(session, name) {
  await session.navigateHash("#/accounts");
  await (await session.findWithText("[data-testid=accounts-table] tbody td", name)).click();
  await (await session.find("[data-testid=tab-sales]")).click();
  return euros(session, "[data-testid=account-sales-total]");
}

test("a report imported through the button changes the dashboard and the dossier, and undo changes them back", async () => {
  const dataDir = freshDataDir();
  execFileSync(APP, ["--data-dir", dataDir, "demo"]);
  const file = join(mkdtempSync(join(tmpdir(), "avain-report-")), "tukku-maaliskuu.csv");
  writeFileSync(file, REPORT);
  const hospital = "Järvimaa Hospital District";

  await withApp(driver, dataDir, "sales-import", async (session) => {
    const dossierBefore = await openDossierSales(session, hospital);
    await (await session.find("[data-testid=nav-sales]")).click();
    const totalBefore = await euros(session, "[data-testid=kpi-total]");

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

    // The dashboard counts the report (whole euros shown, so allow the rounding of the other sales).
    const totalAfter = await changedFrom(session, "[data-testid=kpi-total]", totalBefore);
    assert.ok(Math.abs(totalAfter - totalBefore - 1384) <= 1, `${totalBefore} → ${totalAfter}`);
    await saveScreenshot(session, "sales-dashboard");
    // The account's dossier counts its own part.
    await (await session.findWithText("[data-testid=account-table] a", hospital)).click();
    const dossierAfter = await changedFrom(session, "[data-testid=account-sales-total]", dossierBefore);
    assert.ok(Math.abs(dossierAfter - dossierBefore - 1334) <= 1, `${dossierBefore} → ${dossierAfter}`);

    // Undo the import: both are as before.
    await session.navigateHash("#/sales/imports");
    await (await session.find('[data-testid=imports-table] tr[data-file="tukku-maaliskuu.csv"] [data-testid^=undo-]')).click();
    await (await session.find("[data-testid=confirm-yes]")).click();
    await session.waitFor(async () => (await session.findAll('tr[data-file="tukku-maaliskuu.csv"]')).length === 0, 15000, "the import to leave the list");
    await session.navigateHash("#/sales");
    await session.waitFor(async () => (await euros(session, "[data-testid=kpi-total]")) === totalBefore, 15000, "the total to return");
    assert.equal(await openDossierSales(session, hospital), dossierBefore);
  });
});

// A wholesaler's price list: Finnish headers, decimal commas, a heading row, and a "Luokka" column (Rx or OTC)
// that Avain cannot name by itself.
const PRICE_LIST = [
  "Tuotenumero;Kauppanimi;Vaikuttava aine;ATC;Pakkaus;Tukkuhinta €;Luokka",
  "KIPULÄÄKKEET;;;;;;",
  "004411;Dolorex 400 mg;ibuprofeeni;M01AE01;30 tabl;4,95;OTC",
  "012345;Cardivel 20 mg;atorvastatiini;C10AA05;30 tabl;12,40;Rx",
  "",
].join("\n");

test("a price list imported on the Products tab fills the SKU catalogue", async () => {
  const dataDir = freshDataDir();
  const file = join(mkdtempSync(join(tmpdir(), "avain-prices-")), "hinnasto.csv");
  writeFileSync(file, PRICE_LIST);

  await withApp(driver, dataDir, "price-list", async (session) => {
    await (await session.find("[data-testid=start-empty]")).click();
    await session.find("[data-testid=nav-sales]");
    await session.navigateHash("#/sales/products");
    await (await session.find("[data-testid=import-price-list]")).click();
    await pickInNativeDialog("Import a price list", file);
    await session.find("[data-testid=price-list-dialog] [data-testid=price-list-mapping]");
    await session.findWithText("[data-testid=price-list-summary]", "2 new");
    assert.equal(await (await session.find("[data-testid=field-6]")).property("value"), "ignore");

    // Correct the column: Luokka says prescription only or over the counter.
    await choose(session, "[data-testid=field-6]", "rx");
    await session.findWithText("[data-testid=price-list-rows]", "Dolorex 400 mg");
    await saveScreenshot(session, "price-list-preview");
    await (await session.find("[data-testid=price-list-commit]")).click();
    await session.waitFor(async () => (await session.findAll("[data-testid=price-list-dialog]")).length === 0, 15000, "the dialog to close");

    const row = await session.findWithText("[data-testid=sku-catalogue] tr", "Dolorex 400 mg");
    const text = await row.text();
    assert.match(text, /M01AE01/);
    assert.match(text, /OTC/);
    assert.match(text, /4\.95/);
    await session.findWithText("[data-testid=sku-catalogue] tr", "Cardivel 20 mg");
  });
});
