// A small W3C WebDriver client over fetch: just what Avain's end-to-end tests need, with condition waits
// (never fixed sleeps).
export const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

export const Key = { Enter: "\uE007", Escape: "\uE00C", Control: "\uE009", Tab: "\uE004", ArrowDown: "\uE015" };

export class WebDriverError extends Error {
  constructor(status, body) {
    super(`WebDriver ${status}: ${body?.value?.error ?? ""} ${body?.value?.message ?? JSON.stringify(body)}`);
    this.error = body?.value?.error;
  }
}

async function request(method, url, body, timeoutMs = 120000) {
  const res = await fetch(url, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  const json = text ? JSON.parse(text) : {};
  if (!res.ok) throw new WebDriverError(res.status, json);
  return json.value;
}

export class Session {
  static async start(server, capabilities, timeoutMs = 60000) {
    const value = await request("POST", `${server}/session`, { capabilities: { alwaysMatch: capabilities } }, timeoutMs);
    return new Session(server, value.sessionId);
  }

  constructor(server, id) {
    this.base = `${server}/session/${id}`;
  }

  cmd(method, path, body) {
    return request(method, `${this.base}${path}`, body);
  }

  async end() {
    try {
      await request("DELETE", this.base, undefined, 30000);
    } catch {
      // The app may already be gone (e.g. after kill -9).
    }
  }

  async findAll(css) {
    const found = await this.cmd("POST", "/elements", { using: "css selector", value: css });
    return found.map((e) => new Element(this, e[ELEMENT]));
  }

  /** Waits until `css` matches a displayed element and returns it. */
  async find(css, timeout = 15000) {
    return this.waitFor(async () => {
      for (const el of await this.findAll(css)) {
        if (await el.displayed()) return el;
      }
      return null;
    }, timeout, `element ${css}`);
  }

  /** Waits until an element matching `css` shows `text` (substring) and returns it. */
  async findWithText(css, text, timeout = 15000) {
    return this.waitFor(async () => {
      for (const el of await this.findAll(css)) {
        if ((await el.text()).includes(text) && (await el.displayed())) return el;
      }
      return null;
    }, timeout, `${css} containing "${text}"`);
  }

  async waitFor(probe, timeout = 15000, what = "condition") {
    const deadline = Date.now() + timeout;
    let lastError;
    while (Date.now() < deadline) {
      try {
        const value = await probe();
        if (value) return value;
      } catch (e) {
        lastError = e;
        if (e instanceof WebDriverError && e.error !== "stale element reference" && e.error !== "no such element") throw e;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`Timed out after ${timeout} ms waiting for ${what}${lastError ? ` (last error: ${lastError.message})` : ""}`);
  }

  execute(script, args = []) {
    return this.cmd("POST", "/execute/sync", { script, args });
  }

  async keys(...sequence) {
    // Presses the keys in order and releases them in reverse: keys(Key.Control, "k") is Ctrl+K.
    const down = sequence.map((value) => ({ type: "keyDown", value }));
    const up = [...sequence].reverse().map((value) => ({ type: "keyUp", value }));
    await this.cmd("POST", "/actions", { actions: [{ type: "key", id: "keyboard", actions: [...down, ...up] }] });
    await this.cmd("DELETE", "/actions");
  }

  async screenshot() {
    return Buffer.from(await this.cmd("GET", "/screenshot"), "base64");
  }

  async navigateHash(hash) {
    await this.execute("window.location.hash = arguments[0];", [hash]);
  }
}

export class Element {
  constructor(session, id) {
    this.session = session;
    this.id = id;
  }
  cmd(method, path, body) {
    return this.session.cmd(method, `/element/${this.id}${path}`, body);
  }
  click() {
    return this.cmd("POST", "/click", {});
  }
  async type(text) {
    await this.cmd("POST", "/value", { text });
  }
  clear() {
    return this.cmd("POST", "/clear", {});
  }
  // Text and visibility come from the page itself (innerText, layout boxes): WebKitWebDriver's own atoms report
  // cells with `overflow: hidden` as empty and hidden, although they show their text.
  text() {
    return this.session.execute("return arguments[0].innerText;", [this.ref()]);
  }
  displayed() {
    return this.session.execute(
      "const el = arguments[0]; return el.isConnected && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';",
      [this.ref()],
    );
  }
  ref() {
    return { [ELEMENT]: this.id };
  }
  property(name) {
    return this.cmd("GET", `/property/${name}`);
  }
}
