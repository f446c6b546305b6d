/* json_scan.c - a pull scanner for plain JSON (json_scan.h).
 *
 * The scanner keeps a window [p, end) of the input.  Over a file the window
 * lives in a buffer that is refilled as the scanner reaches its end: the
 * bytes still needed (the token being read, or a key returned to the caller)
 * move to the front and new bytes are read behind them. */
#include "io/json_scan.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "core/decimal.h"

#define FIRST_BUFFER (256 * 1024)
/* Enough for any number or literal the scanner takes, and what follows it. */
#define TOKEN_LOOKAHEAD 32

struct PocsimJsonScan {
  const char *p;      /* next byte */
  const char *end;    /* end of the bytes at hand */
  const char *pin;    /* the first byte a result handed out still needs, or NULL */
  char *buf;          /* over a file: the buffer the window lives in */
  gsize cap;
  int fd;             /* -1 over a text */
  gboolean eof;       /* no more bytes to read */
  GChecksum *hash;
  gboolean gave_up;
  guint depth;        /* containers open */
  guint64 has_items;  /* bit d: the container at depth d + 1 has an item */
};

PocsimJsonScan *
pocsim_json_scan_new_text (const char *text, gsize len)
{
  PocsimJsonScan *s = g_new0 (PocsimJsonScan, 1);
  s->p = text != NULL ? text : "";
  s->end = s->p + (text != NULL ? len : 0);
  s->fd = -1;
  s->eof = TRUE;
  return s;
}

PocsimJsonScan *
pocsim_json_scan_new_fd (int fd, GChecksum *hash)
{
  PocsimJsonScan *s = g_new0 (PocsimJsonScan, 1);
  s->cap = FIRST_BUFFER;
  s->buf = g_malloc (s->cap);
  s->p = s->end = s->buf;
  s->fd = fd;
  s->hash = hash;
  return s;
}

void
pocsim_json_scan_free (PocsimJsonScan *s)
{
  if (s == NULL)
    return;
  g_free (s->buf);
  g_free (s);
}

gboolean
pocsim_json_scan_gave_up (const PocsimJsonScan *s)
{
  return s->gave_up;
}

gboolean
pocsim_json_scan_give_up (PocsimJsonScan *s)
{
  s->gave_up = TRUE;
  return FALSE;
}

/* ---- the window ---- */

/* Reads more bytes behind the window, keeping everything from *KEEP (or
 * from p when KEEP is NULL, and from the pin) and moving *KEEP with it.
 * FALSE at the end of the input (or on a read error, which gives up: the
 * full reader will meet it again and report it). */
static gboolean
more (PocsimJsonScan *s, const char **keep)
{
  if (s->eof || s->gave_up)
    return FALSE;
  const char *from = keep != NULL ? *keep : s->p;
  if (s->pin != NULL && s->pin < from)
    from = s->pin;
  gsize kept = (gsize) (s->end - from);
  gsize at_p = (gsize) (s->p - from);
  gsize at_pin = s->pin != NULL ? (gsize) (s->pin - from) : 0;
  gsize at_keep = keep != NULL ? (gsize) (*keep - from) : 0;
  if (kept > s->cap / 2)
    {
      /* A token as long as half the buffer: make room for it to grow. */
      s->cap *= 2;
      char *bigger = g_malloc (s->cap);
      memcpy (bigger, from, kept);
      g_free (s->buf);
      s->buf = bigger;
    }
  else if (from != s->buf)
    memmove (s->buf, from, kept);
  s->p = s->buf + at_p;
  if (s->pin != NULL)
    s->pin = s->buf + at_pin;
  if (keep != NULL)
    *keep = s->buf + at_keep;
  s->end = s->buf + kept;
  for (;;)
    {
      ssize_t n = read (s->fd, s->buf + kept, s->cap - kept);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          s->eof = TRUE;
          return n < 0 ? pocsim_json_scan_give_up (s) : FALSE;
        }
      if (s->hash != NULL)
        g_checksum_update (s->hash, (const guchar *) s->buf + kept, n);
      s->end += n;
      return TRUE;
    }
}

/* At least N bytes at hand, unless the input ends sooner. */
static void
need (PocsimJsonScan *s, gsize n)
{
  while ((gsize) (s->end - s->p) < n && more (s, NULL))
    ;
}

/* Byte classes: white space as jansson skips it (space, tab, line feed,
 * carriage return), and the bytes a string may hold as they are (printable
 * ASCII but the quote and the backslash: escapes, control characters and
 * UTF-8 make the scanner give up). */
enum { SPACE = 1, PLAIN = 2 };
static const guint8 byte_class[256] = {
  [' '] = SPACE | PLAIN, ['\t'] = SPACE, ['\n'] = SPACE, ['\r'] = SPACE,
  ['!'] = PLAIN, ['#' ... '['] = PLAIN, [']' ... '~'] = PLAIN,
};

