// The influence network of the region, or of one account's, committee's or tender's decision: the graph with
// filters, search, focus and layouts, and beside it the balance of power, the most influential people, the gaps and
// who influences the decision.
import { useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type InfluenceWeights, type NetworkScope } from "../api/client";
import {
  NO_ACCOUNT_FILTER,
  useAccounts,
  useCommittees,
  useFacets,
  useNetworkGraph,
  useNetworkSummary,
  useTenderOverview,
} from "../api/queries";
import { BalanceBar, BalanceHistory, InfluenceList, RankedList } from "../components/Influence";
import { NetworkGraph, type LayoutName, type NetworkGraphHandle } from "../components/NetworkGraph";
import { EmptyState, FilterSelect, FormModal, useToast } from "../components/ui";
import { errorMessage } from "../i18n";
import {
  LARGE,
  ATTITUDE_COLOURS,
  ATTITUDES,
  NO_FILTERS,
  STAGES,
  TIERS,
  searchPeople,
  therapyAreas,
  visible,
  type NetworkFilters,
} from "../lib/network";
import { navigate } from "../lib/router";
import { useSubmit } from "../lib/useSubmit";

/** "a:12", "c:3" or "t:7" for an account's, a committee's or a tender's decision; "" for the whole network. */
function scopeOf(decision: string, region: string): NetworkScope {
  const [kind, id] = decision.split(":");
  const n = Number(id);
  return {
    region: region || null,
    account_id: kind === "a" ? n : null,
    committee_id: kind === "c" ? n : null,
    tender_id: kind === "t" ? n : null,
    therapy_area: null,
  };
}

