/* json_locate.c - single-pass scanner mapping a JSON Pointer to a position.
 *
 * The scanner never builds a tree: it walks the text once, descending into
 * the member or element each pointer token names and skipping everything
 * else.  Skipping counts bracket depth instead of recursing, so a hostile
 * "[[[[..." costs no stack.  It validates only what it needs to find its way;
 * anything it cannot make sense of ends the walk (see json_locate.h). */
#include "io/json_locate.h"

#include <string.h>

typedef struct {
  const guchar *p;    /* next byte to read */
  const guchar *end;
  guint line;         /* line of *p */
  guint col;          /* characters consumed on this line (jansson's column) */
} Scanner;

/* The position of the next byte, i.e. the column it will have once read. */
static PocsimJsonPos
scanner_pos (const Scanner *sc)
{
  return (PocsimJsonPos){ sc->line, sc->col + 1 };
}

static gboolean
at_end (const Scanner *sc)
{
  return sc->p >= sc->end;
}

/* Consumes one byte.  Like jansson, only '\n' starts a line and only bytes
 * that are not UTF-8 continuation bytes (10xxxxxx) start a column. */
static void
advance (Scanner *sc)
{
  guchar c = *sc->p++;

  if (c == '\n') {
    sc->line++;
    sc->col = 0;
  } else if ((c & 0xC0) != 0x80) {
    sc->col++;
  }
}

static void
skip_ws (Scanner *sc)
{
  while (!at_end (sc)
         && (*sc->p == ' ' || *sc->p == '\t' || *sc->p == '\n' || *sc->p == '\r'))
    advance (sc);
}

/* Consumes a byte if it is C; says whether it was. */
static gboolean
eat (Scanner *sc, guchar c)
{
  if (at_end (sc) || *sc->p != c)
    return FALSE;
  advance (sc);
  return TRUE;
}

/* ---- string contents ----------------------------------------------------
 * Keys are compared against the token while they are scanned, so no key is
 * ever copied: each unescaped piece is checked against the next bytes of the
 * token as it is produced. */

typedef struct {
  const char *tok;    /* NULL when the caller only wants to skip */
  gsize len;
  gsize matched;      /* token bytes matched so far */
  gboolean equal;     /* no mismatch seen yet */
} KeyMatch;

static void
match_bytes (KeyMatch *m, const char *bytes, gsize n)
{
  if (!m->equal)
    return;
  if (n > m->len - m->matched || memcmp (m->tok + m->matched, bytes, n) != 0) {
    m->equal = FALSE;
    return;
  }
  m->matched += n;
}

/* Reads the 4 hex digits of a \u escape (the "\u" already consumed).
 * Returns -1, consuming nothing, if they are not there. */
static gint32
read_hex4 (Scanner *sc)
{
  gint32 v = 0;

  if (sc->end - sc->p < 4)
    return -1;
  for (int i = 0; i < 4; i++) {
    gint d = g_ascii_xdigit_value (sc->p[i]);
    if (d < 0)
      return -1;
    v = v * 16 + d;
  }
  for (int i = 0; i < 4; i++)
    advance (sc);
  return v;
}

/* A \u escape (the "\u" already consumed), combining a surrogate pair.
 * Returns the code point, or -1 for something jansson would have rejected
 * (bad hex, lone surrogate); such a key cannot equal any token. */
static gint32
read_unicode_escape (Scanner *sc)
{
  gint32 hi = read_hex4 (sc);

  if (hi < 0xD800 || hi > 0xDFFF)
    return hi;                      /* plain code point, or -1 */
  if (hi > 0xDBFF)
    return -1;                      /* low surrogate first */
  /* Only consume the second escape if it is the low half we need, so a
   * broken pair leaves the scanner on a sensible byte. */
  if (sc->end - sc->p < 6 || sc->p[0] != '\\' || sc->p[1] != 'u')
    return -1;
  Scanner look = *sc;
  advance (&look);
  advance (&look);
  gint32 lo = read_hex4 (&look);
  if (lo < 0xDC00 || lo > 0xDFFF)
    return -1;
  *sc = look;
  return 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
}

/* One escape sequence (the backslash already consumed), matched as the
 * UTF-8 bytes it stands for. */
