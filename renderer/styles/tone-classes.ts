/**
 * The CSS classes behind each state's colour, kept beside the stylesheets that define them
 * (cashier.css, overlays.css) so a tone cannot be renamed in one place and not the other.
 */
export const VERDICT_CLASS = {
  honor: 'verdict--honor',
  'do-not-honor': 'verdict--deny',
  'not-yet': 'verdict--notyet',
  redeeming: 'verdict--busy',
} as const;

export const OUTCOME_CLASS = {
  success: 'outcome--success',
  warning: 'outcome--warning',
  queued: 'outcome--queued',
  checking: 'outcome--checking',
  danger: 'outcome--danger',
  info: 'outcome--info',
} as const;
