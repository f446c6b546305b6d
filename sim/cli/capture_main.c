/* capture_main.c - the pocsim-capture program behind `pocsim capture`: save
 * a node's snapshot directory.
 *
 * The only program linked with the HTTP library: `pocsim capture` runs it
 * (cmd_capture.c), so every other command starts without libcurl and the
 * libraries it pulls in (docs/dependencies.md). */
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/error.h"
#include "io/capture.h"

typedef struct {
  gboolean tty;      /* progress line on stderr */
  gboolean on_line;  /* a progress line is showing */
  volatile sig_atomic_t *signalled;
} Ui;

static void
show_progress (guint done, guint total, gpointer user_data)
{
  Ui *ui = user_data;
  if (!ui->tty)
    return;
  if (total > 0)
    fprintf (stderr, "\rfetched %u/%u files\033[K", done, total);
  else
    fprintf (stderr, "\rfetched %u files\033[K", done);
  ui->on_line = TRUE;
}

static void
show_notice (const char *message, gpointer user_data)
{
  Ui *ui = user_data;
  if (ui->on_line)
    fputs ("\r\033[K", stderr);
  fprintf (stderr, "pocsim: note: %s\n", message);
  ui->on_line = FALSE;
}

/* A signal only sets this flag; the capture sees it, stops the running
 * request and removes its partial directory. */
static volatile sig_atomic_t caught_signal;

static void
on_signal (int sig)
{
  caught_signal = sig;
}

static gboolean
parse_i64 (const char *opt, const char *text, gint64 min, gint64 max, gint64 *out)
{
  guint64 v;
  if (text == NULL)
    return TRUE;
  if (!g_ascii_string_to_unsigned (text, 10, (guint64) min, (guint64) max, &v, NULL))
    {
      fprintf (stderr, "pocsim: %s '%s': expected an integer ", opt, text);
      if (max == G_MAXINT64)
        fprintf (stderr, ">= %" G_GINT64_FORMAT "\n", min);
      else
        fprintf (stderr, "from %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT "\n", min, max);
      return FALSE;
    }
  *out = (gint64) v;
  return TRUE;
}

/* --clock: the pocsim-clock/1 document on stdout. */
static int
print_clock (const PocsimCaptureOptions *o, gint64 sample)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *doc = pocsim_capture_clock (o, sample, &error);
  pocsim_capture_global_cleanup ();
  if (doc == NULL)
    return pocsim_cli_fail (error);
  if (printf ("%s\n", doc) < 0 || fflush (stdout) != 0)
    {
      fprintf (stderr, "pocsim: <stdout>: write error\n");
      return POCSIM_EXIT_BAD_INPUT;
    }
  return POCSIM_EXIT_OK;
}