static gboolean
scan_escape (Scanner *sc, KeyMatch *m)
{
  static const char from[] = "\"\\/bfnrt";
  static const char to[] = "\"\\/\b\f\n\r\t";

  if (at_end (sc))
    return FALSE;
  guchar e = *sc->p;
  advance (sc);

  const char *hit = e != '\0' ? strchr (from, e) : NULL;
  if (hit != NULL) {
    match_bytes (m, &to[hit - from], 1);
    return TRUE;
  }
  if (e != 'u') {
    m->equal = FALSE;               /* invalid escape: no key has it */
    return TRUE;
  }
  gint32 cp = read_unicode_escape (sc);
  if (cp < 0) {
    m->equal = FALSE;
    return TRUE;
  }
  gchar utf8[6];
  match_bytes (m, utf8, g_unichar_to_utf8 ((gunichar) cp, utf8));
  return TRUE;
}

/* Scans a string starting at its opening quote.  Returns FALSE if the text
 * ends inside it.  With m->tok set, m->equal then says whether the
 * unescaped contents equal the token. */
static gboolean
scan_string (Scanner *sc, KeyMatch *m)
{
  advance (sc);                     /* the opening quote */
  while (!at_end (sc)) {
    guchar c = *sc->p;
    advance (sc);
    if (c == '"') {
      m->equal = m->equal && m->matched == m->len;
      return TRUE;
    }
    if (c == '\\') {
      if (!scan_escape (sc, m))
        return FALSE;
    } else {
      match_bytes (m, (const char *) &c, 1);
    }
  }
  return FALSE;
}

static gboolean
skip_string (Scanner *sc)
{
  KeyMatch none = { NULL, 0, 0, FALSE };
  return scan_string (sc, &none);
}

/* ---- skipping values ---------------------------------------------------- */

static gboolean
is_delimiter (guchar c)
{
  return strchr ("{}[],:\" \t\r\n", c) != NULL && c != '\0';
}

/* A number, true/false/null, or garbage: everything up to a delimiter.
 * Garbage is skipped like a token because the locator does not judge it. */
static void
skip_bare (Scanner *sc)
{
  do
    advance (sc);
  while (!at_end (sc) && !is_delimiter (*sc->p));
}

/* Skips exactly one value starting at the current byte (whitespace already
 * skipped).  Nesting is tracked with a counter, not recursion, so depth costs
 * nothing.  Brackets are not checked to pair up ('{' may close with ']'):
 * jansson has already rejected such text if the caller got this far.
 * Returns FALSE if there is no value here or the text ends inside it. */
static gboolean
skip_value (Scanner *sc)
{
  gsize depth = 0;

  do {
    skip_ws (sc);
    if (at_end (sc))
      return FALSE;
    switch (*sc->p) {
    case '{':
    case '[':
      advance (sc);
      depth++;
      break;
    case '}':
    case ']':
      if (depth == 0)
        return FALSE;
      advance (sc);
      depth--;
      break;
    case ',':
    case ':':
      if (depth == 0)
        return FALSE;
      advance (sc);
      break;
    case '"':
      if (!skip_string (sc))
        return FALSE;
      break;
    default:
      skip_bare (sc);
      break;
    }
  } while (depth > 0);
  return TRUE;
}

/* After a member or element: consumes the ',' that promises another one.
 * FALSE at the container's end or on anything unexpected. */
static gboolean
next_item (Scanner *sc)
{
  skip_ws (sc);
  if (!eat (sc, ','))
    return FALSE;
  skip_ws (sc);
  return TRUE;
}

/* Whether the scanner is at something that can start a value; a key with
 * nothing after its ':' (or "[1,]") has no value to point at. */
static gboolean
at_value (const Scanner *sc)
{
  return !at_end (sc) && strchr ("}],:", *sc->p) == NULL;
}

/* ---- descending --------------------------------------------------------- */

/* In an object (at its '{'), moves to the value of the first member whose
 * key equals TOKEN. */
static gboolean
enter_member (Scanner *sc, const GString *token)
{
  advance (sc);                     /* '{' */
  skip_ws (sc);
  while (!at_end (sc) && *sc->p == '"') {
    KeyMatch m = { token->str, token->len, 0, TRUE };
    if (!scan_string (sc, &m))
      return FALSE;
    skip_ws (sc);
    if (!eat (sc, ':'))
      return FALSE;
    skip_ws (sc);
    if (m.equal)
      return at_value (sc);
    if (!skip_value (sc) || !next_item (sc))
      return FALSE;
  }
  return FALSE;
}

