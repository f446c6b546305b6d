/* case_scan.h - a case document read in one pass by the scanner
 * (io/json_scan.h): its large sections into flat lists (io/case_bulk.h),
 * the rest into a small jansson tree.
 *
 * The scanner takes the shapes that real cases have; anything else (and
 * anything it does not read at all, such as escapes in strings) makes it
 * give up, and the caller reads the document with the full reader
 * (io/case_json.c), which takes every form a case may have and locates
 * every error.  Giving up is never an error.
 *
 * Ownership: returns a new tree and sets *bulk to a new PocsimCaseBulk,
 * both the caller's. */
#pragma once

#include "io/case_bulk.h"
#include "io/json_scan.h"

/* The document's tree without its large sections (an empty object or array
 * stands in for each section set in *bulk), or NULL when the scanner gave
 * up. */
json_t *pocsim_case_scan (PocsimJsonScan *s, PocsimCaseBulk **bulk);
