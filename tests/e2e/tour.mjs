// Not a test: opens the app on demo data and saves a screenshot of every screen into tests/e2e/.artifacts/tour/,
// so a person can look at them (run: dbus-run-session -- xvfb-run -a node tests/e2e/tour.mjs).
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { choose, freshDataDir, launch, startDriver } from "./harness.mjs";
import { Key } from "./webdriver.mjs";

const out = join(import.meta.dirname, ".artifacts", "tour");
mkdirSync(out, { recursive: true });
const driver = await startDriver();
const session = await launch(driver, freshDataDir());
const shot = async (name) => writeFileSync(join(out, `${name}.png`), await session.screenshot());
const go = async (hash, ready) => {
  await session.navigateHash(hash);
  await session.find(ready);
};
try {
  await shot("00-onboarding");
  await (await session.find("[data-testid=start-demo]")).click();
  await session.find("[data-testid=today-loaded]");
  await shot("01-today");
  await go("#/accounts", "[data-testid=accounts-table] tbody tr");
  await shot("02-accounts");
  await go("#/accounts/3", "[data-testid=criteria-panel]");
  await shot("03-dossier-overview");
  await go("#/accounts/3/decision-group", "[data-testid=member-card]");
  await shot("04-dossier-group");
  await go("#/accounts/3/interactions", ".timeline");
  await shot("05-dossier-interactions");
  await go("#/accounts/3/sales", ".empty");
  await shot("06-dossier-sales");
  await go("#/people", "[data-testid=people-table] tbody tr");
  await shot("07-people");
  await (await session.find("[data-testid=people-table] tbody td")).click();
  await session.find("[data-testid=person-page]");
  await shot("08-person");
  await (await session.find("[data-testid=edit-person]")).click();
  await session.find("[data-testid=person-form]");
  await shot("09-person-form");
  await session.keys(Key.Escape);
  await go("#/accounts/3", "[data-testid=criteria-panel]");
  await (await session.find("[data-testid=edit-account]")).click();
  await session.find("[data-testid=account-form]");
  await shot("10-account-form");
  await session.keys(Key.Escape);
  await (await session.findWithText("button", "Log interaction")).click();
  await session.find("[data-testid=interaction-form]");
  await shot("11-interaction-form");
  await session.keys(Key.Escape);
  await go("#/network", "[data-testid=network-draw-ms]");
  await shot("12-network");
  await go("#/proposals", "[data-testid=proposals-page]");
  await shot("12-not-yet");
  await go("#/settings", "[data-testid=settings-page]");
  await shot("13-settings");
  await session.keys(Key.Control, "k");
  await (await session.find("[data-testid=search-palette] input")).type("formulary");
  await session.find("[data-testid=search-results] li");
  await shot("14-search");
  await session.keys(Key.Escape);
  await choose(session, "select[name=theme]", "dark");
  await choose(session, "select[name=language]", "fi");
  await session.findWithText("h1", "Asetukset");
  await go("#/today", "[data-testid=today-loaded]");
  await shot("15-today-dark-fi");
  await go("#/accounts/3", "[data-testid=criteria-panel]");
  await shot("16-dossier-dark-fi");
  await go("#/network", "[data-testid=network-draw-ms]");
  await shot("17-network-dark-fi");
} finally {
  await session.end();
  await driver.stop();
}
