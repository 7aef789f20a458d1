// The network graph, drawn with Cytoscape.js in its own frame (see lib/networkFrameProtocol.ts for why and for the
// messages). Node size by influence, colour by attitude, border by relationship stage, edge width by strength.
// Clicking a person asks the page to open the profile; right-clicking asks it to focus on them; dragging a person
// pins them where they are dropped; layouts leave pinned people in place.
import cytoscape, { type Core, type ElementDefinition, type LayoutOptions } from "cytoscape";
import fcose from "cytoscape-fcose";
import type { Graph } from "../api/client";
import { LARGE, attitudeColour, edgeWidth, isDirected, nodeSize, stageBorder, toSvg, type DrawnEdge, type DrawnNode } from "../lib/network";
import type { FromFrame, LayoutName, Palette, ToFrame } from "../lib/networkFrameProtocol";

cytoscape.use(fcose);


const LINK_COLOURS: Record<string, string> = { rival: "#d1432f", family: "#8e6bbf", friend: "#8e6bbf" };

function post(message: FromFrame) {
  window.parent.postMessage(message, window.location.origin);
}

/** In a large network only the most influential are named until you point at someone. */
const NAMED = 40;

function elements(graph: Graph): ElementDefinition[] {
  const named = new Set([...graph.nodes].sort((a, b) => b.score - a.score).slice(0, NAMED).map((n) => n.id));
  const nodes: ElementDefinition[] = graph.nodes.map((n) => ({
    group: "nodes",
    data: {
      id: `p${n.id}`,
      person: n.id,
      label: n.name,
      size: nodeSize(n.score),
      fill: attitudeColour(n.attitude),
      border: stageBorder(n.stage),
      decides: n.decides ? 1 : 0,
      pinned: n.pinned ? 1 : 0,
      placed: n.position ? 1 : 0,
      named: named.has(n.id) ? 1 : 0,
    },
    position: n.pinned ? { x: n.pinned[0], y: n.pinned[1] } : n.position ? { x: n.position[0], y: n.position[1] } : undefined,
  }));
  const edges: ElementDefinition[] = graph.links.map((l) => ({
    group: "edges",
    data: {
      id: `l${l.id}`,
      source: `p${l.from}`,
      target: `p${l.to}`,
      kind: l.kind,
      width: edgeWidth(l.strength),
      arrow: isDirected(l.kind) ? "triangle" : "none",
      dashed: l.kind === "rival" ? "dashed" : l.kind === "friend" || l.kind === "family" ? "dotted" : "solid",
      colour: LINK_COLOURS[l.kind] ?? "",
    },
  }));
  return [...nodes, ...edges];
}

function style(p: Palette, large: boolean): cytoscape.StylesheetJson {
  return [
    {
      selector: "node",
      style: {
        width: "data(size)",
        height: "data(size)",
        "background-color": "data(fill)",
        "border-width": "data(border)",
        "border-color": p.accent,
        label: "data(label)",
        "font-size": "mapData(size, 18, 66, 9, 15)" as never,
        color: p.text,
        "text-valign": "bottom",
        "text-margin-y": 3,
        "min-zoomed-font-size": large ? 9 : 4,
        "text-background-color": p.background,
        "text-background-opacity": 0.7,
        "text-background-padding": "1px",
      },
    },
    { selector: "node[decides = 1]", style: { shape: "round-diamond" } },
    { selector: "node[pinned = 1]", style: { "underlay-color": p.accent, "underlay-padding": 5, "underlay-opacity": 0.18 } },
    { selector: "node:selected", style: { "overlay-color": p.accent, "overlay-opacity": 0.25, "overlay-padding": 6 } },
    {
      selector: "edge",
      style: {
        width: "data(width)",
        "line-color": p.edge,
        "line-style": "data(dashed)" as never,
        "curve-style": large ? "haystack" : "bezier",
        "target-arrow-shape": large ? "none" : ("data(arrow)" as never),
        "target-arrow-color": p.edge,
        "arrow-scale": 0.8,
        opacity: large ? 1 : 0.8,
      },
    },
    { selector: "edge[colour != '']", style: { "line-color": "data(colour)", "target-arrow-color": "data(colour)" } },
    // Measuring thousands of names takes seconds: a large network names its most influential people, and whoever
    // is pointed at or chosen, with their neighbours.
    ...(large
      ? [
          { selector: "node", style: { label: "" } },
          { selector: "node[named = 1], node.near, node:selected", style: { label: "data(label)" } },
        ]
      : []),
  ] as cytoscape.StylesheetJson;
}

