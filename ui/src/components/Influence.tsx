// Small views of influence shared by the Network page, the tender page and the account dossier: who influences a
// decision (with the path), the balance of power and its year, a ranked list of people.
import { useTranslation } from "react-i18next";
import type { Balance, BalancePoint, InfluenceRoute, NetworkScope, RankedPerson } from "../api/client";
import { useWhoInfluences } from "../api/queries";
import { formatDate, formatPercent } from "../lib/format";
import { ATTITUDE_COLOURS, attitudeColour } from "../lib/network";
import { href } from "../lib/router";
import { EmptyState, StageIndicator, useLang } from "./ui";

export function AttitudeDot({ attitude }: { attitude: RankedPerson["attitude"] }) {
  const { t } = useTranslation();
  const label = attitude ? t(`attitude.${attitude}`) : t("attitude.unknown");
  return <span className="attitude-dot" style={{ background: attitudeColour(attitude) }} title={label} aria-label={label} />;
}

/** The people ranked by how strongly they sway a decision, each with the chain through which they do. */
export function InfluenceList({ scope, testId }: { scope: NetworkScope; testId?: string }) {
  const { t } = useTranslation();
  const { data, error } = useWhoInfluences(scope);
  if (error) return <EmptyState compact hint={String((error as Error).message)} />;
  if (!data) return <p className="muted small">{t("common.loading")}</p>;
  if (data.length === 0) return <EmptyState compact hint={t("network.influence.none")} testId={testId} />;
  return (
    <ol className="influence-list" data-testid={testId}>
      {data.map((r) => (
        <InfluenceRow key={r.person.id} route={r} />
      ))}
    </ol>
  );
}

function InfluenceRow({ route }: { route: InfluenceRoute }) {
  const { t } = useTranslation();
  const direct = route.path.length <= 1;
  return (
    <li>
      <div className="row">
        <AttitudeDot attitude={route.attitude} />
        <a className="grow" href={href({ page: "person", id: route.person.id })}>
          {route.person.name}
        </a>
        <StageIndicator stage={route.stage} />
        <span className="num small" title={t("network.influence.weightHint")}>
          {Math.round(route.weight)}
        </span>
      </div>
      <div className="small muted path">
        {direct
          ? t("network.influence.direct")
          : route.path
              .slice(1)
              .map((p) => p.name)
              .join(" → ")
              .replace(/^/, "→ ")}
      </div>
    </li>
  );
}

/** Favourable, neutral and unfavourable shares of influence as one bar. */
export function BalanceBar({ balance, testId }: { balance: Balance; testId?: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const parts: [keyof Balance, string][] = [
    ["favourable", ATTITUDE_COLOURS.advocate],
    ["neutral", ATTITUDE_COLOURS.neutral],
    ["unfavourable", ATTITUDE_COLOURS.opponent],
  ];
  return (
    <div data-testid={testId}>
      <div className="balance-bar" role="img" aria-label={parts.map(([k]) => `${t(`network.balance.${k}`)} ${formatPercent(balance[k], lang)}`).join(", ")}>
        {parts.map(([k, colour]) => (
          <span key={k} style={{ width: `${balance[k] * 100}%`, background: colour }} title={`${t(`network.balance.${k}`)} ${formatPercent(balance[k], lang)}`} />
        ))}
      </div>
      <div className="balance-legend small">
        {parts.map(([k, colour]) => (
          <span key={k}>
            <span className="attitude-dot" style={{ background: colour }} /> {t(`network.balance.${k}`)} {formatPercent(balance[k], lang)}
          </span>
        ))}
      </div>
    </div>
  );
}

/** The balance at each month end as thin stacked columns, oldest left. */
export function BalanceHistory({ points }: { points: BalancePoint[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const w = 14;
  const gap = 4;
  const h = 70;
  return (
    <>
    <svg className="balance-history" viewBox={`0 0 ${points.length * (w + gap)} ${h}`} role="img" aria-label={t("network.balance.history")} data-testid="balance-history">
      {points.map((p, i) => {
        const fav = p.balance.favourable * h;
        const neu = p.balance.neutral * h;
        const unf = p.balance.unfavourable * h;
        const x = i * (w + gap);
        return (
          <g key={p.date}>
            <title>
              {`${formatDate(p.date, lang)}: ${t("network.balance.favourable")} ${formatPercent(p.balance.favourable, lang)}, ${t("network.balance.unfavourable")} ${formatPercent(p.balance.unfavourable, lang)}`}
            </title>
            <rect x={x} y={0} width={w} height={fav} fill={ATTITUDE_COLOURS.advocate} />
            <rect x={x} y={fav} width={w} height={neu} fill={ATTITUDE_COLOURS.neutral} />
            <rect x={x} y={fav + neu} width={w} height={unf} fill={ATTITUDE_COLOURS.opponent} />
          </g>
        );
      })}
    </svg>
    {points.length > 0 && (
      <div className="balance-axis small muted">
        <span>{formatDate(points[0].date, lang)}</span>
        <span>{formatDate(points[points.length - 1].date, lang)}</span>
      </div>
    )}
    </>
  );
}

export function RankedList({ people, testId }: { people: RankedPerson[]; testId?: string }) {
  const { t } = useTranslation();
  if (people.length === 0) return <EmptyState compact hint={t("network.nobody")} testId={testId} />;
  return (
    <ol className="ranked-list" data-testid={testId}>
      {people.map((p) => (
        <li key={p.person.id}>
          <AttitudeDot attitude={p.attitude} />
          <a className="grow" href={href({ page: "person", id: p.person.id })}>
            {p.person.name}
          </a>
          <span className="small muted">{p.tier ? t(`tier.${p.tier}`) : ""}</span>
          <span className="num small">{Math.round(p.score)}</span>
        </li>
      ))}
    </ol>
  );
}
