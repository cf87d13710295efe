/**
 * Analysis settings (as-of date, movement window, estimation model, thresholds, significance) and the lever plan's
 * budget, maximum move and opt-in for unsupported levers. In Excel they are
 * saved in the workbook, so co-authors get the same answer; in the playground they last for the
 * session. Values are checked here field by field and again by the store when saving.
 */
import {
  Button,
  Caption1,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Select,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useId, useState } from "react";
import type { AnalysisSettings } from "../../core/alignment/settings";
import { isoToSerial, serialToIso } from "../../core/dates";

export interface SettingsPanelProps {
  settings: AnalysisSettings;
  /** Messages about stored values that were invalid (defaults used). */
  messages: string[];
  onSave: (settings: AnalysisSettings) => Promise<void>;
  /** Where saving puts them, e.g. "Saved in this workbook." */
  savedText: string;
  disabled?: boolean;
}

type Form = Record<
  | "asOf"
  | "movementWindow"
  | "ragThreshold"
  | "leverageThreshold"
  | "significanceLevel"
  | "model"
  | "budget"
  | "maxMovePercent",
  string
>;

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  row: { display: "flex", alignItems: "center", columnGap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  muted: { color: tokens.colorNeutralForeground3 },
});

function toForm(s: AnalysisSettings): Form {
  return {
    asOf: s.asOf === null ? "" : serialToIso(s.asOf),
    movementWindow: String(s.movementWindow),
    ragThreshold: String(s.ragThreshold),
    leverageThreshold: String(s.leverageThreshold),
    significanceLevel: String(s.significanceLevel),
    model: s.model,
    budget: s.plan.budget === null ? "" : String(s.plan.budget),
    maxMovePercent: String(Math.round(s.plan.maxMove * 1000) / 10),
  };
}

/** The form's values as settings, or the problem of each invalid field. */
export function fromForm(
  form: Form,
  base: AnalysisSettings,
  includeUnsupported: boolean = base.plan.includeUnsupported,
): { settings: AnalysisSettings | null; errors: Partial<Form> } {
  const errors: Partial<Form> = {};
  const num = (key: keyof Form, ok: (v: number) => boolean, rule: string): number => {
    const text = form[key].trim();
    const v = text === "" ? NaN : Number(text);
    if (!Number.isFinite(v) || !ok(v)) errors[key] = rule;
    return v;
  };
  let asOf: number | null = null;
  if (form.asOf.trim() !== "") {
    asOf = isoToSerial(form.asOf);
    if (asOf === null) errors.asOf = "Enter a date (YYYY-MM-DD) or leave it empty for the latest period.";
  }
  const settings: AnalysisSettings = {
    ...base,
    asOf,
    movementWindow: num(
      "movementWindow",
      (v) => Number.isInteger(v) && v >= 1 && v <= 120,
      "A whole number from 1 to 120.",
    ),
    model: form.model === "levels" || form.model === "changes" ? form.model : "auto",
    ragThreshold: num("ragThreshold", (v) => v >= 0, "A number of 0 or more."),
    leverageThreshold: num("leverageThreshold", (v) => v >= 0, "A number of 0 or more."),
    significanceLevel: num(
      "significanceLevel",
      (v) => v > 0 && v < 1,
      "A number between 0 and 1, e.g. 0.05.",
    ),
    plan: {
      budget:
        form.budget.trim() === ""
          ? null
          : num("budget", () => true, "A number (extra cost per period), or empty for no limit."),
      maxMove: num("maxMovePercent", (v) => v > 0 && v <= 1000, "A percentage above 0, e.g. 20.") / 100,
      includeUnsupported,
    },
  };
  return { settings: Object.keys(errors).length === 0 ? settings : null, errors };
}

