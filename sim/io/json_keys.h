/* json_keys.h - the keys an object may have, and "unknown key" errors.
 *
 * Why: a reader that looks up the keys it knows and ignores the rest reads
 * a typo as "absent", and an absent value is usually a plausible default:
 * "colateral" instead of "collateral" gives every host 20 % of its weight
 * with exit 0.  So every object pocsim reads from a user has a table of the
 * keys it may hold, and any other key is an error that names the nearest
 * known key ("did you mean ...?", by edit distance).
 *
 * A table lists names; a name whose value is itself checked says so by its
 * shape and the table of that value, so one call checks a whole document
 * (pocsim_keys_check_tree) while a reader that checks object by object uses
 * pocsim_keys_check.  Values are not type-checked here: the readers do
 * that, with their own messages; a value of the wrong type is skipped.
 *
 * The tables themselves live in io/chain_keys.h (the chain's own field
 * names) and io/format_keys.h (pocsim's formats).
 *
 * Ownership: tables are static and borrowed; a PocsimJsonProblem
 * (io/json_doc.h) owns its strings. */
#pragma once

#include "io/json_doc.h"

typedef struct PocsimKeyTable PocsimKeyTable;

typedef enum {
  POCSIM_KEY_VALUE,            /* any value; not looked into */
  POCSIM_KEY_OBJECT,           /* an object whose keys .table lists */
  POCSIM_KEY_ARRAY,            /* an array of such objects */
  POCSIM_KEY_MAP,              /* an object with free keys (addresses, models), each value such an object */
  POCSIM_KEY_MAP_OF_ARRAYS,    /* free keys, each value an array of such objects */
} PocsimKeyShape;

typedef struct {
  const char *name;
  PocsimKeyShape shape;
  const PocsimKeyTable *table; /* the value's table; NULL for POCSIM_KEY_VALUE */
} PocsimKey;

struct PocsimKeyTable {
  const char *what;            /* the object in messages ("delegation_params"); NULL = the document */
  const char *chain_message;   /* the chain's message the names come from ("DelegationParams"), or NULL */
  const PocsimKey *keys;       /* ends with an entry whose name is NULL */
  const PocsimKeyTable *also;  /* another table whose keys are accepted too, or NULL */
};

/* Whether NAME is a key of TABLE (or of the tables it extends). */
gboolean pocsim_keys_known (const PocsimKeyTable *table, const char *name);

/* The key of TABLE nearest to NAME by edit distance (insertions,
 * deletions, substitutions and swaps of two neighbours each count one),
 * when it is near enough to be a likely typo; else NULL.  Static. */
const char *pocsim_keys_suggest (const PocsimKeyTable *table, const char *name);

/* The nearest of NAMES (NULL-terminated) to NAME, as above; or NULL. */
const char *pocsim_names_suggest (const char *const *names, const char *name);

/* "unknown key \"K\" in WHAT (did you mean \"S\"?)"; new string. */
char *pocsim_keys_unknown_message (const PocsimKeyTable *table, const char *name);

/* Checks the keys of OBJ (not looking into its values) against TABLE.
 * Not an object: TRUE (the reader reports the type).  FALSE with *PROBLEM
 * filled for the first unknown key in document order; the pointer is
 * PARENT + "/" + the key. */
gboolean pocsim_keys_check (const json_t *obj, const PocsimKeyTable *table, const char *parent,
                            PocsimJsonProblem *problem);

/* The same, and then the values the table describes, depth first. */
gboolean pocsim_keys_check_tree (const json_t *obj, const PocsimKeyTable *table, const char *parent,
                                 PocsimJsonProblem *problem);

/* The same for a reader that holds the document's text (io/json_doc.h):
 * FALSE with "NAME:LINE:COL: unknown key ..." in RD's error. */
gboolean pocsim_keys_check_in (PocsimJsonReader *rd, const json_t *obj, const PocsimKeyTable *table,
                               const char *pointer);
