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

/**
 * tauri-driver, which forwards to WebKitWebDriver, which launches the app. Rarely the app dies while starting under
 * automation and WebKitWebDriver then never answers; `restart` replaces both drivers so the next launch is clean.
 */
class Driver {
  async start() {
    this.port = await freePort();
    this.nativePort = await freePort();
    this.process = spawn("tauri-driver", ["--port", String(this.port), "--native-port", String(this.nativePort)], {
      stdio: ["ignore", "inherit", "inherit"],
      env: { ...process.env, NO_AT_BRIDGE: "1" },
    });
    this.server = `http://127.0.0.1:${this.port}`;
    const deadline = Date.now() + 20000;
    for (;;) {
      try {
        const res = await fetch(`${this.server}/status`);
        if (res.ok) return this;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error("tauri-driver did not start");
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async stop() {
    const child = this.process;
    if (child && child.exitCode === null) {
      const exited = new Promise((ok) => child.once("exit", ok));
      child.kill("SIGTERM");
      await exited;
    }
    // WebKitWebDriver is tauri-driver's child and may outlive it.
    try {
      execFileSync("pkill", ["-f", "--", `WebKitWebDriver --port=${this.nativePort}`]);
    } catch {
      // already gone
    }
  }

  async restart() {
    await this.stop();
    await this.start();
  }
}

export async function startDriver() {
  return new Driver().start();
}

export function freshDataDir() {
  return mkdtempSync(join(tmpdir(), "avain-e2e-"));
}

/** Opens the app on `dataDir` and waits until it has rendered its first screen. */
export async function launch(driver, dataDir) {
  const capabilities = { "tauri:options": { application: APP, args: ["--data-dir", dataDir] } };
  let session;
  try {
    session = await Session.start(driver.server, capabilities);
  } catch (e) {
    console.warn(`The app did not start (${e.message}); restarting the drivers and trying once more.`);
    killApp(dataDir);
    await driver.restart();
    session = await Session.start(driver.server, capabilities);
  }
  try {
    await session.find("[data-testid=onboarding], .shell, [data-testid=fatal]", 30000);
  } catch (e) {
    await session.end();
    throw e;
  }
  return session;
}

function killApp(dataDir) {
  try {
    execFileSync("pkill", ["-9", "-f", "--", `--data-dir ${dataDir}`]);
  } catch {
    // not running
  }
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
    await appGone(dataDir);
  }
}

/** Waits until the app on `dataDir` has exited, so the next launch never overlaps its shutdown. */
export async function appGone(dataDir, timeout = 15000) {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    try {
      execFileSync("pgrep", ["-f", "--", `--data-dir ${dataDir}`]);
    } catch {
      return; // pgrep found nothing
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  killApp(dataDir);
}

function xdotool(...args) {
  return execFileSync("xdotool", args, { encoding: "utf8", timeout: 30000 }).trim();
}

function windowExists(title) {
  try {
    return xdotool("search", "--onlyvisible", "--name", title) !== "";
  } catch {
    return false; // xdotool exits 1 when nothing matches
  }
}

/**
 * Chooses `path` in the native (GTK) file dialog titled `title`, as a person would: type the path into the
 * location field and press Enter. WebDriver cannot reach native dialogs; xdotool types into them.
 */
export async function pickInNativeDialog(title, path) {
  // Keys sent before GTK has the dialog focused are lost, and GTK may still be completing a typed path when Enter
  // arrives; so each attempt focuses, opens the location field (Ctrl+L, which selects what is there), types the
  // path and presses Enter, until the dialog has closed.
  const deadline = Date.now() + 45000;
  xdotool("search", "--sync", "--onlyvisible", "--name", title);
  while (windowExists(title)) {
    if (Date.now() > deadline) {
      mkdirSync(ARTIFACTS, { recursive: true });
      execFileSync("import", ["-window", "root", join(ARTIFACTS, "FAILED-native-dialog.png")]);
      throw new Error(`The "${title}" dialog did not accept ${path}`);
    }
    const win = xdotool("search", "--onlyvisible", "--name", title).split("\n")[0];
    xdotool("windowfocus", "--sync", win);
    xdotool("key", "--clearmodifiers", "ctrl+l");
    xdotool("type", "--delay", "10", path);
    xdotool("key", "Return");
    const waitUntil = Date.now() + 3000;
    while (windowExists(title) && Date.now() < waitUntil) await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Saves to `path` in the native (GTK) save dialog titled `title`: select the proposed name, type the whole path
 * over it and press Enter, until the dialog has closed.
 */
export async function saveInNativeDialog(title, path) {
  const deadline = Date.now() + 45000;
  xdotool("search", "--sync", "--onlyvisible", "--name", title);
  while (windowExists(title)) {
    if (Date.now() > deadline) {
      mkdirSync(ARTIFACTS, { recursive: true });
      execFileSync("import", ["-window", "root", join(ARTIFACTS, "FAILED-native-save-dialog.png")]);
      throw new Error(`The "${title}" dialog did not save to ${path}`);
    }
    const win = xdotool("search", "--onlyvisible", "--name", title).split("\n")[0];
    xdotool("windowfocus", "--sync", win);
    xdotool("key", "--clearmodifiers", "ctrl+a");
    xdotool("type", "--delay", "10", path);
    xdotool("key", "Return");
    const waitUntil = Date.now() + 3000;
    while (windowExists(title) && Date.now() < waitUntil) await new Promise((r) => setTimeout(r, 100));
  }
}
