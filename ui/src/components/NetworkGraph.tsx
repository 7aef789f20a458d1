// The Network page's side of the graph: an iframe running src/frame/networkFrame.ts, fed the graph by message and
// answering with clicks, pins, draw times and pictures (see lib/networkFrameProtocol.ts for why it is a frame).
import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from "react";
import type { Graph } from "../api/client";
import type { FromFrame, LayoutName, Palette, ToFrame } from "../lib/networkFrameProtocol";

export type { LayoutName };

export interface NetworkGraphHandle {
  picture: (format: "png" | "svg") => Promise<string>;
  relayout: () => void;
  fit: () => void;
  showAllLinks: (all: boolean) => void;
  centreOn: (id: number) => void;
}

function palette(): Palette {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    text: v("--text", "#1c2430"),
    accent: v("--accent", "#1f5f8b"),
    background: v("--bg-elev", "#ffffff"),
    edge: v("--border-strong", "#c5ccd5"),
  };
}

export const NetworkGraph = forwardRef<
  NetworkGraphHandle,
  {
    graph: Graph;
    layout: LayoutName;
    onOpen: (personId: number) => void;
    onFocus: (personId: number) => void;
    onPin: (pins: [number, number, number][]) => void;
    /** Milliseconds from handing over the people to the finished layout. */
    onDrawn?: (ms: number) => void;
    title: string;
  }
>(function NetworkGraph(props, ref) {
  const frame = useRef<HTMLIFrameElement>(null);
  const [ready, setReady] = useState(false);
  const handlers = useRef(props);
  handlers.current = props;
  const pictures = useRef(new Map<number, (data: string) => void>());
  const sentAt = useRef(0);
  const sentWall = useRef(0);

  const send = (message: ToFrame) => frame.current?.contentWindow?.postMessage(message, window.location.origin);

  useEffect(() => {
    const onMessage = (event: MessageEvent<FromFrame>) => {
      if (event.origin !== window.location.origin || event.source !== frame.current?.contentWindow) return;
      const m = event.data;
      switch (m.type) {
        case "ready":
          setReady(true);
          break;
        case "open":
          handlers.current.onOpen(m.id);
          break;
        case "focus":
          handlers.current.onFocus(m.id);
          break;
        case "pin":
          handlers.current.onPin(m.pins);
          break;
        case "drawn":
          document.body.dataset.drawnAt = String(Date.now());
          document.body.dataset.sentAt = String(sentWall.current);
          // Counted from when the page handed the people over, so the message's trip is included.
          handlers.current.onDrawn?.(Math.round(performance.now() - sentAt.current));
          break;
        case "picture":
          pictures.current.get(m.request)?.(m.data);
          pictures.current.delete(m.request);
          break;
      }
    };
    window.addEventListener("message", onMessage);
    return () => window.removeEventListener("message", onMessage);
  }, []);

  useEffect(() => {
    if (!ready) return;
    sentAt.current = performance.now();
    sentWall.current = Date.now();
    send({ type: "graph", graph: props.graph, layout: props.layout, palette: palette(), sent: Date.now() });
  }, [ready, props.graph, props.layout]);

  useImperativeHandle(ref, () => ({
    picture: (format) =>
      new Promise((resolve) => {
        const request = Math.random();
        pictures.current.set(request, resolve);
        send({ type: "picture", format, request });
      }),
    relayout: () => {
      sentAt.current = performance.now();
      send({ type: "relayout" });
    },
    fit: () => send({ type: "fit" }),
    showAllLinks: (all) => send({ type: "links", all }),
    centreOn: (id) => send({ type: "centre", id }),
  }));

  return <iframe ref={frame} src="network-frame.html" className="network-canvas" title={props.title} data-testid="network-canvas" />;
});
