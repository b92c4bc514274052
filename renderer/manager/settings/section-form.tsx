/**
 * One Settings section as a form over the settings store: the view of its draft (kept in the
 * runtime's settings-drafts store: only edited fields, so a change made elsewhere — the scanner
 * wizard — shows through), Save through the store's `update(patch)` with validation, Discard. A
 * field the fleet policy locks is disabled, marked "Managed by your organisation", and left out of
 * the patch (main refuses it).
 */
import type { MessageDescriptor } from '@formatjs/intl';
import type { ReactNode } from 'react';
import type { Settings } from '../../../shared/ipc/schemas/settings.ts';
import { useRuntime, useSettings } from '../../app/context.tsx';
import { Button, Card, Chip, ErrorBanner, Field, Form, StatusLine } from '../../ui/index.ts';
import { M } from './messages.ts';
import { usePolicy } from './use-policy.ts';
import { draftFrom } from './settings-form.ts';
import type { DraftValue, SectionId } from './settings-form.ts';
import { EMPTY_DRAFT } from './settings-drafts-store.ts';
import { useTranslator } from '../../app/translate.tsx';
import { useSettingsDrafts } from '../use-manager-data.ts';

export interface SectionForm {
  section: SectionId;
  settings: Settings;
  value: (key: string) => string;
  checked: (key: string) => boolean;
  set: (key: string, value: DraftValue) => void;
  error: (key: string) => string | undefined;
  /** The fleet policy locks this field: shown, not editable. */
  locked: (key: string) => boolean;
  dirty: boolean;
}

function useSectionForm(section: SectionId) {
  const runtime = useRuntime();
  const drafts = runtime.managerData.settingsDrafts;
  const settings = useSettings((s) => s.settings);
  const draftState = useSettingsDrafts((s) => s.sections[section] ?? EMPTY_DRAFT);
  // Read to re-render when the locks change; the rule itself is the policy store's.
  usePolicy((s) => s.status?.locked);
  const isLocked = (key: string): boolean => runtime.policy.getState().isLocked(key);

  const base = settings !== null ? draftFrom(section, settings) : {};
  const draft = { ...base, ...draftState.edits };
  const dirty = Object.entries(draftState.edits).some(([k, v]) => base[k] !== v);
  const { errors, failure, status, saving } = draftState;

  const form: SectionForm | null =
    settings === null
      ? null
      : {
          section,
          settings,
          value: (k) => {
            const v = draft[k];
            return typeof v === 'string' ? v : '';
          },
          checked: (k) => draft[k] === true,
          set: (k, v) => drafts.getState().set(section, k, v),
          error: (k) => errors[k],
          locked: isLocked,
          dirty,
        };

  return {
    form,
    save: () => drafts.getState().save(section),
    discard: () => drafts.getState().discard(section),
    saving,
    status,
    failure,
    sectionError: errors[''],
  };
}

/** The card around a section's fields, with Save / Discard and the section-level messages. */
/** One settings section: its drafts, its own Save and Discard, its status and errors. */
export function SectionCard({
  id,
  title,
  intro,
  children,
}: {
  id: SectionId;
  title: MessageDescriptor;
  intro?: MessageDescriptor;
  children: (form: SectionForm) => ReactNode;
}) {
  const state = useSectionForm(id);
  const { form } = state;
  const tr = useTranslator();
  return (
    <Card title={tr.t(title)} hint={intro !== undefined ? tr.t(intro) : undefined} id={id} testId={`settings-${id}`}>
      {form === null ? (
        <p role="status">{tr.t(M.loading)}</p>
      ) : (
        <Form className="mgr-form" noValidate onSubmit={() => void state.save()}>
          {children(form)}
          <ErrorBanner error={state.sectionError ?? null} testId={`settings-${id}-invalid`} />
          <ErrorBanner error={state.failure} testId={`settings-${id}-error`} />
          <div className="mgr-row-gap">
            <Button type="submit" variant="primary" disabled={state.saving || !form.dirty} testId={`settings-${id}-save`}>
              {tr.t(state.saving ? M.saving : M.save)}
            </Button>
            <Button variant="ghost" disabled={state.saving || !form.dirty} onClick={state.discard}>
              {tr.t(M.discard)}
            </Button>
            <StatusLine text={state.status} tone="ok" testId={`settings-${id}-status`} />
          </div>
        </Form>
      )}
    </Card>
  );
}

/** A text-like input bound to a draft field. */
export function TextSetting({
  form,
  k,
  label,
  hint,
  type = 'text',
  inputMode,
  testId,
  maxLength,
}: {
  form: SectionForm;
  k: string;
  label: string;
  hint?: ReactNode;
  type?: 'text' | 'url' | 'time';
  inputMode?: 'numeric' | 'decimal' | 'url' | 'text';
  testId?: string;
  maxLength?: number;
}) {
  return (
    <Field label={label} hint={hint} error={form.error(k)} aside={<ManagedMark form={form} k={k} />}>
      {(ids) => (
        <input
          {...ids}
          disabled={form.locked(k)}
          type={type}
          inputMode={inputMode}
          autoComplete="off"
          spellCheck={false}
          maxLength={maxLength}
          value={form.value(k)}
          onChange={(e) => form.set(k, e.target.value)}
          data-testid={testId ?? `setting-${k}`}
        />
      )}
    </Field>
  );
}

export function SelectSetting({
  form,
  k,
  label,
  hint,
  options,
}: {
  form: SectionForm;
  k: string;
  label: string;
  hint?: ReactNode;
  options: ReadonlyArray<readonly [string, string]>;
}) {
  return (
    <Field label={label} hint={hint} error={form.error(k)} aside={<ManagedMark form={form} k={k} />}>
      {(ids) => (
        <select {...ids} disabled={form.locked(k)} value={form.value(k)} onChange={(e) => form.set(k, e.target.value)} data-testid={`setting-${k}`}>
          {options.map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function CheckSetting({ form, k, label, hint }: { form: SectionForm; k: string; label: string; hint?: string }) {
  const err = form.error(k);
  return (
    <div className="mgr-field">
      <label className="mgr-check">
        <input type="checkbox" disabled={form.locked(k)} checked={form.checked(k)} onChange={(e) => form.set(k, e.target.checked)} data-testid={`setting-${k}`} />
        {label}
      </label>
      <ManagedMark form={form} k={k} />
      {hint !== undefined && <span className="mgr-hint">{hint}</span>}
      {err !== undefined && <span className="field__error">{err}</span>}
    </div>
  );
}

/** "Managed by your organisation" beside a field the fleet policy locks. */
export function ManagedMark({ form, k }: { form: SectionForm; k: string }) {
  const tr = useTranslator();
  if (!form.locked(k)) return null;
  return (
    <span data-testid={`setting-${k}-managed`}>
      <Chip tone="done">{tr.t(M.managed)}</Chip>
    </span>
  );
}
