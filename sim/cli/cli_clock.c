/* cli_clock.c - the chain's clock from a node, through pocsim-capture.
 *
 * pocsim itself never speaks HTTP (cmd_capture.c says why): it runs
 * `pocsim-capture --clock URL` and reads the pocsim-clock/1 document the
 * program prints (io/clock_json.h). */
#include "cli/cli.h"

#include <string.h>
#include <sys/wait.h>

#include "core/error.h"

gboolean
pocsim_cli_node_clock (const char *url, PocsimNodeClock *out, GError **error)
{
  g_autofree char *program = pocsim_cli_capture_program ();
  /* A clock is worth a few seconds, not a capture's patience. */
  char *argv[] = { program, (char *) "--clock", (char *) url, (char *) "--tries", (char *) "2", (char *) "--timeout",
                   (char *) "20", NULL };
  g_autofree char *stdout_text = NULL, *stderr_text = NULL;
  gint status = 0;
  g_autoptr (GError) spawn_error = NULL;
  if (!g_spawn_sync (NULL, argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &stdout_text, &stderr_text, &status, &spawn_error))
    {
      g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_INTERNAL, "--node: cannot run %s: %s (pocsim is not installed "
                   "completely)", program, spawn_error->message);
      return FALSE;
    }
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    {
      /* The program's own message: its last line (notes of retries come
       * before it), without "pocsim: ". */
      g_strstrip (stderr_text);
      const char *last = strrchr (stderr_text, '\n');
      last = last ? last + 1 : stderr_text;
      const char *message = g_str_has_prefix (last, "pocsim: ") ? last + 8 : last;
      g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_IO, "--node %s: %s", url, *message ? message : "the node's clock cannot be read");
      return FALSE;
    }
  g_autofree char *name = g_strdup_printf ("--node %s", url);
  return pocsim_clock_json_read (stdout_text, strlen (stdout_text), name, out, error);
}
