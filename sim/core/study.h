/* study.h - a governance parameter study (pocsim-study/1, docs/sweeps.md),
 * as plain data.
 *
 * A study names a base (a case or a scenario), axes of parameter values
 * whose Cartesian product is the grid, a number of Monte Carlo runs per
 * grid point, a seed, a behaviour model the runs draw from, and the
 * metrics to keep.  The reader (io/study_json.c) checks everything and
 * forms every grid point's case before anything runs.
 *
 * Ownership: a study owns everything it points to; free it with
 * pocsim_study_free(). */
#pragma once

#include "core/case.h"
#include "core/scenario.h"

/* What a host may switch to, per model (the what-if options). */
typedef enum {
  POCSIM_ACTION_KEEP,     /* its records and PoC as they are */
  POCSIM_ACTION_RUN,      /* run the model */
  POCSIM_ACTION_DELEGATE, /* delegate to a target */
  POCSIM_ACTION_REFUSE,
  POCSIM_ACTION_INTENT,
  POCSIM_ACTION_NOTHING,  /* no PoC, no record */
  POCSIM_N_ACTIONS
} PocsimAction;

const char *pocsim_action_name (PocsimAction a);

/* Whom a delegating host delegates to. */
typedef enum {
  POCSIM_TARGET_LARGEST, /* the member of the model with the largest weight */
  POCSIM_TARGET_RANDOM,  /* a member of the model, uniformly */
  POCSIM_TARGET_LIST,    /* one of `targets` that is a member, uniformly */
} PocsimTargetChoice;

/* Which of its (host, model) cells a rule selects, by the base's PoC. */
typedef enum {
  POCSIM_CELLS_ALL,
  POCSIM_CELLS_RUNNING,     /* the host has accepted PoC for the model */
  POCSIM_CELLS_NOT_RUNNING, /* it has none */
} PocsimCellSelect;

/* One behaviour rule: for the (host, model) cells it selects, the
 * probability of each action.  The first rule that selects a cell applies;
 * a cell no rule selects keeps its records. */
typedef struct {
  char *where;              /* "FILE:LINE:COL" */
  char **hosts;             /* NULL = every host of the case */
  char **models;            /* NULL = every model of poc_params.models */
  PocsimCellSelect cells;
  double p[POCSIM_N_ACTIONS]; /* exact decimals in the file, summing to 1 */
  PocsimTargetChoice target;
  char **targets;           /* POCSIM_TARGET_LIST */
  gint64 run_weight;        /* raw PoC weight when it runs; -1 = its largest PoC weight in any model */
} PocsimBehaviourRule;

typedef struct {
  GPtrArray *rules;         /* PocsimBehaviourRule* */
  double noise_sigma;       /* PoC weight x lognormal(0, sigma), rounded; 0 = no noise */
  double leave;             /* probability that a host stops every model */
  guint join_count;         /* candidate newcomers "PREFIX-1" ... */
  char *join_prefix;
  double join_probability;
  gint64 join_weight;       /* raw PoC weight of a newcomer in each of its models */
  char **join_models;       /* NULL = the initial model */
} PocsimBehaviour;

/* One axis: a parameter path and its values (strings as written). */
typedef struct {
  char *path;
  char *where;              /* of the path */
  GPtrArray *values;        /* char* */
  GPtrArray *value_where;   /* char*: "FILE:LINE:COL" of each value */
} PocsimStudyAxis;

/* A dimension of the grid: one axis, or zipped axes moving together. */
typedef struct {
  GPtrArray *axes;          /* PocsimStudyAxis*, each with n_values values */
  guint n_values;
} PocsimStudyDim;

/* What a study reports per host (docs/sweeps.md, "Metrics"). */
typedef enum {
  POCSIM_HOST_CONSENSUS,     /* O[p] */
  POCSIM_HOST_FINAL,         /* F[p], the stored weight */
  POCSIM_HOST_REWARD_WEIGHT, /* the weight its reward share is computed from */
  POCSIM_HOST_REWARD,        /* ngonka, with reward params */
  POCSIM_HOST_REWARD_TOTAL,  /* ngonka summed over the epochs of a replay */
  POCSIM_HOST_PENALTY,       /* the applied penalty fraction */
  POCSIM_HOST_VOTING_POWER,  /* per model */
  POCSIM_HOST_MODE,          /* per model: a category */
  POCSIM_N_HOST_METRICS
} PocsimHostMetric;

/* ... and per network. */
typedef enum {
  POCSIM_NET_TOTAL_WEIGHT,    /* Σ F over the participants */
  POCSIM_NET_PARTICIPANTS,
  POCSIM_NET_ELIGIBLE_MODELS,
  POCSIM_NET_SCALE,           /* per model: the group scale */
  POCSIM_NET_NAKAMOTO_33,     /* fewest hosts holding more than 1/3 of the weight */
  POCSIM_NET_NAKAMOTO_50,     /* ... more than 1/2 */
  POCSIM_NET_GINI,            /* of the participants' weights */
  POCSIM_NET_PENALISED_SHARE, /* consensus weight of penalised hosts / all consensus weight */
  POCSIM_NET_REWARD_BURNED,   /* epoch reward not paid out, ngonka */
  POCSIM_NET_ACCEPTANCE,      /* per model: accepted / committed PoC over a replay */
  POCSIM_NET_LAUNCH_EPOCH,    /* per model: first epoch it is eligible, if not in the first */
  POCSIM_N_NET_METRICS
} PocsimNetworkMetric;

