/* cli.h - the pocsim command line: a table of subcommands, one file each.
 *
 * Each subcommand gets argv with its own name first and returns an exit
 * code.  Errors are printed once, by the subcommand, as "pocsim: message". */
#pragma once

#include <glib.h>

#include "core/case.h"
#include "io/clock_json.h"

typedef enum {
  POCSIM_EXIT_OK = 0,
  POCSIM_EXIT_CHECK_FAILED = 1, /* an expectation or check failed */
  POCSIM_EXIT_DIFFERENT = 1,    /* pocsim diff: the two formations differ (as diff(1)) */
  POCSIM_EXIT_BAD_INPUT = 2,    /* bad input or usage */
  POCSIM_EXIT_INTERNAL = 3,     /* a bug */
} PocsimExit;

typedef struct {
  const char *name;
  int (*run) (int argc, char **argv);
  const char *summary;
} PocsimSubcommand;

int pocsim_cmd_epoch (int argc, char **argv);
int pocsim_cmd_rules (int argc, char **argv);
int pocsim_cmd_diff (int argc, char **argv);
int pocsim_cmd_run (int argc, char **argv);
int pocsim_cmd_sweep (int argc, char **argv);
int pocsim_cmd_whatif (int argc, char **argv);

/* Report formats shared by the subcommands. */
typedef enum { POCSIM_FORMAT_AUTO, POCSIM_FORMAT_JSON, POCSIM_FORMAT_CSV, POCSIM_FORMAT_TABLE } PocsimFormat;

/* NAME (NULL = auto) into *out; on an unknown name prints the error and
 * returns FALSE. */
gboolean pocsim_cli_parse_format (const char *name, PocsimFormat *out);
int pocsim_cmd_preelig (int argc, char **argv);
int pocsim_cmd_timeline (int argc, char **argv);
int pocsim_cmd_case (int argc, char **argv);
int pocsim_cmd_capture (int argc, char **argv);
int pocsim_cmd_hardware (int argc, char **argv);

/* The hardware data of `pocsim hardware` and `whatif --gpus`: from DIR,
 * else $POCSIM_HARDWARE_DATA, else the installed epoch403 directory, else
 * data/epoch403 beside the program (a pocsim built in its source tree and
 * run uninstalled; a build in another directory has none there). */
typedef struct _PocsimHardwareData PocsimHardwareData;
PocsimHardwareData *pocsim_cli_load_hardware (const char *dir, GError **error);

/* Loads a case argument (io/case_load.h: a case file, a snapshot directory
 * or a participants plan) as pocsim_case_load_traced() does, and warns on
 * stderr about what the input lacks (pocsim_cli_warn_case). */
PocsimCase *pocsim_cli_load_case (const char *path, const char *rules_override, GPtrArray *inputs,
                                  gint64 *snapshot_height, GError **error);
/* The same, then the --set PATH=VALUE SETTINGS (NULL-terminated, may be
 * NULL) applied (io/case_settings.h). */
PocsimCase *pocsim_cli_load_case_with (const char *path, const char *rules_override, char **settings,
                                       GPtrArray *inputs, gint64 *snapshot_height, GError **error);
/* One "pocsim: warning: NAME: ..." line per gap of the input that changes
 * the formation: a snapshot directory captured without collateral while the
 * collateral rule applies. */
void pocsim_cli_warn_case (const PocsimCase *c, const char *name);

/* Prints "pocsim: <message>" to stderr and returns the exit code for it. */
int pocsim_cli_fail (const GError *error);
/* Whether an option's VALUE lies in [MIN, MAX]; if not, prints
 * "pocsim: OPTION VALUE: expected an integer from MIN to MAX" (or ">= MIN"
 * when MAX is G_MAXINT64) and returns FALSE.  Every count option states its
 * limits in its --help and man page, and its own name in its error. */
gboolean pocsim_cli_check_range (const char *option, gint64 value, gint64 min, gint64 max);
/* Parses options; on a usage error prints it and returns FALSE. */
gboolean pocsim_cli_parse (GOptionContext *context, int *argc, char ***argv);

/* RELATIVE (a path below the running pocsim's own directory) when it exists
 * and passes TEST: what a pocsim run from its build tree finds there
 * instead of its installed files.  New string, or NULL. */
char *pocsim_cli_beside_self (const char *relative, GFileTest test);

/* The pocsim-capture program: beside the running pocsim, else installed
 * (cmd_capture.c).  New string. */
char *pocsim_cli_capture_program (void);

/* The chain's clock from a node: runs `pocsim-capture --clock URL` (the
 * HTTP stays in that program) and reads what it prints.  FALSE with the
 * program's message, or why it could not run. */
gboolean pocsim_cli_node_clock (const char *url, PocsimNodeClock *out, GError **error);
