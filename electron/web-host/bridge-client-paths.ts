/** The web host's bridge routes, shared by the host and the browser stand-in (bridge-client.ts). */
export const TOKEN_HEADER = 'X-Till-Token';
export const INVOKE_PATH = '/__bridge/invoke/';
export const EVENTS_PATH = '/__bridge/events';
