// End-to-end tests of the foundation in the real app (tauri-driver + WebKitWebDriver): what a KAM does on the
// first day, surviving a quit and a crash, demo data with Ctrl+K, and a refused save.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { execFileSync } from "node:child_process";
import { openSync, writeSync, closeSync } from "node:fs";
import { join } from "node:path";
import { APP, appPid, choose, fill, freshDataDir, saveScreenshot, startDriver, withApp } from "./harness.mjs";
import { Key } from "./webdriver.mjs";

let driver;
before(async () => {
  driver = await startDriver();
});
after(async () => {
  await driver?.stop();
});

async function startEmpty(session) {
  await (await session.find("[data-testid=start-empty]")).click();
  await session.find("[data-testid=today-loaded]");
}

async function createAccount(session, name, region) {
  await (await session.find("[data-testid=nav-accounts]")).click();
  await (await session.find("[data-testid=new-account]")).click();
  await fill(session, "[data-testid=account-form] input[name=name]", name);
  await choose(session, "[data-testid=account-form] select[name=kind]", "hospital");
  await choose(session, "[data-testid=account-form] select[name=status]", "key");
  await fill(session, "[data-testid=account-form] input[name=region]", region);
  await (await session.find("[data-testid=account-form] [data-testid=save]")).click();
  await session.findWithText("[data-testid=dossier-title]", name);
}

test("an account and a decision-group member created in the UI are there after a restart", async () => {
  const dataDir = freshDataDir();
  await withApp(driver, dataDir, "create", async (session) => {
    await startEmpty(session);
    await createAccount(session, "Kivilahti Central Hospital", "Järvimaa");

    await (await session.find("[data-testid=tab-decision-group]")).click();
    await (await session.find("[data-testid=add-member]")).click();
    await fill(session, "[data-testid=member-form] input[name=first_name]", "Anna");
    await fill(session, "[data-testid=member-form] input[name=last_name]", "Virtanen");
    await fill(session, "[data-testid=member-form] input[name=title]", "Chief Physician");
    await choose(session, "[data-testid=member-form] select[name=buying_role]", "decision_maker");
    await choose(session, "[data-testid=member-form] select[name=decision_style]", "analytical");
    await (await session.find("[data-testid=member-form] [data-testid=save]")).click();
    const card = await session.findWithText("[data-testid=member-card]", "Anna Virtanen");
    assert.match(await card.text(), /Decision maker/);
    assert.match(await card.text(), /Analytical/);
    await saveScreenshot(session, "decision-group");
  });

  await withApp(driver, dataDir, "restart", async (session) => {
    // No first-run question the second time: the data is there.
    await session.find("[data-testid=today-loaded]");
    await (await session.find("[data-testid=nav-accounts]")).click();
    const row = await session.findWithText("[data-testid=accounts-table] tbody tr", "Kivilahti Central Hospital");
    assert.match(await row.text(), /Järvimaa/);
    await (await session.findWithText("[data-testid=accounts-table] tbody td", "Kivilahti Central Hospital")).click();
    await (await session.find("[data-testid=tab-decision-group]")).click();
    await session.findWithText("[data-testid=member-card]", "Anna Virtanen");
  });
});

test("saving an account without a name shows the error and saves nothing", async () => {
  await withApp(driver, freshDataDir(), "no-name", async (session) => {
    await startEmpty(session);
    await (await session.find("[data-testid=nav-accounts]")).click();
    await (await session.find("[data-testid=new-account]")).click();
    await choose(session, "[data-testid=account-form] select[name=kind]", "pharmacy_chain");
    await (await session.find("[data-testid=account-form] [data-testid=save]")).click();
    const error = await session.find("[data-testid=form-error]");
    assert.equal(await error.text(), "Account name is required.");
    await saveScreenshot(session, "account-name-required");
    await session.keys(Key.Escape);
    await session.find("[data-testid=accounts-empty]");
  });
});

