#!/bin/sh
# Checks the guide's WordPress steps on a real WordPress (Debian's package) with the kit's CDN
# folder served by the same site: which snippets each role can save, and what a reader then sees,
# without and with the plugin (../pnrr-widgets.php) on a site that sets DISALLOW_UNFILTERED_HTML.
# Needs root on Debian 12, the packages wordpress mariadb-server php-cli php-mysql, and a built kit
# (npm run build). Not part of npm test (CI has no WordPress). Prints a Markdown table.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
port=${PORT:-8089}
pgrep -x mariadbd >/dev/null || { (mysqld_safe --user=mysql >/dev/null 2>&1 &); sleep 6; }
mysql -e "DROP DATABASE IF EXISTS pnrr_check; CREATE DATABASE pnrr_check; CREATE USER IF NOT EXISTS 'pnrr_check'@'localhost' IDENTIFIED BY 'pnrr_check'; GRANT ALL ON pnrr_check.* TO 'pnrr_check'@'localhost';"
cat > /etc/wordpress/config-default.php <<PHP
<?php
define('DB_NAME', 'pnrr_check'); define('DB_USER', 'pnrr_check'); define('DB_PASSWORD', 'pnrr_check'); define('DB_HOST', 'localhost');
define('WP_HOME', 'http://localhost:$port'); define('WP_SITEURL', 'http://localhost:$port'); define('DISABLE_WP_CRON', true);
\$table_prefix = 'wp_';
if (getenv('PNRR_DISALLOW_UNFILTERED_HTML')) define('DISALLOW_UNFILTERED_HTML', true);
PHP
ln -sfn "$repo/packages/widgets/dist/cdn" /usr/share/wordpress/pnrr-widgets
mu=/var/lib/wordpress/wp-content/mu-plugins
mkdir -p "$mu"
echo "| site | role | snippet | unfiltered_html | WordPress kept | a reader sees |"
echo "| --- | --- | --- | --- | --- | --- |"
for site in default plugin; do
  if [ "$site" = plugin ]; then ln -sf "$here/../pnrr-widgets.php" "$mu/pnrr-widgets.php"; export PNRR_DISALLOW_UNFILTERED_HTML=1; label='plugin + `DISALLOW_UNFILTERED_HTML`';
  else rm -f "$mu/pnrr-widgets.php"; unset PNRR_DISALLOW_UNFILTERED_HTML || true; label='as installed'; fi
  PHP_CLI_SERVER_WORKERS=4 php -S "127.0.0.1:$port" -t /usr/share/wordpress >/dev/null 2>&1 &

  sleep 1
  posts=$(php "$here/save-posts.php" "http://localhost:$port/pnrr-widgets/")
  urls=$(echo "$posts" | node -e "for (const p of JSON.parse(require('fs').readFileSync(0,'utf8'))) console.log('http://localhost:$port/?p=' + p.id)")
  # shellcheck disable=SC2086
  node "$here/render.mjs" $urls > "/tmp/pnrr-wp-$site.jsonl"
  pkill -f "php -S 127.0.0.1:$port" || true; sleep 1
  echo "$posts" | node -e "
    const posts = JSON.parse(require('fs').readFileSync(0, 'utf8'));
    const seen = require('fs').readFileSync('/tmp/pnrr-wp-$site.jsonl', 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    posts.forEach((p, i) => {
      const s = seen[i];
      const sees = s.shows === 'element' || s.shows === 'iframe' ? s.shows + ': ' + s.title + (s.drawing ? ', drawn' : ', NOT drawn') : s.shows;
      const problems = [...s.errors, ...s.foreignRequests.map((r) => 'request to ' + r)];
      console.log('| $label | ' + p.role + ' | ' + p.snippet + ' | ' + (p.unfiltered_html ? 'yes' : 'no') + ' | ' + (p.kept.map((t) => '<' + t + '>').join(' ') || 'nothing') + ' | ' + sees + (problems.length ? ' (' + problems.join('; ') + ')' : '') + ' |');
    });"
done
rm -f "$mu/pnrr-widgets.php"
