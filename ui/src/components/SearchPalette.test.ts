import { describe, expect, it } from "vitest";
import { snippetParts } from "./SearchPalette";

describe("search snippets", () => {
  it("splits at the core's match markers", () => {
    expect(snippetParts("…strong interest in \u0001biosim\u0002ilars and \u0001bio\u0002logics")).toEqual([
      { text: "…strong interest in ", match: false },
      { text: "biosim", match: true },
      { text: "ilars and ", match: false },
      { text: "bio", match: true },
      { text: "logics", match: false },
    ]);
    expect(snippetParts("no markers")).toEqual([{ text: "no markers", match: false }]);
  });
});
