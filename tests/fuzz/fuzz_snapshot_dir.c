/* fuzz_snapshot_dir.c - libFuzzer harness for whole snapshot directories
 * (sim/io/snapshot_dir.h, docs/snapshots.md): the directory reader, the
 * case it assembles, and the formation of that case.
 *
 * The input encodes a file tree, written into a fresh directory under
 * /dev/shm (else $TMPDIR) for each run and removed afterwards:
 *
 *   input  = flags epoch entry*
 *   flags  = 1 byte: bit 0 = pass the epoch byte (0-255) as --epoch U
 *   entry  = slot name len_lo len_hi bytes[len]
 *   name   = 1 byte: an index into `names`, or 0xFF then a length byte and
 *            the name itself
 *
 * SLOT picks the file's place (the table `slots` below: manifest, params,
 * epoch, genesis-only params, collateral, commits, previous/root,
 * previous/participants, previous/models/M, current/models/M,
 * delegations/bootstrap/A, delegations/validation/A, an empty delegations
 * folder, a hidden or non-JSON file); NAME picks the model id or address
 * of the file name from `names` (ids that need percent-encoding, bad
 * escapes, names the reader must ignore) or spells it out.  A later entry for the same
 * path replaces the earlier one.  So the fuzzer combines several answers,
 * the three encoders' shapes (from the seeds), model file names and
 * delegation folders.
 *
 * The harness aborts (a crash for libFuzzer) when the reader refuses a
 * directory without an error, with an error of the wrong domain or code, or
 * with a message whose printed line does not name the directory; when it
 * returns a case and an error; or when the formation fails without an error
 * or with an internal one.  Sanitizers catch the rest.
 *
 * Seeds: tests/fuzz/corpus/snapshot_dir/, made from tests/snapshots and
 * tests/cli/snap-* by tests/fuzz/make-snapshot-dir-seeds.py. */
#include <glib.h>
#include <glib/gstdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "io/snapshot_dir.h"
#include "rules/epoch.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* Where each slot's file goes; %s is the NAME (a model id's stem or an address). */
static const char *const slots[] = {
  "manifest.json",
  "params.json",
  "epoch.json",
  "genesis_only_params.json",
  "collateral.json",
  "commits.json",
  "previous/root.json",
  "previous/participants.json",
  "previous/models/%s.json",
  "current/models/%s.json",
  "delegations/bootstrap/%s.json",
  "delegations/validation/%s.json",
  "delegations/bootstrap/",       /* an empty folder: the snapshot exists, no records */
  "delegations/validation/",
  "previous/models/.%s.json",     /* ignored: hidden */
  "delegations/validation/%s.txt", /* ignored: not JSON */
};

/* File name stems: model ids as the layout encodes them, addresses, and
 * names the reader must refuse or ignore. */
static const char *const names[] = {
  "org%2FA",
  "org%2FB",
  "Qwen%2FQwen3-235B-A22B-Instruct-2507-FP8",
  "moonshotai%2FKimi-K2.6",
  "M",
  "gonka1aaa",
  "gonka1bbb",
  "gonka1ccc",
  "%2",     /* a cut escape */
  "%ZZ",    /* not hex */
  "%00",    /* a NUL byte */
  "a%2Fb%2Fc",
  "%41",    /* "A" encoded needlessly */
  "",
  "..",
  "x y",
};

static void
abort_with (const char *what, const GError *error)
{
  fprintf (stderr, "fuzz_snapshot_dir: %s: %s\n", what, error ? error->message : "(no error)");
  abort ();
}

/* A refusal is an input or I/O error naming a file of DIR.  The reader may
 * quote a file name or a value holding a control character; the line the
 * CLI prints escapes it (pocsim_error_one_line), and that line is checked. */