function layoutOptions(name: LayoutName, size: number): LayoutOptions {
  switch (name) {
    case "concentric":
      return {
        name: "concentric",
        concentric: (n: cytoscape.NodeSingular) => n.data("size"),
        levelWidth: () => 8,
        minNodeSpacing: 6,
        animate: false,
      } as LayoutOptions;
    case "hierarchy":
      return { name: "breadthfirst", directed: false, spacingFactor: 0.9, animate: false } as LayoutOptions;
    default:
      return {
        name: "fcose",
        quality: size > LARGE ? "draft" : "default",
        randomize: true,
        animate: false,
        nodeSeparation: 60,
        idealEdgeLength: size > LARGE ? 40 : 70,
        nodeRepulsion: 6000,
        numIter: size > LARGE ? 600 : 2500,
      } as LayoutOptions;
  }
}

const container = document.getElementById("cy");
let palette: Palette = { text: "#1c2430", accent: "#1f5f8b", background: "#ffffff", edge: "#c5ccd5" };
let cy: Core = create(false);
let layout: LayoutName = "force";
let shownIds = "";
let shownLayout: LayoutName | null = null;
let allLinks = false;

/** A large network is drawn for speed (see the options); a small one in full detail. */
function create(large: boolean): Core {
  const c = cytoscape({
    container,
    elements: [],
    minZoom: 0.02,
    maxZoom: 4,
    boxSelectionEnabled: false,
    // A large network pans and zooms as one picture, its links hidden while the view moves.
    ...(large ? { hideEdgesOnViewport: true, textureOnViewport: true, pixelRatio: 1, motionBlur: false } : {}),
  } as cytoscape.CytoscapeOptions);
  c.on("tap", "node", (e) => post({ type: "open", id: e.target.data("person") }));
  c.on("cxttap", "node", (e) => post({ type: "focus", id: e.target.data("person") }));
  c.on("dragfree", "node", (e) => {
    const n = e.target;
    n.data("pinned", 1);
    const { x, y } = n.position();
    post({ type: "pin", pins: [[n.data("person"), x, y]] });
  });
  c.on("mouseover select", "node", (e) => near(e.target.id(), true));
  c.on("mouseout unselect", "node", (e) => {
    if (!e.target.selected()) near(e.target.id(), false);
  });
  c.scratch("large", large);
  return c;
}

/** How long the last drawing took, by part (read by the draw bench). */
const timings = { transit: 0, add: 0, layout: 0, fit: 0, paint: 0, settle: 0, postedAt: 0 };

function runLayout(started: number) {
  if (cy.nodes().length === 0) {
    document.body.dataset.ready = "1";
    return;
  }
  const pinned = cy.nodes("[pinned = 1]");
  pinned.lock();
  let options = layoutOptions(layout, cy.nodes().length);
  let eles = cy.elements();
  if (layout === "hierarchy") {
    // Who reports to whom: bosses (reported to, reporting to no one) at the top.
    const reports = cy.edges("[kind = 'reports_to']");
    eles = cy.nodes().union(reports);
    const bosses = reports.targets().filter((n) => n.outgoers("edge[kind = 'reports_to']").empty());
    if (bosses.nonempty()) options = { ...options, roots: bosses } as unknown as LayoutOptions;
  }
  // A large network comes laid out by the core (see network::layout): its force-directed drawing is where the
  // people were added.
  if (layout === "force" && cy.nodes("[placed = 0]").empty()) {
    pinned.unlock();
    timings.layout = 0;
    finish(started);
    return;
  }
  const laying = performance.now();
  const run = eles.layout(options);
  run.one("layoutstop", () => {
    timings.layout = Math.round(performance.now() - laying);
    pinned.unlock();
    finish(started);
  });
  run.run();
}

