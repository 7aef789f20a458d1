import { describe, expect, it } from "vitest";
import { href, parseRoute } from "./router";

describe("routes", () => {
  it("parses and prints every screen", () => {
    expect(parseRoute("")).toEqual({ page: "today" });
    expect(parseRoute("#/accounts")).toEqual({ page: "accounts" });
    expect(parseRoute("#/accounts/12")).toEqual({ page: "account", id: 12, tab: "overview" });
    expect(parseRoute("#/accounts/12/decision-group")).toEqual({ page: "account", id: 12, tab: "decision-group" });
    expect(parseRoute("#/people/3")).toEqual({ page: "person", id: 3 });
    expect(parseRoute("#/people/x")).toEqual({ page: "people" });
    expect(parseRoute("#/nowhere")).toEqual({ page: "today" });
    expect(parseRoute("#/tenders")).toEqual({ page: "tenders" });
    expect(parseRoute("#/tenders/timeline")).toEqual({ page: "tenders", view: "timeline" });
    expect(parseRoute("#/tenders/7")).toEqual({ page: "tender", id: 7 });
    for (const h of ["#/accounts/12/interactions", "#/people/3", "#/settings", "#/today", "#/tenders/7", "#/tenders/win-loss"]) {
      expect(href(parseRoute(h))).toBe(h);
    }
  });
});
