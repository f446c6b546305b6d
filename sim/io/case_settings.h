/* case_settings.h - a case with some of its values overridden, as
 * `--set PATH=VALUE` asks on the command line (epoch, whatif, diff, run).
 *
 * PATH is a parameter path of io/doc_path.h, the one `pocsim sweep` axes
 * use (params.delegation_params.w_threshold, params.poc_params.models[M].
 * weight_scale_factor, rules, ...).  The case is written back as its
 * pocsim-case/1 document (io/case_write.h), each VALUE is set at its PATH,
 * and the document is read again by the case reader: a value the reader
 * refuses is refused with its usual message, located at the --set option
 * that wrote it ("--set params.delegation_params.w_threshold=1.5: ...").
 * Every input form (a case file, a snapshot directory, a plan) is edited
 * the same way. */
#pragma once

#include "core/case.h"

/* A new case: C with SETTINGS ("PATH=VALUE", NULL-terminated) applied in
 * order; NAME (C's display name) locates errors outside the settings.  How
 * C's rule set was chosen is kept unless a setting names the rule set.
 * NULL with an error naming the setting. */
PocsimCase *pocsim_case_with_settings (const PocsimCase *c, const char *const *settings, const char *name,
                                       GError **error);