/** Fits the people into view: from their places and sizes, which is much quicker on a large network than
 *  Cytoscape's fit (that measures every label and link). */
function fitView() {
  const nodes = cy.nodes();
  if (nodes.empty()) return;
  let [x1, y1, x2, y2] = [Infinity, Infinity, -Infinity, -Infinity];
  nodes.forEach((n) => {
    const { x, y } = n.position();
    const r = (n.data("size") as number) / 2 + 14;
    x1 = Math.min(x1, x - r);
    y1 = Math.min(y1, y - r);
    x2 = Math.max(x2, x + r);
    y2 = Math.max(y2, y + r);
  });
  const pad = 30;
  const zoom = Math.min((cy.width() - 2 * pad) / Math.max(1, x2 - x1), (cy.height() - 2 * pad) / Math.max(1, y2 - y1));
  const z = Math.max(cy.minZoom(), Math.min(cy.maxZoom(), zoom));
  cy.viewport({ zoom: z, pan: { x: cy.width() / 2 - z * ((x1 + x2) / 2), y: cy.height() / 2 - z * ((y1 + y2) / 2) } });
}

/** Fits the drawing into view and reports once it has been painted. */
function finish(started: number) {
  const fitting = performance.now();
  fitView();
  timings.fit = Math.round(performance.now() - fitting);
  const painting = performance.now();
  cy.one("render", () => {
    timings.paint = Math.round(performance.now() - painting);
    document.body.dataset.ready = "1";
    timings.postedAt = Date.now();
    post({ type: "drawn", ms: Math.round(performance.now() - started) });
    // How long the window stays busy after the first paint (later frames, caches).
    const rendered = performance.now();
    setTimeout(() => (timings.settle = Math.round(performance.now() - rendered)), 0);
  });
  cy.forceRender();
}

// A large network keeps its links aside and draws those of the person under the pointer (or all of them, when
// asked): tens of thousands of links make an unreadable overview and, without a graphics card, seconds of drawing.
let asideByPerson = new Map<string, ElementDefinition[]>();
let aside: ElementDefinition[] = [];

/** Shows (or hides again) a person's links kept aside, and names their neighbours. */
function near(id: string, on: boolean) {
  const links = asideByPerson.get(id);
  if (!links || allLinks) return;
  const ends = cy.collection();
  for (const l of links) {
    ends.merge(cy.$id(l.data.source as string)).merge(cy.$id(l.data.target as string));
  }
  cy.batch(() => {
    if (on) {
      cy.add(links.filter((l) => cy.$id(l.data.id as string).empty()));
      ends.addClass("near");
    } else {
      let shown = cy.collection();
      for (const l of links) shown = shown.union(cy.$id(l.data.id as string));
      cy.remove(shown);
      ends.removeClass("near");
    }
  });
}

function setAllLinks(all: boolean) {
  allLinks = all;
  cy.batch(() => {
    cy.edges().remove();
    if (all || !cy.scratch("large")) cy.add(aside);
  });
}

