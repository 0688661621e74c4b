/**
 * The client in Chromium: the shared suite against the web-test-runner dev
 * server (its middleware implements the fault routes), then what only a page
 * does — the default client resolving the embedded package next to the module,
 * and a base URL relative to the page.
 */
import { createClient, DEFAULT_BASE_URL } from '../../src/index.js';
import * as assert from '../shared/assert.js';
import { clientSuite } from '../shared/client-suite.js';

clientSuite({ describe, it, before }, { root: () => `${window.location.origin}/` });

describe('client in the browser', () => {
  it('the default client reads the package served next to the SDK', async () => {
    assert.ok(DEFAULT_BASE_URL.startsWith(window.location.origin) && DEFAULT_BASE_URL.endsWith('/packages/sdk/data/toscana/'), DEFAULT_BASE_URL);
    assert.equal((await createClient().manifest()).region.code, '09');
  });

  it('a base URL relative to the page', async () => {
    const client = createClient({ baseUrl: '/pkg/' });
    assert.equal(client.baseUrl, `${window.location.origin}/pkg/`);
    assert.equal((await client.measures()).missions.length > 0, true);
  });
});