static void
check_refusal (const GError *error, const char *dir)
{
  if (error == NULL)
    abort_with ("refused without an error", NULL);
  if (error->domain != POCSIM_ERROR || (error->code != POCSIM_ERROR_INPUT && error->code != POCSIM_ERROR_IO))
    abort_with ("refused with an unexpected error", error);
  g_autofree char *line = pocsim_error_one_line (error->message);
  if (strncmp (line, dir, strlen (dir)) != 0)
    abort_with ("a message that names no file of the directory", error);
}

static void
remove_tree (const char *path)
{
  GDir *d = g_dir_open (path, 0, NULL);
  if (d != NULL)
    {
      const char *entry;
      while ((entry = g_dir_read_name (d)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, entry, NULL);
          remove_tree (child);
        }
      g_dir_close (d);
    }
  g_remove (path);
}

/* A file name stem: no '/' or NUL can leave the directory or cut the name. */
static char *
spelled_name (const uint8_t *p, size_t n)
{
  GString *s = g_string_sized_new (n);
  for (size_t k = 0; k < n; k++)
    g_string_append_c (s, p[k] == '/' || p[k] == '\0' ? '_' : (char) p[k]);
  return g_string_free (s, FALSE);
}

/* Writes the entries of DATA under DIR, as far as the input goes. */
static void
write_tree (const char *dir, const uint8_t *data, size_t size)
{
  size_t pos = 0;
  while (pos + 2 <= size)
    {
      const char *slot = slots[data[pos] % G_N_ELEMENTS (slots)];
      g_autofree char *name = NULL;
      if (data[pos + 1] == 0xFF)
        {
          size_t n = pos + 2 < size ? data[pos + 2] : 0;
          pos += 3;
          n = MIN (n, size > pos ? size - pos : 0);
          name = spelled_name (data + pos, n);
          pos += n;
        }
      else
        {
          name = g_strdup (names[data[pos + 1] % G_N_ELEMENTS (names)]);
          pos += 2;
        }
      if (pos + 2 > size)
        break;
      size_t len = data[pos] | ((size_t) data[pos + 1] << 8);
      pos += 2;
      len = MIN (len, size - pos);
      g_autofree char *rel = g_strdup_printf (slot, name);
      g_autofree char *path = g_build_filename (dir, rel, NULL);
      g_autofree char *parent = g_path_get_dirname (path);
      g_mkdir_with_parents (parent, 0700);
      if (!g_str_has_suffix (rel, "/"))
        g_file_set_contents (path, (const char *) data + pos, (gssize) len, NULL);
      else
        g_mkdir_with_parents (path, 0700);
      pos += len;
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  if (size < 2)
    return 0;
  gint64 epoch = (data[0] & 1) ? data[1] : -1;
  const char *base = g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR) ? "/dev/shm" : g_get_tmp_dir ();
  g_autofree char *template = g_build_filename (base, "fuzz-snapdir-XXXXXX", NULL);
  char *dir = g_mkdtemp (template);
  if (dir == NULL)
    abort_with ("cannot make a temporary directory", NULL);
  write_tree (dir, data + 2, size - 2);

  GError *error = NULL;
  PocsimSnapshot *s = pocsim_snapshot_read (dir, epoch, &error);
  if (s == NULL)
    check_refusal (error, dir);
  else
    {
      if (error != NULL)
        abort_with ("read and an error", error);
      PocsimCase *c = pocsim_snapshot_to_case (s, NULL, &error);
      if (c == NULL)
        check_refusal (error, dir);
      else
        {
          if (error != NULL)
            abort_with ("a case and an error", error);
          PocsimEpochResult *r = pocsim_epoch_form (c, &error);
          if (r == NULL && (error == NULL || error->code == POCSIM_ERROR_INTERNAL))
            abort_with ("the formation failed", error);
          pocsim_epoch_result_free (r);
          pocsim_case_free (c);
        }
      pocsim_snapshot_free (s);
    }
  g_clear_error (&error);
  remove_tree (dir);
  return 0;
}
