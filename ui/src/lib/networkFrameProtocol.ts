// Messages between the Network page and the frame that draws the graph (src/frame/networkFrame.ts). The frame is
// same-origin but has no Tauri IPC of its own and is not prototype-frozen: Cytoscape.js assigns `toString` to its
// prototypes at load, which the main window's frozen prototypes forbid.
import type { Graph } from "../api/client";

export type LayoutName = "force" | "concentric" | "hierarchy";

export interface Palette {
  text: string;
  accent: string;
  background: string;
  edge: string;
}

export type ToFrame =
  /** `sent`: Date.now() when posted, so the frame can tell how long the hand-over took. */
  | { type: "graph"; graph: Graph; layout: LayoutName; palette: Palette; sent: number }
  | { type: "relayout" }
  | { type: "fit" }
  /** A large network: show every link, or only those around the person under the pointer. */
  | { type: "links"; all: boolean }
  | { type: "centre"; id: number }
  | { type: "picture"; format: "png" | "svg"; request: number };

export type FromFrame =
  | { type: "ready" }
  | { type: "open"; id: number }
  | { type: "focus"; id: number }
  | { type: "pin"; pins: [number, number, number][] }
  | { type: "drawn"; ms: number }
  | { type: "picture"; request: number; data: string };
