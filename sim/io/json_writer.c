/* json_writer.c - JSON as a stream, in jansson's indented layout
 * (json_writer.h). */
#include "io/json_writer.h"

#define INDENT 2

PocsimJsonWriter *
pocsim_json_writer_new (FILE *stream)
{
  PocsimJsonWriter *w = g_new (PocsimJsonWriter, 1);
  pocsim_text_out_init (&w->out, stream);
  w->depth = 0;
  w->empty = FALSE;
  w->after_key = FALSE;
  return w;
}

gboolean
pocsim_json_writer_finish (PocsimJsonWriter *w)
{
  pocsim_text_out_char (&w->out, '\n');
  return pocsim_text_out_flush (&w->out);
}

void
pocsim_json_writer_free (PocsimJsonWriter *w)
{
  g_free (w);
}

/* A line break and the indentation of DEPTH levels. */
static void
new_line (PocsimJsonWriter *w, guint depth)
{
  static const char spaces[] = "                                ";
  pocsim_text_out_char (&w->out, '\n');
  for (gsize n = (gsize) depth * INDENT; n > 0;)
    {
      gsize k = MIN (n, sizeof spaces - 1);
      pocsim_text_out_bytes (&w->out, spaces, k);
      n -= k;
    }
}

/* What comes before an item of the open container: nothing after a key,
 * else a line break (after a comma unless it is the first item). */
static void
begin_item (PocsimJsonWriter *w)
{
  if (w->after_key)
    {
      w->after_key = FALSE;
      return;
    }
  if (w->depth == 0)
    return;
  if (!w->empty)
    pocsim_text_out_char (&w->out, ',');
  w->empty = FALSE;
  new_line (w, w->depth);
}

static void
open_container (PocsimJsonWriter *w, char bracket)
{
  begin_item (w);
  pocsim_text_out_char (&w->out, bracket);
  w->depth++;
  w->empty = TRUE;
}

static void
close_container (PocsimJsonWriter *w, char bracket)
{
  w->depth--;
  if (!w->empty)
    new_line (w, w->depth);
  pocsim_text_out_char (&w->out, bracket);
  w->empty = FALSE; /* the container was an item of its parent */
}

void
pocsim_json_object_open (PocsimJsonWriter *w)
{
  open_container (w, '{');
}

void
pocsim_json_object_close (PocsimJsonWriter *w)
{
  close_container (w, '}');
}

void
pocsim_json_array_open (PocsimJsonWriter *w)
{
  open_container (w, '[');
}

void
pocsim_json_array_close (PocsimJsonWriter *w)
{
  close_container (w, ']');
}

/* S quoted and escaped as jansson's dump_string escapes it. */
static void
quoted (PocsimJsonWriter *w, const char *s)
{
  PocsimTextOut *o = &w->out;
  pocsim_text_out_char (o, '"');
  const char *run = s;
  for (const guchar *p = (const guchar *) s;; p++)
    {
      guchar c = *p;
      if (c >= 0x20 && c != '"' && c != '\\')
        continue;
      pocsim_text_out_bytes (o, run, (gsize) ((const char *) p - run));
      if (c == '\0')
        break;
      run = (const char *) p + 1;
      switch (c)
        {
        case '"': pocsim_text_out_bytes (o, "\\\"", 2); break;
        case '\\': pocsim_text_out_bytes (o, "\\\\", 2); break;
        case '\b': pocsim_text_out_bytes (o, "\\b", 2); break;
        case '\f': pocsim_text_out_bytes (o, "\\f", 2); break;
        case '\n': pocsim_text_out_bytes (o, "\\n", 2); break;
        case '\r': pocsim_text_out_bytes (o, "\\r", 2); break;
        case '\t': pocsim_text_out_bytes (o, "\\t", 2); break;
        default:
          {
            static const char hex[] = "0123456789ABCDEF";
            char esc[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15] };
            pocsim_text_out_bytes (o, esc, sizeof esc);
          }
        }
    }
  pocsim_text_out_char (o, '"');
}

void
pocsim_json_key (PocsimJsonWriter *w, const char *key)
{
  begin_item (w);
  quoted (w, key);
  pocsim_text_out_bytes (&w->out, ": ", 2);
  w->after_key = TRUE;
}

void
pocsim_json_put_string (PocsimJsonWriter *w, const char *s)
{
  if (s == NULL)
    {
      pocsim_json_put_null (w);
      return;
    }
  begin_item (w);
  quoted (w, s);
}

void
pocsim_json_put_int (PocsimJsonWriter *w, gint64 v)
{
  begin_item (w);
  pocsim_text_out_int (&w->out, v);
}

void
pocsim_json_put_bool (PocsimJsonWriter *w, gboolean v)
{
  begin_item (w);
  if (v)
    pocsim_text_out_bytes (&w->out, "true", 4);
  else
    pocsim_text_out_bytes (&w->out, "false", 5);
}

void
pocsim_json_put_null (PocsimJsonWriter *w)
{
  begin_item (w);
  pocsim_text_out_bytes (&w->out, "null", 4);
}

void
pocsim_json_put_dec (PocsimJsonWriter *w, PocsimDec d)
{
  char buf[POCSIM_DEC_FORMAT_SIZE];
  begin_item (w);
  pocsim_text_out_char (&w->out, '"');
  pocsim_text_out_str (&w->out, pocsim_dec_format (d, buf));
  pocsim_text_out_char (&w->out, '"');
}

void
pocsim_json_member_string (PocsimJsonWriter *w, const char *key, const char *s)
{
  pocsim_json_key (w, key);
  pocsim_json_put_string (w, s);
}

void
pocsim_json_member_int (PocsimJsonWriter *w, const char *key, gint64 v)
{
  pocsim_json_key (w, key);
  pocsim_json_put_int (w, v);
}

void
pocsim_json_member_bool (PocsimJsonWriter *w, const char *key, gboolean v)
{
  pocsim_json_key (w, key);
  pocsim_json_put_bool (w, v);
}

void
pocsim_json_member_null (PocsimJsonWriter *w, const char *key)
{
  pocsim_json_key (w, key);
  pocsim_json_put_null (w);
}

void
pocsim_json_member_int_or_null (PocsimJsonWriter *w, const char *key, gboolean present, gint64 v)
{
  pocsim_json_key (w, key);
  if (present)
    pocsim_json_put_int (w, v);
  else
    pocsim_json_put_null (w);
}

void
pocsim_json_member_dec (PocsimJsonWriter *w, const char *key, PocsimDec d)
{
  pocsim_json_key (w, key);
  pocsim_json_put_dec (w, d);
}

void
pocsim_json_member_object (PocsimJsonWriter *w, const char *key)
{
  pocsim_json_key (w, key);
  pocsim_json_object_open (w);
}

void
pocsim_json_member_array (PocsimJsonWriter *w, const char *key)
{
  pocsim_json_key (w, key);
  pocsim_json_array_open (w);
}
