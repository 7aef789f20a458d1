// Areas that are not built yet say so plainly, and point at what already works.
import { useTranslation } from "react-i18next";

export function NotYetPage({ area }: { area: "proposals" }) {
  const { t } = useTranslation();
  return (
    <div className="page" data-testid={`not-yet-${area}`}>
      <div className="page-header">
        <h1>{t(`nav.${area}`)}</h1>
        <span className="chip kind">{t("common.notBuiltYet")}</span>
      </div>
      <div className="panel not-yet">
        <p>{t(`notYet.${area}`)}</p>
        <p className="muted">{t("notYet.meanwhile")}</p>
        <div className="btn-row">
          <a className="btn" href="#/accounts">
            {t("nav.accounts")}
          </a>
          <a className="btn" href="#/people">
            {t("nav.people")}
          </a>
        </div>
      </div>
    </div>
  );
}
