// The Content-Security-Policy of every demo page: the strict policy a comune's site may send, which
// the widgets promise to work under (no inline scripts or styles, no eval, no other host).
export const CSP =
  "default-src 'self'; script-src 'self'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'";
