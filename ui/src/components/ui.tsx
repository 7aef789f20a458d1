// Shared building blocks: dialogs, form fields, chips and badges, empty states, toasts, and a keyboard-friendly
// combobox. Every user value is rendered as text.
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from "react";
import { useTranslation } from "react-i18next";
import type { AccountKind, AccountStatus, DecisionStyle, RelationshipStage } from "../api/client";
import { dateToInput, inputToDate, type Lang } from "../lib/format";

export function useLang(): Lang {
  const { i18n } = useTranslation();
  return i18n.language === "fi" ? "fi" : "en";
}

// ---------- Dialogs ----------

export function Modal(props: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  narrow?: boolean;
  testId?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    const first = ref.current?.querySelector<HTMLElement>(
      "input:not([disabled]), select, textarea, button:not(.close-x)",
    );
    first?.focus();
    return () => previous?.focus?.();
  }, []);
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === "Escape") {
      e.stopPropagation();
      props.onClose();
    }
    if (e.key === "Tab" && ref.current) {
      // Keep focus inside the dialog.
      const focusables = Array.from(
        ref.current.querySelectorAll<HTMLElement>("input, select, textarea, button, a[href], [tabindex='0']"),
      ).filter((el) => !el.hasAttribute("disabled"));
      if (focusables.length === 0) return;
      const first = focusables[0];
      const last = focusables[focusables.length - 1];
      if (e.shiftKey && document.activeElement === first) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && document.activeElement === last) {
        e.preventDefault();
        first.focus();
      }
    }
  };
  return (
    <div className="backdrop" onMouseDown={(e) => e.target === e.currentTarget && props.onClose()}>
      <div
        className={`modal${props.narrow ? " narrow" : ""}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        ref={ref}
        onKeyDown={onKeyDown}
        data-testid={props.testId}
      >
        <header>
          <h2 id={titleId}>{props.title}</h2>
          <button type="button" className="btn ghost small close-x" aria-label="Close" onClick={props.onClose}>
            ✕
          </button>
        </header>
        <div className="body">{props.children}</div>
        {props.footer && <footer>{props.footer}</footer>}
      </div>
    </div>
  );
}

export function Confirm(props: {
  title: string;
  text: string;
  confirmLabel: string;
  danger?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      title={props.title}
      onClose={props.onCancel}
      narrow
      testId="confirm-dialog"
      footer={
        <>
          <button type="button" className="btn" onClick={props.onCancel}>
            {t("common.cancel")}
          </button>
          <button
            type="button"
            className={`btn ${props.danger ? "danger solid" : "primary"}`}
            onClick={props.onConfirm}
            data-testid="confirm-yes"
          >
            {props.confirmLabel}
          </button>
        </>
      }
    >
      <p>{props.text}</p>
    </Modal>
  );
}

/** A form dialog: submit on Enter or the Save button; the save's error is shown in the dialog, not in a toast. */
export function FormModal(props: {
  title: string;
  onClose: () => void;
  onSubmit: () => void;
  saving: boolean;
  error: string | null;
  children: ReactNode;
  narrow?: boolean;
  testId?: string;
  submitLabel?: string;
}) {
  const { t } = useTranslation();
  const formId = useId();
  return (
    <Modal
      title={props.title}
      onClose={props.onClose}
      narrow={props.narrow}
      testId={props.testId}
      footer={
        <>
          <button type="button" className="btn" onClick={props.onClose}>
            {t("common.cancel")}
          </button>
          <button type="submit" form={formId} className="btn primary" disabled={props.saving} data-testid="save">
            {props.saving ? t("common.saving") : (props.submitLabel ?? t("common.save"))}
          </button>
        </>
      }
    >
      <form
        id={formId}
        onSubmit={(e) => {
          e.preventDefault();
          props.onSubmit();
        }}
      >
        {props.error && (
          <div className="alert error" role="alert" data-testid="form-error">
            {props.error}
          </div>
        )}
        {props.children}
      </form>
    </Modal>
  );
}

// ---------- Fields ----------

export function Field(props: {
  label: string;
  error?: string | null;
  hint?: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <label className={`field${props.error ? " invalid" : ""}${props.className ? ` ${props.className}` : ""}`}>
      <span className="label">{props.label}</span>
      {props.children}
      {/* The message itself is shown once, at the top of the form; the field is marked. */}
      {props.hint && <span className="hint">{props.hint}</span>}
    </label>
  );
}

/** A date typed the local way (26.11.2026 or 26/11/2026); the value is kept as ISO text. */
export function DateInput(props: {
  value: string | null;
  onChange: (iso: string | null) => void;
  name?: string;
  disabled?: boolean;
}) {
  const lang = useLang();
  const [text, setText] = useState(() => dateToInput(props.value, lang));
  const lastValue = useRef(props.value);
  useEffect(() => {
    if (props.value !== lastValue.current) {
      lastValue.current = props.value;
      setText(dateToInput(props.value, lang));
    }
  }, [props.value, lang]);
  return (
    <input
      type="text"
      inputMode="numeric"
      name={props.name}
      disabled={props.disabled}
      placeholder={lang === "fi" ? "pp.kk.vvvv" : "dd/mm/yyyy"}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        const iso = inputToDate(e.target.value);
        lastValue.current = iso;
        props.onChange(iso);
      }}
    />
  );
}

/** A labelled select for a filter bar; the empty choice means "all". */
export function FilterSelect(props: {
  label: string;
  value: string;
  options: [string, string][];
  onChange: (value: string) => void;
  testId: string;
  allLabel?: string;
}) {
  const { t } = useTranslation();
  return (
    <label>
      <span className="small muted">{props.label}</span>
      <select value={props.value} onChange={(e) => props.onChange(e.target.value)} data-testid={props.testId}>
        <option value="">{props.allLabel ?? t("common.all")}</option>
        {props.options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </label>
  );
}

export interface Option {
  value: number;
  label: string;
  sub?: string;
}

/** Type to filter, arrows to move, Enter to choose. */
export function Combobox(props: {
  options: Option[];
  value: number | null;
  onChange: (value: number | null) => void;
  placeholder?: string;
  name?: string;
  allowClear?: boolean;
  clearLabel?: string;
  exclude?: number[];
}) {
  const selected = props.options.find((o) => o.value === props.value) ?? null;
  const [text, setText] = useState(selected?.label ?? "");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  useEffect(() => setText(selected?.label ?? ""), [selected?.label]);
  const matches = useMemo(() => {
    const q = text.trim().toLowerCase();
    const excluded = new Set(props.exclude ?? []);
    const pool = props.options.filter((o) => !excluded.has(o.value));
    const filtered = !q || q === selected?.label.toLowerCase()
      ? pool
      : pool.filter((o) => o.label.toLowerCase().includes(q) || o.sub?.toLowerCase().includes(q));
    return filtered.slice(0, 50);
  }, [text, props.options, props.exclude, selected?.label]);
  const choose = (o: Option | null) => {
    props.onChange(o ? o.value : null);
    setText(o?.label ?? "");
    setOpen(false);
  };
  return (
    <div className="combo">
      <input
        type="text"
        role="combobox"
        aria-expanded={open}
        name={props.name}
        placeholder={props.placeholder}
        value={text}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          setActive(0);
          if (e.target.value === "" && props.allowClear) props.onChange(null);
        }}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown") {
            e.preventDefault();
            setOpen(true);
            setActive((a) => Math.min(a + 1, matches.length - 1));
          } else if (e.key === "ArrowUp") {
            e.preventDefault();
            setActive((a) => Math.max(a - 1, 0));
          } else if (e.key === "Enter" && open && matches[active]) {
            e.preventDefault();
            choose(matches[active]);
          } else if (e.key === "Escape" && open) {
            e.stopPropagation();
            setOpen(false);
          }
        }}
      />
      {open && matches.length > 0 && (
        <ul role="listbox">
          {matches.map((o, i) => (
            <li
              key={o.value}
              role="option"
              aria-selected={i === active}
              className={i === active ? "active" : ""}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(o);
              }}
              onMouseEnter={() => setActive(i)}
            >
              {o.label}
              {o.sub && <span className="sub">{o.sub}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

// ---------- Meaningful marks ----------

export function StatusChip({ status, short }: { status: AccountStatus; short?: boolean }) {
  const { t } = useTranslation();
  return (
    <span className={`chip status-${status}`} title={t(`status.${status}`)}>
      {t(short ? `statusShort.${status}` : `status.${status}`)}
    </span>
  );
}

export function KindChip({ kind }: { kind: AccountKind }) {
  const { t } = useTranslation();
  return <span className="chip kind">{t(`kind.${kind}`)}</span>;
}

export function StyleBadge({ style }: { style: DecisionStyle }) {
  const { t } = useTranslation();
  return (
    <span className={`style-badge style-${style}`} title={t(`styleHint.${style}`)}>
      {t(`style.${style}`)}
    </span>
  );
}

const STAGES: RelationshipStage[] = ["no_contact", "first_contact", "acquaintance", "loyalty", "close"];

/** The five-step relationship indicator. */
export function StageIndicator({ stage, withLabel }: { stage: RelationshipStage; withLabel?: boolean }) {
  const { t } = useTranslation();
  const step = STAGES.indexOf(stage);
  const bars = (
    <span className={`stage stage-${step}`} role="img" aria-label={t(`stage.${stage}`)} title={t(`stage.${stage}`)}>
      {STAGES.map((s, i) => (
        <i key={s} className={i <= step ? "on" : ""} />
      ))}
    </span>
  );
  if (!withLabel) return bars;
  return (
    <span className="stage-label">
      {bars}
      <span className="small muted">{t(`stage.${stage}`)}</span>
    </span>
  );
}

export function EmptyState(props: { title?: string; hint: string; action?: ReactNode; compact?: boolean; testId?: string }) {
  return (
    <div className={`empty${props.compact ? " compact" : ""}`} data-testid={props.testId}>
      {props.title && <h2>{props.title}</h2>}
      <p className="m0">{props.hint}</p>
      {props.action}
    </div>
  );
}

/** A panel with a title, an optional note and Add button, and its list (or, when `empty` is a text, that hint). */
export function ListPanel(props: {
  title: string;
  testId: string;
  note?: string;
  add?: { label: string; onClick: () => void; testId?: string };
  empty: string | false;
  children: ReactNode;
}) {
  return (
    <section className="panel" data-testid={props.testId}>
      <header>
        <h2>{props.title}</h2>
        {props.note && <span className="muted small">{props.note}</span>}
        <span className="spacer" />
        {props.add && (
          <button type="button" className="btn small" onClick={props.add.onClick} data-testid={props.add.testId}>
            + {props.add.label}
          </button>
        )}
      </header>
      {props.empty ? <EmptyState compact hint={props.empty} /> : props.children}
    </section>
  );
}

// ---------- Toasts ----------

interface ToastItem {
  id: number;
  text: string;
  error?: boolean;
}

const ToastContext = createContext<(text: string, error?: boolean) => void>(() => {});

export function ToastProvider({ children }: { children: ReactNode }) {
  const [items, setItems] = useState<ToastItem[]>([]);
  const next = useRef(1);
  const push = useCallback((text: string, error?: boolean) => {
    const id = next.current++;
    setItems((list) => [...list, { id, text, error }]);
    setTimeout(() => setItems((list) => list.filter((i) => i.id !== id)), error ? 8000 : 3500);
  }, []);
  return (
    <ToastContext.Provider value={push}>
      {children}
      <div className="toasts" role="status" aria-live="polite">
        {items.map((i) => (
          <div key={i.id} className={`toast${i.error ? " error" : ""}`}>
            {i.text}
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export function useToast() {
  return useContext(ToastContext);
}
