import { describe, expect, it } from "vitest";
import en from "./en";
import fi from "./fi";

function keys(o: object, prefix = ""): string[] {
  return Object.entries(o).flatMap(([k, v]) =>
    typeof v === "object" && v !== null ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

describe("translations", () => {
  it("Finnish covers every English key, with the same placeholders", () => {
    expect(keys(fi).sort()).toEqual(keys(en).sort());
    const lookup = (o: object, path: string) => path.split(".").reduce((x: any, k) => x[k], o) as string;
    for (const k of keys(en)) {
      const placeholders = (s: string) => (s.match(/{{\w+}}/g) ?? []).sort();
      expect(placeholders(lookup(fi, k)), k).toEqual(placeholders(lookup(en, k)));
    }
  });
});
