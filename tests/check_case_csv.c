/* check_case_csv.c - tests for the participants plan reader (case_csv.h)
 * and the report metadata (meta.h).
 *
 * The known answers are the mapping of docs/csv-input.md, written out for
 * each choice, and the exact messages of docs/csv-input.md's error table. */
#include <check.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "io/case_csv.h"
#include "io/case_json.h"
#include "io/case_load.h"
#include "io/json_autoptr.h"
#include "io/meta.h"

/* Two models: "base" has voting power in E (not a bootstrap candidate),
 * "new" has none (a bootstrap candidate). */
static const char params_text[] =
  "{\n"
  "  \"delegation_params\": {\"initial_model_id\": \"base\", \"v_min\": \"1\"},\n"
  "  \"poc_params\": {\"models\": [{\"model_id\": \"base\"}, {\"model_id\": \"new\"}]}\n"
  "}\n";

static const char header[] = "address,weight,collateral,pw:base,choice:base,vp:base,pw:new,choice:new\n";

/* Parses a plan from an exact-length heap copy (so ASan sees any overread). */
static PocsimPlan *
parse (const char *text, GError **error)
{
  gsize len = strlen (text);
  char *copy = g_malloc (len > 0 ? len : 1);
  memcpy (copy, text, len);
  PocsimPlan *plan = pocsim_plan_parse (copy, len, "p.csv", error);
  g_free (copy);
  return plan;
}

/* The case document of a plan with params_text, or NULL with error. */
static char *
case_json (const char *text, GError **error)
{
  g_autoptr (PocsimPlan) plan = parse (text, error);
  if (plan == NULL)
    return NULL;
  return pocsim_plan_case_json (plan, params_text, strlen (params_text), "params.json", error);
}

/* Asserts that TEXT fails with exactly MESSAGE. */
static void
expect_error (const char *text, const char *message, int src_line)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *doc = case_json (text, &error);
  ck_assert_msg (doc == NULL, "line %d: accepted a bad plan", src_line);
  ck_assert_msg (error->domain == POCSIM_ERROR && error->code == POCSIM_ERROR_INPUT, "line %d: wrong error code",
                 src_line);
  ck_assert_msg (strcmp (error->message, message) == 0, "line %d: got \"%s\", want \"%s\"", src_line,
                 error->message, message);
}
#define ERR(text, message) expect_error ((text), (message), __LINE__)

static json_t *
load_doc (const char *text)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *doc = case_json (text, &error);
  ck_assert_msg (doc != NULL, "%s", error ? error->message : "");
  json_error_t jerr;
  json_t *root = json_loads (doc, 0, &jerr);
  ck_assert_ptr_nonnull (root);
  return root;
}

/* The JSON text of the value at a dotted path of `root`, compact. */
static char *
at (json_t *root, const char *path)
{
  g_auto (GStrv) keys = g_strsplit (path, ".", -1);
  json_t *v = root;
  for (char **k = keys; *k && v; k++)
    v = json_object_get (v, *k);
  if (v == NULL)
    return g_strdup ("(absent)");
  char *s = json_dumps (v, JSON_COMPACT | JSON_ENCODE_ANY);
  char *out = g_strdup (s);
  free (s);
  return out;
}

static void
expect_at (json_t *root, const char *path, const char *want, int src_line)
{
  g_autofree char *got = at (root, path);
  ck_assert_msg (strcmp (got, want) == 0, "line %d: %s: got %s, want %s", src_line, path, got, want);
}
#define AT(root, path, want) expect_at ((root), (path), (want), __LINE__)

/* ---- the mapping ---- */

static const char good_plan[] =
  "# params=params.json upcoming_epoch=12 rules=v0.2.13\n"
  "# a free comment: words without a value are ignored\n"
  "address,weight,collateral,pw:base,choice:base,vp:base,pw:new,choice:new\n"
  "alice,500,1000,1200,run,500,400,intent+run\n"
  "bob,300,,700,run,300,,delegate:alice\n"
  "carol,200,0,450,Run,200,,refuse\n"
  "dave,,,,delegate:alice,,,intent\n"
  "erin,100,,,run,,,none\n"
  "fred,50,,80,preserved,,,\n"
  ",,,,,,,\n";

