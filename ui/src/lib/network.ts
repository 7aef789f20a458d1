// The network view's rules, apart from the drawing: how a person and a link look, which of them the filters and
// the focus keep, and the SVG picture of what is on screen.
import type { Attitude, Graph, GraphLink, GraphNode, LinkKind, RelationshipStage, Tier } from "../api/client";

/** Above this many people the view trades detail for speed: straight links without arrows, labels only when zoomed
 *  in, links shown around the person under the pointer. (The core lays out networks this large itself.) */
export const LARGE = 1200;

export const ATTITUDES: Attitude[] = ["advocate", "supporter", "neutral", "sceptic", "opponent"];
export const TIERS: Tier[] = ["international", "national", "regional", "local"];
export const STAGES: RelationshipStage[] = ["no_contact", "first_contact", "acquaintance", "loyalty", "close"];
export const LINK_KINDS: LinkKind[] = ["influences", "reports_to", "mentor_of", "colleague", "friend", "rival", "family"];

/** Fill colour by attitude (unknown: pale grey). Chosen to read on light and dark backgrounds. */
export const ATTITUDE_COLOURS: Record<Attitude | "unknown", string> = {
  advocate: "#1e8a4c",
  supporter: "#7cc26b",
  neutral: "#98a2b3",
  sceptic: "#e6942a",
  opponent: "#d1432f",
  unknown: "#d5dae1",
};

export function attitudeColour(a: Attitude | null): string {
  return ATTITUDE_COLOURS[a ?? "unknown"];
}

/** Node diameter in pixels: 18 for no influence up to 66 for a score of 100. */
export function nodeSize(score: number): number {
  return Math.round(18 + Math.max(0, Math.min(100, score)) * 0.48);
}

/** Border width by relationship stage: none for no contact up to 6 px for a close relationship. */
export function stageBorder(stage: RelationshipStage): number {
  return [0, 1.5, 3, 4.5, 6][STAGES.indexOf(stage)] ?? 0;
}

/** Edge width by strength (1–5). */
export function edgeWidth(strength: number): number {
  return 0.6 + Math.max(1, Math.min(5, strength)) * 0.7;
}

/** Links that point (the arrow shows who sways or who reports to whom). */
export function isDirected(kind: LinkKind): boolean {
  return kind === "influences" || kind === "mentor_of" || kind === "reports_to";
}

export interface NetworkFilters {
  therapyArea: string | null;
  tier: Tier | null;
  stage: RelationshipStage | null;
  attitude: Attitude | null;
  accountId: number | null;
}

export const NO_FILTERS: NetworkFilters = { therapyArea: null, tier: null, stage: null, attitude: null, accountId: null };

export function matchesFilters(n: GraphNode, f: NetworkFilters): boolean {
  if (f.tier && n.tier !== f.tier) return false;
  if (f.stage && n.stage !== f.stage) return false;
  if (f.attitude && n.attitude !== f.attitude) return false;
  if (f.accountId && !n.account_ids.includes(f.accountId)) return false;
  if (f.therapyArea) {
    const area = f.therapyArea.toLowerCase();
    if (!n.therapy_areas.some((a) => a.toLowerCase() === area)) return false;
  }
  return true;
}

/** The people within `hops` links of `centre`, whatever the links' direction (the centre included). */
export function neighbourhood(links: GraphLink[], centre: number, hops: number): Set<number> {
  const adjacent = new Map<number, number[]>();
  for (const l of links) {
    adjacent.set(l.from, [...(adjacent.get(l.from) ?? []), l.to]);
    adjacent.set(l.to, [...(adjacent.get(l.to) ?? []), l.from]);
  }
  const seen = new Set([centre]);
  let frontier = [centre];
  for (let i = 0; i < hops; i++) {
    const next: number[] = [];
    for (const v of frontier) {
      for (const w of adjacent.get(v) ?? []) {
        if (!seen.has(w)) {
          seen.add(w);
          next.push(w);
        }
      }
    }
    frontier = next;
  }
  return seen;
}

/** What the view shows: the people the filters keep (narrowed to the focus's neighbourhood) and the links among
 *  them. The focused person stays even if a filter would hide them. */