/* Skips white space and returns the next byte, or 0 at the end of the
 * input. */
static char
next_byte (PocsimJsonScan *s)
{
  for (;;)
    {
      while (s->p < s->end)
        {
          if (!(byte_class[(guchar) *s->p] & SPACE))
            return *s->p;
          s->p++;
        }
      if (!more (s, NULL))
        return 0;
    }
}

/* Every call starts here: what the previous call handed out is released. */
static gboolean
begin_call (PocsimJsonScan *s)
{
  s->pin = NULL;
  return !s->gave_up;
}

/* ---- tokens ---- */

/* A string at p (its opening quote); *STR points at its bytes. */
static gboolean
read_string (PocsimJsonScan *s, const char **str, gsize *len)
{
  const char *start = s->p + 1;
  gsize n = 0;
  for (;;)
    {
      const char *q = start + n;
      while (q < s->end && (byte_class[(guchar) *q] & PLAIN))
        q++;
      n = (gsize) (q - start);
      if (q < s->end)
        {
          if (*q != '"')
            return pocsim_json_scan_give_up (s);
          *str = start;
          *len = n;
          s->p = q + 1;
          return TRUE;
        }
      if (!more (s, &start))
        return pocsim_json_scan_give_up (s);
    }
}

/* Whether the byte at Q (or the end of the input) may follow a number or a
 * literal: what jansson reads next there must be white space or a
 * separator for the document to be one the scanner takes. */