START_TEST (test_mapping)
{
  g_autoptr (json_t) doc = load_doc (good_plan);
  AT (doc, "format", "\"pocsim-case/1\"");
  AT (doc, "rules", "\"v0.2.13\"");
  AT (doc, "upcoming_epoch", "12");
  AT (doc, "params.delegation_params.initial_model_id", "\"base\"");
  /* weight: empty = not a member of E (dave) */
  AT (doc, "previous.weights", "{\"alice\":500,\"bob\":300,\"carol\":200,\"erin\":100,\"fred\":50}");
  AT (doc, "previous.voting_powers", "{\"base\":{\"alice\":500,\"bob\":300,\"carol\":200}}");
  AT (doc, "collateral", "{\"alice\":1000,\"carol\":0}");
  /* run and intent+run: a commit, and a PoC weight when pw is given (erin's
   * commit without one failed validation) */
  AT (doc, "commits",
      "[{\"model_id\":\"base\",\"participant\":\"alice\"},{\"model_id\":\"new\",\"participant\":\"alice\"},"
      "{\"model_id\":\"base\",\"participant\":\"bob\"},{\"model_id\":\"base\",\"participant\":\"carol\"},"
      "{\"model_id\":\"base\",\"participant\":\"erin\"}]");
  /* preserved: a PoC weight without a commit (fred) */
  AT (doc, "poc", "{\"base\":{\"alice\":1200,\"bob\":700,\"carol\":450,\"fred\":80},\"new\":{\"alice\":400}}");
  /* intent and intent+run: an intent in the bootstrap snapshot */
  AT (doc, "bootstrap_snapshot.intents",
      "[{\"model_id\":\"new\",\"participant\":\"alice\"},{\"model_id\":\"new\",\"participant\":\"dave\"}]");
  /* delegate: in the regular snapshot always, in the bootstrap snapshot for
   * a bootstrap candidate only ("new", not "base") */
  AT (doc, "delegation_snapshot.delegations",
      "[{\"model_id\":\"new\",\"delegator\":\"bob\",\"delegate_to\":\"alice\"},"
      "{\"model_id\":\"base\",\"delegator\":\"dave\",\"delegate_to\":\"alice\"}]");
  AT (doc, "bootstrap_snapshot.delegations", "[{\"model_id\":\"new\",\"delegator\":\"bob\",\"delegate_to\":\"alice\"}]");
  /* refuse: a refusal in the regular snapshot */
  AT (doc, "delegation_snapshot.refusals", "[{\"model_id\":\"new\",\"participant\":\"carol\"}]");
  AT (doc, "participants", "(absent)");
}
END_TEST

/* active: yes puts a host without PoC into AP(U) ("participants"). */
START_TEST (test_active)
{
  g_autoptr (json_t) doc = load_doc ("# params=p upcoming_epoch=1\n"
                                     "address,weight,active,pw:base,choice:base\n"
                                     "a,1,,5,run\nb,2,yes,,\nc,3,YES,,delegate:a\nd,4,,,\n");
  AT (doc, "participants", "[\"b\",\"c\"]");
  ERR ("# params=p upcoming_epoch=1\naddress,weight,active\na,1,no\n",
       "p.csv:3:3: active: \"no\" is neither yes nor empty");
}
END_TEST

/* The generated document is a case the one reader accepts, with the
 * same numbers. */
