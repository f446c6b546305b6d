#include "core/error.h"

#include <string.h>

G_DEFINE_QUARK (pocsim-error-quark, pocsim_error)

char *
pocsim_error_one_line (const char *message)
{
  GString *out = g_string_sized_new (strlen (message));
  for (const guchar *p = (const guchar *) message; *p != '\0'; p++)
    {
      if (*p == '\n')
        g_string_append (out, "\\n");
      else if (*p == '\r')
        g_string_append (out, "\\r");
      else if (*p == '\t')
        g_string_append (out, "\\t");
      else if (*p < 0x20 || *p == 0x7f)
        g_string_append_printf (out, "\\x%02x", *p);
      else
        g_string_append_c (out, (char) *p);
    }
  return g_string_free (out, FALSE);
}
