/* scenario.h - a multi-epoch timeline (docs/scenarios.md), as plain data.
 *
 * A scenario is a starting state, a rule set, and per epoch the events that
 * happen at each stage of that epoch and the expectations checked after its
 * formation.  The reader (scenario_json.c) checks everything up front, so a
 * replay never stops halfway on bad input. */
#pragma once

#include "core/tx.h"
#include "io/json_autoptr.h"

/* Where in an epoch an event happens, in the chain's order (§2). */
typedef enum {
  POCSIM_STAGE_BEFORE_SNAPSHOT,   /* (F_E, P_U - dw]: read by both snapshots */
  POCSIM_STAGE_BEFORE_POC,        /* (P_U - dw, P_U): after the bootstrap snapshot */
  POCSIM_STAGE_BEFORE_VALIDATION, /* [P_U, V_U]: read by the regular snapshot */
  POCSIM_STAGE_AFTER_VALIDATION,  /* (V_U, F_U]: misses both; refusals/intents wiped at F_U */
  POCSIM_STAGE_AFTER_FORMATION,   /* after F_U: counts from the next epoch on */
  POCSIM_N_STAGES
} PocsimStage;

const char *pocsim_stage_name (PocsimStage s);

typedef enum {
  POCSIM_EVENT_TX,           /* a delegation / refusal / intent tx */
  POCSIM_EVENT_RUN,          /* host starts (or keeps) committing PoC for a model */
  POCSIM_EVENT_STOP,         /* host stops committing for a model */
  POCSIM_EVENT_FAIL_DEPLOY,  /* host's commit for a model is missing this epoch only */
  POCSIM_EVENT_JOIN,         /* a new registered participant */
  POCSIM_EVENT_LEAVE,        /* host stops committing everything */
  POCSIM_EVENT_VOTE,         /* a validator votes invalid or stays offline this epoch */
  POCSIM_EVENT_PARAMS,       /* governance: merge a patch into the chain Params */
  POCSIM_EVENT_SET_MODEL,    /* governance: add or update a poc_params.models entry */
  POCSIM_EVENT_REMOVE_MODEL, /* governance: remove a poc_params.models entry */
} PocsimEventKind;

typedef enum { POCSIM_VOTE_INVALID, POCSIM_VOTE_OFFLINE } PocsimVoteVerdict;

#define POCSIM_WEIGHT_AS_LAST (-1)

typedef struct {
  PocsimEventKind kind;
  PocsimStage stage;
  char *where;       /* "FILE:LINE:COL", for messages */
  PocsimTx tx;       /* TX */
  char *host;        /* RUN, STOP, FAIL_DEPLOY, JOIN, LEAVE; VOTE: the validator */
  char *model;       /* RUN, STOP, FAIL_DEPLOY, REMOVE_MODEL; VOTE: NULL = every model */
  gint64 weight;     /* RUN: raw PoC weight, or POCSIM_WEIGHT_AS_LAST */
  char *target;      /* VOTE: the PoC owner voted on, NULL = every host */
  PocsimVoteVerdict verdict;
  json_t *patch;     /* PARAMS: object merged into Params; SET_MODEL: the model entry */
} PocsimEvent;

typedef struct {
  char *where;       /* "FILE:LINE:COL" */
  char *label;       /* optional class name ("refuser") */
  json_t *spec;      /* the expectation object as written (checked in expect.c) */
} PocsimExpectation;

typedef struct {
  gint64 epoch;      /* U */
  GPtrArray *events;       /* PocsimEvent*, in file order */
  GPtrArray *expectations; /* PocsimExpectation* */
} PocsimScenarioEpoch;

typedef struct {
  char *name;              /* display name of the file */
  char *description;
  char *rules;             /* rule set name, or NULL = the start case's or the default */
  /* starting state: a pocsim-case/1 document whose previous, params, poc
   * (the hosts' running models) and delegation records start the replay */
  json_t *start;
  json_t *governance_models; /* array of model ids, or NULL = poc_params.models */
  gint64 first_epoch;      /* U of the first formation */
  gint64 last_epoch;       /* the last formation replayed */
  GPtrArray *epochs;       /* PocsimScenarioEpoch*, sorted by epoch, unique */
} PocsimScenario;

/* A scenario with no timeline entries; START (may be NULL) is stolen. */
PocsimScenario *pocsim_scenario_new (const char *name, json_t *start, gint64 first_epoch, gint64 last_epoch);
/* Appends an empty timeline entry for EPOCH, owned by S; its events and
 * expectations lists free what is added to them. */
PocsimScenarioEpoch *pocsim_scenario_add_epoch (PocsimScenario *s, gint64 epoch);
void pocsim_event_free (PocsimEvent *e);
void pocsim_scenario_free (PocsimScenario *s);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PocsimScenario, pocsim_scenario_free)

/* The timeline entry of epoch U, or NULL when nothing happens in U. */
const PocsimScenarioEpoch *pocsim_scenario_epoch (const PocsimScenario *s, gint64 epoch);

/* Reads a pocsim-scenario/1 document.  `path` is used to resolve a
 * "start": {"case": "FILE"} relative to the scenario's directory.  Errors
 * are located ("NAME:LINE:COL: ..."). */
PocsimScenario *pocsim_scenario_from_json (const char *text, gsize len, const char *name,
                                           const char *path, GError **error);
PocsimScenario *pocsim_scenario_load (const char *path, GError **error);
