/**
 * Domains a scenario's sources must not point at: mirrors, reprints and content farms found in
 * earlier versions of the scenarios (scenarios/blocked-sources.txt, one domain a line, "#" starts a
 * comment). A source is blocked when its host is a listed domain or a subdomain of one.
 */

export function parseBlockedDomains(text: string): string[] {
  const out: string[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/#.*$/, '').trim();
    if (line === '') return;
    if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(line))
      throw new Error(`blocked-sources.txt line ${i + 1}: "${line}" is not a domain`);
    out.push(line.toLowerCase());
  });
  return out;
}

/** The blocked domain a URL points into, or null. */
export function blockedDomainOf(url: string, domains: readonly string[]): string | null {
  // No URL class here (the pure layers have no DOM or Node types): the host is what follows the scheme.
  const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?([^/:?#]+)/i.exec(url);
  if (!m) return null;
  const host = m[1]!.toLowerCase();
  return domains.find((d) => host === d || host.endsWith(`.${d}`)) ?? null;
}

/** Every source of a list whose URL points at a blocked domain. */
export function blockedSources(
  sources: readonly { id: string; url?: string }[],
  domains: readonly string[],
): { id: string; url: string; domain: string }[] {
  return sources.flatMap((s) => {
    const domain = s.url ? blockedDomainOf(s.url, domains) : null;
    return domain && s.url ? [{ id: s.id, url: s.url, domain }] : [];
  });
}
