/* fuzz_snapshot.c - libFuzzer harness for the snapshot directory reader's
 * per-file parsers (sim/io/snapshot_dir.h, pocsim_snapshot_parse_file).
 *
 * The first input byte picks the file kind (manifest, params, epoch, root
 * group, model subgroup, /v1 participants, current subgroup, commits,
 * bootstrap or validation delegations, collateral, genesis-only params) and
 * the second whether the file name gives a model id / address; the rest is
 * the file's bytes.  A parse may fail (with a located message); it must
 * never crash, leak or read out of bounds.
 *
 * Build (not part of `make`; from the source tree, after ./configure in
 * BLD for config.h):
 *   clang -fsanitize=fuzzer,address -g -O1 -std=gnu11 -I sim -I BLD \
 *     $(pkg-config --cflags glib-2.0 jansson) \
 *     tests/fuzz/fuzz_snapshot.c sim/io/snapshot_dir.c sim/io/case_json.c sim/io/json_locate.c \
 *     sim/core/case.c sim/core/decimal.c sim/core/ruleset.c sim/core/error.c \
 *     $(pkg-config --libs glib-2.0 jansson) -lgmp -o fuzz_snapshot
 *   ./fuzz_snapshot -max_total_time=60 CORPUS_DIR
 * Seeds: a kind byte, a flag byte, then any file of tests/snapshots or
 * tests/cli/snap-small.  */
#include <glib.h>
#include <stdint.h>
#include <string.h>

#include "io/snapshot_dir.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  if (size < 2)
    return 0;
  PocsimSnapshotFile kind = (PocsimSnapshotFile) (data[0] % POCSIM_SNAPSHOT_N_KINDS);
  const char *arg = NULL;
  if (data[1] & 1)
    arg = (kind == POCSIM_SNAPSHOT_BOOTSTRAP_DELEGATION || kind == POCSIM_SNAPSHOT_VALIDATION_DELEGATION)
              ? "gonka1aaa"
              : "org/A";
  GError *error = NULL;
  if (!pocsim_snapshot_parse_file (kind, (const char *) data + 2, size - 2, "fuzz.json", arg, &error))
    g_clear_error (&error);
  return 0;
}
