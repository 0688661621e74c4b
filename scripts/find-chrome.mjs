// Locates a Chrome/Chromium for browser tests: CHROME_PATH, else the usual install paths.
import { existsSync } from 'node:fs';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
];

/**
 * Flags for a headless Chromium on these machines: as root it needs --no-sandbox, and on a closed
 * network the background services must stay off or its connections are refused at every start.
 * Every test that starts Chromium uses this list (plus its own fresh --user-data-dir).
 */
export const CHROME_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const HOW_TO_INSTALL =
  'No Chrome or Chromium found for the browser tests. Install one (Debian/Ubuntu: `sudo apt-get install chromium`; ' +
  'macOS: install Google Chrome) or point CHROME_PATH at its executable.';

export function findChrome() {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`CHROME_PATH is set to "${fromEnv}", which does not exist. ${HOW_TO_INSTALL}`);
  }
  const found = CANDIDATES.find((path) => existsSync(path));
  if (!found) throw new Error(HOW_TO_INSTALL);
  return found;
}
