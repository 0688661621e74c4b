<?php
/**
 * Plugin Name: Open PNRR Toscana Kit – componenti
 * Description: Carica pnrr-widgets.js nelle pagine che usano i componenti <pnrr-…> e li fa accettare dall'editor anche a chi non ha il permesso unfiltered_html (autori, collaboratori, siti multisito, siti con DISALLOW_UNFILTERED_HTML). Non consente script né iframe.
 * Version: 0.1.0
 * Requires at least: 5.0
 * License: EUPL-1.2
 *
 * Why: WordPress removes <script> and unknown tags from what users without `unfiltered_html`
 * save (kses). The kit's tags are plain HTML with text attributes, so they can be allowed one by
 * one; the script is then added by this plugin, from the site's own copy of the kit (same origin:
 * no third-party request, and a strict Content-Security-Policy keeps working).
 *
 * Install: copy this file into wp-content/mu-plugins/ (or wp-content/plugins/ and activate it).
 * If the kit's folder is not /pnrr-widgets/ on the same site, define PNRR_WIDGETS_URL in
 * wp-config.php, e.g. define('PNRR_WIDGETS_URL', 'https://dati.esempio.it/pnrr-widgets/');
 */

if (!defined('ABSPATH')) {
	exit;
}

if (!defined('PNRR_WIDGETS_URL')) {
	define('PNRR_WIDGETS_URL', '/pnrr-widgets/');
}

/**
 * The kit's elements and their attributes (docs/elements/ of the kit). A test of the kit compares
 * this list with the elements' custom-elements.json, so it follows every new attribute.
 */
function pnrr_widgets_tags() {
	$common = array('lang', 'src', 'region', 'theme', 'heading-level');
	return array(
		'pnrr-project-card'     => array_merge($common, array('cup', 'local-code', 'compact', 'monitor-href')),
		'pnrr-spending-chart'   => array_merge($common, array('comune', 'province', 'mission', 'metric', 'per-capita', 'group-by', 'top', 'sync-url')),
		'pnrr-municipality-map' => array_merge($common, array('province', 'selected', 'mission', 'metric', 'per-capita', 'sync-url')),
		'pnrr-project-list'     => array_merge($common, array('comune', 'province', 'mission', 'body', 'q', 'sort', 'order', 'page', 'card-href', 'sync-url')),
	);
}

// The tags, with their attributes and the id/class/style-free markup only, in post content.
add_filter('wp_kses_allowed_html', function ($tags, $context) {
	if ($context !== 'post') {
		return $tags;
	}
	foreach (pnrr_widgets_tags() as $tag => $attributes) {
		$tags[$tag] = array_fill_keys(array_merge($attributes, array('id')), true);
	}
	return $tags;
}, 10, 2);

// The script, once, only on a page whose content has one of the tags.
add_action('wp_enqueue_scripts', function () {
	$post = get_post();
	if (!$post || !is_singular() || strpos($post->post_content, '<pnrr-') === false) {
		return;
	}
	wp_enqueue_script('pnrr-widgets', trailingslashit(PNRR_WIDGETS_URL) . 'pnrr-widgets.js', array(), null, true);
});

// pnrr-widgets.js is an ES module (WordPress before 6.5 has no wp_enqueue_script_module).
add_filter('script_loader_tag', function ($tag, $handle) {
	if ($handle !== 'pnrr-widgets' || strpos($tag, 'type="module"') !== false) {
		return $tag;
	}
	return preg_replace('/<script(?: type=([\'"])text\/javascript\1)?/', '<script type="module"', $tag, 1);
}, 10, 2);
