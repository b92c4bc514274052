/**
 * Settings behind the PIN: keys, connection, store and till, earn rule (with a live example),
 * scanner (and its set-up wizard), camera, housekeeping and the manager PIN. Each section saves
 * on its own; `SETTINGS_INVALID` issues appear next to their fields.
 */
import type { MessageDescriptor } from '@formatjs/intl';
import { useEffect, useState } from 'react';
import { PIN_MESSAGES, PIN_RULE_VALUES } from '../../../shared/ipc/schemas/pin.ts';
import { DEFAULT_BASE_URL } from '../../../shared/ipc/schemas/settings.ts';
import { useStore } from 'zustand';
import { DEFAULT_CURRENCY } from '../../../shared/money.ts';
import { useRuntime } from '../../app/context.tsx';
import { ScannerWizard } from '../scanner-wizard/scanner-wizard.tsx';
import { Button, Card, ErrorBanner, Field, Form, Modal, StatusLine } from '../../ui/index.ts';
import { earnExample } from './earn-example.ts';
import { KeysSection } from './keys-section.tsx';
import { CheckSetting, SectionCard, SelectSetting, TextSetting, type SectionForm } from './section-form.tsx';
import { StorePicker } from './store-picker.tsx';
import { RegionSection } from './region-section.tsx';
import { M } from './messages.ts';
import { usePolicy } from './use-policy.ts';
import { useTranslator } from '../../app/translate.tsx';
import { useCameraList, useChangePin, useManagerData } from '../use-manager-data.ts';
import type { PinField } from './change-pin-store.ts';

const SECTIONS = [
  ['keys', M.keys],
  ['connection', M.connection],
  ['store', M.store],
  ['earn', M.earn],
  ['scanner', M.scanner],
  ['camera', M.camera],
  ['region', M.region],
  ['housekeeping', M.housekeeping],
  ['pin', M.pin],
] as const;

export function SettingsTab() {
  const tr = useTranslator();
  const policy = useRuntime().policy;
  // The locks as they are now: the console may have been open while IT changed the policy.
  useEffect(() => {
    void policy.getState().refresh();
  }, [policy]);
  return (
    <div className="mgr-tab mgr-settings" data-testid="tab-settings">
      <nav className="mgr-subnav" aria-label={tr.t(M.sectionsNav)}>
        <ul>
          {SECTIONS.map(([id, label]) => (
            <li key={id}>
              <a href={`#${id}`}>{tr.t(label)}</a>
            </li>
          ))}
        </ul>
      </nav>
      <div className="mgr-settings-body">
        <KeysSection />
        <ConnectionSection />
        <StoreSection />
        <EarnSection />
        <ScannerSection />
        <CameraSection />
        <RegionSection />
        <HousekeepingSection />
        <PinSection />
      </div>
    </div>
  );
}

/** The fixed choices of the select settings, in menu order. */
const CHOICES = {
  mode: [
    ['sandbox', M.modeSandbox],
    ['live', M.modeLive],
  ],
  txnIdScope: [
    ['forever', M.txnScopeForever],
    ['business-day', M.txnScopeDay],
  ],
  'earnRule.rounding': [
    ['floor', M.roundFloor],
    ['round', M.roundHalf],
    ['ceil', M.roundCeil],
  ],
  'scanner.terminator': [
    ['enter', M.termEnter],
    ['tab', M.termTab],
    ['none', M.termNone],
  ],
} as const satisfies Record<string, ReadonlyArray<readonly [string, MessageDescriptor]>>;

/** A select setting over one of the fixed choice lists above. */
function ChoiceSetting({ form, k, label, hint }: { form: SectionForm; k: keyof typeof CHOICES; label: string; hint?: string }) {
  const tr = useTranslator();
  return <SelectSetting form={form} k={k} label={label} hint={hint} options={CHOICES[k].map(([value, text]) => [value, tr.t(text)] as const)} />;
}

