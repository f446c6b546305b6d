/* doc_path.h - a value of a case document, addressed by a parameter path.
 *
 * A path names one value a case carries, as a governance voter names it:
 *
 *   params.delegation_params.w_threshold
 *   params.poc_params.models[MiniMaxAI/MiniMax-M2.7].weight_scale_factor
 *   rules
 *   previous.weights.gonka1abc
 *   previous.voting_powers[MODEL].gonka1abc
 *
 * Keys are separated by '.'; "[X]" selects, in an array of models, the
 * entry whose model_id is X, and in an object the key X (for keys that
 * hold '.' or '/', such as model ids).  Only paths of values pocsim reads
 * are known (pocsim_doc_path_parse refuses any other, suggesting the
 * nearest known name); "params" reaches through the REST answer's
 * {"params": {...}} wrapper.
 *
 * The value is written into the document, which the case reader then reads
 * as any case, so a value it rejects is rejected with its usual message.
 * `pocsim sweep` axes use this module, and so will a `--set PATH=VALUE`
 * option: pocsim_doc_assignment_parse() reads "PATH=VALUE".
 *
 * Ownership: a PocsimDocPath is freed with pocsim_doc_path_free(). */
#pragma once

#include "io/json_autoptr.h"

typedef struct PocsimDocPath PocsimDocPath;

/* What a path's values are: a chain decimal (integers included), a rule
 * set name, or a text. */
typedef enum {
  POCSIM_PATH_DECIMAL,
  POCSIM_PATH_RULE_SET,
  POCSIM_PATH_TEXT,      /* a model id (initial_model_id) */
} PocsimPathValue;

/* Parses TEXT and checks it names a value pocsim reads.  Errors name the
 * path: 'unknown parameter path "params.delegation_params.w_treshold":
 * params.delegation_params has no "w_treshold" (did you mean
 * "w_threshold"?)'.  Returns a new path, or NULL with error set. */
PocsimDocPath *pocsim_doc_path_parse (const char *text, GError **error);
void pocsim_doc_path_free (PocsimDocPath *p);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PocsimDocPath, pocsim_doc_path_free)

/* The path as written. */
const char *pocsim_doc_path_text (const PocsimDocPath *p);
PocsimPathValue pocsim_doc_path_value (const PocsimDocPath *p);

/* Writes VALUE (borrowed) at P in DOC, a case document, creating the
 * objects on the way; a model selected by [X] must exist.  *pointer (may be
 * NULL) gets the JSON Pointer of the value written (new string), for
 * locating the case reader's messages.  FALSE with an error naming the path
 * when the document has no such place. */
gboolean pocsim_doc_path_set (json_t *doc, const PocsimDocPath *p, json_t *value, char **pointer, GError **error);

/* The value at P in DOC (borrowed), or NULL when the document does not
 * hold it. */
json_t *pocsim_doc_path_get (json_t *doc, const PocsimDocPath *p);

/* Reads "PATH=VALUE": the path (checked as pocsim_doc_path_parse checks it)
 * and the value as text ("" unsets it, as in any case).  A rule set path
 * takes a rule set name; every other a chain decimal ("0.2", "3"). */
gboolean pocsim_doc_assignment_parse (const char *text, PocsimDocPath **path, char **value, GError **error);

/* Checks VALUE suits P: a known rule set name, or a chain decimal.  The
 * case reader checks the rest (range, integer-ness) when it reads the
 * document. */
gboolean pocsim_doc_path_check_value (const PocsimDocPath *p, const char *value, GError **error);

/* Where the values written into a case document came from, so that the
 * case reader's message about one names its origin (a study's axis, a
 * --set option): POINTERS[k] (char *) is the JSON Pointer written, WHERES[k]
 * (char *) its origin, BASE the document's own name for everything else.
 * The arrays belong to the caller. */
typedef struct {
  GPtrArray *pointers;
  GPtrArray *wheres;
  const char *base;
} PocsimDocWritten;

/* A PocsimCaseLocateFunc (io/case_json.h) over a PocsimDocWritten: the
 * origin of the value at POINTER or below it, else BASE.  New string. */
char *pocsim_doc_written_locate (const char *pointer, gpointer written);
