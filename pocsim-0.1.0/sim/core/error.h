/* error.h - the one error convention of libpocsim.
 *
 * Fallible functions return gboolean and take GError **error last.  The
 * domain is POCSIM_ERROR; codes say which class of failure it is so the CLI
 * can map them to exit codes (see PocsimExit in cli.h). */
#pragma once

#include <glib.h>

#define POCSIM_ERROR (pocsim_error_quark ())
GQuark pocsim_error_quark (void);

typedef enum {
  POCSIM_ERROR_INPUT,     /* malformed or out-of-range input: exit 2 */
  POCSIM_ERROR_OVERFLOW,  /* an int64 sum or product the chain would refuse: exit 2 */
  POCSIM_ERROR_USAGE,     /* bad command line: exit 2 */
  POCSIM_ERROR_IO,        /* could not read or write a file: exit 2 */
  POCSIM_ERROR_INTERNAL,  /* a bug in pocsim: exit 3 */
} PocsimErrorCode;

/* Checked int64 arithmetic, as the chain's Go code must do it by hand. */
static inline gboolean
pocsim_add_i64 (gint64 a, gint64 b, gint64 *out)
{
  return !__builtin_add_overflow (a, b, out);
}