function ConnectionSection() {
  const tr = useTranslator();
  return (
    <SectionCard id="connection" title={M.connection} intro={M.connectionIntro}>
      {(form) => (
        <>
          <ChoiceSetting form={form} k="mode" label={tr.t(M.mode)} hint={tr.t(M.modeHint)} />
          <TextSetting form={form} k="baseUrl" label={tr.t(M.baseUrl)} type="url" inputMode="url" hint={tr.t(M.baseUrlHint, { url: DEFAULT_BASE_URL })} maxLength={2048} />
          <TextSetting form={form} k="requestTimeoutMs" label={tr.t(M.timeout)} inputMode="numeric" hint={tr.t(M.timeoutHint)} />
          <TextSetting
            form={form}
            k="noResendWindowMs"
            label={tr.t(M.noResend)}
            inputMode="numeric"
            hint={tr.t(M.noResendHint)}
          />
        </>
      )}
    </SectionCard>
  );
}

function StoreSection() {
  const tr = useTranslator();
  const pattern = usePolicy((s) => s.status?.tillIdPattern ?? null);
  return (
    <SectionCard id="store" title={M.store}>
      {(form) => (
        <>
          <StorePicker form={form} />
          <TextSetting form={form} k="tillId" label={tr.t(M.tillId)} hint={pattern === null ? tr.t(M.tillIdHint) : tr.t(M.tillIdPattern, { pattern })} maxLength={64} />
          <ChoiceSetting form={form} k="txnIdScope" label={tr.t(M.txnScope)} />
          <TextSetting form={form} k="businessDayStartsAt" label={tr.t(M.dayStart)} type="time" hint={tr.t(M.dayStartHint)} />
        </>
      )}
    </SectionCard>
  );
}