static gboolean
ends_token (const PocsimJsonScan *s, const char *q)
{
  if (q >= s->end)
    return TRUE; /* need() made sure the input ends here */
  char c = *q;
  return c == ',' || c == '}' || c == ']' || c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

/* -?(0|[1-9][0-9]*) within int64, not followed by a fraction or exponent. */
static gboolean
read_int (PocsimJsonScan *s, gint64 *out)
{
  need (s, TOKEN_LOOKAHEAD);
  const char *q = s->p;
  gboolean negative = q < s->end && *q == '-';
  if (negative)
    q++;
  if (q >= s->end || !g_ascii_isdigit (*q) || (*q == '0' && q + 1 < s->end && g_ascii_isdigit (q[1])))
    return pocsim_json_scan_give_up (s);
  guint64 v = 0;
  guint digits = 0;
  for (; q < s->end && g_ascii_isdigit (*q); q++, digits++)
    {
      if (digits == 19)
        return pocsim_json_scan_give_up (s); /* beyond int64, or too many digits to tell */
      v = v * 10 + (guint64) (*q - '0');
    }
  if (!ends_token (s, q) || v > (guint64) G_MAXINT64 + (negative ? 1 : 0))
    return pocsim_json_scan_give_up (s);
  *out = negative ? (gint64) (0 - v) : (gint64) v;
  s->p = q;
  return TRUE;
}

static gboolean
read_literal (PocsimJsonScan *s, const char *word)
{
  gsize n = strlen (word);
  need (s, TOKEN_LOOKAHEAD);
  if ((gsize) (s->end - s->p) < n || memcmp (s->p, word, n) != 0 || !ends_token (s, s->p + n))
    return pocsim_json_scan_give_up (s);
  s->p += n;
  return TRUE;
}

/* ---- the public calls ---- */

char
pocsim_json_scan_peek (PocsimJsonScan *s)
{
  if (!begin_call (s))
    return 0;
  char c = next_byte (s);
  switch (c)
    {
    case '{':
    case '[':
    case '"':
    case 't':
    case 'f':
    case 'n':
      return c;
    case '-':
    case '0' ... '9':
      return '0';
    default:
      return 0;
    }
}

static gboolean
open_container (PocsimJsonScan *s, char bracket)
{
  if (!begin_call (s))
    return FALSE;
  if (next_byte (s) != bracket || s->depth == POCSIM_JSON_SCAN_MAX_DEPTH)
    return pocsim_json_scan_give_up (s);
  s->p++;
  s->has_items &= ~(G_GUINT64_CONSTANT (1) << s->depth);
  s->depth++;
  return TRUE;
}

/* Before the next item of the open container: FALSE at its end (the
 * closing bracket consumed), else TRUE with the separator consumed. */
static gboolean
next_item (PocsimJsonScan *s, char closing)
{
  guint64 bit = G_GUINT64_CONSTANT (1) << (s->depth - 1);
  char c = next_byte (s);
  if (c == closing)
    {
      s->p++;
      s->depth--;
      return FALSE;
    }
  if (s->has_items & bit)
    {
      if (c != ',')
        return pocsim_json_scan_give_up (s);
      s->p++;
      c = next_byte (s);
      if (c == closing)
        return pocsim_json_scan_give_up (s); /* a trailing comma */
    }
  s->has_items |= bit;
  return c != 0 || pocsim_json_scan_give_up (s);
}

gboolean
pocsim_json_scan_object_open (PocsimJsonScan *s)
{
  return open_container (s, '{');
}

gboolean
pocsim_json_scan_object_next (PocsimJsonScan *s, const char **key, gsize *len)
{
  if (!begin_call (s) || s->depth == 0 || !next_item (s, '}'))
    return FALSE;
  if (*s->p != '"' || !read_string (s, key, len))
    return pocsim_json_scan_give_up (s);
  /* The key stays in the window until the caller's next call. */
  s->pin = *key;
  if (next_byte (s) != ':')
    return pocsim_json_scan_give_up (s);
  s->p++;
  *key = s->pin; /* the window may have moved under it */
  return TRUE;
}

gboolean
pocsim_json_scan_array_open (PocsimJsonScan *s)
{
  return open_container (s, '[');
}

gboolean
pocsim_json_scan_array_next (PocsimJsonScan *s)
{
  return begin_call (s) && s->depth > 0 && next_item (s, ']');
}

gboolean
pocsim_json_scan_string (PocsimJsonScan *s, const char **str, gsize *len)
{
  if (!begin_call (s))
    return FALSE;
  if (next_byte (s) != '"' || !read_string (s, str, len))
    return pocsim_json_scan_give_up (s);
  s->pin = *str;
  return TRUE;
}

gboolean
pocsim_json_scan_int (PocsimJsonScan *s, gint64 *out)
{
  if (!begin_call (s))
    return FALSE;
  next_byte (s);
  return read_int (s, out);
}

gboolean
pocsim_json_scan_bool (PocsimJsonScan *s, gboolean *out)
{
  if (!begin_call (s))
    return FALSE;
  char c = next_byte (s);
  *out = c == 't';
  return read_literal (s, c == 't' ? "true" : "false");
}

gboolean
pocsim_json_scan_null (PocsimJsonScan *s)
{
  if (!begin_call (s))
    return FALSE;
  next_byte (s);
  return read_literal (s, "null");
}

gboolean
pocsim_json_scan_chain_int (PocsimJsonScan *s, gint64 *out)
{
  const char *str;
  gsize len;
  char text[24];
  *out = 0;
  switch (pocsim_json_scan_peek (s))
    {
    case '0':
      return pocsim_json_scan_int (s, out);
    case 'n':
      return pocsim_json_scan_null (s);
    case '"':
      if (!pocsim_json_scan_string (s, &str, &len))
        return FALSE;
      if (len == 0)
        return TRUE;
      if (len >= sizeof text)
        return pocsim_json_scan_give_up (s);
      memcpy (text, str, len);
      text[len] = '\0';
      return pocsim_int64_parse (text, out) || pocsim_json_scan_give_up (s);
    default:
      return pocsim_json_scan_give_up (s);
    }
}

json_t *
pocsim_json_scan_tree (PocsimJsonScan *s)
{
  const char *str;
  gsize len;
  gint64 v;
  gboolean b;
  switch (pocsim_json_scan_peek (s))
    {
    case '{':
      {
        g_autoptr (json_t) obj = json_object ();
        if (!pocsim_json_scan_object_open (s))
          return NULL;
        while (pocsim_json_scan_object_next (s, &str, &len))
          {
            g_autofree char *key = g_strndup (str, len);
            json_t *value = pocsim_json_scan_tree (s);
            if (value == NULL || json_object_get (obj, key) != NULL)
              {
                json_decref (value);
                pocsim_json_scan_give_up (s);
                return NULL;
              }
            json_object_set_new (obj, key, value);
          }
        return s->gave_up ? NULL : g_steal_pointer (&obj);
      }
    case '[':
      {
        g_autoptr (json_t) list = json_array ();
        if (!pocsim_json_scan_array_open (s))
          return NULL;
        while (pocsim_json_scan_array_next (s))
          {
            json_t *value = pocsim_json_scan_tree (s);
            if (value == NULL)
              return NULL;
            json_array_append_new (list, value);
          }
        return s->gave_up ? NULL : g_steal_pointer (&list);
      }
    case '"':
      return pocsim_json_scan_string (s, &str, &len) ? json_stringn (str, len) : NULL;
    case '0':
      return pocsim_json_scan_int (s, &v) ? json_integer (v) : NULL;
    case 't':
    case 'f':
      return pocsim_json_scan_bool (s, &b) ? json_boolean (b) : NULL;
    case 'n':
      return pocsim_json_scan_null (s) ? json_null () : NULL;
    default:
      pocsim_json_scan_give_up (s);
      return NULL;
    }
}

gboolean
pocsim_json_scan_finish (PocsimJsonScan *s)
{
  if (!begin_call (s) || s->depth != 0)
    return FALSE;
  /* A NUL byte is not the end of the input. */
  return next_byte (s) == 0 && s->p == s->end && !s->gave_up;
}