export function SettingsPanel({ settings, messages, onSave, savedText, disabled }: SettingsPanelProps) {
  const styles = useStyles();
  const [form, setForm] = useState<Form>(() => toForm(settings));
  const [includeUnsupported, setIncludeUnsupported] = useState(settings.plan.includeUnsupported);
  const [errors, setErrors] = useState<Partial<Form>>({});
  const [status, setStatus] = useState<{ intent: "success" | "error"; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const id = useId();

  const field = (key: keyof Form) => ({
    value: form[key],
    onChange: (_: unknown, data: { value: string }) => {
      setForm((f) => ({ ...f, [key]: data.value }));
      setStatus(null);
    },
  });

  const save = async () => {
    const parsed = fromForm(form, settings, includeUnsupported);
    setErrors(parsed.errors);
    if (!parsed.settings) return;
    setSaving(true);
    try {
      await onSave(parsed.settings);
      setStatus({ intent: "success", text: savedText });
    } catch (error) {
      setStatus({ intent: "error", text: error instanceof Error ? error.message : String(error) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <form
      className={styles.form}
      noValidate
      aria-labelledby={`${id}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Caption1 id={`${id}-title`} className={styles.muted}>
        Used by the next analysis. {savedText}
      </Caption1>
      {messages.map((m) => (
        <MessageBar key={m} intent="warning" layout="multiline">
          <MessageBarBody>{m}</MessageBarBody>
        </MessageBar>
      ))}
      <Field
        label="As-of date"
        hint="Empty: the latest period in Observations."
        validationMessage={errors.asOf}
      >
        <Input type="date" {...field("asOf")} />
      </Field>
      <Field
        label="Movement window (periods)"
        hint="Recent periods compared with the ones before."
        validationMessage={errors.movementWindow}
      >
        <Input type="number" min={1} max={120} step={1} {...field("movementWindow")} />
      </Field>
      <Field
        label="Model"
        hint="How each metric is regressed on the levers. Automatic: changes for metrics that drift, levels for stable ones (recommended)."
      >
        <Select
          value={form.model}
          onChange={(_, data) => {
            setForm((f) => ({ ...f, model: data.value }));
            setStatus(null);
          }}
        >
          <option value="auto">Automatic (recommended)</option>
          <option value="changes">Changes (period to period)</option>
          <option value="levels">Levels (as observed)</option>
        </Select>
      </Field>
      <Field label="Amber threshold (alignment score)" validationMessage={errors.ragThreshold}>
        <Input type="number" min={0} step="any" {...field("ragThreshold")} />
      </Field>
      <Field label="Hold threshold (goal leverage)" validationMessage={errors.leverageThreshold}>
        <Input type="number" min={0} step="any" {...field("leverageThreshold")} />
      </Field>
      <Field label="Significance level" validationMessage={errors.significanceLevel}>
        <Input type="number" min={0} max={1} step="any" {...field("significanceLevel")} />
      </Field>
      <Caption1 className={styles.muted}>Lever plan (the Plan sheet)</Caption1>
      <Field
        label="Budget (extra cost per period)"
        hint="Empty: no limit. Uses the Levers sheet's Cost per unit."
        validationMessage={errors.budget}
      >
        <Input type="number" step="any" {...field("budget")} />
      </Field>
      <Field
        label="Maximum move per review (%)"
        hint="How far the plan may move a lever from its current value."
        validationMessage={errors.maxMovePercent}
      >
        <Input type="number" min={0} step="any" {...field("maxMovePercent")} />
      </Field>
      <Checkbox
        label="Also move levers the Alignment sheet holds (on their point estimates)"
        checked={includeUnsupported}
        onChange={(_, data) => {
          setIncludeUnsupported(data.checked === true);
          setStatus(null);
        }}
      />
      <div className={styles.row}>
        <Button type="submit" disabled={saving || disabled}>
          {saving ? "Saving…" : "Save settings"}
        </Button>
      </div>
      <div aria-live="polite">
        {status && (
          <MessageBar intent={status.intent} layout="multiline">
            <MessageBarBody>{status.text}</MessageBarBody>
          </MessageBar>
        )}
      </div>
    </form>
  );
}
