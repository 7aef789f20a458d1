// Ctrl+K: one search over accounts, people, interactions, tasks and notes. Arrows move, Enter opens, Esc closes.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type SearchHit } from "../api/client";
import { navigate } from "../lib/router";
import { formatDate } from "../lib/format";
import { Modal, useLang } from "./ui";

/** Splits a snippet at the core's match markers (U+0001 … U+0002) into plain and highlighted parts. */
export function snippetParts(snippet: string): { text: string; match: boolean }[] {
  const parts: { text: string; match: boolean }[] = [];
  for (const piece of snippet.split("\u0001")) {
    const end = piece.indexOf("\u0002");
    if (end === -1) {
      if (piece) parts.push({ text: piece, match: false });
    } else {
      parts.push({ text: piece.slice(0, end), match: true });
      if (piece.slice(end + 1)) parts.push({ text: piece.slice(end + 1), match: false });
    }
  }
  return parts;
}

function open(hit: SearchHit) {
  if (hit.kind === "person" && hit.person_id !== null) return navigate({ page: "person", id: hit.person_id });
  const tab = hit.kind === "interaction" ? "interactions" : hit.kind === "task" ? "tasks" : "overview";
  if (hit.account_id !== null) return navigate({ page: "account", id: hit.account_id, tab });
  if (hit.person_id !== null) navigate({ page: "person", id: hit.person_id });
}

export function SearchPalette({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [text, setText] = useState("");
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  useEffect(() => {
    const timer = setTimeout(() => setQuery(text.trim()), 60);
    return () => clearTimeout(timer);
  }, [text]);
  const results = useQuery({
    queryKey: ["search", query],
    queryFn: () => api.search(query),
    enabled: query.length > 0,
    placeholderData: keepPreviousData,
  });
  const hits = query ? (results.data ?? []) : [];
  useEffect(() => setActive(0), [query]);
  const choose = (hit: SearchHit) => {
    onClose();
    open(hit);
  };
  return (
    <Modal title={t("nav.search")} onClose={onClose} testId="search-palette">
      <div className="palette">
        <input
          type="search"
          autoFocus
          aria-label={t("search.placeholder")}
          placeholder={t("search.placeholder")}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "ArrowDown") {
              e.preventDefault();
              setActive((a) => Math.min(a + 1, hits.length - 1));
            } else if (e.key === "ArrowUp") {
              e.preventDefault();
              setActive((a) => Math.max(a - 1, 0));
            } else if (e.key === "Enter" && hits[active]) {
              e.preventDefault();
              choose(hits[active]);
            }
          }}
        />
        {query === "" ? (
          <p className="palette-empty">{t("search.hint")}</p>
        ) : hits.length === 0 && !results.isFetching ? (
          <p className="palette-empty">{t("search.empty", { q: query })}</p>
        ) : (
          <ul role="listbox" data-testid="search-results">
            {hits.map((hit, i) => (
              <li
                key={`${hit.kind}-${hit.id}`}
                role="option"
                aria-selected={i === active}
                className={i === active ? "active" : ""}
                onMouseEnter={() => setActive(i)}
                onClick={() => choose(hit)}
              >
                <span className="hit-kind">{t(`search.kinds.${hit.kind}`)}</span>
                <span>
                  <span className="hit-title">{hit.title}</span>
                  {hit.date && <span className="hit-sub"> · {formatDate(hit.date, lang)}</span>}
                  {hit.subtitle && <span className="hit-sub"> · {hit.subtitle}</span>}
                  {hit.snippet && (
                    <span className="hit-sub block">
                      {snippetParts(hit.snippet).map((p, n) => (p.match ? <mark key={n}>{p.text}</mark> : <span key={n}>{p.text}</span>))}
                    </span>
                  )}
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </Modal>
  );
}
