import { describe, expect, it } from "vitest";
import type { Graph, GraphNode } from "../api/client";
import { edgeWidth, neighbourhood, NO_FILTERS, nodeSize, searchPeople, stageBorder, therapyAreas, toSvg, visible } from "./network";

const node = (id: number, patch: Partial<GraphNode> = {}): GraphNode => ({
  id,
  name: `Person ${id}`,
  title: "",
  person_type: "kol",
  tier: "regional",
  attitude: "neutral",
  stage: "no_contact",
  therapy_areas: [],
  account_ids: [],
  committee_ids: [],
  pagerank: 0,
  betweenness: 0,
  score: 10,
  pinned: null,
  position: null,
  decides: false,
  ...patch,
});

// 1 → 2 → 3 → 4, and 5 alone.
const graph: Graph = {
  nodes: [
    node(1, { name: "Aino Järvinen", title: "Chief Physician", therapy_areas: ["Oncology"], tier: "national" }),
    node(2, { therapy_areas: ["oncology", "Haematology"], attitude: "advocate" }),
    node(3, { account_ids: [7] }),
    node(4, { stage: "close" }),
    node(5),
  ],
  links: [
    { id: 1, from: 1, to: 2, kind: "influences", strength: 3 },
    { id: 2, from: 3, to: 2, kind: "reports_to", strength: 4 },
    { id: 3, from: 3, to: 4, kind: "friend", strength: 5 },
  ],
};

describe("network view rules", () => {
  it("sizes by influence, borders by stage, widens by strength", () => {
    expect(nodeSize(0)).toBe(18);
    expect(nodeSize(100)).toBe(66);
    expect(nodeSize(250)).toBe(66);
    expect(stageBorder("no_contact")).toBe(0);
    expect(stageBorder("close")).toBe(6);
    expect(edgeWidth(5)).toBeGreaterThan(edgeWidth(1));
  });

  it("finds the neighbourhood whatever the links' direction", () => {
    expect([...neighbourhood(graph.links, 1, 1)].sort()).toEqual([1, 2]);
    expect([...neighbourhood(graph.links, 1, 2)].sort()).toEqual([1, 2, 3]);
    expect([...neighbourhood(graph.links, 5, 2)]).toEqual([5]);
  });

  it("filters people and keeps only the links among those shown", () => {
    const onc = visible(graph, { ...NO_FILTERS, therapyArea: "ONCOLOGY" }, null);
    expect(onc.nodes.map((n) => n.id)).toEqual([1, 2]);
    expect(onc.links.map((l) => l.id)).toEqual([1]);
    expect(visible(graph, { ...NO_FILTERS, accountId: 7 }, null).nodes.map((n) => n.id)).toEqual([3]);
    expect(visible(graph, { ...NO_FILTERS, attitude: "advocate" }, null).nodes.map((n) => n.id)).toEqual([2]);
    // The focused person stays even when a filter would hide them.
    const focused = visible(graph, { ...NO_FILTERS, stage: "close" }, { id: 3, hops: 1 });
    expect(focused.nodes.map((n) => n.id)).toEqual([3, 4]);
    expect(focused.links.map((l) => l.id)).toEqual([3]);
  });

  it("lists therapy areas once each and finds people by name or title without accents", () => {
    expect(therapyAreas(graph)).toEqual(["Haematology", "Oncology"]);
    expect(searchPeople(graph.nodes, "jarvinen chief").map((n) => n.id)).toEqual([1]);
    expect(searchPeople(graph.nodes, "  ")).toEqual([]);
  });

  it("writes a standalone SVG with escaped names", () => {
    const svg = toSvg(
      [
        { x: 0, y: 0, size: 20, fill: "#fff", border: 2, borderColour: "#000", label: "A & <B>" },
        { x: 100, y: 0, size: 40, fill: "#fff", border: 0, borderColour: "#000", label: "C" },
      ],
      [{ x1: 0, y1: 0, x2: 100, y2: 0, width: 2, colour: "#999", dashed: true, arrow: true }],
      "#ffffff",
      "#111111",
    );
    expect(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"")).toBe(true);
    expect(svg).toContain("A &amp; &lt;B&gt;");
    expect(svg.match(/<circle/g)).toHaveLength(2);
    // The arrow stops at the target's rim (radius 20).
    expect(svg).toContain('x2="80"');
    expect(svg).toContain('stroke-dasharray="6 4"');
  });
});
