/* json_scan.h - a pull scanner for the plain JSON that large inputs are
 * made of, reading a file in pieces or a text in memory.
 *
 * Why: a case of 100,000 hosts is tens of megabytes of JSON.  A jansson
 * tree of it takes about six times the text in memory and most of the time
 * of `pocsim epoch` to build and to free (docs/performance.md).  This
 * scanner hands the reader one value at a time, so that the reader can put
 * numbers straight into the case's arrays and keep nothing else.
 *
 * It reads a strict subset of JSON, the subset that the chain's encoders
 * and pocsim's writers produce: strings of printable ASCII without escapes,
 * integers that fit in int64 (no fraction or exponent), true, false, null,
 * and at most POCSIM_JSON_SCAN_MAX_DEPTH nested containers.  Anything else,
 * valid JSON or not, makes the scanner *give up*: every later call returns
 * FALSE and pocsim_json_scan_gave_up() says so.  A reader that gives up
 * reads the input again with the full jansson reader, which accepts all of
 * JSON and locates every error (io/case_json.c).  So the scanner never
 * reports an error itself, and never needs to agree with jansson on
 * anything but the documents it accepts: for those, the values it returns
 * are the ones jansson's tree would hold (jansson reads "-0" as 0, as here;
 * a duplicate key is the caller's to detect).
 *
 * Strings and keys are returned as pointers into the scanner's buffer,
 * valid until the next call; they are not NUL-terminated.
 *
 * Ownership: pocsim_json_scan_new_*() return a scanner the caller frees
 * (pocsim_json_scan_free, or g_autoptr).  It borrows the text, the file
 * descriptor and the checksum given to it. */
#pragma once

#include <glib.h>

#include "io/json_autoptr.h"

#define POCSIM_JSON_SCAN_MAX_DEPTH 64

typedef struct PocsimJsonScan PocsimJsonScan;

/* The LEN bytes of TEXT, which the caller keeps until the scanner is freed. */
PocsimJsonScan *pocsim_json_scan_new_text (const char *text, gsize len);
/* The bytes read from FD, from where it is to its end; every byte read is
 * also added to HASH when it is not NULL. */
PocsimJsonScan *pocsim_json_scan_new_fd (int fd, GChecksum *hash);
void pocsim_json_scan_free (PocsimJsonScan *s);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PocsimJsonScan, pocsim_json_scan_free)

/* TRUE once the scanner met something outside its subset (or a read
 * error): the input must be read by the full reader. */
gboolean pocsim_json_scan_gave_up (const PocsimJsonScan *s);
/* Gives up on the caller's behalf (the reader met a shape it does not
 * take); always returns FALSE. */
gboolean pocsim_json_scan_give_up (PocsimJsonScan *s);

/* The kind of the next value: '{', '[', '"', '0' (a number), 't', 'f',
 * 'n', or 0 when there is none the scanner takes. */
char pocsim_json_scan_peek (PocsimJsonScan *s);

/* Containers.  After _open, call _next until it returns FALSE: for an
 * object it returns each member's key (then read the value), for an array
 * it says that an element follows (then read it).  FALSE at the end of the
 * container (consumed) or when the scanner gave up. */
gboolean pocsim_json_scan_object_open (PocsimJsonScan *s);
gboolean pocsim_json_scan_object_next (PocsimJsonScan *s, const char **key, gsize *len);
gboolean pocsim_json_scan_array_open (PocsimJsonScan *s);
gboolean pocsim_json_scan_array_next (PocsimJsonScan *s);

/* Scalars; FALSE (and the scanner gives up) when the next value is not one. */
gboolean pocsim_json_scan_string (PocsimJsonScan *s, const char **str, gsize *len);
gboolean pocsim_json_scan_int (PocsimJsonScan *s, gint64 *out);
gboolean pocsim_json_scan_bool (PocsimJsonScan *s, gboolean *out);
gboolean pocsim_json_scan_null (PocsimJsonScan *s);

/* An integer in any of the chain's encoders, as pocsim_json_int() reads
 * it (io/json_doc.h): a number, a decimal string, or null or "" for 0. */
gboolean pocsim_json_scan_chain_int (PocsimJsonScan *s, gint64 *out);

/* The next value, whatever it is, as a jansson tree (new reference), or
 * NULL when the scanner gives up.  Keys repeated in an object give up (the
 * full reader refuses them). */
json_t *pocsim_json_scan_tree (PocsimJsonScan *s);

/* After the document's value: TRUE when only white space follows. */
gboolean pocsim_json_scan_finish (PocsimJsonScan *s);