START_TEST (test_reads_as_case)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *doc = case_json (good_plan, &error);
  ck_assert_ptr_nonnull (doc);
  g_autoptr (PocsimCase) c = pocsim_case_from_json (doc, strlen (doc), "doc", NULL, &error);
  ck_assert_msg (c != NULL, "%s", error ? error->message : "");
  ck_assert_int_eq (c->upcoming_epoch, 12);
  ck_assert_uint_eq (c->n_addrs, 6);
  ck_assert_uint_eq (c->n_models, 2);
  guint32 alice = pocsim_case_find_addr (c, "alice"), dave = pocsim_case_find_addr (c, "dave");
  guint32 base = pocsim_case_find_model (c, "base"), neu = pocsim_case_find_model (c, "new");
  ck_assert_int_eq (c->pw[pocsim_cell (c, base, alice)], 1200);
  ck_assert (c->cell_flags[pocsim_cell (c, neu, alice)] & POCSIM_CELL_BOOT_INTENT);
  ck_assert_uint_eq (c->reg_delegate[pocsim_cell (c, base, dave)], alice);
  ck_assert (!(c->addr_flags[dave] & POCSIM_ADDR_IN_PREVIOUS));
  ck_assert (c->has_bootstrap_snapshot && c->has_delegation_snapshot);
}
END_TEST

/* ---- the CSV itself ---- */

START_TEST (test_quoted_commas)
{
  /* "1,0" is one field (the fourth field is where it would be otherwise),
   * and not an integer */
  ERR ("# params=p upcoming_epoch=1\naddress,weight,pw:base,choice:base\n\"x,1\",\"1,0\",,\n",
       "p.csv:3:2: weight: \"1,0\" is not an integer");
}
END_TEST

START_TEST (test_quoted_fields)
{
  /* A comma, a doubled quote and a line break inside quotes; spaces around
   * unquoted fields are trimmed. */
  g_autoptr (json_t) doc = load_doc ("# params=p upcoming_epoch=1\n"
                                     "address, weight ,pw:base,choice:base\n"
                                     "\"x,1\",\"10\",  5 ,run\n"
                                     "\"say \"\"hi\"\"\n2\",20,,\"delegate:x,1\"\n");
  AT (doc, "previous.weights", "{\"x,1\":10,\"say \\\"hi\\\"\\n2\":20}");
  AT (doc, "poc", "{\"base\":{\"x,1\":5}}");
  AT (doc, "delegation_snapshot.delegations",
      "[{\"model_id\":\"base\",\"delegator\":\"say \\\"hi\\\"\\n2\",\"delegate_to\":\"x,1\"}]");
}
END_TEST

START_TEST (test_crlf_and_bom)
{
  g_autoptr (json_t) doc = load_doc ("\xEF\xBB\xBF# params=p upcoming_epoch=3 rules=v0.2.13\r\n"
                                     "address,weight,pw:base,choice:base\r\n"
                                     "a,1,2,run\r\n"
                                     "\r\n"
                                     "b,3,,\r\n");
  AT (doc, "upcoming_epoch", "3");
  AT (doc, "previous.weights", "{\"a\":1,\"b\":3}");
  /* a BOM and CRLF do not move the lines and columns of messages */
  ERR ("\xEF\xBB\xBF# params=p upcoming_epoch=3\r\naddress,weight\r\na,1\r\n\r\nb,x\r\n",
       "p.csv:5:2: weight: \"x\" is not an integer");
  ERR ("\xEF\xBB\xBF" "address,weight\r\na,-1\r\n", "p.csv:2:2: weight: negative value -1");
}
END_TEST

START_TEST (test_row_lines)
{
  /* A quoted line break: the row is named by the line it starts on. */
  ERR ("# params=p upcoming_epoch=1\naddress,weight\n\"a\nb\",1\nc,oops\n", "p.csv:5:2: weight: \"oops\" is not an integer");
  ERR ("# params=p upcoming_epoch=1\naddress,weight\n\"a\nb\",x\n", "p.csv:3:2: weight: \"x\" is not an integer");
  /* no final newline */
  ERR ("# params=p upcoming_epoch=1\naddress,weight\na,1.5", "p.csv:3:2: weight: \"1.5\" is not an integer");
}
END_TEST

/* ---- errors, each named by row and column ---- */

