#include "io/output.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "core/error.h"

struct PocsimOutput {
  FILE *stream;
  char *path;      /* final path, NULL for stdout */
  char *tmp_path;
};

PocsimOutput *
pocsim_output_open (const char *path, GError **error)
{
  PocsimOutput *out = g_new0 (PocsimOutput, 1);
  if (path == NULL || strcmp (path, "-") == 0)
    {
      out->stream = stdout;
      return out;
    }
  out->path = g_strdup (path);
  out->tmp_path = g_strdup_printf ("%s.tmp-XXXXXX", path);
  int fd = g_mkstemp (out->tmp_path);
  if (fd < 0 || (out->stream = fdopen (fd, "w")) == NULL)
    {
      g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_IO, "%s: cannot create: %s", path, g_strerror (errno));
      if (fd >= 0)
        close (fd);
      g_free (out->path);
      g_free (out->tmp_path);
      g_free (out);
      return NULL;
    }
  return out;
}

FILE *
pocsim_output_stream (PocsimOutput *out)
{
  return out->stream;
}

gboolean
pocsim_output_is_tty (PocsimOutput *out)
{
  return out->path == NULL && isatty (fileno (stdout));
}

static void
output_free (PocsimOutput *out)
{
  g_free (out->path);
  g_free (out->tmp_path);
  g_free (out);
}

gboolean
pocsim_output_commit (PocsimOutput *out, GError **error)
{
  const char *name = out->path ? out->path : "<stdout>";
  gboolean ok = fflush (out->stream) == 0 && !ferror (out->stream);
  int saved = errno;
  if (out->path != NULL)
    {
      ok = (fclose (out->stream) == 0) && ok;
      saved = ok ? saved : errno;
      if (ok && g_rename (out->tmp_path, out->path) != 0)
        {
          ok = FALSE;
          saved = errno;
        }
      if (!ok)
        g_unlink (out->tmp_path);
    }
  if (!ok)
    g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_IO, "%s: write error: %s", name,
                 g_strerror (saved ? saved : EIO));
  output_free (out);
  return ok;
}

void
pocsim_output_abort (PocsimOutput *out)
{
  if (out == NULL)
    return;
  if (out->path != NULL)
    {
      fclose (out->stream);
      g_unlink (out->tmp_path);
    }
  output_free (out);
}
