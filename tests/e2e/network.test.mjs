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

/** Clicks an element after bringing it to the middle of the window (clear of the toasts in the corner). */
async function press(session, css) {
  const el = await session.find(css);
  await session.execute("arguments[0].scrollIntoView({ block: 'center' });", [el.ref()]);
  await el.click();
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

test("a relationship plan's step is a task on Today; ticked off there, the plan counts it done", async () => {
  await withApp(driver, freshDataDir(), "plan", async (session) => {
    await (await session.find("[data-testid=start-empty]")).click();
    await session.find("[data-testid=today-loaded]");
    await createPerson(session, "Aino", "Järvinen", "Chief Physician");

    await press(session, "[data-testid=new-plan]");
    await fill(session, "[data-testid=plan-form] input[name=goal]", "Speaker at our round table");
    await choose(session, "[data-testid=plan-form] select[name=target_stage]", "loyalty");
    await choose(session, "[data-testid=plan-form] select[name=delegation]", "d3");
    await fill(session, "[data-testid=plan-form] input[name=budget]", "2 000");
    await (await session.find("[data-testid=plan-form] [data-testid=save]")).click();
    await session.findWithText("[data-testid=plan]", "Speaker at our round table");

    // A step due today (the date the field starts with).
    await fill(session, "[data-testid=plan] input[name=step_title]", "Send the trial summary");
    await press(session, "[data-testid=add-step]");
    await session.findWithText("[data-testid=plan-steps]", "Send the trial summary");
    await session.findWithText("[data-testid=plan-progress]", "0 of 1 steps done");

    await (await session.find("[data-testid=nav-today]")).click();
    const box = await session.find("[data-testid=today-tasks] input[aria-label$='Send the trial summary']");
    await box.click();
    await session.waitFor(
      () => session.execute("return arguments[0].checked", [box.ref()]).catch(() => true),
      15000,
      "the step to be ticked off",
    );

    await session.navigateHash("#/people");
    await (await session.findWithText("[data-testid=people-table] tbody td", "Aino Järvinen")).click();
    await session.findWithText("[data-testid=plan-progress]", "1 of 1 steps done");
    await saveScreenshot(session, "relationship-plan");
  });
});