START_TEST (test_errors_values)
{
  g_autofree char *p = g_strconcat ("# params=p upcoming_epoch=1\n", header, NULL);
#define ROW(row) g_strconcat (p, "a,1,,1,run,,,\n", row, "\n", NULL)
  g_autofree char *r1 = ROW ("b,1,,,run,,,walk");
  ERR (r1, "p.csv:4:8: choice:new: unknown choice \"walk\" (run, intent+run, preserved, delegate:ADDRESS, refuse, intent, none)");
  g_autofree char *r2 = ROW ("b,12a,,,,,,");
  ERR (r2, "p.csv:4:2: weight: \"12a\" is not an integer");
  g_autofree char *r3 = ROW ("b,-5,,,,,,");
  ERR (r3, "p.csv:4:2: weight: negative value -5");
  g_autofree char *r4 = ROW ("a,2,,,,,,");
  ERR (r4, "p.csv:4:1: duplicate address \"a\" (first on line 3)");
  g_autofree char *r5 = ROW ("b,1,,7,delegate:a,,,");
  ERR (r5, "p.csv:4:4: pw:base: a PoC weight needs choice run, intent+run or preserved (choice:base is \"delegate:a\")");
  g_autofree char *r6 = ROW ("b,1,,,delegate:b,,,");
  ERR (r6, "p.csv:4:5: choice:base: a host cannot delegate to itself");
  g_autofree char *r7 = ROW ("b,1,,,delegate:zed,,,");
  ERR (r7, "p.csv:4:5: choice:base: delegation target \"zed\" is not an address of the plan");
  g_autofree char *r8 = ROW ("b,1,,,delegate:,,,");
  ERR (r8, "p.csv:4:5: choice:base: delegate: needs a target address");
  g_autofree char *r9 = ROW ("b,1,,,,");
  ERR (r9, "p.csv:4:7: the row has 6 fields, the header 8");
  g_autofree char *r10 = ROW ("b,1,,,,,,,");
  ERR (r10, "p.csv:4:9: the row has 9 fields, the header 8");
  g_autofree char *r11 = ROW (",1,,,,,,");
  ERR (r11, "p.csv:4:1: address: empty");
  g_autofree char *r12 = ROW ("b,99999999999999999999,,,,,,");
  ERR (r12, "p.csv:4:2: weight: \"99999999999999999999\" is not an integer that fits in int64");
  g_autofree char *r13 = ROW ("b,,,,,5,,");
  ERR (r13, "p.csv:4:6: vp:base: a previous voting power needs a previous weight");
  g_autofree char *r14 = ROW ("b,9223372036854775807,,,,,,");
  ERR (r14, "p.csv:4:2: weight: the total weight overflows int64");
  g_autofree char *r15 = ROW ("b,1,x,,,,,");
  ERR (r15, "p.csv:4:3: collateral: \"x\" is not an integer");
  g_autofree char *r16 = ROW ("b,1,,1,run,,x,run");
  ERR (r16, "p.csv:4:7: pw:new: \"x\" is not an integer");
  g_autofree char *r17 = ROW ("b,1,,,preserved,,,");
  ERR (r17, "p.csv:4:4: pw:base: choice preserved needs a PoC weight");
#undef ROW
}
END_TEST

START_TEST (test_errors_columns)
{
  ERR ("# params=p upcoming_epoch=1\naddress,pw:base,choice:base\n", "p.csv:2:1: missing column \"weight\"");
  ERR ("# params=p upcoming_epoch=1\nweight\n", "p.csv:2:1: missing column \"address\"");
  ERR ("# params=p upcoming_epoch=1\naddress,weight,choice:base\n",
       "p.csv:2:3: missing column \"pw:base\" (pw:MODEL and choice:MODEL come in pairs)");
  ERR ("# params=p upcoming_epoch=1\naddress,weight,stake\n",
       "p.csv:2:3: unknown column \"stake\" (address, weight, collateral, active, pw:MODEL, "
       "choice:MODEL, vp:MODEL)");
  ERR ("# params=p\naddress,wieght\n", "p.csv:2:2: unknown column \"wieght\" (did you mean \"weight\"?)");
  ERR ("# params=p\naddress,weight,pw:m1,choise:m1\n",
       "p.csv:2:4: unknown column \"choise:m1\" (did you mean \"choice:m1\"?)");
  ERR ("# params=p upcoming_epoch=1\naddress,weight,weight\n", "p.csv:2:3: duplicate column \"weight\" (first in column 2)");
  ERR ("# params=p upcoming_epoch=1\naddress,weight,pw:\n", "p.csv:2:3: column \"pw:\" names no model");
  /* a model column the params do not know, located at its first column */
  ERR ("# params=p upcoming_epoch=1\naddress,weight,vp:old,pw:old,choice:old\n",
       "p.csv:2:3: unknown model \"old\" (not in params.poc_params.models of params.json)");
  ERR ("# params=p upcoming_epoch=1\n", "p.csv:2:1: no header line (address,weight,...)");
  ERR ("", "p.csv:1:1: no header line (address,weight,...)");
}
END_TEST

