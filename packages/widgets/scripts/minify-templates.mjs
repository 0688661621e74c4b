/**
 * Vite/Rolldown plugin for the CDN build: squeezes the static text of Lit's
 * html`…` and css`…` templates in our sources (the JS minifier leaves template
 * text alone). Conservative on purpose:
 * - html: every run of white space becomes one space (HTML collapses it the
 *   same way; the widgets use no <pre> and no white-space: pre).
 * - css: comments removed, white space collapsed, and dropped around { } ; ,
 *   and after ":" (never before ":"—there a space is a descendant combinator).
 * Expressions `${…}` (nested templates included) are kept as written, except
 * nested html/css templates, which are squeezed the same way.
 */
const TAGS = /\b(html|css|svg)`/g;

function squeeze(text, kind) {
  if (kind === 'css') {
    return text
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\s+/g, ' ')
      .replace(/\s*([{};,])\s*/g, '$1')
      .replace(/:\s+/g, ':');
  }
  return text.replace(/\s+/g, ' ');
}

/** Skips a quoted string starting at `i` (the quote); returns the index after it. */
function skipString(code, i) {
  const q = code[i];
  for (let j = i + 1; j < code.length; j++) {
    if (code[j] === '\\') j++;
    else if (code[j] === q) return j + 1;
  }
  return code.length;
}

/**
 * Reads the template whose opening backtick is at `start`; returns its end
 * (after the closing backtick) and the rewritten source of the whole literal.
 */
function readTemplate(code, start, kind) {
  let out = '`';
  let text = '';
  let i = start + 1;
  const flush = () => {
    out += kind ? squeeze(text, kind) : text;
    text = '';
  };
  while (i < code.length) {
    const c = code[i];
    if (c === '\\') {
      text += c + code[i + 1];
      i += 2;
    } else if (c === '`') {
      flush();
      return { end: i + 1, source: out + '`' };
    } else if (c === '$' && code[i + 1] === '{') {
      flush();
      const expr = readExpression(code, i + 2);
      out += '${' + expr.source + '}';
      i = expr.end;
    } else {
      text += c;
      i++;
    }
  }
  throw new Error('unterminated template literal');
}

/** Reads `${…}` contents from `start` to the matching `}`; nested templates are handled. */
function readExpression(code, start) {
  let depth = 0;
  let out = '';
  let i = start;
  while (i < code.length) {
    const c = code[i];
    if (c === "'" || c === '"') {
      const end = skipString(code, i);
      out += code.slice(i, end);
      i = end;
    } else if (c === '`') {
      const tag = /\b(html|css|svg)$/.exec(out)?.[1];
      const t = readTemplate(code, i, tag === 'svg' ? 'html' : tag);
      out += t.source;
      i = t.end;
    } else if (c === '{') {
      depth++;
      out += c;
      i++;
    } else if (c === '}') {
      if (depth === 0) return { end: i + 1, source: out };
      depth--;
      out += c;
      i++;
    } else {
      out += c;
      i++;
    }
  }
  throw new Error('unterminated template expression');
}

export function minifyTemplate(code) {
  let result = '';
  let last = 0;
  TAGS.lastIndex = 0;
  let m;
  while ((m = TAGS.exec(code))) {
    const kind = m[1] === 'svg' ? 'html' : m[1];
    const tick = m.index + m[0].length - 1;
    const t = readTemplate(code, tick, kind);
    result += code.slice(last, tick) + t.source;
    last = t.end;
    TAGS.lastIndex = t.end;
  }
  return result + code.slice(last);
}

export function minifyTemplates({ include = /\/packages\/widgets\/src\/.*\.ts$/ } = {}) {
  return {
    name: 'pnrr-minify-templates',
    apply: 'build',
    enforce: 'pre',
    transform(code, id) {
      if (!include.test(id) || !/\b(html|css|svg)`/.test(code)) return null;
      return { code: minifyTemplate(code), map: null };
    },
  };
}
