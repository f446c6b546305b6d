/* case_bulk.h - the large sections of a case document as flat lists
 * (inside io/: the case scanner fills them, the case reader applies them).
 *
 * Why: the sections that grow with the network (weights, voting powers,
 * PoC, snapshot records, commits, collateral, nodes) are most of a case's
 * text.  The scanner (io/case_scan.h) reads them into these lists, with
 * each address and model id stored once and named by a number, and puts
 * only the rest of the document (params and the like) into a small jansson
 * tree.  The case reader (io/case_json.c) reads that tree as it reads any
 * case and takes the sections below from here instead, applying to them
 * the checks it applies to the same sections of a tree.
 *
 * A section's list is NULL when the tree holds the section instead (it
 * was missing, or not of the shape the scanner reads); the tree then holds
 * an empty object or array in its place when the list is set.  Entries are
 * in document order.
 *
 * Ownership: a PocsimCaseBulk owns its lists and strings
 * (pocsim_case_bulk_free, or g_autoptr). */
#pragma once

#include <glib.h>

/* A name (an address or a model id) by its number in PocsimCaseBulk.names. */
typedef guint32 PocsimNameId;
#define POCSIM_NO_NAME G_MAXUINT32

/* What a name was seen as (PocsimCaseBulk.roles); it may be both. */
enum {
  POCSIM_NAME_ADDR = 1 << 0,
  POCSIM_NAME_MODEL = 1 << 1,
};

/* {ADDR: integer} */
typedef struct {
  PocsimNameId addr;
  gint64 value;
} PocsimBulkAddrValue;

/* One (model, address) entry of {MODEL: {ADDR: value}}: an integer, or a
 * text (previous.node_ids; "" for null). */
typedef struct {
  PocsimNameId model;
  PocsimNameId addr;
  union {
    gint64 value;
    const char *text;
  };
} PocsimBulkCell;

/* {MODEL: {ADDR: value}}: every model key in order (a model may have no
 * entries), and the entries. */
typedef struct {
  GArray *models; /* PocsimNameId */
  GArray *cells;  /* PocsimBulkCell */
} PocsimBulkModelMap;

/* A snapshot record or a commit: model_id, the address field (delegator or
 * participant) and, for a delegation, delegate_to (POCSIM_NO_NAME when it
 * is missing, null or ""). */
typedef struct {
  PocsimNameId model;
  PocsimNameId addr;
  PocsimNameId target;
} PocsimBulkRecord;

/* One entry of poc_nodes[ADDR]. */
typedef struct {
  PocsimNameId addr;
  PocsimNameId model;
  const char *node_id; /* "" for null */
  gint64 poc_weight;
  gboolean preserved;
} PocsimBulkPocNode;

/* One (node, model) pair of hardware_nodes[ADDR]; the model is a text, not
 * a name: a model only hardware records mention is not one of the case's. */
typedef struct {
  PocsimNameId addr;
  const char *node_id;
  const char *model;
} PocsimBulkHardware;

typedef struct {
  GPtrArray *names;   /* PocsimNameId -> NUL-terminated name */
  GArray *roles;      /* PocsimNameId -> guint8 POCSIM_NAME_* */
  GStringChunk *strings;

  GArray *prev_weights;              /* PocsimBulkAddrValue */
  PocsimBulkModelMap *prev_voting_powers;
  PocsimBulkModelMap *prev_poc;
  PocsimBulkModelMap *prev_nodes;
  PocsimBulkModelMap *prev_node_ids; /* texts */
  GArray *prev_confirmation_weights; /* PocsimBulkAddrValue */
  GArray *prev_cap_weights;          /* PocsimBulkAddrValue */
  GArray *prev_failed_miss_rate;     /* PocsimNameId */
  GArray *prev_excluded;             /* PocsimNameId */
  GArray *boot_delegations;          /* PocsimBulkRecord */
  GArray *boot_intents;
  GArray *reg_delegations;
  GArray *reg_refusals;
  GArray *commits;
  PocsimBulkModelMap *poc;
  GArray *poc_node_addrs;            /* PocsimNameId: the keys of poc_nodes, in order */
  GArray *poc_nodes;                 /* PocsimBulkPocNode */
  GArray *participants;              /* PocsimNameId */
  GArray *collateral;                /* PocsimBulkAddrValue */
  GArray *hardware_addrs;            /* PocsimNameId: the keys of hardware_nodes, in order */
  GArray *hardware;                  /* PocsimBulkHardware */
} PocsimCaseBulk;

PocsimCaseBulk *pocsim_case_bulk_new (void);
void pocsim_case_bulk_free (PocsimCaseBulk *b);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PocsimCaseBulk, pocsim_case_bulk_free)
