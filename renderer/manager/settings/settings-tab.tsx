/**
 * Settings behind the PIN: keys, connection, store and till, earn rule (with a live example),
 * scanner (and its set-up wizard), camera, housekeeping and the manager PIN. Each section saves
 * on its own; `SETTINGS_INVALID` issues appear next to their fields.
 */
import { useEffect, useState } from 'react';
import { PIN_RULE } from '../../../shared/ipc/schemas/pin.ts';
import { useRuntime } from '../../app/context.tsx';
import type { ChangePinErrors } from '../../state/session-store.ts';
import { ScannerWizard } from '../scanner-wizard/scanner-wizard.tsx';
import { Button, ErrorBanner, Field, Modal, StatusLine } from '../../ui/index.ts';
import { earnExample } from './earn-example.ts';
import { KeysSection } from './keys-section.tsx';
import { CheckSetting, SectionCard, SelectSetting, TextSetting, useSectionForm } from './section-form.tsx';
import { StorePicker } from './store-picker.tsx';

const SECTIONS = [
  ['keys', 'API keys'],
  ['connection', 'Connection'],
  ['store', 'Store and till'],
  ['earn', 'Earn rule'],
  ['scanner', 'Scanner'],
  ['camera', 'Camera'],
  ['housekeeping', 'Security and housekeeping'],
  ['pin', 'Manager PIN'],
] as const;