function EarnSection() {
  const tr = useTranslator();
  const currency = useStore(useRuntime().settings, (s) => s.settings?.currency ?? DEFAULT_CURRENCY);
  return (
    <SectionCard id="earn" title={M.earn} intro={M.earnIntro}>
      {(form) => (
        <>
          <TextSetting form={form} k="earnRule.pointsPerUnit" label={tr.t(M.ppu)} inputMode="decimal" hint={tr.t(M.ppuHint)} />
          <ChoiceSetting form={form} k="earnRule.rounding" label={tr.t(M.rounding)} />
          <CheckSetting form={form} k="earnRule.applyTierMultiplier" label={tr.t(M.tierMultiplier)} />
          <div className="mgr-example" aria-live="polite" data-testid="earn-example">
            <strong>{tr.t(M.example)}</strong>
            <ul>
              {earnExample({
                pointsPerUnit: form.value('earnRule.pointsPerUnit'),
                rounding: form.value('earnRule.rounding'),
                applyTierMultiplier: form.checked('earnRule.applyTierMultiplier'),
              }, tr, currency).map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </div>
        </>
      )}
    </SectionCard>
  );
}

function ScannerSection() {
  const tr = useTranslator();
  const [wizard, setWizard] = useState(false);
  return (
    <>
      <SectionCard id="scanner" title={M.scanner} intro={M.scannerIntro}>
        {(form) => (
          <>
            <div className="mgr-row-gap">
              <Button onClick={() => setWizard(true)} disabled={form.dirty || form.locked('scanner')} testId="scanner-wizard-open">
                {tr.t(M.scannerWizard)}
              </Button>
              {form.dirty && <span className="mgr-hint">{tr.t(M.saveFirst)}</span>}
            </div>
            <div className="mgr-grid2">
              <TextSetting form={form} k="scanner.maxGapMs" label={tr.t(M.maxGap)} inputMode="numeric" hint={tr.t(M.maxGapHint)} />
              <TextSetting form={form} k="scanner.minLength" label={tr.t(M.minLength)} inputMode="numeric" hint={tr.t(M.minLengthHint)} />
              <TextSetting form={form} k="scanner.prefix" label={tr.t(M.prefix)} hint={tr.t(M.affixHint)} maxLength={8} />
              <TextSetting form={form} k="scanner.suffix" label={tr.t(M.suffix)} hint={tr.t(M.affixHint)} maxLength={8} />
              <ChoiceSetting form={form} k="scanner.terminator" label={tr.t(M.terminator)} />
            </div>
            <TextSetting
              form={form}
              k="scanner.customPattern"
              label={tr.t(M.customPattern)}
              hint={tr.t(M.customPatternHint)}
              maxLength={200}
            />
          </>
        )}
      </SectionCard>
      {wizard && (
        <Modal title={tr.t(M.scannerWizardTitle)} onClose={() => setWizard(false)} variant="wide" testId="scanner-wizard-dialog">
          <ScannerWizard onDone={() => setWizard(false)} />
        </Modal>
      )}
    </>
  );
}

function CameraSection() {
  const tr = useTranslator();
  const list = useManagerData().cameras;
  const cameras = useCameraList((s) => s.cameras);
  const problem = useCameraList((s) => s.problem);
  useEffect(() => {
    void list.getState().load();
  }, [list]);
  const hint = problem === 'no-list' ? tr.t(M.cameraNoList) : problem === 'failed' ? tr.t(M.cameraListFailed) : cameras !== null && cameras.length === 0 ? tr.t(M.cameraNone) : undefined;

  return (
    <SectionCard id="camera" title={M.camera} intro={M.cameraIntro}>
      {(form) => {
        const current = form.value('camera.deviceId');
        const known = cameras ?? [];
        const options: [string, string][] = [['', tr.t(M.cameraDefault)], ...known.map((c): [string, string] => [c.id, c.label !== '' ? c.label : tr.t(M.cameraN, { n: c.n })])];
        if (current !== '' && !known.some((c) => c.id === current)) options.push([current, tr.t(M.cameraSaved)]);
        return (
          <>
            <SelectSetting form={form} k="camera.deviceId" label={tr.t(M.camera)} options={options} hint={hint} />
          </>
        );
      }}
    </SectionCard>
  );
}

function HousekeepingSection() {
  const tr = useTranslator();
  return (
    <SectionCard id="housekeeping" title={M.housekeeping}>
      {(form) => (
        <div className="mgr-grid2">
          <TextSetting form={form} k="managerAutoLockMinutes" label={tr.t(M.autoLock)} inputMode="numeric" hint={tr.t(M.autoLockHint)} />
          <TextSetting form={form} k="journalRetentionDays" label={tr.t(M.retention)} inputMode="numeric" hint={tr.t(M.retentionHint)} />
          <TextSetting form={form} k="cardFreshnessMinutes" label={tr.t(M.freshness)} inputMode="numeric" hint={tr.t(M.freshnessHint)} />
          <CheckSetting form={form} k="kiosk" label={tr.t(M.kiosk)} hint={tr.t(M.kioskHint)} />
        </div>
      )}
    </SectionCard>
  );
}

function PinSection() {
  const form = useManagerData().changePin;
  const { current, next, repeat, errors, failure, status, busy } = useChangePin((s) => s);
  const tr = useTranslator();

  const pinInput = (field: PinField, value: string, testId: string) => (ids: Parameters<Parameters<typeof Field>[0]['children']>[0]) => (
    <input
      {...ids}
      type="password"
      inputMode="numeric"
      autoComplete="off"
      maxLength={12}
      value={value}
      onChange={(e) => form.getState().set(field, e.target.value)}
      data-testid={testId}
    />
  );

  return (
    <Card title={tr.t(M.pin)} id="pin" testId="settings-pin">
      <Form className="mgr-form mgr-form--narrow" noValidate onSubmit={() => void form.getState().submit()}>
        <Field label={tr.t(M.pinCurrent)} error={errors.current}>
          {pinInput('current', current, 'pin-change-current')}
        </Field>
        <Field label={tr.t(M.pinNew)} hint={tr.t(PIN_MESSAGES.rule, PIN_RULE_VALUES)} error={errors.next}>
          {pinInput('next', next, 'pin-change-new')}
        </Field>
        <Field label={tr.t(M.pinRepeat)} error={errors.repeat}>
          {pinInput('repeat', repeat, 'pin-change-repeat')}
        </Field>
        <ErrorBanner error={failure} />
        <div className="mgr-row-gap">
          <Button type="submit" variant="primary" disabled={busy} testId="pin-change-save">
            {tr.t(busy ? M.saving : M.pinChange)}
          </Button>
          <StatusLine text={status} tone="ok" testId="pin-change-status" />
        </div>
      </Form>
    </Card>
  );
}
