// End-to-end test of the influence network in the real app: add two people and a link between them, see both in
// the graph, click a person on the canvas and land on their profile, change the relationship stage (a date in the
// future is refused first) and see the change in the history.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { choose, fill, freshDataDir, saveScreenshot, startDriver, withApp } from "./harness.mjs";

let driver;
before(async () => {
  driver = await startDriver();
});
after(async () => {
  await driver?.stop();
});

async function createPerson(session, first, last, title) {
  await (await session.find("[data-testid=nav-people]")).click();
  await (await session.find("[data-testid=new-person]")).click();
  await fill(session, "[data-testid=person-form] input[name=first_name]", first);
  await fill(session, "[data-testid=person-form] input[name=last_name]", last);
  await fill(session, "[data-testid=person-form] input[name=title]", title);
  await (await session.find("[data-testid=person-form] [data-testid=save]")).click();
  await session.findWithText("[data-testid=person-name]", `${first} ${last}`);
}

/** Switches WebDriver into the graph's frame, runs `body`, and always comes back to the page. */
async function inGraphFrame(session, body) {
  const frame = await session.find("[data-testid=network-canvas]");
  await session.cmd("POST", "/frame", { id: frame.ref() });
  try {
    return await body();
  } finally {
    await session.cmd("POST", "/frame/parent", {});
  }
}

const dmy = (d) => `${String(d.getDate()).padStart(2, "0")}/${String(d.getMonth() + 1).padStart(2, "0")}/${d.getFullYear()}`;

test("two people and a link appear in the graph; a click opens the profile; a stage change enters the history", async () => {
  await withApp(driver, freshDataDir(), "network", async (session) => {
    await (await session.find("[data-testid=start-empty]")).click();
    await session.find("[data-testid=today-loaded]");
    await createPerson(session, "Aino", "Järvinen", "Chief Physician");
    await createPerson(session, "Eero", "Koski", "Chief Pharmacist");

    // On Eero's page: Aino influences him, strength 4.
    await (await session.find("[data-testid=add-link]")).click();
    await choose(session, "[data-testid=link-form] select[name=direction]", "in");
    await choose(session, "[data-testid=link-form] select[name=kind]", "influences");
    await fill(session, "[data-testid=link-form] input[name=other]", "Aino");
    await (await session.findWithText("[data-testid=link-form] [role=option]", "Aino Järvinen")).click();
    await choose(session, "[data-testid=link-form] select[name=strength]", "4");
    await fill(session, "[data-testid=link-form] input[name=source_note]", "Seen at the congress");
    await (await session.find("[data-testid=link-form] [data-testid=save]")).click();
    await session.findWithText("[data-testid=links-list]", "Influenced by Aino Järvinen");

    // Both are in the graph, with the link between them.
    await (await session.find("[data-testid=nav-network]")).click();
    await session.findWithText("[data-testid=network-counts]", "2 people, 1 link");
    await inGraphFrame(session, async () => {
      await session.waitFor(
        () => session.execute("return document.body.dataset.ready === '1' && window.__avainGraph?.count() === 2"),
        30000,
        "the graph to be laid out",
      );
      assert.ok(await session.execute("return document.querySelectorAll('canvas').length > 0"), "drawn on a canvas");
    });
    await saveScreenshot(session, "network-two-people");

    // Click Aino on the canvas: her profile opens.
    const people = await session.execute(
      "return [...document.querySelectorAll('[data-testid=top-influencers] a')].map(a => [a.textContent, a.getAttribute('href')]);",
    );
    const aino = people.find(([name]) => name === "Aino Järvinen");
    assert.ok(aino, `Aino is among the most influential: ${JSON.stringify(people)}`);
    const id = Number(aino[1].split("/").pop());
    // Where Aino is drawn, in the window's coordinates: the frame's place plus hers inside it.
    const at = await inGraphFrame(session, () =>
      session.execute("return window.__avainGraph.renderedPosition(arguments[0]);", [id]),
    );
    const box = await session.execute(
      "const r = document.querySelector('[data-testid=network-canvas]').getBoundingClientRect(); return { x: r.x, y: r.y };",
    );
    const x = Math.round(box.x + at.x);
    const y = Math.round(box.y + at.y);
    await session.cmd("POST", "/actions", {
      actions: [
        {
          type: "pointer",
          id: "mouse",
          parameters: { pointerType: "mouse" },
          actions: [
            { type: "pointerMove", duration: 0, origin: "viewport", x, y },
            { type: "pointerDown", button: 0 },
            { type: "pointerUp", button: 0 },
          ],
        },
      ],
    });
    await session.cmd("DELETE", "/actions");
    await session.findWithText("[data-testid=person-name]", "Aino Järvinen");
    await session.findWithText("[data-testid=links-list]", "Influences Eero Koski");

    // A stage change dated tomorrow is refused and nothing is saved; dated today it enters the history.
    await (await session.find("[data-testid=change-stage]")).click();
    await choose(session, "[data-testid=change-form] select[name=stage]", "acquaintance");
    const tomorrow = new Date(Date.now() + 86400000);
    await fill(session, "[data-testid=change-form] input[name=date]", dmy(tomorrow));
    await fill(session, "[data-testid=change-form] input[name=note]", "Met at the congress");
    await (await session.find("[data-testid=change-form] [data-testid=save]")).click();
    const error = await session.find("[data-testid=change-form] [data-testid=form-error]");
    assert.match(await error.text(), /future/);
    await fill(session, "[data-testid=change-form] input[name=date]", dmy(new Date()));
    await (await session.find("[data-testid=change-form] [data-testid=save]")).click();
    await session.findWithText("[data-testid=history-list]", "Relationship: Acquaintance · Met at the congress");
    await session.findWithText("[data-testid=profile-stage]", "Acquaintance");
    assert.equal((await session.findAll("[data-testid=history-list] li")).length, 1);
    await saveScreenshot(session, "network-profile-history");
  });
});
