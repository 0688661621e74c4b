/**
 * The stories' fault route: data package URLs under `./__fault/<kind>/` are answered inside the
 * Storybook preview, so loading, error and long-text states can be shown (and tested) on any
 * static server, with no request to anywhere but the Storybook's own host:
 *
 *   __fault/never/<file>        a server that never answers: the fetch stays pending (only the
 *                               caller's own abort, e.g. the element leaving the page or changing
 *                               attributes, ends it; the SDK's per-request timeout does not, so
 *                               the loading state really never ends)
 *   __fault/down/<file>         HTTP 503 every time (the SDK retries, then the element shows its
 *                               error with "Try again"); counted in `faultLog` for the tests
 *   __fault/long-title/<file>   the real file from ./data/toscana/, with every project title of a
 *                               project shard or project list lengthened to 600 characters (real titles stop at 255)
 *
 * Everything else goes to the browser's fetch untouched.
 */
const FAULT = /\/__fault\/(never|down|long-title)\/(.*)$/;

/** How many requests each fault kind received (read by the story-visiting test). */
export const faultLog: Record<string, number> = {};

/** A title of exactly `length` characters made from the real one. */
export function lengthen(title: string, length = 600): string {
  let text = title;
  while (text.length < length) text += ` — ${title}`;
  const cut = text.slice(0, length);
  // No trailing blank: the page would not show it, and the title must really be `length` long.
  return cut.endsWith(' ') ? `${cut.slice(0, -1)}.` : cut;
}

function pending(signal: AbortSignal | null | undefined): Promise<Response> {
  return new Promise((_resolve, reject) => {
    signal?.addEventListener('abort', () => {
      // The SDK's timeout is a TimeoutError reason: a server that never answers ignores it too.
      if ((signal.reason as Error | undefined)?.name !== 'TimeoutError') reject(signal.reason);
    });
  });
}

export function installFaultRoute(target: typeof globalThis = globalThis): void {
  const realFetch = target.fetch.bind(target);
  target.fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : String(input), target.location.href);
    const match = FAULT.exec(url.pathname);
    if (!match) return realFetch(input, init);
    const [, kind, file] = match as unknown as [string, string, string];
    faultLog[kind] = (faultLog[kind] ?? 0) + 1;
    if (kind === 'never') return pending(init?.signal);
    if (kind === 'down') return new Response('Service Unavailable (Storybook fault route)', { status: 503 });
    const real = new URL(url.pathname.replace(FAULT, `/data/toscana/${file}`), url);
    const response = await realFetch(real, init);
    if (!response.ok || !/^(projects|lists)\/[^/]+\.json$/.test(file)) return response;
    // A project shard's records, or a project list's items (<pnrr-project-list>).
    const body = (await response.json()) as { projects?: Array<{ title: string }>; items?: Array<{ title: string }> };
    for (const project of body.projects ?? body.items ?? []) project.title = lengthen(project.title);
    return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  };
}
