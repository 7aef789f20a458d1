// End-to-end test of the proposal builder in the real app: build a proposal for a demo key account whose decision
// group mixes decision styles (sections proposed with why), add an offer line (a negative quantity is refused with
// a message) and the team, save the PDF through the native dialog and read it back, mark it sent, and find the
// follow-up call on Today.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { crc32, deflateSync } from "node:zlib";
import { APP, fill, freshDataDir, pickInNativeDialog, saveInNativeDialog, saveScreenshot, startDriver, withApp } from "./harness.mjs";

/** A small PNG (a blue bar), written here so the test reads no file it did not make. */
function logoPng(path) {
  const chunk = (kind, data) => {
    const body = Buffer.concat([Buffer.from(kind, "latin1"), data]);
    const out = Buffer.alloc(8 + data.length + 4);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const [w, h] = [120, 30];
  const header = Buffer.alloc(13);
  header.writeUInt32BE(w, 0);
  header.writeUInt32BE(h, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(w * 3, Buffer.from([31, 78, 121]))]);
  const pixels = Buffer.concat(Array.from({ length: h }, () => row));
  writeFileSync(path, Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk("IHDR", header), chunk("IDAT", deflateSync(pixels)), chunk("IEND", Buffer.alloc(0))]));
}

let driver;
before(async () => {
  driver = await startDriver();
});
after(async () => {
  await driver?.stop();
});

const typed = (d) => `${String(d.getDate()).padStart(2, "0")}/${String(d.getMonth() + 1).padStart(2, "0")}/${d.getFullYear()}`;

test("a proposal for a mixed decision group is built, printed to PDF, sent, and followed up on Today", async () => {
  const dataDir = freshDataDir();
  execFileSync(APP, ["--data-dir", dataDir, "demo"]);
  // The demo's proposals are for its key account with a mixed decision group: the command line names it.
  const listed = execFileSync(APP, ["--data-dir", dataDir, "proposal", "list"], { encoding: "utf8" });
  const account = /\d+\s+\S+\s+(.+?) — /.exec(listed.trim().split("\n")[0])[1];
  const now = new Date();
  const validity = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 30);
  const folder = mkdtempSync(join(tmpdir(), "avain-pdf-"));
  const file = join(folder, "proposal.pdf");
  const logo = join(folder, "logo.png");
  logoPng(logo);

  await withApp(driver, dataDir, "proposals", async (session) => {
    // The company logo, chosen in Settings through the native dialog, is shown in the preview and printed.
    await (await session.find("[data-testid=nav-settings]")).click();
    await (await session.findWithText("[data-testid=logo-field] button", "Choose")).click();
    await pickInNativeDialog("Choose the company logo", logo);
    await session.find("[data-testid=logo-field] img.logo-preview");

    await (await session.find("[data-testid=nav-proposals]")).click();
    await session.find("[data-testid=proposal-list]");
    await (await session.find("[data-testid=new-proposal]")).click();
    const form = "[data-testid=proposal-form]";
    await fill(session, `${form} input[name=account]`, account);
    await (await session.findWithText(`${form} [role=option]`, account)).click();
    await fill(session, `${form} input[name=title]`, "E2E oncology offer");
    await fill(session, `${form} input[name=validity]`, typed(validity));
    await (await session.find(`${form} [data-testid=save]`)).click();
    await session.findWithText("[data-testid=proposal-title]", "E2E oncology offer");

    // The whole decision group is the audience, with more than one decision style; each section says why.
    const styles = await session.execute(
      "return [...document.querySelectorAll('[data-testid=proposal-audience] .style-badge')].map(e => e.textContent.trim());",
    );
    assert.ok(new Set(styles.filter(Boolean)).size >= 2, `a mixed audience: ${styles}`);
    await session.findWithText("[data-testid=section-introduction] [data-testid=why]", "Every proposal");
    const why = await (await session.find("[data-testid=section-results] [data-testid=why]")).text();
    assert.match(why, /%/, "the figures section says whose weight chose it");
    // Nothing to print yet: no products, no team.
    await session.find("[data-testid=proposal-problems]");

    // A negative quantity is refused with a message, and no line is added.
    await fill(session, "[data-testid=offer-add] input[name=sku]", "Glucora");
    await (await session.findWithText("[data-testid=offer-add] [role=option]", "Glucora")).click();
    await fill(session, "[data-testid=offer-add] input[name=quantity]", "-3");
    await (await session.find("[data-testid=add-item]")).click();
    await session.findWithText("[data-testid=offer-error]", "at least 1");
    assert.equal((await session.findAll("[data-testid=offer-lines]")).length, 0);
    await fill(session, "[data-testid=offer-add] input[name=quantity]", "40");
    await (await session.find("[data-testid=add-item]")).click();
    await session.find("[data-testid=offer-lines]");

    await (await session.find("[data-testid=add-team-member]")).click();
    const team = "[data-testid=team-form]";
    await fill(session, `${team} input[name=name]`, "Erkki Esimerkki");
    await fill(session, `${team} input[name=title]`, "Key Account Manager");
    await fill(session, `${team} input[name=email]`, "erkki@example.com");
    await (await session.find(`${team} [data-testid=save]`)).click();
    await session.waitFor(async () => (await session.findAll("[data-testid=proposal-problems]")).length === 0, 15000, "the proposal to be printable");
    await session.findWithText("[data-testid=proposal-preview]", "Erkki Esimerkki");
    await session.find("[data-testid=proposal-preview] img.doc-logo");
    await saveScreenshot(session, "proposal-editor");

    // Save the PDF through the native dialog and read it back.
    await (await session.find("[data-testid=save-pdf]")).click();
    await saveInNativeDialog("Save the proposal as PDF", file);
    await session.waitFor(async () => existsSync(file), 15000, "the PDF file");
    assert.equal(readFileSync(file).subarray(0, 5).toString(), "%PDF-");
    const images = execFileSync("pdfimages", ["-list", file], { encoding: "utf8" });
    assert.match(images, /\b120\s+30\b/, "the logo is in the PDF");
    const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
    for (const expected of ["E2E oncology offer", account, "Glucora", "Erkki Esimerkki", "This proposal is valid until"]) {
      assert.ok(text.includes(expected), `the PDF says ${expected}`);
    }

    // Mark it sent: the version is frozen and the follow-up routine starts.
    await (await session.find("[data-testid=send-proposal]")).click();
    await session.findWithText("[data-testid=proposal-status]", "Sent");
    await session.findWithText("[data-testid=follow-up]", "was the proposal");
    assert.equal((await session.findAll("[data-testid=add-item]")).length, 0, "a sent version is not edited");

    // Today lists the receipt call (the next working day) among the coming tasks.
    await (await session.find("[data-testid=nav-today]")).click();
    await session.findWithText("[data-testid=today-tasks]", "E2E oncology offer");
    await saveScreenshot(session, "proposal-follow-up-today");
  });
});
