/* fuzz_scenario.c - libFuzzer harness for the scenario reader
 * (pocsim_scenario_from_json, docs/scenarios.md) and the first epochs of
 * the replay it starts.
 *
 * The input is a scenario document.  A start given as {"case": FILE} is
 * looked up beside a scenario path that does not exist, so relative names
 * fail to open (an I/O error, one line) instead of reading the build tree.
 * When the scenario reads, the replay runs its first three formations at
 * most: the reader's checks and the replay's handling of what they let
 * through are both exercised, while an input stays fast.
 *
 * The harness aborts (a crash for libFuzzer) when the reader refuses a
 * document without an error, with an error of another domain or an
 * internal one, or with an empty message; when it returns a
 * scenario and an error; or when the replay fails without an error or with
 * an internal one.  Sanitizers catch the rest.
 *
 * Seeds: tests/fuzz/corpus/scenario/ (the scenarios of scenarios/ and
 * tests/cli/, and docs' examples). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "core/error.h"
#include "core/scenario.h"
#include "io/scenario_json.h"
#include "replay/replay.h"
#include "replay/replay_epoch.h"

#include "fuzz_refusal.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

#define HARNESS "fuzz_scenario"
#define NAME "fuzz.json"
#define NOWHERE "/nonexistent-fuzz-dir/" NAME
#define MAX_FORMATIONS 3

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PocsimScenario) s = pocsim_scenario_from_json ((const char *) data, size, NAME, NOWHERE, &error);
  if (s == NULL)
    {
      fuzz_check_refusal (HARNESS, error);
      return 0;
    }
  if (error != NULL)
    fuzz_abort_with (HARNESS, "a scenario and an error", error);
  if (s->last_epoch - s->first_epoch >= POCSIM_SCENARIO_MAX_EPOCHS)
    fuzz_abort_with (HARNESS, "a scenario beyond the replay bound", NULL);
  g_autoptr (PocsimReplay) rp = pocsim_replay_new (s, NULL, &error);
  if (rp == NULL)
    {
      fuzz_check_refusal (HARNESS, error);
      return 0;
    }
  for (int k = 0; k < MAX_FORMATIONS && pocsim_replay_next_epoch (rp) <= s->last_epoch; k++)
    {
      g_autoptr (PocsimReplayEpoch) ep = pocsim_replay_step (rp, &error);
      if (ep == NULL)
        {
          fuzz_check_refusal (HARNESS, error);
          return 0;
        }
    }
  return 0;
}
