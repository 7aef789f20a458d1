// End-to-end test of the tender calendar in the real app: create a tender, see its milestones in the calendar,
// move one and see it move there too, export the calendar through the native save dialog and read the file, then
// drag a buyer's deadline to another day in the calendar, which asks first; then tick a milestone off on Today.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { APP, choose, fill, freshDataDir, pickInNativeDialog, saveInNativeDialog, saveScreenshot, startDriver, withApp } from "./harness.mjs";

/** Drags `from` onto `to` with the mouse, in small steps as a hand would. */
async function drag(session, from, to) {
  const steps = [
    { type: "pointerMove", origin: from.ref(), x: 0, y: 0, duration: 0 },
    { type: "pointerDown", button: 0 },
    { type: "pause", duration: 150 },
    { type: "pointerMove", origin: "pointer", x: 8, y: 4, duration: 100 },
    { type: "pointerMove", origin: "pointer", x: 8, y: 4, duration: 100 },
    { type: "pointerMove", origin: to.ref(), x: 0, y: 10, duration: 400 },
    { type: "pause", duration: 150 },
    { type: "pointerUp", button: 0 },
  ];
  await session.cmd("POST", "/actions", { actions: [{ type: "pointer", id: "mouse", parameters: { pointerType: "mouse" }, actions: steps }] });
  await session.cmd("DELETE", "/actions");
}

let driver;
before(async () => {
  driver = await startDriver();
});
after(async () => {
  await driver?.stop();
});

const iso = (d) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
const addDays = (d, n) => new Date(d.getFullYear(), d.getMonth(), d.getDate() + n);
const typed = (d) => `${String(d.getDate()).padStart(2, "0")}/${String(d.getMonth() + 1).padStart(2, "0")}/${d.getFullYear()}`;

test("a new tender's milestones are in the calendar, a moved one moves there, and the calendar exports", async () => {
  const dataDir = freshDataDir();
  execFileSync(APP, ["--data-dir", dataDir, "demo"]);
  const announced = new Date();
  const later = new Date(announced.getFullYear(), announced.getMonth(), announced.getDate() + 2);
  const file = join(mkdtempSync(join(tmpdir(), "avain-ics-")), "tenders.ics");

  await withApp(driver, dataDir, "tenders", async (session) => {
    await (await session.find("[data-testid=nav-tenders]")).click();
    await session.find("[data-testid=tender-calendar] [data-date]");
    await (await session.find("[data-testid=new-tender]")).click();

    const form = "[data-testid=tender-form]";
    await fill(session, `${form} input[name=title]`, "E2E insulins");
    await fill(session, `${form} input[name=buyer]`, "Järvimaa");
    await (await session.findWithText(`${form} [role=option]`, "Järvimaa Hospital District")).click();
    await choose(session, `${form} select[name=procedure]`, "open_tender");
    await fill(session, `${form} input[name=announcement]`, typed(announced));
    await fill(session, `${form} input[name=reference]`, "JHD/E2E/1");
    await fill(session, `${form} input[name=lot-0-inn]`, "insulin glargine");
    await fill(session, `${form} input[name=lot-0-quantity]`, "12 000");
    await fill(session, `${form} input[name=lot-0-ours]`, "24,50");
    await (await session.find(`${form} [data-testid=save]`)).click();

    // The tender opens with its plan: nine months of preparation, the announcement today.
    await session.findWithText("[data-testid=tender-title]", "E2E insulins");
    const id = await session.waitFor(async () => {
      const hash = await session.execute("return window.location.hash;");
      const m = /^#\/tenders\/(\d+)$/.exec(hash);
      return m ? Number(m[1]) : null;
    }, 15000, "the tender's page");
    await session.find("[data-testid=milestone-needs_analysis]");
    await session.find("[data-testid=milestone-submission_deadline]");

    // In the calendar, the announcement is on today's square.
    await (await session.find("[data-testid=nav-tenders]")).click();
    await session.find(`[data-testid=tender-calendar] [data-date="${iso(announced)}"] [data-testid="event-${id}:announcement"]`);
    await saveScreenshot(session, "tender-calendar");

    // Move the announcement two days on, from the tender's page.
    await session.navigateHash(`#/tenders/${id}`);
    await (await session.find("[data-testid=move-announcement]")).click();
    await fill(session, "[data-testid=move-form] input[name=date]", typed(later));
    await (await session.find("[data-testid=move-form] [data-testid=save]")).click();
    await session.waitFor(async () => (await session.findAll("[data-testid=move-form]")).length === 0, 15000, "the move to save");
    await (await session.find("[data-testid=nav-tenders]")).click();
    await session.find(`[data-testid=tender-calendar] [data-date="${iso(later)}"] [data-testid="event-${id}:announcement"]`);
    assert.equal(
      (await session.findAll(`[data-date="${iso(announced)}"] [data-testid="event-${id}:announcement"]`)).length,
      0,
      "the announcement left its old day",
    );

    // The agenda lists the same milestones.
    await (await session.findWithText("[data-testid=tender-calendar] button", "Agenda")).click();
    await session.findWithText("[data-testid=tender-calendar] [data-testid^=event-]", "E2E insulins");

    // Export through the native save dialog; the file has the tender's events with their stable UIDs.
    await (await session.find("[data-testid=export-ics]")).click();
    await saveInNativeDialog("Export the tender calendar", file);
    await session.waitFor(async () => existsSync(file), 15000, "the calendar file");
    const ics = readFileSync(file, "utf8").replace(/\r\n /g, "");
    assert.match(ics, /^BEGIN:VCALENDAR\r\n/);
    assert.ok(ics.includes(`UID:tender-${id}-announcement@avain`), "the moved milestone is exported");
    assert.ok(ics.includes(`DTSTART;VALUE=DATE:${iso(later).replace(/-/g, "")}`), "at its new date");
    assert.ok(ics.includes("SEQUENCE:1"), "as a new revision of the same event");

    // Drag the clarification deadline (a buyer's date, 14 days after the announcement) one day on; the calendar
    // asks before moving it.
    await (await session.findWithText("[data-testid=tender-calendar] button", "Month")).click();
    const clarification = addDays(announced, 14);
    const event = `[data-testid="event-${id}:clarification_deadline"]`;
    if ((await session.findAll(event)).length === 0) await (await session.find("[data-testid=tender-calendar] button[aria-label^=Next]")).click();
    const target = (await session.findAll(`[data-date="${iso(addDays(clarification, 1))}"]`)).length ? addDays(clarification, 1) : addDays(clarification, -1);
    await session.waitFor(async () => {
      await drag(session, await session.find(event), await session.find(`[data-date="${iso(target)}"]`));
      return (await session.findAll("[data-testid=confirm-dialog]")).length > 0;
    }, 30000, "the confirmation of moving a deadline");
    await (await session.find("[data-testid=confirm-yes]")).click();
    await session.find(`[data-date="${iso(target)}"] ${event}`);
    await session.navigateHash(`#/tenders/${id}`);
    await session.findWithText("[data-testid=milestone-date-clarification_deadline]", typed(target));

    // Today lists the announcement (in two days); ticking it off there marks it done on the tender.
    await (await session.find("[data-testid=nav-today]")).click();
    const tick = `[data-testid=today-milestone-done-${id}-announcement]`;
    await (await session.find(tick)).click();
    await session.waitFor(async () => (await session.findAll(tick)).length === 0, 15000, "the milestone to leave Today");
    await session.navigateHash(`#/tenders/${id}`);
    await session.find("[data-testid=milestone-announcement].done");
  });
});

