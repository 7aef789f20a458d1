// The milestones of the tenders in FullCalendar's month, week and agenda views (its MIT React package, v7, which
// renders with React and ships plain stylesheets, so it runs under the app's strict CSP and frozen prototypes). Colours follow the
// tender's status; a buyer's deadline is marked, and a weekend or holiday deadline flagged. Dragging a milestone
// moves it; moving a buyer's deadline asks first, and a move the core refuses (deadlines out of order) goes back.
import FullCalendar, { type EventClickInfo, type EventDropInfo } from "@fullcalendar/react";
import dayGridPlugin from "@fullcalendar/react/daygrid";
import interactionPlugin from "@fullcalendar/react/interaction";
import listPlugin from "@fullcalendar/react/list";
import enGbLocale from "@fullcalendar/react/locales/en-gb";
import fiLocale from "@fullcalendar/react/locales/fi";
import "@fullcalendar/react/skeleton.css";
import classicTheme from "@fullcalendar/react/themes/classic";
import "@fullcalendar/react/themes/classic/theme.css";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type MilestoneKind, type TenderRow } from "../api/client";
import { Confirm, useLang, useToast } from "../components/ui";
import { errorMessage } from "../i18n";
import { formatDate } from "../lib/format";
import { navigate } from "../lib/router";
import { calendarEvents } from "../lib/tenders";

interface Pending {
  tenderId: number;
  title: string;
  kind: MilestoneKind;
  from: string;
  to: string;
  revert: () => void;
}

const PLUGINS = [dayGridPlugin, listPlugin, interactionPlugin, classicTheme];
const LOCALES = [enGbLocale, fiLocale];

export function TenderCalendar({ rows }: { rows: TenderRow[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const toast = useToast();
  const [pending, setPending] = useState<Pending | null>(null);
  const events = useMemo(
    () => calendarEvents(rows, (k) => t(`milestones.${k}`), t("tenders.nonWorkingDay")),
    [rows, t],
  );

  const move = async (p: Pending) => {
    try {
      await api.moveMilestone(p.tenderId, p.kind, p.to);
      toast(t("tenders.moved", { kind: t(`milestones.${p.kind}`), date: formatDate(p.to, lang) }));
    } catch (e) {
      p.revert();
      toast(errorMessage(e), true);
    }
  };

  const onDrop = (info: EventDropInfo) => {
    const x = info.event.extendedProps as { tenderId: number; kind: MilestoneKind; hard: boolean; tenderTitle: string };
    const p: Pending = {
      tenderId: x.tenderId,
      title: x.tenderTitle,
      kind: x.kind,
      from: info.oldEvent.startStr.slice(0, 10),
      to: info.event.startStr.slice(0, 10),
      revert: info.revert,
    };
    if (x.hard) setPending(p);
    else void move(p);
  };

  const onClick = (info: EventClickInfo) => {
    info.jsEvent.preventDefault();
    navigate({ page: "tender", id: (info.event.extendedProps as { tenderId: number }).tenderId });
  };

  return (
    <section className="panel calendar-panel" data-testid="tender-calendar">
      <FullCalendar
        plugins={PLUGINS}
        initialView="dayGridMonth"
        headerToolbar={{ left: "prev,next today", center: "title", right: "dayGridMonth,dayGridWeek,listMonth" }}
        buttons={{
          today: { text: t("tenders.today") },
          dayGridMonth: { text: t("tenders.month") },
          dayGridWeek: { text: t("tenders.week") },
          listMonth: { text: t("tenders.agenda") },
        }}
        locales={LOCALES}
        locale={lang === "fi" ? "fi" : "en-gb"}
        firstDay={1}
        weekNumbers
        aspectRatio={2.1}
        views={{ dayGridWeek: { aspectRatio: 3.2 } }}
        displayEventTime={false}
        dayMaxEvents={4}
        events={events}
        editable
        eventDurationEditable={false}
        eventDrop={onDrop}
        eventClick={onClick}
        eventDidMount={(info) => {
          const x = info.event.extendedProps as { buyer: string; warning: string | null };
          info.el.setAttribute("title", [info.event.title, x.buyer, x.warning].filter(Boolean).join(" · "));
          info.el.dataset.testid = `event-${info.event.id}`;
        }}
      />
      {pending && (
        <Confirm
          title={t("tenders.moveTitle")}
          text={t("tenders.moveText", {
            kind: t(`milestones.${pending.kind}`).toLowerCase(),
            title: pending.title,
            from: formatDate(pending.from, lang),
            to: formatDate(pending.to, lang),
          })}
          confirmLabel={t("tenders.moveConfirm")}
          onConfirm={() => {
            const p = pending;
            setPending(null);
            void move(p);
          }}
          onCancel={() => {
            pending.revert();
            setPending(null);
          }}
        />
      )}
    </section>
  );
}
