// The tender screens' pure logic: filtering the overview, the next milestone, reading typed bids and quantities,
// and the calendar's events. Kept apart from the components so tests need no DOM.
import type { Bid, MilestoneKind, PlannedMilestone, TenderRow, TenderStatus } from "../api/client";
import { inputToMinor } from "./format";

export const STATUSES: TenderStatus[] = ["watching", "preparing", "submitted", "auction", "won", "lost", "cancelled"];
export const OPEN: TenderStatus[] = ["watching", "preparing", "submitted", "auction"];

export interface TenderFilter {
  region: string;
  account: number | null;
  product: string;
  owner: string;
  /** "" all, "open", or one status. */
  status: string;
}

export const NO_FILTER: TenderFilter = { region: "", account: null, product: "", owner: "", status: "" };

export function applyFilter(rows: TenderRow[], f: TenderFilter): TenderRow[] {
  return rows.filter(
    (r) =>
      (!f.region || r.region === f.region) &&
      (f.account === null || r.buyer.id === f.account) &&
      (!f.product || r.products.includes(f.product)) &&
      (!f.owner || r.owner === f.owner) &&
      (!f.status || (f.status === "open" ? OPEN.includes(r.status) : r.status === f.status)),
  );
}

/** The next unfinished milestone (from today on, else the latest overdue one). */
export function nextMilestone(r: TenderRow, today: string): PlannedMilestone | null {
  const open = r.milestones.filter((m) => !m.done);
  return open.find((m) => m.date >= today) ?? open[open.length - 1] ?? null;
}

export function isoToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

/** Reads "Company: 1,09" lines; returns the line number of the first that is not a bid. */
export function parseBids(text: string): Bid[] | number {
  const bids: Bid[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    const at = line.lastIndexOf(":");
    const company = (at >= 0 ? line.slice(0, at) : line).trim();
    const price = at >= 0 ? inputToMinor(line.slice(at + 1)) : null;
    if (!company || price === undefined) return i + 1;
    bids.push({ company, price_minor: price });
  }
  return bids;
}

/** "12 000", "1,5" or "1.5" as a number; NaN when it is not one. */
export function parseQuantity(text: string): number {
  const t = text.replace(/[\s\u00a0\u202f]/g, "").replace(",", ".");
  return t === "" ? NaN : Number(t);
}

export interface CalendarEvent {
  id: string;
  title: string;
  start: string;
  allDay: true;
  className: string;
  color: string;
  contrastColor: string;
  extendedProps: { tenderId: number; kind: MilestoneKind; hard: boolean; tenderTitle: string; buyer: string; warning: string | null };
}

/** The calendar's events: one all-day event per milestone, coloured by the tender's status. */
export function calendarEvents(rows: TenderRow[], label: (kind: MilestoneKind) => string, holiday: string): CalendarEvent[] {
  return rows.flatMap((r) =>
    r.milestones.map((m) => ({
      id: `${r.id}:${m.kind}`,
      title: `${label(m.kind)}: ${r.title}${m.warning ? ` ⚠ ${holiday}` : ""}`,
      start: m.date,
      allDay: true as const,
      className: [`tender-${r.status}`, m.hard ? "hard" : "", m.done ? "done" : "", m.warning ? "warning" : ""].filter(Boolean).join(" "),
      color: `var(--t-${r.status})`,
      contrastColor: r.status === "cancelled" ? "#1c2430" : "#fff",
      extendedProps: { tenderId: r.id, kind: m.kind, hard: m.hard, tenderTitle: r.title, buyer: r.buyer.name, warning: m.warning },
    })),
  );
}
