/* case_text.c - rule tests over cases written as pocsim-case/1 text. */
#include "case_text.h"

#include <check.h>
#include <string.h>

#include "io/case_json.h"
#include "rules/epoch.h"

PocsimCase *
case_text (const char *text)
{
  GError *error = NULL;
  g_autofree char *json = g_strdup (text);
  g_strdelimit (json, "'", '"');
  PocsimCase *c = pocsim_case_from_json (json, strlen (json), "case", NULL, &error);
  ck_assert_msg (c != NULL, "case does not read: %s", error ? error->message : "");
  return c;
}

PocsimEpochResult *
form_text (const char *text, PocsimCase **case_out)
{
  GError *error = NULL;
  *case_out = case_text (text);
  PocsimEpochResult *r = pocsim_epoch_form_outcome (*case_out, &error);
  ck_assert_msg (r != NULL, "case does not form: %s", error ? error->message : "");
  return r;
}

guint
addr_of (const PocsimCase *c, const char *addr)
{
  guint32 a = pocsim_case_find_addr (c, addr);
  ck_assert_msg (a != POCSIM_NO_ADDR, "no address %s", addr);
  return a;
}

guint
model_of (const PocsimCase *c, const char *model)
{
  guint32 m = pocsim_case_find_model (c, model);
  ck_assert_msg (m != POCSIM_NO_MODEL, "no model %s", model);
  return m;
}

const char *
dec_text (PocsimDec d)
{
  static char buf[POCSIM_DEC_FORMAT_SIZE];
  return pocsim_dec_format (d, buf);
}
