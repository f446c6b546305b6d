/* seating.h - who is in AP(U), and in which model (v0.2.16; spec
 * v0.2.16.md §3 F2, §1 Q6).
 *
 * Seating.  Every validated node of a participant claims the model it
 * proved; within one model, entries with the same node id keep the
 * heaviest (the first on ties).  A participant with a hardware record keeps
 * a claim only when the record declares that model for that node and the
 * model is in the governance registry: hardware only vetoes, it never moves
 * a node.  Without a record nothing is filtered.  A node id left with
 * exactly one claim is seated in that model; with none, or with claims in
 * two or more models, it is dropped (one ML node serves one model).  Node
 * id "" is a placeholder and never seated.  A participant stays in AP(U)
 * only with a seated model and positive seated weight.
 *
 * Guard.  If seating the fresh PoC leaves nobody, or no fresh
 * (non-preserved) node was seated, E's validators are carried instead: every
 * live root member of E not excluded during E, with its nodes of E's
 * subgroups (ids from previous.node_ids, else "n-<model>"); its raw weight
 * is the sum over distinct node ids, or W_E when that is not positive, and
 * a member with neither is not carried.  The carry is seated the same way;
 * if that empties it, it is kept unseated so the epoch can still advance.
 * No carry exists for the first epoch (U <= 1).
 *
 * The case carries no participant status, validator key or seed: every
 * live member of E counts as ACTIVE, with a key and a seed. */
#pragma once

#include "core/case.h"

typedef enum {
  POCSIM_SEAT_FRESH, /* the fresh PoC participants, then E's validators if need be */
  POCSIM_SEAT_CARRY, /* E's validators only (the zero-final-weight retry) */
} PocsimSeatFrom;

typedef struct {
  PocsimCase *formed;     /* AP(U) and its per-model PoC as a case; NULL: the input unchanged */
  gint64 *raw_weight;     /* [n_addrs] each AP(U) participant's raw weight before seating */
  const char **node_id;   /* [cells] the id of the node seated in the cell (the first by id), when not
                           * the model's default "n-<m>"; NULL when every cell has the default (v0.2.16
                           * only).  Strings borrowed from the case seated */
  gboolean used_fallback; /* E's validators were carried */
  gboolean empty;         /* nobody to form with: the chain halts */
} PocsimSeating;

/* AP(U) under C's rule set: before v0.2.14 the PoC's participants as the
 * case gives them; v0.2.14 carries E's validators into an empty epoch
 * (fallback.h); v0.2.16 seats (seatAndGuardParticipants, above).  Fills
 * *out; the caller owns out->formed, out->raw_weight and out->node_id
 * (pocsim_seating_clear). */
void pocsim_participants_seat (const PocsimCase *c, PocsimSeatFrom from, PocsimSeating *out);
void pocsim_seating_clear (PocsimSeating *s);