/* Parses a canonical RFC 6901 array index: "0" or no leading zero. */
static gboolean
parse_index (const GString *token, gsize *index)
{
  guint64 v;

  if (token->len == 0 || (token->str[0] == '0' && token->len > 1))
    return FALSE;
  for (gsize i = 0; i < token->len; i++)
    if (!g_ascii_isdigit (token->str[i]))
      return FALSE;
  if (!g_ascii_string_to_unsigned (token->str, 10, 0, G_MAXSIZE, &v, NULL))
    return FALSE;
  *index = (gsize) v;
  return TRUE;
}

/* In an array (at its '['), moves to the element TOKEN indexes. */
static gboolean
enter_element (Scanner *sc, const GString *token)
{
  gsize index;

  if (!parse_index (token, &index))
    return FALSE;
  advance (sc);                     /* '[' */
  skip_ws (sc);
  for (gsize i = 0; at_value (sc); i++) {
    if (i == index)
      return TRUE;
    if (!skip_value (sc) || !next_item (sc))
      return FALSE;
  }
  return FALSE;
}

/* Copies the pointer token starting at *P into TOKEN, undoing ~1 and ~0,
 * and leaves *P on the '/' that ends it (or the NUL).  A '~' followed by
 * anything else is kept as is: such a pointer is invalid, and taking it
 * literally is as good an answer as any. */
static void
next_token (const char **p, GString *token)
{
  const char *s = *p;

  g_string_truncate (token, 0);
  for (; *s != '\0' && *s != '/'; s++) {
    if (s[0] == '~' && s[1] == '1') {
      g_string_append_c (token, '/');
      s++;
    } else if (s[0] == '~' && s[1] == '0') {
      g_string_append_c (token, '~');
      s++;
    } else {
      g_string_append_c (token, *s);
    }
  }
  *p = s;
}

gboolean
pocsim_json_locate (const char *text, gsize len, const char *pointer,
                    PocsimJsonPos *pos)
{
  g_return_val_if_fail (text != NULL || len == 0, FALSE);
  g_return_val_if_fail (pointer != NULL, FALSE);
  g_return_val_if_fail (pos != NULL, FALSE);

  /* NULL + 0 is undefined behaviour, hence the detour for empty text. */
  const guchar *start = text != NULL ? (const guchar *) text : (const guchar *) "";
  Scanner sc = { start, start + len, 1, 0 };

  skip_ws (&sc);
  *pos = scanner_pos (&sc);
  if (*pointer == '\0')
    return at_value (&sc);
  if (*pointer != '/')
    return FALSE;                   /* not a JSON Pointer */

  g_autoptr (GString) token = g_string_new (NULL);
  while (*pointer == '/') {
    pointer++;
    next_token (&pointer, token);
    gboolean found = FALSE;
    if (!at_end (&sc) && *sc.p == '{')
      found = enter_member (&sc, token);
    else if (!at_end (&sc) && *sc.p == '[')
      found = enter_element (&sc, token);
    if (!found)
      return FALSE;                 /* *pos still holds the parent */
    *pos = scanner_pos (&sc);
  }
  return TRUE;
}

void
pocsim_json_pointer_append_key (GString *pointer, const char *key)
{
  g_return_if_fail (pointer != NULL && key != NULL);

  g_string_append_c (pointer, '/');
  for (const char *s = key; *s != '\0'; s++) {
    if (*s == '~')
      g_string_append (pointer, "~0");
    else if (*s == '/')
      g_string_append (pointer, "~1");
    else
      g_string_append_c (pointer, *s);
  }
}

void
pocsim_json_pointer_append_index (GString *pointer, gsize index)
{
  g_return_if_fail (pointer != NULL);

  g_string_append_printf (pointer, "/%" G_GSIZE_FORMAT, index);
}

char *
pocsim_json_pointer_key (const char *parent, const char *key)
{
  GString *s = g_string_new (parent);
  pocsim_json_pointer_append_key (s, key);
  return g_string_free (s, FALSE);
}

char *
pocsim_json_pointer_index (const char *parent, gsize index)
{
  GString *s = g_string_new (parent);
  pocsim_json_pointer_append_index (s, index);
  return g_string_free (s, FALSE);
}
