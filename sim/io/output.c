/* output.c - reports written whole, to a renamed file or, once complete, to
 * a stream (output.h). */
#include "io/output.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/error.h"

typedef enum {
  OUTPUT_STDOUT, /* kept in memory, written to stdout at commit */
  OUTPUT_NODE,   /* kept in memory, written into the existing node at commit */
  OUTPUT_FILE,   /* streamed into a temporary file, renamed at commit */
  OUTPUT_DIRECT, /* stdout or a node after pocsim_output_begin: written through */
} OutputKind;

struct PocsimOutput {
  OutputKind kind;
  FILE *stream;
  char *path;      /* as given; NULL for stdout */
  char *tmp_path;  /* OUTPUT_FILE */
  char *buffer;    /* OUTPUT_STDOUT, OUTPUT_NODE: the memory stream's */
  size_t size;
};

static gboolean write_all (int fd, const char *data, size_t size);

static void
output_free (PocsimOutput *out)
{
  g_free (out->path);
  g_free (out->tmp_path);
  free (out->buffer);
  g_free (out);
}

static gboolean
open_memory (PocsimOutput *out, GError **error)
{
  out->stream = open_memstream (&out->buffer, &out->size);
  if (out->stream == NULL)
    {
      g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_INTERNAL, "cannot keep the report in memory: %s",
                   g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

/* A temporary file beside PATH: mode 0666 less the umask (the kernel
 * applies it), or EXISTING's permission bits when it replaces a file. */
static gboolean
open_temporary (PocsimOutput *out, const struct stat *existing, GError **error)
{
  out->tmp_path = g_strdup_printf ("%s.tmp-XXXXXX", out->path);
  int fd = g_mkstemp_full (out->tmp_path, O_WRONLY | O_CLOEXEC, 0666);
  if (fd >= 0 && existing != NULL && fchmod (fd, existing->st_mode & 07777) != 0)
    {
      int saved = errno;
      close (fd);
      g_unlink (out->tmp_path);
      errno = saved;
      fd = -1;
    }
  if (fd < 0 || (out->stream = fdopen (fd, "w")) == NULL)
    {
      int saved = errno;
      if (fd >= 0)
        {
          close (fd);
          g_unlink (out->tmp_path);
        }
      g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_IO, "%s: cannot create: %s", out->path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

PocsimOutput *
pocsim_output_open (const char *path, GError **error)
{
  PocsimOutput *out = g_new0 (PocsimOutput, 1);
  gboolean ok;
  if (path == NULL || strcmp (path, "-") == 0)
    {
      out->kind = OUTPUT_STDOUT;
      ok = open_memory (out, error);
    }
  else
    {
      out->path = g_strdup (path);
      struct stat st;
      int found = lstat (path, &st) == 0 ? 0 : errno;
      if (found != 0 && found != ENOENT)
        {
          g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_IO, "%s: cannot write: %s", path, g_strerror (found));
          ok = FALSE;
        }
      else if (found == ENOENT)
        {
          out->kind = OUTPUT_FILE;
          ok = open_temporary (out, NULL, error);
        }
      else if (S_ISREG (st.st_mode))
        {
          out->kind = OUTPUT_FILE;
          ok = open_temporary (out, &st, error);
        }
      else if (S_ISDIR (st.st_mode))
        {
          g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_IO, "%s: cannot write: %s", path, g_strerror (EISDIR));
          ok = FALSE;
        }
      else
        {
          /* A FIFO, a device, /dev/stdout or /dev/fd/N, a symbolic link:
           * written into, never replaced by a file of pocsim's. */
          out->kind = OUTPUT_NODE;
          ok = open_memory (out, error);
        }
    }
  if (!ok)
    {
      output_free (out);
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
  return out->kind == OUTPUT_STDOUT && isatty (STDOUT_FILENO);
}

gboolean
pocsim_output_is_file (PocsimOutput *out)
{
  return out->kind == OUTPUT_FILE;
}

gboolean
pocsim_output_path_is_file (const char *path)
{
  struct stat st;
  if (path == NULL || strcmp (path, "-") == 0)
    return FALSE;
  if (lstat (path, &st) != 0)
    return errno == ENOENT;
  return S_ISREG (st.st_mode);
}

/* The descriptor a report kept in memory goes to: stdout, or the node at
 * PATH opened for writing (never replaced).  -1 with errno set. */
static int
open_target (PocsimOutput *out)
{
  if (out->kind == OUTPUT_STDOUT)
    return fflush (stdout) == 0 ? dup (STDOUT_FILENO) : -1;
  return open (out->path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
}

gboolean
pocsim_output_begin (PocsimOutput *out, GError **error)
{
  if (out->kind != OUTPUT_STDOUT && out->kind != OUTPUT_NODE)
    return TRUE;
  int fd = -1;
  FILE *direct = NULL;
  gboolean ok = fclose (out->stream) == 0 && (fd = open_target (out)) >= 0
                && write_all (fd, out->buffer, out->size) && (direct = fdopen (fd, "w")) != NULL;
  int saved = errno;
  out->stream = direct;
  free (out->buffer);
  out->buffer = NULL;
  out->size = 0;
  if (!ok)
    {
      if (fd >= 0)
        close (fd);
      /* Nothing to write to: an empty memory stream keeps commit and abort simple. */
      out->stream = open_memstream (&out->buffer, &out->size);
      g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_IO, "%s: cannot write: %s", out->path ? out->path : "<stdout>",
                   g_strerror (saved));
      return FALSE;
    }
  out->kind = OUTPUT_DIRECT;
  return TRUE;
}

/* Writes all of DATA to FD; errno is set when it returns FALSE. */
static gboolean
write_all (int fd, const char *data, size_t size)
{
  while (size > 0)
    {
      ssize_t n = write (fd, data, size);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          if (n == 0)
            errno = EIO;
          return FALSE;
        }
      data += n;
      size -= (size_t) n;
    }
  return TRUE;
}

/* The report kept in memory, into stdout or the node at PATH. */
static gboolean
commit_memory (PocsimOutput *out, int *saved)
{
  if (fclose (out->stream) != 0)
    {
      *saved = errno;
      return FALSE;
    }
  if (out->kind == OUTPUT_STDOUT)
    {
      gboolean ok = fflush (stdout) == 0 && write_all (STDOUT_FILENO, out->buffer, out->size);
      *saved = errno;
      return ok;
    }
  int fd = open (out->path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  gboolean ok = fd >= 0 && write_all (fd, out->buffer, out->size);
  *saved = errno;
  if (fd >= 0 && close (fd) != 0 && ok)
    {
      ok = FALSE;
      *saved = errno;
    }
  return ok;
}

static gboolean
commit_file (PocsimOutput *out, int *saved)
{
  gboolean ok = fflush (out->stream) == 0 && !ferror (out->stream);
  *saved = errno;
  if (fclose (out->stream) != 0 && ok)
    {
      ok = FALSE;
      *saved = errno;
    }
  if (ok && g_rename (out->tmp_path, out->path) != 0)
    {
      ok = FALSE;
      *saved = errno;
    }
  if (!ok)
    g_unlink (out->tmp_path);
  return ok;
}

/* A report written through: only the last writes are left. */
static gboolean
commit_direct (PocsimOutput *out, int *saved)
{
  gboolean ok = fclose (out->stream) == 0;
  *saved = errno;
  return ok;
}

gboolean
pocsim_output_commit (PocsimOutput *out, GError **error)
{
  int saved = 0;
  gboolean ok = out->kind == OUTPUT_FILE     ? commit_file (out, &saved)
                : out->kind == OUTPUT_DIRECT ? commit_direct (out, &saved)
                                             : commit_memory (out, &saved);
  if (!ok)
    g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_IO, "%s: write error: %s", out->path ? out->path : "<stdout>",
                 g_strerror (saved ? saved : EIO));
  output_free (out);
  return ok;
}

void
pocsim_output_abort (PocsimOutput *out)
{
  if (out == NULL)
    return;
  fclose (out->stream);
  if (out->kind == OUTPUT_FILE)
    g_unlink (out->tmp_path);
  output_free (out);
}

gboolean
pocsim_output_write_text (const char *path, const char *text, GError **error)
{
  PocsimOutput *out = pocsim_output_open (path, error);
  if (out == NULL)
    return FALSE;
  if (fputs (text, pocsim_output_stream (out)) == EOF)
    {
      pocsim_output_abort (out);
      g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_IO, "%s: write error", path);
      return FALSE;
    }
  return pocsim_output_commit (out, error);
}