export function NetworkPage() {
  const { t } = useTranslation();
  const toast = useToast();
  const [decision, setDecision] = useState("");
  const [region, setRegion] = useState("");
  const scope = useMemo(() => scopeOf(decision, region), [decision, region]);
  const graph = useNetworkGraph(scope);
  const summary = useNetworkSummary(scope);
  const accounts = useAccounts(NO_ACCOUNT_FILTER).data ?? [];
  const committees = useCommittees().data ?? [];
  const tenders = useTenderOverview(null).data ?? [];
  const regions = useFacets().data?.regions ?? [];
  const [filters, setFilters] = useState<NetworkFilters>(NO_FILTERS);
  const [focus, setFocus] = useState<{ id: number; hops: number } | null>(null);
  const [layout, setLayout] = useState<LayoutName>("force");
  const [search, setSearch] = useState("");
  const [weights, setWeights] = useState(false);
  const [drawMs, setDrawMs] = useState<number | null>(null);
  const [allLinks, setAllLinks] = useState(false);
  const drawn = useRef<NetworkGraphHandle>(null);

  const full = graph.data;
  const shown = useMemo(() => (full ? visible(full, filters, focus) : null), [full, filters, focus]);
  const areas = useMemo(() => (full ? therapyAreas(full) : []), [full]);
  const matches = useMemo(() => (shown && search ? searchPeople(shown.nodes, search).slice(0, 8) : []), [shown, search]);
  const focusName = focus ? full?.nodes.find((n) => n.id === focus.id)?.name : null;
  const set = <K extends keyof NetworkFilters>(key: K, value: NetworkFilters[K]) => setFilters((f) => ({ ...f, [key]: value }));
  const filtered = Object.values(filters).some((v) => v !== null) || focus !== null;

  const save = async (what: () => Promise<string | null>) => {
    try {
      const path = await what();
      if (path) toast(t("network.saved", { path }));
    } catch (e) {
      toast(errorMessage(e), true);
    }
  };

  return (
    <div className="page network-page">
      <div className="page-header">
        <h1>{t("network.title")}</h1>
        <span className="muted small" data-testid="network-counts">
          {shown ? `${t("network.peopleCount", { count: shown.nodes.length })}, ${t("network.linkCount", { count: shown.links.length })}` : ""}
        </span>
        <span className="spacer" />
        <button type="button" className="btn" onClick={() => setWeights(true)}>
          {t("network.weights.title")}…
        </button>
        <button type="button" className="btn" onClick={() => void save(async () => api.saveNetworkImage("png", (await drawn.current?.picture("png")) ?? ""))}>
          {t("network.export.png")}
        </button>
        <button type="button" className="btn" onClick={() => void save(async () => api.saveNetworkImage("svg", (await drawn.current?.picture("svg")) ?? ""))}>
          {t("network.export.svg")}
        </button>
        <button type="button" className="btn" onClick={() => void save(api.exportGraphml)} data-testid="export-graphml">
          {t("network.export.graphml")}
        </button>
      </div>

      <div className="filter-bar network-filters">
        <label>
          <span className="small muted">{t("network.scope.label")}</span>
          <select value={decision} onChange={(e) => { setDecision(e.target.value); setFocus(null); }} data-testid="network-scope">
            <option value="">{t("network.scope.all")}</option>
            <optgroup label={t("network.scope.accounts")}>
              {accounts.filter((a) => a.decision_group_size > 0).map((a) => (
                <option key={a.id} value={`a:${a.id}`}>{a.name}</option>
              ))}
            </optgroup>
            <optgroup label={t("network.scope.committees")}>
              {committees.map((c) => (
                <option key={c.id} value={`c:${c.id}`}>{c.name}</option>
              ))}
            </optgroup>
            <optgroup label={t("network.scope.tenders")}>
              {tenders.map((r) => (
                <option key={r.id} value={`t:${r.id}`}>{r.title}</option>
              ))}
            </optgroup>
          </select>
        </label>
        <FilterSelect label={t("network.filters.region")} value={region} options={regions.map((r) => [r, r])} onChange={setRegion} testId="network-region" />
        <FilterSelect label={t("network.filters.area")} value={filters.therapyArea ?? ""} options={areas.map((a) => [a, a])} onChange={(v) => set("therapyArea", v || null)} testId="network-area" />
        <FilterSelect label={t("network.filters.tier")} value={filters.tier ?? ""} options={TIERS.map((x) => [x, t(`tier.${x}`)])} onChange={(v) => set("tier", (v || null) as NetworkFilters["tier"])} testId="network-tier" />
        <FilterSelect label={t("network.filters.stage")} value={filters.stage ?? ""} options={STAGES.map((x) => [x, t(`stage.${x}`)])} onChange={(v) => set("stage", (v || null) as NetworkFilters["stage"])} testId="network-stage" />
        <FilterSelect label={t("network.filters.attitude")} value={filters.attitude ?? ""} options={ATTITUDES.map((x) => [x, t(`attitude.${x}`)])} onChange={(v) => set("attitude", (v || null) as NetworkFilters["attitude"])} testId="network-attitude" />
        <FilterSelect label={t("network.filters.account")} value={filters.accountId ? String(filters.accountId) : ""} options={accounts.map((a) => [String(a.id), a.name])} onChange={(v) => set("accountId", v ? Number(v) : null)} testId="network-account" />
        <label>
          <span className="small muted">{t("network.layout.label")}</span>
          <select value={layout} onChange={(e) => setLayout(e.target.value as LayoutName)} data-testid="network-layout">
            <option value="force">{t("network.layout.force")}</option>
            <option value="concentric">{t("network.layout.concentric")}</option>
            <option value="hierarchy">{t("network.layout.hierarchy")}</option>
          </select>
        </label>
        <div className="network-search">
          <span className="small muted">{t("network.search")}</span>
          <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder={t("network.searchPlaceholder")} data-testid="network-search" />
          {matches.length > 0 && (
            <ul className="network-matches" role="listbox">
              {matches.map((n) => (
                <li key={n.id}>
                  <button type="button" onClick={() => { drawn.current?.centreOn(n.id); setSearch(""); }}>
                    {n.name} <span className="muted small">{n.title}</span>
                  </button>
                  <button type="button" className="btn small ghost" onClick={() => { setFocus({ id: n.id, hops: 1 }); setSearch(""); }}>
                    {t("network.focus.on")}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
      <div className="network-toolbar small">
        {focus && (
          <span className="chip kind" data-testid="network-focus">
            {t("network.focus.label", { name: focusName ?? "" })}
            <select value={focus.hops} onChange={(e) => setFocus({ ...focus, hops: Number(e.target.value) })} aria-label={t("network.focus.hops")}>
              <option value={1}>{t("network.focus.hop", { count: 1 })}</option>
              <option value={2}>{t("network.focus.hop", { count: 2 })}</option>
            </select>
            <button type="button" className="btn small ghost" onClick={() => setFocus(null)} aria-label={t("network.focus.clear")}>×</button>
          </span>
        )}
        {filtered && (
          <button type="button" className="btn small ghost" onClick={() => { setFilters(NO_FILTERS); setFocus(null); }}>
            {t("common.clearFilters")}
          </button>
        )}
        <span className="muted">{t("network.hint")}</span>
        <span className="spacer" />
        {drawMs !== null && <span className="muted" data-testid="network-draw-ms" data-ms={drawMs}>{t("network.drawn", { ms: drawMs })}</span>}
        {shown && shown.nodes.length > LARGE && (
          <label className="small">
            <input type="checkbox" checked={allLinks} onChange={(e) => { setAllLinks(e.target.checked); drawn.current?.showAllLinks(e.target.checked); }} />{" "}
            {t("network.allLinks")}
          </label>
        )}
        <button type="button" className="btn small" onClick={() => drawn.current?.relayout()}>{t("network.rearrange")}</button>
        <button type="button" className="btn small" onClick={() => void api.unpin([]).then(() => drawn.current?.relayout())}>{t("network.unpinAll")}</button>
        <button type="button" className="btn small" onClick={() => drawn.current?.fit()}>{t("network.fit")}</button>
      </div>

      <div className="network-body">
        <div className="network-stage">
          {graph.error ? (
            <EmptyState hint={errorMessage(graph.error)} />
          ) : shown && full && full.nodes.length === 0 ? (
            <EmptyState title={t("network.emptyTitle")} hint={t("network.emptyHint")} testId="network-empty" />
          ) : !shown ? (
            <EmptyState hint={t("network.loading")} />
          ) : null}
          {shown && (
            <NetworkGraph
              ref={drawn}
              graph={shown}
              layout={layout}
              onOpen={(id) => navigate({ page: "person", id })}
              onFocus={(id) => setFocus({ id, hops: focus?.hops ?? 1 })}
              onPin={(pins) => void api.pinPositions(pins).catch((e) => toast(errorMessage(e), true))}
              onDrawn={setDrawMs}
              title={t("network.title")}
            />
          )}
          {shown && <Legend />}
        </div>
        <aside className="network-side">
          {summary.data && (
            <>
              <section>
                <h3>{t("network.balance.title")}</h3>
                <BalanceBar balance={summary.data.balance} testId="balance-now" />
                <p className="small muted">{t("network.balance.history")}</p>
                <BalanceHistory points={summary.data.history} />
              </section>
              {decision && (
                <section>
                  <h3>{t("network.influence.title")}</h3>
                  <InfluenceList scope={scope} testId="who-influences" />
                </section>
              )}
              <section>
                <h3>{t("network.top")}</h3>
                <RankedList people={summary.data.top} testId="top-influencers" />
              </section>
              <section>
                <h3>{t("network.gaps.title")}</h3>
                <p className="small muted">{t("network.gaps.hint")}</p>
                <RankedList people={summary.data.gaps} testId="network-gaps" />
              </section>
            </>
          )}
        </aside>
      </div>
      {weights && summary.data && <WeightsForm weights={summary.data.weights} onClose={() => setWeights(false)} />}
    </div>
  );
}

function Legend() {
  const { t } = useTranslation();
  return (
    <div className="network-legend small" aria-label={t("network.legend.title")}>
      {ATTITUDES.map((a) => (
        <span key={a}>
          <span className="attitude-dot" style={{ background: ATTITUDE_COLOURS[a] }} /> {t(`attitude.${a}`)}
        </span>
      ))}
      <span>
        <span className="attitude-dot" style={{ background: ATTITUDE_COLOURS.unknown }} /> {t("attitude.unknown")}
      </span>
      <span className="muted">{t("network.legend.size")}</span>
      <span className="muted">{t("network.legend.border")}</span>
      <span className="muted">{t("network.legend.diamond")}</span>
    </div>
  );
}

/** The influence score's weights: how much network centrality, tier and scientific activity count. */
function WeightsForm(props: { weights: InfluenceWeights; onClose: () => void }) {
  const { t } = useTranslation();
  const [w, setW] = useState(props.weights);
  const submit = useSubmit(() => api.saveInfluenceWeights(w), props.onClose);
  const keys: (keyof InfluenceWeights)[] = ["pagerank", "betweenness", "tier", "activity"];
  const total = keys.reduce((sum, k) => sum + w[k], 0) || 1;
  return (
    <FormModal narrow title={t("network.weights.title")} onClose={props.onClose} onSubmit={submit.run} saving={submit.saving} error={submit.error} testId="weights-form">
      <p className="small muted">{t("network.weights.explain")}</p>
      {keys.map((k) => (
        <label key={k} className="field weight-row">
          <span className="label">{t(`network.weights.${k}`)}</span>
          <input type="range" min={0} max={1} step={0.05} value={w[k]} onChange={(e) => setW({ ...w, [k]: Number(e.target.value) })} name={k} />
          <span className="num small">{Math.round((w[k] / total) * 100)} %</span>
        </label>
      ))}
      <p>
        <button type="button" className="btn small ghost" onClick={() => setW({ pagerank: 0.4, betweenness: 0.2, tier: 0.25, activity: 0.15 })}>
          {t("network.weights.defaults")}
        </button>
      </p>
    </FormModal>
  );
}
