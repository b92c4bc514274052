/** The Support tab's sentences (ids `manager.support.*`). */
import { defineMessages } from '@formatjs/intl';

export const M = defineMessages({
  tab: { id: 'manager.support.tab', defaultMessage: 'Support', description: 'Manager console tab: support bundle and fleet policy' },
  bundleTitle: { id: 'manager.support.bundle.title', defaultMessage: 'Support bundle', description: 'Section title' },
  bundleIntro: {
    id: 'manager.support.bundle.intro',
    defaultMessage: 'One zip for your IT or SocialHub support: recent logs, versions, settings and policy (keys masked), journal counts and the entries that need attention, recent API and POS-link activity, and the scanner profile. No key, PIN or token is in it.',
    description: 'What the support bundle contains',
  },
  save: { id: 'manager.support.bundle.save', defaultMessage: 'Save a support bundle', description: 'Button' },
  saving: { id: 'manager.support.bundle.saving', defaultMessage: 'Saving the support bundle…', description: 'Button while the bundle is built and written' },
  saved: { id: 'manager.support.bundle.saved', defaultMessage: 'Saved to {path} ({size}, {count, plural, one {# file} other {# files}}).', description: 'Where the bundle was written; {size} e.g. 12 kB' },
  cancelled: { id: 'manager.support.bundle.cancelled', defaultMessage: 'Nothing was saved: the save was cancelled.', description: 'The manager closed the save dialog' },
  policyTitle: { id: 'manager.support.policy.title', defaultMessage: 'Fleet policy', description: 'Section title: the policy file IT deploys' },
  policyIntro: { id: 'manager.support.policy.intro', defaultMessage: 'Settings your organisation manages come from this file. Only IT can change it.', description: 'Intro of the policy section' },
  policyFile: { id: 'manager.support.policy.file', defaultMessage: 'File', description: 'Label: the policy file path' },
  policyStatus: { id: 'manager.support.policy.status', defaultMessage: 'Status', description: 'Label: the policy state' },
  statusNone: { id: 'manager.support.policy.status.none', defaultMessage: 'No policy: the till uses its own settings', description: 'Policy state' },
  statusApplied: { id: 'manager.support.policy.status.applied', defaultMessage: 'In force', description: 'Policy state' },
  statusRejected: { id: 'manager.support.policy.status.rejected', defaultMessage: 'Not applied: the file has a problem', description: 'Policy state' },
  policyProblem: { id: 'manager.support.policy.problem', defaultMessage: 'Problem', description: 'Label: what is wrong with the policy file' },
  problemText: { id: 'manager.support.policy.problemText', defaultMessage: '{field} {message}', description: 'The field at fault and why, as main reports it (English technical text)' },
  keeping: { id: 'manager.support.policy.keeping', defaultMessage: 'The till keeps the last policy that passed, or its own settings. Ask IT to correct the file.', description: 'What the till does while the policy file is bad' },
  appliedAt: { id: 'manager.support.policy.appliedAt', defaultMessage: 'Read at', description: 'Label: when the policy in force was read' },
  locked: { id: 'manager.support.policy.locked', defaultMessage: 'Locked settings', description: 'Label: settings the policy locks' },
  lockedNone: { id: 'manager.support.policy.lockedNone', defaultMessage: 'None', description: 'No setting is locked' },
  tillIdPattern: { id: 'manager.support.policy.tillIdPattern', defaultMessage: 'Till id pattern', description: 'Label: the regular expression till ids must match' },
  refresh: { id: 'manager.support.policy.refresh', defaultMessage: 'Read again', description: 'Button: ask the till for the policy state again' },
});
