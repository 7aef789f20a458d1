// Starts tauri-driver (which drives the real app through WebKitWebDriver) and launches Avain with a fresh data
// folder per test. Run under a display: `xvfb-run -a` (see scripts/test.sh).
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Session } from "./webdriver.mjs";

const here = dirname(fileURLToPath(import.meta.url));
export const repo = resolve(here, "../..");
export const APP = process.env.AVAIN_APP ?? join(repo, "target/debug/avain");
const ARTIFACTS = join(here, ".artifacts");

function freePort() {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
    server.on("error", fail);
  });
}

export async function startDriver() {
  const port = await freePort();
  const nativePort = await freePort();
  const driver = spawn("tauri-driver", ["--port", String(port), "--native-port", String(nativePort)], {
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, NO_AT_BRIDGE: "1" },
  });
  const server = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20000;
  for (;;) {
    try {
      const res = await fetch(`${server}/status`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error("tauri-driver did not start");
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    server,
    stop: () =>
      new Promise((ok) => {
        if (driver.exitCode !== null) return ok();
        driver.once("exit", ok);
        driver.kill("SIGTERM");
      }),
  };
}

export function freshDataDir() {
  return mkdtempSync(join(tmpdir(), "avain-e2e-"));
}

/** Opens the app on `dataDir` and waits until it has rendered its first screen. */
export async function launch(driver, dataDir) {
  const session = await Session.start(driver.server, {
    "tauri:options": { application: APP, args: ["--data-dir", dataDir] },
  });
  try {
    await session.find("[data-testid=onboarding], .shell, [data-testid=fatal]", 30000);
  } catch (e) {
    await session.end();
    throw e;
  }
  return session;
}

/** The pid of the app process serving `dataDir` (its command line names the folder). */
export function appPid(dataDir) {
  const out = execFileSync("pgrep", ["-f", "--", `--data-dir ${dataDir}`]).toString().trim().split("\n");
  return Number(out[0]);
}

export async function saveScreenshot(session, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(join(ARTIFACTS, `${name}.png`), await session.screenshot());
}

/** Sets a form control's value the way a person would: focus, clear, type. */
export async function fill(session, css, text) {
  const el = await session.find(css);
  await el.clear();
  await el.type(text);
  return el;
}

export async function choose(session, css, value) {
  // Select an <option> by value through the UI's own change handler.
  const el = await session.find(css);
  await session.execute(
    `const el = arguments[0]; el.value = arguments[1]; el.dispatchEvent(new Event('change', { bubbles: true }));`,
    [el.ref(), value],
  );
}

/** Runs `body` with the app open on `dataDir`, always closing it; on failure keeps a screenshot for diagnosis. */
export async function withApp(driver, dataDir, name, body) {
  const session = await launch(driver, dataDir);
  try {
    return await body(session);
  } catch (e) {
    try {
      await saveScreenshot(session, `FAILED-${name}`);
    } catch {
      // the app may be gone
    }
    throw e;
  } finally {
    await session.end();
  }
}