START_TEST (test_errors_syntax)
{
  ERR ("address,weight\na\"b,1\n", "p.csv:2:1: malformed field (a quote inside an unquoted field, text after a closing "
                                   "quote, or a quoted field that is never closed)");
  ERR ("address,weight\n\"a\"b,1\n", "p.csv:2:1: malformed field (a quote inside an unquoted field, text after a "
                                     "closing quote, or a quoted field that is never closed)");
  ERR ("address,weight\na,\"1\n\n", "p.csv:3:2: malformed field (a quote inside an unquoted field, text after a "
                                    "closing quote, or a quoted field that is never closed)");
  g_autoptr (GError) error = NULL;
  g_autoptr (PocsimPlan) plan = pocsim_plan_parse ("address,weight\na\0b,1\n", 21, "p.csv", &error);
  ck_assert_ptr_null (plan);
  ck_assert_str_eq (error->message, "p.csv:2:1: a NUL byte in a field");
}
END_TEST

START_TEST (test_errors_metadata)
{
  ERR ("# params=p upcomming_epoch=1\naddress,weight\n",
       "p.csv:1:1: unknown metadata key \"upcomming_epoch\" (did you mean \"upcoming_epoch\"?)");
  ERR ("# params=p height=1\naddress,weight\n",
       "p.csv:1:1: unknown metadata key \"height\" (params, upcoming_epoch, rules)");
  ERR ("# params=p\n# upcoming_epoch=-1\naddress,weight\n",
       "p.csv:2:1: metadata upcoming_epoch: \"-1\" is not an integer >= 0");
  ERR ("# params=p rules=v9.9.9\naddress,weight\n", "p.csv:1:1: unknown rule set \"v9.9.9\" (see 'pocsim rules')");
  ERR ("# params=p params=q\naddress,weight\n", "p.csv:1:1: metadata params: given twice");
  /* blank lines between comment lines are skipped, and counted */
  ERR ("\n# params=p\r\n\r\n# rules=v0\naddress,weight\n", "p.csv:4:1: unknown rule set \"v0\" (see 'pocsim rules')");
  ERR ("# params=p upcoming_epoch=1\n\naddress,weight\n\na,x\n", "p.csv:5:2: weight: \"x\" is not an integer");
  ERR ("# params=p upcoming_epoch=1\n#\n# upcoming_epoch=2\naddress,weight\n",
       "p.csv:3:1: metadata upcoming_epoch: given twice");
  ERR ("# params=p\naddress,weight\na,1\n",
       "p.csv:1:1: upcoming_epoch is missing: add it to the first line (# params=FILE upcoming_epoch=U)");
  g_autoptr (GError) error = NULL;
  g_autoptr (PocsimPlan) plan = parse ("# see https://example.org/?a=b\n# params=dir/p.json\naddress,weight\n", &error);
  ck_assert_ptr_nonnull (plan);
  guint line = 0;
  ck_assert_str_eq (pocsim_plan_params_file (plan, &line), "dir/p.json");
  ck_assert_uint_eq (line, 2);
}
END_TEST

