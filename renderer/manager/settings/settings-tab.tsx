/**
 * Settings behind the PIN: keys, connection, store and till, earn rule (with a live example),
 * scanner (and its set-up wizard), camera, housekeeping and the manager PIN. Each section saves
 * on its own; `SETTINGS_INVALID` issues appear next to their fields.
 */
import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { PIN_MESSAGES, PIN_RULE_VALUES } from '../../../shared/ipc/schemas/pin.ts';
import { DEFAULT_BASE_URL } from '../../../shared/ipc/schemas/settings.ts';
import { useRuntime } from '../../app/context.tsx';
import type { ChangePinErrors } from '../../state/session-store.ts';
import { ScannerWizard } from '../scanner-wizard/scanner-wizard.tsx';
import { Button, ErrorBanner, Field, Modal, StatusLine } from '../../ui/index.ts';
import { earnExample } from './earn-example.ts';
import { KeysSection } from './keys-section.tsx';
import { CheckSetting, SectionCard, SelectSetting, TextSetting, useSectionForm } from './section-form.tsx';
import { StorePicker } from './store-picker.tsx';
import { RegionSection } from './region-section.tsx';
import { M } from './messages.ts';
import { usePolicy } from './use-policy.ts';
import { formatWith } from './format-message.ts';

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
  const intl = useIntl();
  const policy = useRuntime().policy;
  // The locks as they are now: the console may have been open while IT changed the policy.
  useEffect(() => {
    void policy.getState().refresh();
  }, [policy]);
  return (
    <div className="mgr-tab mgr-settings" data-testid="tab-settings">
      <nav className="mgr-subnav" aria-label={intl.formatMessage(M.sectionsNav)}>
        <ul>
          {SECTIONS.map(([id, label]) => (
            <li key={id}>
              <a href={`#${id}`}>{intl.formatMessage(label)}</a>
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

function ConnectionSection() {
  const state = useSectionForm('connection');
  const intl = useIntl();
  return (
    <SectionCard id="connection" title={intl.formatMessage(M.connection)} state={state} intro={intl.formatMessage(M.connectionIntro)}>
      {(form) => (
        <>
          <SelectSetting
            form={form}
            k="mode"
            label={intl.formatMessage(M.mode)}
            hint={intl.formatMessage(M.modeHint)}
            options={[
              ['sandbox', intl.formatMessage(M.modeSandbox)],
              ['live', intl.formatMessage(M.modeLive)],
            ]}
          />
          <TextSetting form={form} k="baseUrl" label={intl.formatMessage(M.baseUrl)} type="url" inputMode="url" hint={formatWith(intl, M.baseUrlHint, { url: DEFAULT_BASE_URL })} maxLength={2048} />
          <TextSetting form={form} k="requestTimeoutMs" label={intl.formatMessage(M.timeout)} inputMode="numeric" hint={intl.formatMessage(M.timeoutHint)} />
          <TextSetting
            form={form}
            k="noResendWindowMs"
            label={intl.formatMessage(M.noResend)}
            inputMode="numeric"
            hint={intl.formatMessage(M.noResendHint)}
          />
        </>
      )}
    </SectionCard>
  );
}

function StoreSection() {
  const state = useSectionForm('store');
  const intl = useIntl();
  const pattern = usePolicy((s) => s.status?.tillIdPattern ?? null);
  return (
    <SectionCard id="store" title={intl.formatMessage(M.store)} state={state}>
      {(form) => (
        <>
          <StorePicker form={form} />
          <TextSetting form={form} k="tillId" label={intl.formatMessage(M.tillId)} hint={pattern === null ? intl.formatMessage(M.tillIdHint) : formatWith(intl, M.tillIdPattern, { pattern })} maxLength={64} />
          <SelectSetting
            form={form}
            k="txnIdScope"
            label={intl.formatMessage(M.txnScope)}
            options={[
              ['forever', intl.formatMessage(M.txnScopeForever)],
              ['business-day', intl.formatMessage(M.txnScopeDay)],
            ]}
          />
          <TextSetting form={form} k="businessDayStartsAt" label={intl.formatMessage(M.dayStart)} type="time" hint={intl.formatMessage(M.dayStartHint)} />
        </>
      )}
    </SectionCard>
  );
}

function EarnSection() {
  const state = useSectionForm('earn');
  const intl = useIntl();
  return (
    <SectionCard id="earn" title={intl.formatMessage(M.earn)} state={state} intro={intl.formatMessage(M.earnIntro)}>
      {(form) => (
        <>
          <TextSetting form={form} k="earnRule.pointsPerUnit" label={intl.formatMessage(M.ppu)} inputMode="decimal" hint={intl.formatMessage(M.ppuHint)} />
          <SelectSetting
            form={form}
            k="earnRule.rounding"
            label={intl.formatMessage(M.rounding)}
            options={[
              ['floor', intl.formatMessage(M.roundFloor)],
              ['round', intl.formatMessage(M.roundHalf)],
              ['ceil', intl.formatMessage(M.roundCeil)],
            ]}
          />
          <CheckSetting form={form} k="earnRule.applyTierMultiplier" label={intl.formatMessage(M.tierMultiplier)} />
          <div className="mgr-example" aria-live="polite" data-testid="earn-example">
            <strong>{intl.formatMessage(M.example)}</strong>
            <ul>
              {earnExample({
                pointsPerUnit: form.value('earnRule.pointsPerUnit'),
                rounding: form.value('earnRule.rounding'),
                applyTierMultiplier: form.checked('earnRule.applyTierMultiplier'),
              }).map((line) => (
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
  const state = useSectionForm('scanner');
  const intl = useIntl();
  const [wizard, setWizard] = useState(false);
  return (
    <>
      <SectionCard id="scanner" title={intl.formatMessage(M.scanner)} state={state} intro={intl.formatMessage(M.scannerIntro)}>
        {(form) => (
          <>
            <div className="mgr-row-gap">
              <Button onClick={() => setWizard(true)} disabled={form.dirty || form.locked('scanner')} testId="scanner-wizard-open">
                {intl.formatMessage(M.scannerWizard)}
              </Button>
              {form.dirty && <span className="mgr-hint">{intl.formatMessage(M.saveFirst)}</span>}
            </div>
            <div className="mgr-grid2">
              <TextSetting form={form} k="scanner.maxGapMs" label={intl.formatMessage(M.maxGap)} inputMode="numeric" hint={intl.formatMessage(M.maxGapHint)} />
              <TextSetting form={form} k="scanner.minLength" label={intl.formatMessage(M.minLength)} inputMode="numeric" hint={intl.formatMessage(M.minLengthHint)} />
              <TextSetting form={form} k="scanner.prefix" label={intl.formatMessage(M.prefix)} hint={intl.formatMessage(M.affixHint)} maxLength={8} />
              <TextSetting form={form} k="scanner.suffix" label={intl.formatMessage(M.suffix)} hint={intl.formatMessage(M.affixHint)} maxLength={8} />
              <SelectSetting
                form={form}
                k="scanner.terminator"
                label={intl.formatMessage(M.terminator)}
                options={[
                  ['enter', intl.formatMessage(M.termEnter)],
                  ['tab', intl.formatMessage(M.termTab)],
                  ['none', intl.formatMessage(M.termNone)],
                ]}
              />
            </div>
            <TextSetting
              form={form}
              k="scanner.customPattern"
              label={intl.formatMessage(M.customPattern)}
              hint={intl.formatMessage(M.customPatternHint)}
              maxLength={200}
            />
          </>
        )}
      </SectionCard>
      {wizard && (
        <Modal title={intl.formatMessage(M.scannerWizardTitle)} onClose={() => setWizard(false)} variant="wide" testId="scanner-wizard-dialog">
          <ScannerWizard onDone={() => setWizard(false)} />
        </Modal>
      )}
    </>
  );
}

interface CameraOption {
  id: string;
  label: string;
}

function CameraSection() {
  const state = useSectionForm('camera');
  const intl = useIntl();
  const [cameras, setCameras] = useState<CameraOption[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    const md = typeof navigator !== 'undefined' ? navigator.mediaDevices : undefined;
    if (md === undefined || typeof md.enumerateDevices !== 'function') {
      void Promise.resolve().then(() => live && setProblem(intl.formatMessage(M.cameraNoList)));
    } else {
      md.enumerateDevices().then(
        (devices) => {
          if (!live) return;
          const video = devices.filter((d) => d.kind === 'videoinput' && d.deviceId !== '');
          setCameras(video.map((d, i) => ({ id: d.deviceId, label: d.label !== '' ? d.label : formatWith(intl, M.cameraN, { n: i + 1 }) })));
        },
        () => live && setProblem(intl.formatMessage(M.cameraListFailed)),
      );
    }
    return () => {
      live = false;
    };
  }, [intl]);

  return (
    <SectionCard id="camera" title={intl.formatMessage(M.camera)} state={state} intro={intl.formatMessage(M.cameraIntro)}>
      {(form) => {
        const current = form.value('camera.deviceId');
        const known = cameras ?? [];
        const options: [string, string][] = [['', intl.formatMessage(M.cameraDefault)], ...known.map((c): [string, string] => [c.id, c.label])];
        if (current !== '' && !known.some((c) => c.id === current)) options.push([current, intl.formatMessage(M.cameraSaved)]);
        return (
          <>
            <SelectSetting form={form} k="camera.deviceId" label={intl.formatMessage(M.camera)} options={options} hint={problem ?? (cameras !== null && cameras.length === 0 ? intl.formatMessage(M.cameraNone) : undefined)} />
          </>
        );
      }}
    </SectionCard>
  );
}

function HousekeepingSection() {
  const state = useSectionForm('housekeeping');
  const intl = useIntl();
  return (
    <SectionCard id="housekeeping" title={intl.formatMessage(M.housekeeping)} state={state}>
      {(form) => (
        <div className="mgr-grid2">
          <TextSetting form={form} k="managerAutoLockMinutes" label={intl.formatMessage(M.autoLock)} inputMode="numeric" hint={intl.formatMessage(M.autoLockHint)} />
          <TextSetting form={form} k="journalRetentionDays" label={intl.formatMessage(M.retention)} inputMode="numeric" hint={intl.formatMessage(M.retentionHint)} />
          <TextSetting form={form} k="cardFreshnessMinutes" label={intl.formatMessage(M.freshness)} inputMode="numeric" hint={intl.formatMessage(M.freshnessHint)} />
          <CheckSetting form={form} k="kiosk" label={intl.formatMessage(M.kiosk)} hint={intl.formatMessage(M.kioskHint)} />
        </div>
      )}
    </SectionCard>
  );
}

function PinSection() {
  const session = useRuntime().session;
  const intl = useIntl();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<ChangePinErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit() {
    if (busy) return;
    setStatus(null);
    setFailure(null);
    setBusy(true);
    const result = await session.getState().changePin({ current, next, repeat });
    setBusy(false);
    if (!result.ok) {
      setErrors(result.errors);
      setFailure(result.failure);
      // Sent and refused: the current PIN is typed again; one that never left stays to be corrected.
      if (result.sent) setCurrent('');
      return;
    }
    setErrors({});
    setCurrent('');
    setNext('');
    setRepeat('');
    setStatus(intl.formatMessage(M.pinChanged));
  }

  const pinInput = (value: string, set: (v: string) => void, testId: string) => (ids: Parameters<Parameters<typeof Field>[0]['children']>[0]) => (
    <input
      {...ids}
      type="password"
      inputMode="numeric"
      autoComplete="off"
      maxLength={12}
      value={value}
      onChange={(e) => set(e.target.value.replace(/\D/g, ''))}
      data-testid={testId}
    />
  );

  return (
    <section className="mgr-card" aria-labelledby="pin-title" id="pin" data-testid="settings-pin">
      <h2 id="pin-title">{intl.formatMessage(M.pin)}</h2>
      <form
        className="mgr-form mgr-card--narrow"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Field label={intl.formatMessage(M.pinCurrent)} error={errors.current}>
          {pinInput(current, setCurrent, 'pin-change-current')}
        </Field>
        <Field label={intl.formatMessage(M.pinNew)} hint={formatWith(intl, PIN_MESSAGES.rule, PIN_RULE_VALUES)} error={errors.next}>
          {pinInput(next, setNext, 'pin-change-new')}
        </Field>
        <Field label={intl.formatMessage(M.pinRepeat)} error={errors.repeat}>
          {pinInput(repeat, setRepeat, 'pin-change-repeat')}
        </Field>
        <ErrorBanner error={failure} />
        <div className="mgr-row-gap">
          <Button type="submit" variant="primary" disabled={busy} testId="pin-change-save">
            {intl.formatMessage(busy ? M.saving : M.pinChange)}
          </Button>
          <StatusLine text={status} tone="ok" testId="pin-change-status" />
        </div>
      </form>
    </section>
  );
}
