import { describe, expect, it } from "vitest";
import type { PlannedMilestone, TenderRow } from "../api/client";
import { applyFilter, calendarEvents, nextMilestone, NO_FILTER, parseBids, parseQuantity } from "./tenders";

const m = (kind: PlannedMilestone["kind"], date: string, done = false, hard = false, warning: string | null = null): PlannedMilestone => ({
  kind,
  date,
  done,
  moved: false,
  hard,
  warning,
});

const row = (id: number, patch: Partial<TenderRow>): TenderRow => ({
  id,
  title: `Tender ${id}`,
  buyer: { id: 10 + id, name: `Buyer ${id}` },
  region: "Uusimaa",
  owner: "Liisa",
  status: "preparing",
  procedure: "open_tender",
  reference: "",
  products: [],
  sku_ids: [],
  value_minor: 0,
  milestones: [],
  ...patch,
});

describe("tender screens", () => {
  it("filters by region, account, product, owner and open or one status", () => {
    const rows = [
      row(1, { products: ["metformin"] }),
      row(2, { region: "Pirkanmaa", status: "won", owner: "Mikko" }),
      row(3, { status: "cancelled", products: ["metformin", "insulin"] }),
    ];
    const ids = (f: Partial<typeof NO_FILTER>) => applyFilter(rows, { ...NO_FILTER, ...f }).map((r) => r.id);
    expect(ids({})).toEqual([1, 2, 3]);
    expect(ids({ region: "Pirkanmaa" })).toEqual([2]);
    expect(ids({ account: 13 })).toEqual([3]);
    expect(ids({ product: "metformin" })).toEqual([1, 3]);
    expect(ids({ owner: "Liisa", status: "open" })).toEqual([1]);
    expect(ids({ status: "won" })).toEqual([2]);
  });

  it("finds the next unfinished milestone, else the latest overdue one", () => {
    const r = row(1, { milestones: [m("needs_analysis", "2027-01-01", true), m("announcement", "2027-03-01"), m("submission_deadline", "2027-04-01")] });
    expect(nextMilestone(r, "2027-02-01")?.kind).toBe("announcement");
    expect(nextMilestone(r, "2027-05-01")?.kind).toBe("submission_deadline");
    expect(nextMilestone(row(2, {}), "2027-05-01")).toBeNull();
  });

  it("reads bids and quantities as typed, and points at the line that is not a bid", () => {
    expect(parseBids("Medeco Oy: 1,09\n\n Pharmanord AB : 1 234.50 ")).toEqual([
      { company: "Medeco Oy", price_minor: 109 },
      { company: "Pharmanord AB", price_minor: 123450 },
    ]);
    expect(parseBids("Orion")).toEqual([{ company: "Orion", price_minor: null }]);
    expect(parseBids("Medeco: 1,09\nOrion: cheap")).toBe(2);
    expect(parseBids(": 5")).toBe(1);
    expect(parseQuantity("12 000")).toBe(12000);
    expect(parseQuantity("1,5")).toBe(1.5);
    expect(parseQuantity("")).toBeNaN();
    expect(parseQuantity("lots")).toBeNaN();
  });

  it("makes one all-day event per milestone, marked hard, done and on a holiday", () => {
    const r = row(7, { status: "auction", milestones: [m("auction", "2027-12-24", false, true, "A holiday"), m("award", "2028-01-10", true)] });
    const events = calendarEvents([r], (k) => k.toUpperCase(), "holiday");
    expect(events.map((e) => e.id)).toEqual(["7:auction", "7:award"]);
    expect(events[0].title).toBe("AUCTION: Tender 7 ⚠ holiday");
    expect(events[0].className).toBe("tender-auction hard warning");
    expect(events[1].className).toBe("tender-auction done");
    expect(events[0].extendedProps).toMatchObject({ tenderId: 7, kind: "auction", hard: true });
  });
});
