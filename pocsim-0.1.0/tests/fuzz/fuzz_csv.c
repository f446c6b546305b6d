/* fuzz_csv.c - libFuzzer harness for the participants plan reader.
 *
 * Feeds arbitrary bytes to pocsim_plan_parse() and, when they parse, maps
 * the plan with a fixed params object through pocsim_plan_case_json() and
 * the case reader.  Not part of the build.  From the source directory:
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Isim tests/fuzz/fuzz_csv.c \
 *     $(find sim -name '*.c' ! -name cli.c ! -name 'cmd_*') -DPOCSIM_VERSION='"fuzz"' \
 *     $(pkg-config --cflags --libs glib-2.0 jansson gsl) -lcsv -lgmp -o fuzz_csv
 *   mkdir -p corpus && cp tests/cli/plan-*.csv corpus/ && ./fuzz_csv -max_total_time=60 corpus
 */
#include <stdint.h>
#include <string.h>

#include "io/case_csv.h"
#include "io/case_json.h"

static const char params[] = "{\"delegation_params\": {\"initial_model_id\": \"m1\", \"v_min\": \"1\"},"
                             " \"poc_params\": {\"models\": [{\"model_id\": \"m1\"}, {\"model_id\": \"m2\"}]}}";

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  GError *error = NULL;
  PocsimPlan *plan = pocsim_plan_parse ((const char *) data, size, "fuzz.csv", &error);
  if (plan == NULL)
    {
      g_assert (error != NULL && strncmp (error->message, "fuzz.csv:", 9) == 0);
      g_error_free (error);
      return 0;
    }
  char *doc = pocsim_plan_case_json (plan, params, sizeof params - 1, "params.json", &error);
  if (doc != NULL)
    {
      PocsimCase *c = pocsim_case_from_json (doc, strlen (doc), "doc", NULL, &error);
      pocsim_case_free (c);
      g_free (doc);
    }
  g_clear_error (&error);
  pocsim_plan_free (plan);
  return 0;
}