const char *pocsim_host_metric_name (PocsimHostMetric m);
const char *pocsim_network_metric_name (PocsimNetworkMetric m);
/* Metrics with one value per model ("voting_power[M]"). */
gboolean pocsim_host_metric_per_model (PocsimHostMetric m);
gboolean pocsim_network_metric_per_model (PocsimNetworkMetric m);

/* ---- what a study's runs measure ---- */

typedef enum {
  POCSIM_VALUE_INT,   /* an integer (weights, counts, ngonka) */
  POCSIM_VALUE_REAL,  /* a fraction or ratio */
  POCSIM_VALUE_MODE,  /* a category: pocsim_study_mode_name (value) */
} PocsimValueType;

typedef struct {
  char *entity;       /* "network" or a host address */
  char *metric;       /* "final", "voting_power[MODEL]", ... */
  PocsimValueType type;
  gboolean network;
  guint id;           /* PocsimHostMetric or PocsimNetworkMetric */
  char *model;        /* per-model metrics: the model, else NULL */
} PocsimStudyColumn;

/* The categories of MODE values: 1 .. POCSIM_STUDY_N_MODES; NaN = no mode. */
#define POCSIM_STUDY_N_MODES 6
const char *pocsim_study_mode_name (int value);

/* The summary of one metric over the runs of a grid point (docs/sweeps.md):
 * n values (NaN = no value, not counted), mean, standard deviation (n - 1;
 * NaN when n < 2), and quantiles from the sorted values. */
typedef struct {
  gsize n;
  double mean, sd;
  double min, p05, p25, median, p75, p95, max;
} PocsimSummary;

/* What identifies a study's results and lays them out: written into
 * study.meta.json and into every part of a sharded study, so that parts
 * are merged, and the outputs written, from this alone. */
typedef struct {
  char *name;               /* the study as given */
  char *description;
  char *study_sha256;
  char *pocsim_version;
  guint64 seed;
  gint64 runs;              /* per grid point */
  gint64 epochs;            /* formations per run */
  guint n_points;
  GPtrArray *dims;          /* PocsimStudyDim*: the axes and their values */
  GPtrArray *columns;       /* PocsimStudyColumn* */
  GPtrArray *rule_sets;     /* char*: the rule sets the grid forms under */
  GPtrArray *input_paths;   /* char*: every file read */
  GPtrArray *input_sha256;  /* char*: their SHA-256 */
  char *plot_host;          /* or NULL */
} PocsimStudyHeader;

PocsimStudyHeader *pocsim_study_header_new (void);
void pocsim_study_header_free (PocsimStudyHeader *h);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PocsimStudyHeader, pocsim_study_header_free)
void pocsim_study_column_free (PocsimStudyColumn *col);
/* The value index of dimension D at point K, as pocsim_study_value_index. */
guint pocsim_study_header_value_index (const PocsimStudyHeader *h, guint k, guint d);

typedef enum {
  POCSIM_BASE_CASE,         /* anything `pocsim epoch` reads */
  POCSIM_BASE_SCENARIO,     /* a pocsim-scenario/1 file */
} PocsimBaseKind;

typedef struct {
  char *name;               /* display name of the file */
  char *description;
  PocsimBaseKind base_kind;
  char *base_path;          /* resolved against the study's directory */
  char *base_where;
  char *rules;              /* NULL = the base's */
  gint64 epochs;            /* formations per run; 0 = the base's (1 for a case) */
  GPtrArray *dims;          /* PocsimStudyDim* */
  gint64 runs;              /* per grid point */
  guint64 seed;
  gboolean has_behaviour;
  PocsimBehaviour behaviour;
  gboolean host_metric[POCSIM_N_HOST_METRICS];   /* which are reported */
  gboolean network_metric[POCSIM_N_NET_METRICS];
  char **hosts;             /* hosts reported; NULL = every host */
  char *plot_host;          /* the host whose reward distribution is drawn, or NULL */
} PocsimStudy;

PocsimStudy *pocsim_study_new (const char *name);
void pocsim_study_free (PocsimStudy *st);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PocsimStudy, pocsim_study_free)
void pocsim_study_axis_free (PocsimStudyAxis *ax);
void pocsim_study_dim_free (PocsimStudyDim *d);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PocsimStudyDim, pocsim_study_dim_free)
void pocsim_behaviour_rule_free (PocsimBehaviourRule *r);

/* Grid points: the product of the dimensions' sizes (first dimension
 * slowest); the value index of dimension D at point K. */
guint pocsim_study_points (const PocsimStudy *st);
guint pocsim_study_value_index (const PocsimStudy *st, guint k, guint d);

/* What a study runs on: the base and every grid point's case (the base's
 * document with the point's values written in, read by the case reader). */
typedef struct {
  PocsimScenario *scenario; /* POCSIM_BASE_SCENARIO: the base scenario (its own start is the base's) */
  guint n_points;
  PocsimCase **cases;       /* [n_points]: the case, or the scenario's start, of each point */
  GPtrArray *inputs;        /* PocsimInputFile* (io/meta.h), freed with the grid's free function */
} PocsimStudyGrid;

void pocsim_study_grid_free (PocsimStudyGrid *g);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PocsimStudyGrid, pocsim_study_grid_free)
