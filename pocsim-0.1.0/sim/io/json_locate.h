/* json_locate.h - find where a JSON value sits in its source text.
 *
 * Why: jansson reports line:column for syntax errors but keeps no positions
 * for the values of a document it parsed.  When a document parses but a
 * value is semantically wrong (a negative weight, a wrong type, a duplicate
 * record), pocsim still has to print "pocsim: FILE:LINE:COL: message".  The
 * caller keeps the raw text it gave to jansson, builds an RFC 6901 JSON
 * Pointer to the offending value while walking the json_t tree, and asks this
 * module where that value starts.
 *
 * Position convention (the same as jansson 2.14's json_error_t, so syntax
 * and semantic errors agree):
 *   - line is 1-based; only '\n' ends a line, so in CRLF text the '\r' is
 *     the last column of its line and a lone '\r' does not start a line;
 *   - column is 1-based and counts UTF-8 characters, not bytes: jansson
 *     increments it only on the first byte of a UTF-8 sequence.  A value
 *     after "é" (two bytes) on the same line is one column to the left of
 *     its byte offset.
 * The position is that of the value's first character.  jansson's syntax
 * errors point at the *last* character of the token it choked on; the two
 * coincide for one-character tokens.
 *
 * Ownership: nothing here allocates anything the caller must free, and
 * nothing keeps a pointer to the caller's text or pointer string after the
 * call returns.  The pointer helpers append to a GString the caller owns. */
#pragma once

#include <glib.h>

typedef struct {
  guint line;    /* 1-based */
  guint column;  /* 1-based, in UTF-8 characters (jansson's convention) */
} PocsimJsonPos;

/* Locates the value that POINTER (RFC 6901, "" = the whole document, tokens
 * separated by '/', "~1" = '/', "~0" = '~') designates in TEXT of LEN bytes,
 * and stores the position of its first character in *POS.
 *
 * Object member tokens name the member's value, not its key; keys compare
 * byte-wise after JSON unescaping (\uXXXX included), and for duplicated keys
 * the first one wins.  Array tokens must be canonical decimal indexes ("0",
 * "17"; "-", "01" or "x" never resolve).
 *
 * Returns TRUE if the whole pointer resolved; FALSE if only a prefix did
 * (pos is then the deepest value found; the root is at the first non-space
 * byte, line 1 col 1 when the text starts with it).  Never fails on malformed
 * text: it stops scanning and returns what it has.  TEXT need not be
 * NUL-terminated; POINTER must be.  Memory use does not grow with the
 * nesting depth of TEXT. */
gboolean pocsim_json_locate (const char *text, gsize len, const char *pointer,
                             PocsimJsonPos *pos);

/* Helpers for building pointers: append "/" + the escaped token to POINTER
 * ('~' becomes "~0", '/' becomes "~1", so "Qwen/Qwen3-235B" becomes
 * "/Qwen~1Qwen3-235B"). */
void pocsim_json_pointer_append_key (GString *pointer, const char *key);
void pocsim_json_pointer_append_index (GString *pointer, gsize index);

/* The same, as new strings (g_free): PARENT + "/" + escaped KEY, and
 * PARENT + "/" + INDEX. */
char *pocsim_json_pointer_key (const char *parent, const char *key);
char *pocsim_json_pointer_index (const char *parent, gsize index);