function show(graph: Graph, nextLayout: LayoutName, nextPalette: Palette) {
  const started = performance.now();
  const ids = graph.nodes.map((n) => n.id).join(",") + "|" + graph.links.map((l) => l.id).join(",");
  const large = graph.nodes.length > LARGE;
  const paletteChanged = JSON.stringify(nextPalette) !== JSON.stringify(palette);
  palette = nextPalette;
  // The frame paints its own background, so it follows the page's theme.
  document.documentElement.style.background = palette.background;
  layout = nextLayout;
  if (ids === shownIds && layout === shownLayout) {
    // Same people and links: refresh how they look, keep where they are.
    const byId = new Map(elements(graph).map((e) => [e.data.id, e.data]));
    cy.batch(() => {
      if (paletteChanged) cy.style(style(palette, large));
      cy.elements().forEach((ele) => {
        ele.data(byId.get(ele.id()) ?? {});
      });
    });
    return;
  }
  delete document.body.dataset.ready;
  if (cy.scratch("large") !== large) {
    cy.destroy();
    cy = create(large);
    shownIds = "";
  }
  const placed = new Map(cy.nodes().map((n) => [n.id(), { ...n.position() }]));
  const sameNodes = ids.split("|")[0] === shownIds.split("|")[0];
  const layoutChanged = layout !== shownLayout;
  shownIds = ids;
  shownLayout = layout;
  const defs = elements(graph);
  aside = defs.filter((d) => d.group === "edges");
  asideByPerson = new Map();
  for (const l of aside) {
    for (const end of [l.data.source as string, l.data.target as string]) {
      const list = asideByPerson.get(end);
      if (list) list.push(l);
      else asideByPerson.set(end, [l]);
    }
  }
  cy.batch(() => {
    cy.elements().remove();
    cy.style(style(palette, large));
    cy.add(large && !allLinks ? defs.filter((d) => d.group === "nodes") : defs);
  });
  timings.add = Math.round(performance.now() - started);
  if (sameNodes && !layoutChanged) {
    // Only links changed: people stay where they were.
    cy.nodes().forEach((n) => {
      const at = placed.get(n.id());
      if (at && !n.data("pinned")) n.position(at);
    });
    document.body.dataset.ready = "1";
    return;
  }
  runLayout(started);
}

function svg(): string {
  const nodes: DrawnNode[] = cy.nodes().map((n) => ({
    ...n.position(),
    size: n.data("size"),
    fill: n.data("fill"),
    border: n.data("border"),
    borderColour: palette.accent,
    label: n.data("label"),
  }));
  // Every link, also those a large network keeps aside while drawing.
  const edges: DrawnEdge[] = aside.flatMap((l) => {
    const [a, b] = [cy.$id(l.data.source as string), cy.$id(l.data.target as string)];
    if (a.empty() || b.empty()) return [];
    return [
      {
        x1: a.position().x,
        y1: a.position().y,
        x2: b.position().x,
        y2: b.position().y,
        width: l.data.width,
        colour: l.data.colour || palette.edge,
        dashed: l.data.dashed !== "solid",
        arrow: l.data.arrow === "triangle",
      },
    ];
  });
  return toSvg(nodes, edges, palette.background, palette.text);
}

window.addEventListener("message", (event: MessageEvent<ToFrame>) => {
  if (event.origin !== window.location.origin || event.source !== window.parent) return;
  const m = event.data;
  switch (m.type) {
    case "graph":
      timings.transit = Date.now() - m.sent;
      show(m.graph, m.layout, m.palette);
      break;
    case "relayout":
      runLayout(performance.now());
      break;
    case "fit":
      fitView();
      break;
    case "links":
      setAllLinks(m.all);
      break;
    case "centre": {
      const n = cy.$id(`p${m.id}`);
      if (n.empty()) break;
      cy.$(":selected").unselect();
      n.select();
      cy.animate({ center: { eles: n }, zoom: Math.max(cy.zoom(), 1.2) }, { duration: 250 });
      break;
    }
    case "picture": {
      const data = m.format === "png" ? cy.png({ output: "base64uri", full: true, scale: 2, bg: palette.background }) : svg();
      post({ type: "picture", request: m.request, data });
      break;
    }
  }
});

// End-to-end tests and the draw bench find people on the canvas through this.
(window as unknown as { __avainGraph: unknown }).__avainGraph = {
  renderedPosition: (id: number) => cy.$id(`p${id}`).renderedPosition(),
  count: () => cy.nodes().length,
  timings,
  get cy() {
    return cy;
  },
};

post({ type: "ready" });