/* Errors in the params file are located in the params file. */
START_TEST (test_params_errors)
{
  g_autoptr (PocsimPlan) plan = parse ("# upcoming_epoch=1\naddress,weight\n", NULL);
  ck_assert_ptr_nonnull (plan);
  static const struct { const char *params, *message; } cases[] = {
    { "{\"poc_params\": {\"models\": [\n  {\"model_id\": \"m\", \"weight_scale_factor\": 0.5}]}}",
      "P:2:44: weight_scale_factor: expected a decimal ({\"value\", \"exponent\"} or a string), got a number "
      "with a fraction or exponent" },
    { "{\"delegation_params\": {\"v_min\": [1]}}", "P:1:33: v_min: expected an integer (number or string), got an array" },
    { "{\"params\": {\n\"delegation_params\": {\"w_threshold\": \"-1\"}}}", "P:2:38: w_threshold: must not be negative" },
    { "{\"a\": 1,", "P:1:8: string or '}' expected near end of file" },
    { "[1]", "P:1:1: params: expected an object, got an array" },
    /* a whole case as params: its own positions */
    { "{\"format\": \"pocsim-case/1\",\n \"upcoming_epoch\": -4}", "P:2:20: upcoming_epoch: negative value -4" },
  };
  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *doc = pocsim_plan_case_json (plan, cases[k].params, strlen (cases[k].params), "P", &error);
      ck_assert_msg (doc == NULL, "case %u accepted", k);
      ck_assert_msg (strcmp (error->message, cases[k].message) == 0, "case %u: got \"%s\"", k, error->message);
    }
}
END_TEST

/* A whole case as the params file gives params, epoch and rules. */
START_TEST (test_params_from_case)
{
  g_autoptr (PocsimPlan) plan = parse ("address,weight,pw:m,choice:m\na,1,1,run\n", NULL);
  ck_assert_ptr_nonnull (plan);
  static const char c[] = "{\"format\": \"pocsim-case/1\", \"rules\": \"v0.2.14\", \"upcoming_epoch\": \"77\",\n"
                          " \"params\": {\"poc_params\": {\"models\": [{\"model_id\": \"m\"}]}}, \"poc\": {}}";
  g_autoptr (GError) error = NULL;
  g_autofree char *doc = pocsim_plan_case_json (plan, c, strlen (c), "c.json", &error);
  ck_assert_msg (doc != NULL, "%s", error ? error->message : "");
  g_autoptr (json_t) root = json_loads (doc, 0, NULL);
  AT (root, "upcoming_epoch", "77");
  AT (root, "rules", "\"v0.2.14\"");
  AT (root, "params", "{\"poc_params\":{\"models\":[{\"model_id\":\"m\"}]}}");
}
END_TEST

/* ---- the file loader and the metadata ---- */

static char *
write_file (const char *dir, const char *name, const char *text)
{
  char *path = g_build_filename (dir, name, NULL);
  ck_assert (g_file_set_contents (path, text, -1, NULL));
  return path;
}

START_TEST (test_load_file)
{
  g_autofree char *dir = g_dir_make_tmp ("pocsim-csv-XXXXXX", NULL);
  g_autofree char *sub = g_build_filename (dir, "sub", NULL);
  g_mkdir (sub, 0700);
  g_autofree char *pp = write_file (sub, "params.json", params_text);
  g_autofree char *plan = write_file (dir, "plan.csv", "# params=sub/params.json upcoming_epoch=4\n"
                                                       "address,weight,pw:base,choice:base\na,10,5,run\n");
  g_autoptr (GPtrArray) inputs = g_ptr_array_new_with_free_func ((GDestroyNotify) pocsim_input_file_free);
  g_autoptr (GError) error = NULL;
  g_autoptr (PocsimCase) c = pocsim_case_load_traced (plan, NULL, inputs, NULL, &error);
  ck_assert_msg (c != NULL, "%s", error ? error->message : "");
  ck_assert_int_eq (c->upcoming_epoch, 4);
  ck_assert_uint_eq (inputs->len, 2);
  const PocsimInputFile *f0 = g_ptr_array_index (inputs, 0), *f1 = g_ptr_array_index (inputs, 1);
  ck_assert_str_eq (f0->path, plan);
  ck_assert_str_eq (f1->path, pp); /* resolved against the plan's directory */
  g_autofree char *want = g_compute_checksum_for_string (G_CHECKSUM_SHA256, params_text, -1);
  ck_assert_str_eq (f1->sha256, want);

  /* a missing params file is named by the plan's line */
  g_autofree char *bad = write_file (dir, "bad.csv", "# upcoming_epoch=4\n# params=nope.json\naddress,weight\n");
  g_autoptr (PocsimCase) c2 = pocsim_case_load (bad, NULL, &error);
  ck_assert_ptr_null (c2);
  g_autofree char *msg = g_strdup_printf ("%s:2:1: params file %s/nope.json: No such file or directory", bad, dir);
  ck_assert_str_eq (error->message, msg);
  g_clear_error (&error);
  g_autofree char *none = write_file (dir, "none.csv", "address,weight\n");
  g_autoptr (PocsimCase) c3 = pocsim_case_load (none, NULL, &error);
  ck_assert_ptr_null (c3);
  g_autofree char *msg3 = g_strdup_printf ("%s:1:1: no params file: add a first line \"# params=FILE upcoming_epoch=U\"", none);
  ck_assert_str_eq (error->message, msg3);

  g_unlink (pp);
  g_unlink (plan);
  g_unlink (bad);
  g_unlink (none);
  g_rmdir (sub);
  g_rmdir (dir);
}
END_TEST

