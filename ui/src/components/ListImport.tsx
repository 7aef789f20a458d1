// The parts the list imports share (price lists, tender lists): reading the file again whenever the options change
// (the latest answer wins), the table where each column's meaning is chosen, and the list of values that could not
// be read.
import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Problem } from "../api/client";
import { errorMessage } from "../i18n";

/** Inspects `path` with `options`, again on every change; the latest answer wins. */
export function useInspection<O, L>(path: string, empty: O, inspect: (path: string, options: O) => Promise<L>) {
  const [options, setOptions] = useState<O>(empty);
  const [list, setList] = useState<L | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const request = useRef(0);
  const read = useCallback(
    async (o: O) => {
      const mine = ++request.current;
      setBusy(true);
      setError(null);
      try {
        const l = await inspect(path, o);
        if (mine === request.current) setList(l);
      } catch (e) {
        if (mine === request.current) {
          setList(null);
          setError(errorMessage(e));
        }
      } finally {
        if (mine === request.current) setBusy(false);
      }
    },
    [path, inspect],
  );
  // Read once with the starting options; later reads come from `change`.
  useEffect(() => void read(empty), [read]);
  const change = (o: O) => {
    setOptions(o);
    void read(o);
  };
  return { options, change, list, error, setError, busy, setBusy };
}

export function MappingTable<F extends string>(props: {
  columns: { index: number; header: string; field: F; examples: string[] }[];
  fields: readonly F[];
  label: (field: F) => string;
  onChange: (index: number, field: F) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap static">
      <table className="data mapping" data-testid={props.testId}>
        <thead>
          <tr>
            <th>{t("import.column")}</th>
            <th>{t("import.meaning")}</th>
            <th>{t("import.examples")}</th>
          </tr>
        </thead>
        <tbody>
          {props.columns.map((c) => (
            <tr key={c.index} className={c.field === "ignore" ? "dim" : undefined}>
              <td>{c.header}</td>
              <td>
                <select
                  value={c.field}
                  onChange={(e) => props.onChange(c.index, e.target.value as F)}
                  aria-label={t("import.meaningOf", { column: c.header })}
                  data-testid={`field-${c.index}`}
                >
                  {props.fields.map((f) => (
                    <option key={f} value={f}>
                      {props.label(f)}
                    </option>
                  ))}
                </select>
              </td>
              <td className="muted ellipsis">{c.examples.join(" · ")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ProblemList({ problems }: { problems: Problem[] }) {
  const { t } = useTranslation();
  if (problems.length === 0) return null;
  return (
    <details>
      <summary>{t("import.problemRows", { count: problems.length })}</summary>
      <ul className="plain small">
        {problems.slice(0, 200).map((p, i) => (
          <li key={i}>
            {t("import.row", { n: p.row })} {p.column} “{p.value}”: {p.message}
          </li>
        ))}
      </ul>
    </details>
  );
}
