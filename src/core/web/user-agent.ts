/**
 * A browser's User-Agent as a short phrase an admin reads in the log («Chrome trên Android»)
 * instead of the raw string; the raw one is kept in the entry. Unknown parts are left out.
 */
export function describeUserAgent(userAgent: string, words: { on: string }): string {
  const ua = userAgent.slice(0, 300);
  const browser =
    /\bZalo/i.test(ua) ? 'Zalo'
    : /\bTelegram/i.test(ua) ? 'Telegram'
    : /\bEdg(?:e|A|iOS)?\//.test(ua) ? 'Edge'
    : /\b(?:OPR|Opera)\//.test(ua) ? 'Opera'
    : /coc_?coc/i.test(ua) ? 'Cốc Cốc'
    : /\bSamsungBrowser\//.test(ua) ? 'Samsung Internet'
    : /\b(?:Firefox|FxiOS)\//.test(ua) ? 'Firefox'
    : /\b(?:Chrome|CriOS|Chromium)\//.test(ua) ? 'Chrome'
    : /\bSafari\//.test(ua) ? 'Safari'
    : null;
  const system =
    /\bAndroid\b/.test(ua) ? 'Android'
    : /\b(?:iPhone|iPad|iPod)\b/.test(ua) ? 'iOS'
    : /\bWindows\b/.test(ua) ? 'Windows'
    : /\bMac OS X\b|\bMacintosh\b/.test(ua) ? 'macOS'
    : /\bCrOS\b/.test(ua) ? 'ChromeOS'
    : /\bLinux\b/.test(ua) ? 'Linux'
    : null;
  if (browser && system) return `${browser} ${words.on} ${system}`;
  return browser ?? system ?? (ua.length > 60 ? `${ua.slice(0, 59)}…` : ua);
}
