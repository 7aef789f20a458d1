import { describe, expect, it } from "vitest";
import { niceMax } from "./Charts";

describe("chart axes", () => {
  it("rounds the top of the axis to a readable step", () => {
    expect(niceMax(950)).toEqual({ top: 1000, step: 250 });
    expect(niceMax(1234)).toEqual({ top: 1500, step: 500 });
    expect(niceMax(0)).toEqual({ top: 1, step: 0.25 });
    expect(niceMax(7)).toEqual({ top: 8, step: 2 });
  });
});
