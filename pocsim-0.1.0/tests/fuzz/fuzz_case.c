/* fuzz_case.c - libFuzzer harness for the case reader.
 *
 * Feeds arbitrary bytes to pocsim_case_from_json() and, when they make a
 * case, forms the epoch from it: bad input must end in a located error (or a
 * result), never in a crash, a sanitizer report, a leak or a hang.  Built by
 * `./configure --enable-fuzzers CC=clang`; see docs/fuzzing.md. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "core/error.h"
#include "io/case_json.h"
#include "rules/epoch.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

#define NAME "fuzz.json"

/* Whether MESSAGE is one located line: "fuzz.json:LINE:COL: text". */
static gboolean
is_located_line (const char *message)
{
  const char *p = message;
  if (strncmp (p, NAME ":", strlen (NAME ":")) != 0)
    return FALSE;
  p += strlen (NAME ":");
  for (int field = 0; field < 2; field++)
    {
      if (!g_ascii_isdigit (*p) || *p == '0')
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
      if (*p++ != ':')
        return FALSE;
    }
  return *p == ' ' && p[1] != '\0' && strchr (p, '\n') == NULL;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PocsimCase) c = pocsim_case_from_json ((const char *) data, size, NAME, NULL, &error);
  if (c == NULL)
    {
      /* Every refusal is an input error on one located line: anything
       * else (no error set, an internal error, no position) is a bug. */
      if (error == NULL || error->domain != POCSIM_ERROR || error->code != POCSIM_ERROR_INPUT
          || !is_located_line (error->message))
        abort ();
      return 0;
    }
  g_assert (error == NULL);
  g_autoptr (GError) form_error = NULL;
  g_autoptr (PocsimEpochResult) r = pocsim_epoch_form (c, &form_error);
  /* Formation may refuse a case (an int64 overflow), but never as a bug. */
  if (r == NULL && (form_error == NULL || form_error->code == POCSIM_ERROR_INTERNAL))
    abort ();
  return 0;
}