test("with demo data loaded, Ctrl+K finds a person and opens them", async () => {
  await withApp(driver, freshDataDir(), "search", async (session) => {
    await (await session.find("[data-testid=start-demo]")).click();
    await session.find("[data-testid=today-loaded]");
    await session.findWithText("[data-testid=today-birthdays]", "turns");
    await saveScreenshot(session, "today-demo");

    await (await session.find("[data-testid=nav-people]")).click();
    const firstRow = await session.find("[data-testid=people-table] tbody tr[data-index='0'] td");
    const name = (await firstRow.text()).trim();
    const lastName = name.split(" ").slice(-1)[0];

    await session.keys(Key.Control, "k");
    const input = await session.find("[data-testid=search-palette] input[type=search]");
    await input.type(lastName);
    const hit = await session.findWithText("[data-testid=search-results] li", name);
    await saveScreenshot(session, "search");
    await hit.click();
    await session.findWithText("[data-testid=person-name]", name);
  });
});

test("kill -9 loses nothing already saved and the next start opens cleanly", async () => {
  const dataDir = freshDataDir();
  await withApp(driver, dataDir, "before-kill", async (session) => {
    await startEmpty(session);
    await createAccount(session, "Rantamäki Hospital", "Lehtovaara");
    process.kill(appPid(dataDir), "SIGKILL");
  });
  await withApp(driver, dataDir, "after-kill", async (session) => {
    await session.find("[data-testid=today-loaded]");
    await (await session.find("[data-testid=nav-accounts]")).click();
    await session.findWithText("[data-testid=accounts-table] tbody tr", "Rantamäki Hospital");
    // And it still saves.
    await createAccount(session, "Koivula Hospital", "Lehtovaara");
  });
});

test("a visit's next step lands on Today, can be ticked off, and the app speaks Finnish", async () => {
  await withApp(driver, freshDataDir(), "daily", async (session) => {
    await startEmpty(session);
    await createAccount(session, "Koivula Hospital", "Järvimaa");
    await (await session.findWithText("button", "Log interaction")).click();
    const form = "[data-testid=interaction-form]";
    await fill(session, `${form} input[name=topic]`, "Formulary review");
    await fill(session, `${form} textarea[name=outcome]`, "Positive; wants real-world data.");
    await fill(session, `${form} input[name=next_step]`, "Send the budget impact model");
    const now = new Date();
    const today = [now.getDate(), now.getMonth() + 1].map((n) => String(n).padStart(2, "0")).join("/") + `/${now.getFullYear()}`;
    await fill(session, `${form} input[name=next_step_due]`, today);
    await (await session.find(`${form} [data-testid=save]`)).click();
    await session.findWithText(".timeline", "Formulary review");

    await (await session.find("[data-testid=nav-today]")).click();
    const task = await session.findWithText("[data-testid=due-today-tasks] li", "Send the budget impact model");
    assert.match(await task.text(), /Koivula Hospital/);
    await (await session.find("[data-testid=due-today-tasks] input[type=checkbox]")).click();
    await session.findWithText("[data-testid=today-tasks]", "Nothing due");

    await (await session.find("[data-testid=nav-settings]")).click();
    await choose(session, "select[name=language]", "fi");
    await session.findWithText("[data-testid=nav-today]", "Tänään");
    await session.findWithText("h1", "Asetukset");
  });
});

test("data from a newer Avain is refused with a clear message and left alone", async () => {
  const dataDir = freshDataDir();
  execFileSync(APP, ["--data-dir", dataDir, "info"], { stdio: "ignore" });
  // SQLite keeps user_version (Avain's data format) in bytes 60-63 of the file header, big-endian.
  const fd = openSync(join(dataDir, "avain.sqlite"), "r+");
  writeSync(fd, Buffer.from([0, 0, 0, 99]), 0, 4, 60);
  closeSync(fd);
  await withApp(driver, dataDir, "newer", async (session) => {
    const fatal = await session.find("[data-testid=fatal]");
    assert.match(await fatal.text(), /saved by a newer version of Avain \(data format 99\)/);
    assert.match(await fatal.text(), /Nothing was changed/);
  });
});