test("a tender list imported through the button adds its tenders and says why it leaves others out", async () => {
  const dataDir = freshDataDir();
  execFileSync(APP, ["--data-dir", dataDir, "demo"]);
  const file = join(mkdtempSync(join(tmpdir(), "avain-tenders-")), "kilpailut.csv");
  writeFileSync(
    file,
    [
      "Hankinnan nimi;Hankintayksikkö;Menettely;Diaarinumero;Julkaisu;Tarjousten jättöaika;Vaikuttava aine;Määrä",
      "E2E-lääkehuolto;Järvimaa Hospital District;Avoin menettely;JHD/E2E/7;01.03.2027;31.03.2027;metformin;5000",
      "E2E-lääkehuolto;Järvimaa Hospital District;Avoin menettely;JHD/E2E/7;01.03.2027;31.03.2027;atorvastatin;800",
      "Tuntematon;Unknown Hospital;Avoin menettely;X;01.04.2027;;apixaban;10",
      "",
    ].join("\n"),
  );
  await withApp(driver, dataDir, "tender-list", async (session) => {
    await (await session.find("[data-testid=nav-tenders]")).click();
    await (await session.find("[data-testid=import-tender-list]")).click();
    await pickInNativeDialog("Import a tender list", file);
    await session.findWithText("[data-testid=tender-list-summary]", "1 to import, 1 left out");
    await session.findWithText("[data-testid=tender-list-rows]", "No account is called “Unknown Hospital”");
    await saveScreenshot(session, "tender-list-preview");
    await (await session.find("[data-testid=tender-list-commit]")).click();
    await session.waitFor(async () => (await session.findAll("[data-testid=tender-list-dialog]")).length === 0, 15000, "the dialog to close");
    await (await session.find("[data-testid=tenders-view-list]")).click();
    await (await session.findWithText("[data-testid=tender-list] td", "E2E-lääkehuolto")).click();
    await session.findWithText("[data-testid=tender-lots]", "atorvastatin");
    await session.findWithText("[data-testid=milestone-date-submission_deadline]", "31/03/2027");
  });
});
