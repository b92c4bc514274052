/** What the cashier reads when a scan is not a member or coupon code (see scan-parser.ts). */
import { defineMessages } from '@formatjs/intl';

export const SCAN_MESSAGES = defineMessages({
  empty: { id: 'scan.error.empty', defaultMessage: 'Nothing was scanned. Scan the card or coupon again.', description: 'Scan error: empty scan' },
  too_long: { id: 'scan.error.tooLong', defaultMessage: 'This code is too long to be a member or coupon code.', description: 'Scan error: code too long' },
  control_chars: {
    id: 'scan.error.controlChars',
    defaultMessage: 'The scan contains hidden control characters. Scan again, or run the scanner set-up in Settings.',
    description: 'Scan error: invisible control characters (scanner misconfigured)',
  },
  whitespace: { id: 'scan.error.whitespace', defaultMessage: 'The scan contains spaces, so it is not a member or coupon code.', description: 'Scan error: spaces inside the code' },
  path_trick: { id: 'scan.error.pathTrick', defaultMessage: 'This code contains characters that are not allowed in a member or coupon code.', description: 'Scan error: forbidden characters' },
  unsafe_url: { id: 'scan.error.unsafeUrl', defaultMessage: 'This code is a link the till will not use. Ask for the SocialHub member card or coupon.', description: 'Scan error: a link the till refuses' },
  host_not_allowed: {
    id: 'scan.error.hostNotAllowed',
    defaultMessage: 'This link is from {host}, not from your SocialHub portal.',
    description: 'Scan error: a link from another website; {host} is its host name',
  },
  product_barcode: { id: 'scan.error.productBarcode', defaultMessage: 'This is a product barcode, not a member or coupon code.', description: 'Scan error: a retail product barcode' },
  invalid_id: { id: 'scan.error.invalidId', defaultMessage: 'This looks like a SocialHub code, but the id in it is not valid.', description: 'Scan error: malformed id' },
  ambiguous: { id: 'scan.error.ambiguous', defaultMessage: 'This code names more than one member or coupon. Ask for a fresh code.', description: 'Scan error: code names two things' },
  caps_lock: {
    id: 'scan.error.capsLock',
    defaultMessage: 'This looks like a member or coupon code typed with Caps Lock on. Turn Caps Lock off and scan again.',
    description: 'Scan error: upper-case prefix (Caps Lock on)',
  },
  unrecognised: { id: 'scan.error.unrecognised', defaultMessage: 'This is not a SocialHub member or coupon code.', description: 'Scan error: not a SocialHub code' },
  bad_config: {
    id: 'scan.error.badConfig',
    defaultMessage: 'The scanner settings are not valid; a manager must correct them in Settings.',
    description: 'Scan error: the saved scan settings (custom pattern or host list) are invalid',
  },
});