START_TEST (test_meta)
{
  g_autoptr (GPtrArray) inputs = g_ptr_array_new_with_free_func ((GDestroyNotify) pocsim_input_file_free);
  g_ptr_array_add (inputs, pocsim_input_file_new ("a.csv", "abc", 3));
  PocsimMeta meta = { "epoch", "v0.2.13", 266, -1, "csv", "out.csv", inputs, NULL, NULL };
  char *buf = NULL;
  size_t size = 0;
  FILE *f = open_memstream (&buf, &size);
  ck_assert (pocsim_meta_write (&meta, f));
  fclose (f);
  /* SHA-256("abc") from FIPS 180-2, appendix B.1 */
  g_autofree char *want = g_strdup_printf ("{\n  \"format\": \"pocsim-meta/1\",\n  \"pocsim_version\": \"%s\",\n"
                                           "  \"command\": \"epoch\",\n  \"rules\": \"v0.2.13\",\n"
                                           "  \"upcoming_epoch\": 266,\n  \"snapshot_height\": null,\n"
                                           "  \"result_format\": \"csv\",\n  \"result_path\": \"out.csv\",\n"
                                           "  \"inputs\": [\n    {\n      \"path\": \"a.csv\",\n"
                                           "      \"sha256\": \"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\"\n"
                                           "    }\n  ]\n}\n",
                                           POCSIM_VERSION);
  ck_assert_str_eq (buf, want);
  free (buf);
  g_autofree char *side = pocsim_meta_default_path ("r/out.csv");
  ck_assert_str_eq (side, "r/out.csv.meta.json");
}
END_TEST

static Suite *
case_csv_suite (void)
{
  Suite *s = suite_create ("case_csv");
  TCase *mapping = tcase_create ("mapping");
  tcase_add_test (mapping, test_mapping);
  tcase_add_test (mapping, test_reads_as_case);
  tcase_add_test (mapping, test_active);
  tcase_add_test (mapping, test_params_from_case);
  suite_add_tcase (s, mapping);
  TCase *csv = tcase_create ("csv");
  tcase_add_test (csv, test_quoted_commas);
  tcase_add_test (csv, test_quoted_fields);
  tcase_add_test (csv, test_crlf_and_bom);
  tcase_add_test (csv, test_row_lines);
  suite_add_tcase (s, csv);
  TCase *errors = tcase_create ("errors");
  tcase_add_test (errors, test_errors_values);
  tcase_add_test (errors, test_errors_columns);
  tcase_add_test (errors, test_errors_syntax);
  tcase_add_test (errors, test_errors_metadata);
  tcase_add_test (errors, test_params_errors);
  suite_add_tcase (s, errors);
  TCase *files = tcase_create ("files");
  tcase_add_test (files, test_load_file);
  tcase_add_test (files, test_meta);
  suite_add_tcase (s, files);
  return s;
}

int
main (void)
{
  SRunner *runner = srunner_create (case_csv_suite ());
  srunner_run_all (runner, CK_ENV);
  int failed = srunner_ntests_failed (runner);
  srunner_free (runner);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
