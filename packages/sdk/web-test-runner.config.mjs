// Browser tests of the SDK client: the shared suite (test/shared/client-suite.ts) in Debian Chromium.
// rootDir is the repository root so that the embedded package (packages/sdk/data/toscana/) is served
// next to the sources, as it is next to dist/ in the published package; the middleware adds the
// fault routes (/pkg/, /flaky/, /broken/, …) that the Node tests get from their own server.
import { fileURLToPath } from 'node:url';
import { browserDefaults, chromium, reporters, typescript } from '../../scripts/wtr-shared.mjs';
import { createFaultRoutes, send } from './test/shared/fault-routes.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const routes = createFaultRoutes(`${here}data/toscana/`);

export default {
  ...browserDefaults,
  rootDir: fileURLToPath(new URL('../../', import.meta.url)),
  // Absolute, so the config works whatever the working directory.
  files: [`${here}test/browser/**/*.test.ts`],
  browsers: [chromium()],
  plugins: [typescript(`${here}tsconfig.json`)],
  reporters: reporters(),
  middleware: [
    async function faultRoutes(ctx, next) {
      const answer = await routes.handle(ctx.path, ctx.headers);
      if (!answer) return next();
      // Answer on the raw response: the test runner's cache middleware would otherwise turn every
      // path with an extension into "max-age=31536000", and Chromium would serve retries from its cache.
      ctx.respond = false;
      await send(ctx.res, answer);
    },
  ],
};
