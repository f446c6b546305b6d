/* text_out.c - buffered bytes and hand-formatted integers (text_out.h). */
#include "io/text_out.h"

void
pocsim_text_out_init (PocsimTextOut *o, FILE *stream)
{
  o->stream = stream;
  o->failed = FALSE;
  o->used = 0;
}

void
pocsim_text_out_drain (PocsimTextOut *o)
{
  if (o->used > 0 && !o->failed && fwrite (o->buf, 1, o->used, o->stream) != o->used)
    o->failed = TRUE;
  o->used = 0;
}

gboolean
pocsim_text_out_flush (PocsimTextOut *o)
{
  pocsim_text_out_drain (o);
  return !o->failed;
}

/* "00" "01" ... "99": two digits per division. */
static const char digit_pairs[] =
  "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
  "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
  "8081828384858687888990919293949596979899";

gsize
pocsim_int64_text (gint64 v, char *buf)
{
  char tmp[POCSIM_INT64_TEXT_SIZE];
  char *end = tmp + sizeof tmp, *p = end;
  /* The magnitude as unsigned, so that G_MININT64 needs no special case. */
  guint64 u = v < 0 ? (guint64) 0 - (guint64) v : (guint64) v;
  while (u >= 100)
    {
      guint pair = (guint) (u % 100) * 2;
      u /= 100;
      *--p = digit_pairs[pair + 1];
      *--p = digit_pairs[pair];
    }
  if (u >= 10)
    {
      *--p = digit_pairs[u * 2 + 1];
      *--p = digit_pairs[u * 2];
    }
  else
    *--p = (char) ('0' + u);
  if (v < 0)
    *--p = '-';
  gsize n = (gsize) (end - p);
  memcpy (buf, p, n);
  return n;
}
