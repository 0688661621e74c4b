<?php
// Saves the kit's two snippets as posts by users of three roles, the way the editor saves them
// (wp_insert_post runs the kses filters of the current user), and prints, per post, its id and
// what WordPress kept. Usage: php save-posts.php <kit folder URL>   (run by run.sh)
$_SERVER['HTTP_HOST'] = 'localhost';
define('WP_INSTALLING', true);
require '/usr/share/wordpress/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
if (!is_blog_installed()) {
	wp_install('Comune di Prova', 'admin', 'admin@example.org', false, '', wp_generate_password());
}
$kit = rtrim($argv[1], '/');
$view = "$kit/embed.html?el=chart&amp;comune=Prato";
// The builder's two snippets for a chart of Prato (docs/guida-siti-comuni.md § 3), in a Custom HTML block.
$snippets = array(
	'script' => "<!-- wp:html -->\n<script type=\"module\" src=\"$kit/pnrr-widgets.js\"></script>\n<pnrr-spending-chart comune=\"Prato\">\n  <a href=\"$view\">Finanziamento PNRR per missione · Prato</a>\n</pnrr-spending-chart>\n<!-- /wp:html -->",
	'iframe' => "<!-- wp:html -->\n<iframe data-pnrr-embed src=\"$view\"\n  title=\"Finanziamento PNRR per missione · Prato\"\n  width=\"100%\" height=\"600\" loading=\"lazy\"\n  sandbox=\"allow-scripts allow-same-origin allow-downloads allow-popups allow-popups-to-escape-sandbox\"></iframe>\n<script src=\"$kit/pnrr-embed.js\" defer></script>\n<!-- /wp:html -->",
);
$out = array();
foreach (array('administrator', 'editor', 'author') as $role) {
	$user = get_user_by('login', "check_$role");
	$id = $user ? $user->ID : wp_insert_user(array('user_login' => "check_$role", 'user_pass' => wp_generate_password(), 'role' => $role, 'user_email' => "$role@example.org"));
	wp_set_current_user($id);
	kses_remove_filters();
	kses_init(); // the filters of this user, as on their login
	foreach ($snippets as $name => $html) {
		$post = wp_insert_post(array('post_title' => "$name ($role)", 'post_content' => wp_slash($html), 'post_status' => 'publish'), true);
		$saved = get_post($post)->post_content;
		$out[] = array(
			'role' => $role, 'snippet' => $name, 'id' => $post, 'unfiltered_html' => current_user_can('unfiltered_html'),
			'kept' => array_values(array_filter(array('script', 'pnrr-spending-chart', 'iframe', 'a'), function ($tag) use ($saved) { return strpos($saved, "<$tag") !== false; })),
		);
	}
}
echo json_encode($out);
