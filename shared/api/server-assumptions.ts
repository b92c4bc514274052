/**
 * What the till assumes about SocialHub, as numbers (README: "What the till assumes about
 * SocialHub" says what the till does when one turns out false).
 */

/**
 * The default no-resend window: the longest SocialHub is assumed to take to apply a request.
 * After an unknown outcome nothing is sent again before it has passed. One minute is well past
 * any request SocialHub answers in time, and short enough to resend within the same sale hour.
 */
export const DEFAULT_NO_RESEND_WINDOW_MS = 60_000;
