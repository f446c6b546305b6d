/* scenario.h - a multi-epoch timeline (docs/scenarios.md), as plain data.
 *
 * A scenario is a starting state, a rule set, and per epoch the events that
 * happen at each stage of that epoch and the expectations checked after its
 * formation.  The reader (io/scenario_json.c) reads the file once and
 * checks everything up front, so a replay never stops halfway on bad input
 * and never sees JSON: the start is a PocsimCase, governance changes are
 * typed edits (params_edit.h), expectations are typed checks.
 *
 * Ownership: a scenario owns its start case, its epochs and their events
 * and expectations; free it with pocsim_scenario_free(). */
#pragma once

#include "core/case.h"
#include "core/params_edit.h"
#include "core/tx.h"

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
  POCSIM_EVENT_PARAMS,       /* governance: a change of the chain Params */
  POCSIM_EVENT_SET_MODEL,    /* governance: add or update a poc_params.models entry */
  POCSIM_EVENT_REMOVE_MODEL, /* governance: remove a poc_params.models entry */
  POCSIM_EVENT_FAIL_MISS_RATE, /* v0.2.16: host is in the failed miss-rate set E's settlement gives U */
} PocsimEventKind;

typedef enum { POCSIM_VOTE_INVALID, POCSIM_VOTE_OFFLINE } PocsimVoteVerdict;

#define POCSIM_WEIGHT_AS_LAST (-1)

typedef struct {
  PocsimEventKind kind;
  PocsimStage stage;
  char *where;       /* "FILE:LINE:COL", for messages */
  PocsimTx tx;       /* TX */
  char *host;        /* RUN, STOP, FAIL_DEPLOY, JOIN, LEAVE, FAIL_MISS_RATE; VOTE: the validator */
  char *model;       /* RUN, STOP, FAIL_DEPLOY, SET_MODEL, REMOVE_MODEL; VOTE: NULL = every model */
  char *node;        /* RUN, STOP: one named ML node of the host (node-level PoC, v0.2.16);
                      * NULL = the host's one node for the model (its "n-<model>") */
  gint64 weight;     /* RUN: raw PoC weight, or POCSIM_WEIGHT_AS_LAST */
  char *target;      /* VOTE: the PoC owner voted on, NULL = every host */
  PocsimVoteVerdict verdict;
  PocsimParamsEdit params;    /* PARAMS */
  PocsimModelEntry entry;     /* SET_MODEL */
  char *text;        /* PARAMS, SET_MODEL: the change as the report shows it */
} PocsimEvent;

/* What an expectation checks (docs/scenarios.md, "Expectations"). */
typedef enum {
  POCSIM_EXPECT_WEIGHT,
  POCSIM_EXPECT_CHANGE_PCT,
  POCSIM_EXPECT_PENALTY,
  POCSIM_EXPECT_REWARD,
  POCSIM_EXPECT_REWARD_WEIGHT,
  POCSIM_EXPECT_MODE,
  POCSIM_EXPECT_VOTING_POWER,
  POCSIM_EXPECT_PRE_ELIGIBLE,
  POCSIM_EXPECT_MEETS_WEIGHT_THRESHOLD,
  POCSIM_EXPECT_MEETS_V_MIN,
  POCSIM_EXPECT_MEETS_REACHABILITY,
  POCSIM_EXPECT_INTENT_WEIGHT,
  POCSIM_EXPECT_INTENT_HOST_COUNT,
  POCSIM_EXPECT_ELIGIBLE,
  POCSIM_EXPECT_ACCEPTED,
  POCSIM_EXPECT_REJECTED_TXS,
  /* v0.2.16 */
  POCSIM_EXPECT_CAP_WEIGHT,         /* a host's trust weight */
  POCSIM_EXPECT_PREVIOUS_CONFIRMED, /* a host's previous confirmed weight as the formation read it */
  POCSIM_EXPECT_SEATED,             /* a host's seated raw PoC weight in a model */
  POCSIM_EXPECT_COEFFICIENT,        /* a model's effective coefficient */
  POCSIM_N_EXPECT_KEYS
} PocsimExpectKey;

/* The key as the scenario writes it ("weight", "change_pct", ...). */
const char *pocsim_expect_key_name (PocsimExpectKey key);

