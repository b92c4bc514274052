/**
 * Which base URLs the key may be sent to. Plain HTTP would put the bearer key on the wire, so it
 * is allowed only to loopback (the embedded sandbox). No Node imports: the settings screen
 * reuses this to validate what the manager types.
 */

export type BaseUrlCheck = { ok: true; url: string } | { ok: false; message: string };

/**
 * `url` on success is normalised: origin + path without a trailing slash, ready for
 * `${url}/members/...`. Hosts are compared after WHATWG parsing, so `127.1` and `0x7f.0.0.1`
 * are recognised as loopback while `127.0.0.1.evil.com` is just another domain.
 */
export function checkBaseUrl(input: string): BaseUrlCheck {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return { ok: false, message: 'Base URL is not a valid URL.' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, message: `Base URL must use https:// (got ${url.protocol}).` };
  }
  // `http://localhost@evil.com` is evil.com with a user name; credentials never belong here anyway.
  if (url.username !== '' || url.password !== '') {
    return { ok: false, message: 'Base URL must not contain a user name or password.' };
  }
  if (url.search !== '' || url.hash !== '') {
    return { ok: false, message: 'Base URL must not contain a query string or fragment.' };
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return { ok: false, message: `Base URL must use https:// (plain http is allowed only for loopback, not ${url.hostname}).` };
  }
  return { ok: true, url: url.origin + url.pathname.replace(/\/+$/, '') };
}

/** `hostname` as produced by the WHATWG URL parser (IPv4 canonical, IPv6 bracketed and compressed). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost' || host === '[::1]' || host === '::1') return true;
  const octets = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  return octets !== null && octets[1] === '127' && octets.slice(2).every((o) => Number(o) <= 255);
}
