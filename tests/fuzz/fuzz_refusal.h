/* fuzz_refusal.h - what the scenario and study harnesses accept as a
 * refusal: an input, I/O or usage error with a message (the CLI prints it
 * on one line: pocsim_error_one_line).  Anything else aborts, which
 * libFuzzer counts as a crash; HARNESS names the harness in the report. */
#pragma once

#include <stdio.h>
#include <stdlib.h>

#include <glib.h>

#include "core/error.h"

static G_GNUC_NORETURN void
fuzz_abort_with (const char *harness, const char *what, const GError *error)
{
  fprintf (stderr, "%s: %s: %s\n", harness, what, error ? error->message : "(no error)");
  abort ();
}

static void
fuzz_check_refusal (const char *harness, const GError *error)
{
  if (error == NULL)
    fuzz_abort_with (harness, "refused without an error", NULL);
  if (error->domain != POCSIM_ERROR || error->code == POCSIM_ERROR_INTERNAL)
    fuzz_abort_with (harness, "refused with an unexpected error", error);
  if (error->message[0] == '\0')
    fuzz_abort_with (harness, "an empty message", error);
}