export function SettingsTab() {
  return (
    <div className="mgr-tab mgr-settings" data-testid="tab-settings">
      <nav className="mgr-subnav" aria-label="Settings sections">
        <ul>
          {SECTIONS.map(([id, label]) => (
            <li key={id}>
              <a href={`#${id}`}>{label}</a>
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
        <HousekeepingSection />
        <PinSection />
      </div>
    </div>
  );
}

function ConnectionSection() {
  const state = useSectionForm('connection');
  return (
    <SectionCard id="connection" title="Connection" state={state} intro="Which SocialHub this till talks to.">
      {(form) => (
        <>
          <SelectSetting
            form={form}
            k="mode"
            label="Mode"
            hint="Sandbox uses the built-in practice SocialHub and fl_test_ keys; live uses the real API and fl_live_ keys."
            options={[
              ['sandbox', 'Sandbox (practice)'],
              ['live', 'Live'],
            ]}
          />
          <TextSetting form={form} k="baseUrl" label="Base URL (live mode)" type="url" inputMode="url" hint="Usually https://flash.socialhub.ai/api/v2" maxLength={2048} />
          <TextSetting form={form} k="requestTimeoutMs" label="Request timeout (ms)" inputMode="numeric" hint="1000–120000. After this a write is treated as outcome unknown and verified." />
          <TextSetting
            form={form}
            k="noResendWindowMs"
            label="No-resend window (ms)"
            inputMode="numeric"
            hint="2000–3600000. The longest SocialHub may take to apply a request: an unknown write is not sent again before this has passed."
          />
        </>
      )}
    </SectionCard>
  );
}

function StoreSection() {
  const state = useSectionForm('store');
  return (
    <SectionCard id="store" title="Store and till" state={state}>
      {(form) => (
        <>
          <StorePicker form={form} />
          <TextSetting form={form} k="tillId" label="Till id" hint="A short name for this till, e.g. till-1 (letters, digits, _ or -)." maxLength={64} />
          <SelectSetting
            form={form}
            k="txnIdScope"
            label="POS transaction ids are unique"
            options={[
              ['forever', 'Forever'],
              ['business-day', 'Within one business day (they restart daily)'],
            ]}
          />
          <TextSetting form={form} k="businessDayStartsAt" label="Business day starts at" type="time" hint="24-hour HH:MM. Sales before this count for the previous day." />
        </>
      )}
    </SectionCard>
  );
}

function EarnSection() {
  const state = useSectionForm('earn');
  return (
    <SectionCard id="earn" title="Earn rule" state={state} intro="How many points a sale earns.">
      {(form) => (
        <>
          <TextSetting form={form} k="earnRule.pointsPerUnit" label="Points per currency unit" inputMode="decimal" hint="0–10000, up to 4 decimals." />
          <SelectSetting
            form={form}
            k="earnRule.rounding"
            label="Rounding"
            options={[
              ['floor', 'Round down'],
              ['round', 'Round to nearest (half up)'],
              ['ceil', 'Round up'],
            ]}
          />
          <CheckSetting form={form} k="earnRule.applyTierMultiplier" label="Apply the member's tier multiplier" />
          <div className="mgr-example" aria-live="polite" data-testid="earn-example">
            <strong>Example:</strong>
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
  const [wizard, setWizard] = useState(false);
  return (
    <>
      <SectionCard id="scanner" title="Scanner" state={state} intro="How the till tells a barcode scanner from typing. The set-up wizard fills these in for you.">
        {(form) => (
          <>
            <div className="mgr-row-gap">
              <Button onClick={() => setWizard(true)} disabled={form.dirty} testId="scanner-wizard-open">
                Run scanner set-up
              </Button>
              {form.dirty && <span className="mgr-hint">Save or discard your changes first.</span>}
            </div>
            <div className="mgr-grid2">
              <TextSetting form={form} k="scanner.maxGapMs" label="Longest gap between keys (ms)" inputMode="numeric" hint="5–500. Scanners type every 5–30 ms." />
              <TextSetting form={form} k="scanner.minLength" label="Shortest scan (characters)" inputMode="numeric" hint="1–256." />
              <TextSetting form={form} k="scanner.prefix" label="Prefix the scanner sends" hint="Up to 8 printable characters; empty for none." maxLength={8} />
              <TextSetting form={form} k="scanner.suffix" label="Suffix the scanner sends" hint="Up to 8 printable characters; empty for none." maxLength={8} />
              <SelectSetting
                form={form}
                k="scanner.terminator"
                label="Scan ends with"
                options={[
                  ['enter', 'Enter'],
                  ['tab', 'Tab'],
                  ['none', 'Nothing (timing only)'],
                ]}
              />
            </div>
            <TextSetting
              form={form}
              k="scanner.customPattern"
              label="Custom code pattern (advanced)"
              hint="A regular expression with a named group (member) or (coupon), for your own card format; empty for the SocialHub formats."
              maxLength={200}
            />
          </>
        )}
      </SectionCard>
      {wizard && (
        <Modal title="Scanner set-up" onClose={() => setWizard(false)} variant="wide" testId="scanner-wizard-dialog">
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
  const [cameras, setCameras] = useState<CameraOption[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    const md = typeof navigator !== 'undefined' ? navigator.mediaDevices : undefined;
    if (md === undefined || typeof md.enumerateDevices !== 'function') {
      void Promise.resolve().then(() => live && setProblem('This computer does not offer a camera list.'));
    } else {
      md.enumerateDevices().then(
        (devices) => {
          if (!live) return;
          const video = devices.filter((d) => d.kind === 'videoinput' && d.deviceId !== '');
          setCameras(video.map((d, i) => ({ id: d.deviceId, label: d.label !== '' ? d.label : `Camera ${i + 1}` })));
        },
        () => live && setProblem('The camera list could not be read.'),
      );
    }
    return () => {
      live = false;
    };
  }, []);

  return (
    <SectionCard id="camera" title="Camera" state={state} intro="Used to scan a member's QR code when there is no scanner.">
      {(form) => {
        const current = form.value('camera.deviceId');
        const known = cameras ?? [];
        const options: [string, string][] = [['', 'System default camera'], ...known.map((c): [string, string] => [c.id, c.label])];
        if (current !== '' && !known.some((c) => c.id === current)) options.push([current, 'The saved camera (not connected now)']);
        return (
          <>
            <SelectSetting form={form} k="camera.deviceId" label="Camera" options={options} hint={problem ?? (cameras !== null && cameras.length === 0 ? 'No camera found.' : undefined)} />
          </>
        );
      }}
    </SectionCard>
  );
}

function HousekeepingSection() {
  const state = useSectionForm('housekeeping');
  return (
    <SectionCard id="housekeeping" title="Security and housekeeping" state={state}>
      {(form) => (
        <div className="mgr-grid2">
          <TextSetting form={form} k="managerAutoLockMinutes" label="Lock the manager console after (minutes)" inputMode="numeric" hint="1–240 minutes without manager activity." />
          <TextSetting form={form} k="journalRetentionDays" label="Keep finished journal entries for (days)" inputMode="numeric" hint="7–3650. Unfinished entries are never removed." />
          <TextSetting form={form} k="cardFreshnessMinutes" label="Refetch a member card older than (minutes)" inputMode="numeric" hint="1–1440." />
          <CheckSetting form={form} k="kiosk" label="Kiosk mode (full screen, no window controls)" hint="Takes effect at the next start." />
        </div>
      )}
    </SectionCard>
  );
}

function PinSection() {
  const session = useRuntime().session;
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
    setStatus('The manager PIN was changed.');
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
      <h2 id="pin-title">Manager PIN</h2>
      <form
        className="mgr-form mgr-card--narrow"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Field label="Current PIN" error={errors.current}>
          {pinInput(current, setCurrent, 'pin-change-current')}
        </Field>
        <Field label="New PIN" hint={PIN_RULE} error={errors.next}>
          {pinInput(next, setNext, 'pin-change-new')}
        </Field>
        <Field label="New PIN again" error={errors.repeat}>
          {pinInput(repeat, setRepeat, 'pin-change-repeat')}
        </Field>
        <ErrorBanner error={failure} />
        <div className="mgr-row-gap">
          <Button type="submit" variant="primary" disabled={busy} testId="pin-change-save">
            {busy ? 'Saving…' : 'Change PIN'}
          </Button>
          <StatusLine text={status} tone="ok" testId="pin-change-status" />
        </div>
      </form>
    </section>
  );
}
