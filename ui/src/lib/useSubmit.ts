// Runs a save, keeping what the form needs to show: whether it is saving, the error in the user's words, and which
// field the error belongs to (the core names it).
import { useState } from "react";
import { ApiFailure } from "../api/client";
import { errorMessage } from "../i18n";

/** An error found before calling the core (e.g. an amount that is not a number), shaped like the core's own. */
export function localError(message: string, field: string): ApiFailure {
  return new ApiFailure({ code: "local", message, field, details: null });
}

export interface Submit {
  run: () => Promise<void>;
  saving: boolean;
  error: string | null;
  /** The message for `field`, when the last error concerned it. */
  fieldError: (...fields: string[]) => string | null;
  setError: (message: string | null, field?: string | null) => void;
}

export function useSubmit<T>(save: () => Promise<T>, onSaved: (result: T) => void): Submit {
  const [saving, setSaving] = useState(false);
  const [error, setErrorText] = useState<string | null>(null);
  const [field, setField] = useState<string | null>(null);
  const setError = (message: string | null, f: string | null = null) => {
    setErrorText(message);
    setField(f);
  };
  return {
    saving,
    error,
    setError,
    fieldError: (...fields) => (field && fields.includes(field) ? error : null),
    run: async () => {
      setSaving(true);
      setError(null);
      try {
        const result = await save();
        onSaved(result);
      } catch (e) {
        setError(errorMessage(e), e instanceof ApiFailure ? e.field : null);
      } finally {
        setSaving(false);
      }
    },
  };
}