typedef struct {
  PocsimExpectKey key;
  gint64 value;      /* integers; booleans 0/1; change_pct in hundredths of a percent */
  PocsimDec dec;     /* PENALTY, COEFFICIENT */
  char *mode;        /* MODE: DIRECT, DELEGATE, REFUSE, NONE, INTENT_OK or INTENT_MISSED */
  char *text;        /* CHANGE_PCT: as written ("-15.00"), for messages */
} PocsimExpectCheck;

typedef struct {
  char *where;       /* "FILE:LINE:COL" */
  char *label;       /* optional class name ("refuser") */
  char *host;        /* NULL when the checks are about a model or the epoch */
  char *model;
  guint n_checks;
  PocsimExpectCheck *checks; /* in the order written */
} PocsimExpectation;

typedef struct {
  gint64 epoch;      /* U */
  GPtrArray *events;       /* PocsimEvent*, in file order */
  GPtrArray *expectations; /* PocsimExpectation* */
} PocsimScenarioEpoch;

/* What the start is (docs/scenarios.md, "The starting state"). */
typedef enum {
  /* The hosts shorthand: the state after E, from which the replay forms U
   * itself (snapshots from the records, commits from what hosts run, PoC
   * acceptance from the votes). */
  POCSIM_START_STATE,
  /* A case: the state U's formation reads.  U is formed as `pocsim epoch`
   * forms the case; the replay derives snapshots and acceptance from U + 1. */
  POCSIM_START_CASE,
} PocsimStartKind;

/* The most formations one replay runs (about 2.7 years of daily epochs):
 * a bound on time and output, checked by the scenario reader and by
 * `pocsim run --until`. */
#define POCSIM_SCENARIO_MAX_EPOCHS 1000

typedef struct {
  char *name;              /* display name of the file */
  char *description;
  char *rules;             /* rule set name, or NULL = the start case's or the default */
  PocsimStartKind start_kind;
  PocsimCase *start;       /* the starting state (see PocsimStartKind) */
  char **governance_models; /* model ids beyond poc_params.models (NULL-terminated), or NULL */
  char **guardians;        /* the genesis guardian set's hosts (NULL-terminated), or NULL = none:
                            * they vote on every PoC and break ties (rules.md §5) */
  gint64 first_epoch;      /* U of the first formation */
  gint64 last_epoch;       /* the last formation replayed: less than
                            * first_epoch + POCSIM_SCENARIO_MAX_EPOCHS */
  GPtrArray *epochs;       /* PocsimScenarioEpoch*, sorted by epoch, unique */
} PocsimScenario;

/* What happened to one event in a replayed epoch (a report's "events"). */
typedef struct {
  PocsimStage stage;
  char *where;       /* the event's "FILE:LINE:COL" */
  char *event;       /* the event as the report shows it: "run gonka1a M weight 100" */
  const char *reason; /* NULL = applied; else why the chain rejected it (static text) */
} PocsimEventLog;

/* A PoC commit the epoch's validation rejected. */
typedef struct {
  guint32 addr;      /* in the epoch's case */
  guint32 model;
  const char *reason; /* static text */
} PocsimPocRejection;

void pocsim_event_log_clear (PocsimEventLog *row);

/* A scenario with no timeline entries; START (may be NULL) is stolen. */
PocsimScenario *pocsim_scenario_new (const char *name, PocsimCase *start, PocsimStartKind kind,
                                     gint64 first_epoch, gint64 last_epoch);
/* Appends an empty timeline entry for EPOCH, owned by S; its events and
 * expectations lists free what is added to them. */
PocsimScenarioEpoch *pocsim_scenario_add_epoch (PocsimScenario *s, gint64 epoch);
void pocsim_event_free (PocsimEvent *e);
void pocsim_expectation_free (PocsimExpectation *x);
void pocsim_scenario_free (PocsimScenario *s);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PocsimScenario, pocsim_scenario_free)

/* The timeline entry of epoch U, or NULL when nothing happens in U. */
const PocsimScenarioEpoch *pocsim_scenario_epoch (const PocsimScenario *s, gint64 epoch);

/* Every address and model id the scenario names (start case, events,
 * governance models), each once, in no particular order: the tables a
 * replay of it needs.  Strings are borrowed from S. */
void pocsim_scenario_names (const PocsimScenario *s, GPtrArray *addrs, GPtrArray *models);
