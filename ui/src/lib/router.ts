// A small hash router: the app has a handful of screens and no server, so the location hash is the whole state
// of navigation (and survives a reload).
import { useEffect, useState } from "react";

export type Route =
  | { page: "today" }
  | { page: "accounts" }
  | { page: "account"; id: number; tab: string }
  | { page: "people" }
  | { page: "person"; id: number }
  | { page: "network" }
  | { page: "tenders"; view?: string }
  | { page: "tender"; id: number }
  | { page: "proposals" }
  | { page: "proposal"; id: number }
  | { page: "sales"; tab?: string }
  | { page: "settings" };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, "").split("/").filter(Boolean);
  const id = Number(parts[1]);
  switch (parts[0]) {
    case "accounts":
      return Number.isInteger(id) && id > 0 ? { page: "account", id, tab: parts[2] ?? "overview" } : { page: "accounts" };
    case "people":
      return Number.isInteger(id) && id > 0 ? { page: "person", id } : { page: "people" };
    case "sales":
      return { page: "sales", tab: parts[1] ?? "overview" };
    case "tenders":
      if (Number.isInteger(id) && id > 0) return { page: "tender", id };
      return parts[1] ? { page: "tenders", view: parts[1] } : { page: "tenders" };
    case "proposals":
      return Number.isInteger(id) && id > 0 ? { page: "proposal", id } : { page: "proposals" };
    case "network":
    case "settings":
      return { page: parts[0] };
    default:
      return { page: "today" };
  }
}

export function href(route: Route): string {
  switch (route.page) {
    case "account":
      return route.tab && route.tab !== "overview" ? `#/accounts/${route.id}/${route.tab}` : `#/accounts/${route.id}`;
    case "person":
      return `#/people/${route.id}`;
    case "sales":
      return route.tab && route.tab !== "overview" ? `#/sales/${route.tab}` : "#/sales";
    case "tenders":
      return route.view ? `#/tenders/${route.view}` : "#/tenders";
    case "tender":
      return `#/tenders/${route.id}`;
    case "proposal":
      return `#/proposals/${route.id}`;
    default:
      return `#/${route.page}`;
  }
}

export function navigate(route: Route) {
  window.location.hash = href(route);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onHash = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener("hashchange", onHash);
    return () => window.removeEventListener("hashchange", onHash);
  }, []);
  return route;
}
