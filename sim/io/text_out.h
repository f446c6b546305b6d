/* text_out.h - bytes written to a FILE through a large buffer, and
 * integers formatted without printf.
 *
 * Why: a report of 100,000 hosts is millions of small pieces (a comma, a
 * key, a number).  Handing each one to stdio costs a locked call per piece
 * and formatting each integer through printf costs a format-string parse
 * per number; together they were most of the time of writing a result
 * (docs/performance.md).  Here pieces go into a 64 KiB buffer that reaches
 * the FILE in large writes, and integers are formatted by hand, in the C
 * locale's digits whatever the process's locale says.
 *
 * A failed write is remembered: later pieces are dropped and
 * pocsim_text_out_flush() returns FALSE, so a writer checks once at the
 * end.  Nothing here allocates. */
#pragma once

#include <glib.h>
#include <stdio.h>
#include <string.h>

#define POCSIM_TEXT_OUT_BUFFER 65536

/* The longest gint64 in decimal: "-9223372036854775808". */
#define POCSIM_INT64_TEXT_SIZE 21

typedef struct {
  FILE *stream;
  gboolean failed; /* a write failed: everything after it is dropped */
  gsize used;
  char buf[POCSIM_TEXT_OUT_BUFFER];
} PocsimTextOut;

void pocsim_text_out_init (PocsimTextOut *o, FILE *stream);

/* Hands the buffered bytes to the FILE (not fflush: the FILE keeps its own
 * buffering).  FALSE if any write so far failed. */
gboolean pocsim_text_out_flush (PocsimTextOut *o);

/* Writes V in decimal into BUF (POCSIM_INT64_TEXT_SIZE bytes, not
 * NUL-terminated) and returns the number of bytes. */
gsize pocsim_int64_text (gint64 v, char *buf);

/* Makes room by writing the buffer out; for the inline functions below. */
void pocsim_text_out_drain (PocsimTextOut *o);

static inline void
pocsim_text_out_bytes (PocsimTextOut *o, const char *bytes, gsize n)
{
  if (G_UNLIKELY (n > sizeof o->buf - o->used))
    {
      pocsim_text_out_drain (o);
      if (n > sizeof o->buf)
        {
          if (!o->failed && fwrite (bytes, 1, n, o->stream) != n)
            o->failed = TRUE;
          return;
        }
    }
  memcpy (o->buf + o->used, bytes, n);
  o->used += n;
}

static inline void
pocsim_text_out_str (PocsimTextOut *o, const char *s)
{
  pocsim_text_out_bytes (o, s, strlen (s));
}

static inline void
pocsim_text_out_char (PocsimTextOut *o, char c)
{
  if (G_UNLIKELY (o->used == sizeof o->buf))
    pocsim_text_out_drain (o);
  o->buf[o->used++] = c;
}

static inline void
pocsim_text_out_int (PocsimTextOut *o, gint64 v)
{
  if (G_UNLIKELY (sizeof o->buf - o->used < POCSIM_INT64_TEXT_SIZE))
    pocsim_text_out_drain (o);
  o->used += pocsim_int64_text (v, o->buf + o->used);
}