static int
capture (int argc, char **argv)
{
  g_autofree char *node = NULL, *out = NULL, *height = NULL, *epoch = NULL;
  g_autofree char *timeout = NULL, *connect_timeout = NULL, *tries = NULL, *rest_prefix = NULL;
  g_autofree char *clock = NULL, *clock_blocks = NULL;
  gboolean force = FALSE;
  /* Keep in step with docs/pocsim-capture.1 and docs/capture.md. */
  GOptionEntry entries[] = {
    { "node", 'n', 0, G_OPTION_ARG_STRING, &node, "Node base URL (required), e.g. http://node1.example:8000", "URL" },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, "Snapshot directory to create (required; must not exist)", "DIR" },
    { "height", 0, 0, G_OPTION_ARG_STRING, &height, "Read the chain as of block H (default: latest)", "H" },
    { "epoch", 0, 0, G_OPTION_ARG_STRING, &epoch, "Upcoming epoch U (default: effective epoch + 1)", "U" },
    { "rest-prefix", 0, 0, G_OPTION_ARG_STRING, &rest_prefix,
      "Path of the REST API under URL (default /chain-api; '' for port 1317)", "P" },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, "Replace DIR if it is a snapshot directory", NULL },
    { "timeout", 0, 0, G_OPTION_ARG_STRING, &timeout, "Seconds per request, all included, 1 to 86400 (default 60)", "S" },
    { "connect-timeout", 0, 0, G_OPTION_ARG_STRING, &connect_timeout, "Seconds to connect, 1 to 86400 (default 10)", "S" },
    { "tries", 0, 0, G_OPTION_ARG_STRING, &tries,
      "Attempts per request on HTTP 429/502/503/504, a network error or a timeout: 1 to 100 (default 5)", "N" },
    { "clock", 0, 0, G_OPTION_ARG_STRING, &clock,
      "Instead of a capture: print the node's latest block, an earlier one and its epoch_info (pocsim-clock/1 JSON)",
      "URL" },
    { "clock-blocks", 0, 0, G_OPTION_ARG_STRING, &clock_blocks,
      "With --clock: how many blocks before the latest the earlier one is, 1 to 1000000 (default 1000)", "N" },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("- save a node's snapshot directory for one formation");
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (
      context,
      "Fetches from the node's REST API (/chain-api) what the formation of upcoming\n"
      "epoch U needs, into DIR (docs/capture.md): params.json, epoch.json,\n"
      "genesis_only_params.json (if served), previous/root.json, previous/models/ID.json,\n"
      "previous/excluded.json, commits.json, models.json, collateral/ADDR.json and\n"
      "hardware/ADDR.json (for every participant that has any), current/root.json once\n"
      "U's PoC has started, current/models/ID.json once U is formed,\n"
      "delegations/bootstrap/ADDR.json (at poc_start(U) - deploy_window) and\n"
      "delegations/validation/ADDR.json (at validation start); from the node's /v1 API\n"
      "previous/participants.json; and manifest.json (URL, height, SHA-256 and size of\n"
      "every file).  Historical state is read with the x-cosmos-block-height header:\n"
      "an archive node is needed for old epochs.\n\n"
      "DIR appears only when complete: files go to DIR.partial-XXXXXX beside it,\n"
      "renamed at the end.  An error or SIGINT/SIGTERM removes the partial directory;\n"
      "after kill -9 it may remain and is ignored (delete it).\n\n"
      "With --clock URL it captures nothing: it prints the node's latest block height\n"
      "and time, those of the block --clock-blocks before it, and the node's\n"
      "epoch_info, for `pocsim timeline --node` and `pocsim whatif --node`.\n\n"
      "Exit status: 0 ok, 2 usage, HTTP or network error, 3 internal error;\n"
      "killed by the signal on SIGINT/SIGTERM.\n");
  if (!pocsim_cli_parse (context, &argc, &argv))
    return POCSIM_EXIT_BAD_INPUT;
  if (argc != 1)
    {
      fprintf (stderr, "pocsim: capture takes no arguments, got '%s' (see --help)\n", argv[1]);
      return POCSIM_EXIT_BAD_INPUT;
    }
  if (clock == NULL && (node == NULL || out == NULL))
    {
      fprintf (stderr, "pocsim: capture needs --node URL and --out DIR (see --help)\n");
      return POCSIM_EXIT_BAD_INPUT;
    }
  if (clock != NULL && (node != NULL || out != NULL || height != NULL || epoch != NULL || force))
    {
      fprintf (stderr, "pocsim: --clock URL reads the node's clock only: it takes no --node, --out, --height, "
                       "--epoch or --force\n");
      return POCSIM_EXIT_BAD_INPUT;
    }
  PocsimCaptureOptions o;
  pocsim_capture_options_init (&o);
  gint64 timeout_s = 60, connect_s = 10, tries_n = 5, sample = 1000;
  if (!parse_i64 ("--clock-blocks", clock_blocks, 1, 1000000, &sample)
      || !parse_i64 ("--height", height, 1, G_MAXINT64, &o.height)
      || !parse_i64 ("--epoch", epoch, 2, G_MAXINT64, &o.epoch)
      || !parse_i64 ("--timeout", timeout, 1, 86400, &timeout_s)
      || !parse_i64 ("--connect-timeout", connect_timeout, 1, 86400, &connect_s)
      || !parse_i64 ("--tries", tries, 1, 100, &tries_n))
    return POCSIM_EXIT_BAD_INPUT;
  o.node = clock ? clock : node;
  o.rest_prefix = rest_prefix;
  o.out_dir = out;
  o.force = force;
  o.timeout_ms = (long) timeout_s * 1000;
  o.connect_timeout_ms = (long) connect_s * 1000;
  o.tries = (guint) tries_n;
  Ui ui = { .tty = isatty (STDERR_FILENO) };
  o.progress = show_progress;
  o.notice = show_notice;
  o.user_data = &ui;
  o.cancel = &caught_signal;

  struct sigaction sa = { 0 }, old_int, old_term;
  sa.sa_handler = on_signal;
  sigemptyset (&sa.sa_mask);
  sigaction (SIGINT, &sa, &old_int);
  sigaction (SIGTERM, &sa, &old_term);
  /* A signal ignored by the caller (SIGINT of a background job) stays so. */
  if (old_int.sa_handler == SIG_IGN)
    sigaction (SIGINT, &old_int, NULL);
  if (old_term.sa_handler == SIG_IGN)
    sigaction (SIGTERM, &old_term, NULL);

  if (!pocsim_capture_global_init ())
    {
      fprintf (stderr, "pocsim: cannot initialise libcurl\n");
      return POCSIM_EXIT_INTERNAL;
    }
  g_autoptr (GError) error = NULL;
  if (clock != NULL)
    return print_clock (&o, sample);
  gboolean ok = pocsim_capture_run (&o, &error);
  pocsim_capture_global_cleanup ();
  if (ui.on_line)
    fputs (ok ? "\n" : "\r\033[K", stderr);

  int sig = caught_signal;
  if (sig != 0 && !ok)
    {
      fprintf (stderr, "pocsim: interrupted; %s not written\n", out);
      /* Die of the signal, as the shell expects. */
      sigaction (SIGINT, &old_int, NULL);
      sigaction (SIGTERM, &old_term, NULL);
      signal (sig, SIG_DFL);
      raise (sig);
      return POCSIM_EXIT_BAD_INPUT;
    }
  if (!ok)
    return pocsim_cli_fail (error);
  return POCSIM_EXIT_OK;
}

int
main (int argc, char **argv)
{
  /* As pocsim itself: output must not depend on the user's locale. */
  setlocale (LC_ALL, "C");
  /* Usage lines name the command the user typed. */
  g_set_prgname ("pocsim capture");
  return capture (argc, argv);
}