export function visible(graph: Graph, filters: NetworkFilters, focus: { id: number; hops: number } | null): Graph {
  const around = focus ? neighbourhood(graph.links, focus.id, focus.hops) : null;
  const nodes = graph.nodes.filter(
    (n) => (around === null || around.has(n.id)) && (matchesFilters(n, filters) || n.id === focus?.id),
  );
  const ids = new Set(nodes.map((n) => n.id));
  const links = graph.links.filter((l) => ids.has(l.from) && ids.has(l.to));
  return { nodes, links };
}

/** Therapy areas present in the graph, sorted, each once (ignoring case). */
export function therapyAreas(graph: Graph): string[] {
  const byKey = new Map<string, string>();
  for (const n of graph.nodes) for (const a of n.therapy_areas) if (!byKey.has(a.toLowerCase())) byKey.set(a.toLowerCase(), a);
  return [...byKey.values()].sort((a, b) => a.localeCompare(b));
}

/** People whose name or title contains every word typed (ignoring case and accents). */
export function searchPeople(nodes: GraphNode[], text: string): GraphNode[] {
  const fold = (s: string) => s.normalize("NFD").replace(/\p{Diacritic}/gu, "").toLowerCase();
  const words = fold(text).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  return nodes.filter((n) => {
    const hay = fold(`${n.name} ${n.title}`);
    return words.every((w) => hay.includes(w));
  });
}

// ---------- SVG export ----------

export interface DrawnNode {
  x: number;
  y: number;
  size: number;
  fill: string;
  border: number;
  borderColour: string;
  label: string;
}

export interface DrawnEdge {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  width: number;
  colour: string;
  dashed: boolean;
  arrow: boolean;
}

function esc(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

const round = (v: number) => Math.round(v * 10) / 10;

/** A standalone SVG of the drawn graph (model coordinates), with a margin around it. */
export function toSvg(nodes: DrawnNode[], edges: DrawnEdge[], background: string, text: string): string {
  const margin = 40;
  const xs = nodes.flatMap((n) => [n.x - n.size / 2, n.x + n.size / 2]);
  const ys = nodes.flatMap((n) => [n.y - n.size / 2, n.y + n.size / 2 + 16]);
  const minX = Math.min(0, ...xs) - margin;
  const minY = Math.min(0, ...ys) - margin;
  const width = Math.max(...xs, 0) - minX + margin;
  const height = Math.max(...ys, 0) - minY + margin;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${round(minX)} ${round(minY)} ${round(width)} ${round(height)}" width="${round(width)}" height="${round(height)}" font-family="sans-serif">`,
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="context-stroke"/></marker></defs>`,
    `<rect x="${round(minX)}" y="${round(minY)}" width="${round(width)}" height="${round(height)}" fill="${background}"/>`,
  ];
  const size = new Map(nodes.map((n) => [`${n.x},${n.y}`, n.size]));
  for (const e of edges) {
    // Stop an arrow at the target's rim.
    const r = (size.get(`${e.x2},${e.y2}`) ?? 0) / 2;
    const len = Math.hypot(e.x2 - e.x1, e.y2 - e.y1) || 1;
    const x2 = e.arrow ? e.x2 - ((e.x2 - e.x1) / len) * r : e.x2;
    const y2 = e.arrow ? e.y2 - ((e.y2 - e.y1) / len) * r : e.y2;
    out.push(
      `<line x1="${round(e.x1)}" y1="${round(e.y1)}" x2="${round(x2)}" y2="${round(y2)}" stroke="${e.colour}" stroke-width="${round(e.width)}" stroke-opacity="0.7"${e.dashed ? ' stroke-dasharray="6 4"' : ""}${e.arrow ? ' marker-end="url(#arrow)"' : ""}/>`,
    );
  }
  for (const n of nodes) {
    out.push(
      `<circle cx="${round(n.x)}" cy="${round(n.y)}" r="${round(n.size / 2)}" fill="${n.fill}"${n.border > 0 ? ` stroke="${n.borderColour}" stroke-width="${n.border}"` : ""}/>`,
      `<text x="${round(n.x)}" y="${round(n.y + n.size / 2 + 12)}" font-size="11" text-anchor="middle" fill="${text}">${esc(n.label)}</text>`,
    );
  }
  out.push("</svg>");
  return out.join("\n");
}
