/* check_hardware.c - PoC weight from hardware: GPU names and specs
 * (core/hardware.h), the CSV tables and the hardware data reader
 * (io/csv_records.h, io/hardware_csv.h), and the estimator with its
 * leave-one-out evaluation (analysis/poc_estimate.h).
 *
 * Known answers: the estimator's on small data sets computed by hand in the
 * comments; the leave-one-out figures and the estimates for 8xH100 on the
 * real data of data/epoch403/ (mainnet epoch 403, data/README.md), pinned
 * as docs/whatif.md quotes them. */
#include <check.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/poc_estimate.h"
#include "core/error.h"
#include "core/hardware.h"
#include "io/csv_records.h"
#include "io/hardware_csv.h"

/* ---- GPU names ---- */

START_TEST (test_normalize_reported)
{
  /* Every gpu_type of data/epoch403/chain_node_hardware.csv. */
  static const struct { const char *reported; PocsimGpuType type; } cases[] = {
    { "NVIDIA B300 SXM6 AC | 268GB", POCSIM_GPU_B300 },
    { "NVIDIA B300 SXM6 PC | 268GB", POCSIM_GPU_B300 },
    { "NVIDIA B300 SXM6 AC | 275GB", POCSIM_GPU_B300 },
    { "NVIDIA H100 80GB HBM3 | 79GB", POCSIM_GPU_H100 },
    { "NVIDIA H100 PCIe | 79GB", POCSIM_GPU_H100_PCIE },
    { "NVIDIA H200 | 140GB", POCSIM_GPU_H200 },
    { "NVIDIA H200 NVL | 140GB", POCSIM_GPU_H200_NVL },
    { "NVIDIA H20 | 95GB", POCSIM_GPU_H20 },
    { "NVIDIA B200 | 179GB", POCSIM_GPU_B200 },
    { "NVIDIA A100-SXM4-80GB | 80GB", POCSIM_GPU_A100 },
    { "NVIDIA RTX PRO 6000 Blackwell Server Edition | 95GB", POCSIM_GPU_RTX_PRO_6000 },
    { "GPU | 0GB", POCSIM_GPU_UNKNOWN },
    /* as users write them */
    { "H100", POCSIM_GPU_H100 },
    { "h100-pcie", POCSIM_GPU_H100_PCIE },
    { "H200-NVL", POCSIM_GPU_H200_NVL },
    { "rtx-pro-6000", POCSIM_GPU_RTX_PRO_6000 },
    { "b300", POCSIM_GPU_B300 },
    /* words compare whole */
    { "H2000", POCSIM_GPU_UNKNOWN },
    { "H100PCIE", POCSIM_GPU_UNKNOWN },
    { "RTX 6000", POCSIM_GPU_UNKNOWN },
    { "", POCSIM_GPU_UNKNOWN },
    { "|", POCSIM_GPU_UNKNOWN },
  };
  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    ck_assert_msg (pocsim_gpu_type_normalize (cases[k].reported) == cases[k].type, "\"%s\" -> %s, want %s",
                   cases[k].reported, pocsim_gpu_type_name (pocsim_gpu_type_normalize (cases[k].reported)),
                   pocsim_gpu_type_name (cases[k].type));
}
END_TEST

/* ---- GPU specs ---- */

START_TEST (test_spec_parse)
{
  static const struct { const char *text; guint count; PocsimGpuType type; const char *formatted; } cases[] = {
    { "8xH100", 8, POCSIM_GPU_H100, "8xH100" },
    { " 4 X h200-nvl ", 4, POCSIM_GPU_H200_NVL, "4xH200-NVL" },
    { "1xRTX-PRO-6000", 1, POCSIM_GPU_RTX_PRO_6000, "1xRTX-PRO-6000" },
    { "8xNVIDIA H100 80GB HBM3 | 79GB", 8, POCSIM_GPU_H100, "8xH100" },
    { "1024xB300", 1024, POCSIM_GPU_B300, "1024xB300" },
    { "008xA100", 8, POCSIM_GPU_A100, "8xA100" },
  };
  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      PocsimGpuSpec spec;
      g_autoptr (GError) error = NULL;
      ck_assert_msg (pocsim_gpu_spec_parse (cases[k].text, &spec, &error), "%s: %s", cases[k].text,
                     error ? error->message : "");
      ck_assert_uint_eq (spec.count, cases[k].count);
      ck_assert_int_eq (spec.gpu, cases[k].type);
      g_autofree char *text = pocsim_gpu_spec_format (&spec);
      ck_assert_str_eq (text, cases[k].formatted);
    }
}
END_TEST

START_TEST (test_spec_errors)
{
  static const struct { const char *text; const char *message; } cases[] = {
    { "", "GPU spec \"\": empty; give COUNTxTYPE, e.g. 8xH100" },
    { "  ", "GPU spec \"  \": empty; give COUNTxTYPE, e.g. 8xH100" },
    { "H100", "GPU spec \"H100\": no GPU count; give COUNTxTYPE, e.g. 8xH100" },
    { "x8", "GPU spec \"x8\": no GPU count; give COUNTxTYPE, e.g. 8xH100" },
    { "-1xH100", "GPU spec \"-1xH100\": no GPU count; give COUNTxTYPE, e.g. 8xH100" },
    { "8H100", "GPU spec \"8H100\": no 'x' after the count; give COUNTxTYPE, e.g. 8xH100" },
    { "8*H100", "GPU spec \"8*H100\": no 'x' after the count; give COUNTxTYPE, e.g. 8xH100" },
    { "0xH100", "GPU spec \"0xH100\": the GPU count must be 1 to 1024" },
    { "1025xH100", "GPU spec \"1025xH100\": the GPU count must be 1 to 1024" },
    { "99999999999999999999999xH100", "GPU spec \"99999999999999999999999xH100\": the GPU count must be 1 to 1024" },
    { "8x", "GPU spec \"8x\": no GPU type after the 'x'" },
    { "8x  ", "GPU spec \"8x  \": no GPU type after the 'x'" },
    { "8xH999",
      "GPU spec \"8xH999\": unknown GPU type \"H999\" (known: A100, B200, B300, H100, H100-PCIe, H20, H200, "
      "H200-NVL, RTX-PRO-6000)" },
    { "8xGPU | 0GB", "GPU spec \"8xGPU | 0GB\": unknown GPU type \"GPU | 0GB\" (known: A100, B200, B300, H100, "
                     "H100-PCIe, H20, H200, H200-NVL, RTX-PRO-6000)" },
  };
  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      PocsimGpuSpec spec;
      g_autoptr (GError) error = NULL;
      ck_assert_msg (!pocsim_gpu_spec_parse (cases[k].text, &spec, &error), "accepted \"%s\"", cases[k].text);
      ck_assert_int_eq (error->code, POCSIM_ERROR_USAGE);
      ck_assert_str_eq (error->message, cases[k].message);
    }
}
END_TEST

START_TEST (test_specs_list)
{
  const char *const texts[] = { "8xH100,4xH200", "2xB300", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) specs = pocsim_gpu_specs_parse (texts, &error);
  ck_assert_ptr_nonnull (specs);
  g_autofree char *text = pocsim_gpu_specs_format (specs);
  ck_assert_str_eq (text, "8xH100 + 4xH200 + 2xB300");

  const char *const bad[] = { "8xH100", "8xH100,", NULL };
  g_autoptr (GError) e2 = NULL;
  ck_assert_ptr_null (pocsim_gpu_specs_parse (bad, &e2));
  ck_assert_str_eq (e2->message, "GPU spec \"\": empty; give COUNTxTYPE, e.g. 8xH100");

  const char *const none[] = { NULL };
  g_autoptr (GError) e3 = NULL;
  ck_assert_ptr_null (pocsim_gpu_specs_parse (none, &e3));
  ck_assert_str_eq (e3->message, "no GPU spec; give COUNTxTYPE, e.g. 8xH100");
}
END_TEST

/* ---- CSV tables ---- */

START_TEST (test_table_lines)
{
  /* A quoted field over two lines and a blank line: the third record starts on line 5. */
  static const char text[] = "a,b\n\"x\ny\",1\n\n2,zz\n";
  g_autoptr (GError) error = NULL;
  g_autoptr (PocsimCsvTable) t = pocsim_csv_table_read (text, strlen (text), "t.csv", &error);
  ck_assert_ptr_nonnull (t);
  ck_assert_uint_eq (t->n_cols, 2);
  ck_assert_uint_eq (t->rows->len, 2);
  ck_assert_str_eq (pocsim_csv_table_field (t, 0, 0), "x\ny");
  ck_assert_uint_eq (pocsim_csv_table_line (t, 0), 2);
  ck_assert_uint_eq (pocsim_csv_table_line (t, 1), 5);
  ck_assert_uint_eq (pocsim_csv_table_column (t, "b", NULL), 1);
  g_autoptr (GError) e2 = NULL;
  ck_assert_uint_eq (pocsim_csv_table_column (t, "c", &e2), G_MAXUINT);
  ck_assert_str_eq (e2->message, "t.csv:1:1: missing column \"c\"");
}
END_TEST

START_TEST (test_table_errors)
{
  static const struct { const char *text; const char *message; } cases[] = {
    { "", "t.csv:1:1: empty file: no header line" },
    { "a,b\n1,2\n\"x\ny\",1\n\n2,zz,3\n", "t.csv:6:3: the row has 3 fields, the header 2" },
    { "a,b\n1\n", "t.csv:2:2: the row has 1 fields, the header 2" },
    { "a,b\n1,\"2\n", "t.csv:2:2: malformed field (a quote inside an unquoted field, text after a closing quote, "
                      "or a quoted field that is never closed)" },
    { "a,b\n1,x\"y\n", "t.csv:2:2: malformed field (a quote inside an unquoted field, text after a closing quote, "
                       "or a quoted field that is never closed)" },
    { "a,b\n1,\xff\n", "t.csv:2:2: not valid UTF-8" },
  };
  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PocsimCsvTable) t = pocsim_csv_table_read (cases[k].text, strlen (cases[k].text), "t.csv", &error);
      ck_assert_msg (t == NULL, "accepted case %u", k);
      ck_assert_int_eq (error->code, POCSIM_ERROR_INPUT);
      ck_assert_str_eq (error->message, cases[k].message);
    }
}
END_TEST

/* ---- the hardware data reader ---- */

/* One valid data set, file by file; a test replaces one file. */
static const struct { const char *name; const char *text; } valid_files[] = {
  { "chain_models.csv", "model_id,weight_scale_factor_decimal\nm/a,0.5\n" },
  { "chain_node_hardware.csv", "participant,local_id,gpu_type,gpu_count,in_epoch_poc\n"
                               "p1,n1,NVIDIA H100 80GB HBM3 | 79GB,8,true\n"
                               "p1,n2,NVIDIA H200 | 140GB,8,false\n" },
  { "chain_poc_nodes.csv", "model_id,participant,node_id,poc_weight,epoch_index,block_height\n"
                           "m/a,p1,n1,100,7,700\n" },
  { "benchmark_models.csv", "benchmark_model,model_id\nA FP8,m/a\n" },
  { "benchmarks_8gpu.csv", "gpu_type,model,nonces_per_min_8gpu,tensor_parallel_size\n"
                           "H100,A FP8,80,4\n"
                           "B300,unmapped,1,1\n" },
};

/* Writes the valid set into a new temporary directory, `file` replaced by
 * `text` (file NULL: none replaced; text NULL: the file left out). */
static char *
write_data (const char *file, const char *text)
{
  g_autoptr (GError) error = NULL;
  char *dir = g_dir_make_tmp ("check_hardware-XXXXXX", &error);
  ck_assert_ptr_nonnull (dir);
  for (guint k = 0; k < G_N_ELEMENTS (valid_files); k++)
    {
      gboolean replaced = file && strcmp (file, valid_files[k].name) == 0;
      const char *content = replaced ? text : valid_files[k].text;
      if (content == NULL)
        continue;
      g_autofree char *path = g_build_filename (dir, valid_files[k].name, NULL);
      ck_assert (g_file_set_contents (path, content, -1, NULL));
    }
  return dir;
}

static void
remove_data (const char *dir)
{
  for (guint k = 0; k < G_N_ELEMENTS (valid_files); k++)
    {
      g_autofree char *path = g_build_filename (dir, valid_files[k].name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

START_TEST (test_load_small)
{
  g_autofree char *dir = write_data (NULL, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (PocsimHardwareData) d = pocsim_hardware_data_load (dir, &error);
  remove_data (dir);
  ck_assert_msg (d != NULL, "%s", error ? error->message : "");
  ck_assert_int_eq (d->epoch, 7);
  ck_assert_int_eq (d->block_height, 700);
  ck_assert_uint_eq (d->models->len, 1);
  ck_assert_uint_eq (d->nodes->len, 1);
  const PocsimHwNode *n = &g_array_index (d->nodes, PocsimHwNode, 0);
  ck_assert_int_eq (n->gpu, POCSIM_GPU_H100);
  ck_assert_uint_eq (n->gpu_count, 8);
  ck_assert_int_eq (n->poc_weight, 100);
  ck_assert_str_eq (n->participant, "p1");
  ck_assert_str_eq (n->node_id, "n1");
  ck_assert_str_eq (n->gpu_reported, "NVIDIA H100 80GB HBM3 | 79GB");
  /* the unmapped benchmark label is skipped */
  ck_assert_uint_eq (d->benchmarks->len, 1);
  const PocsimHwBenchmark *b = pocsim_hardware_data_find_benchmark (d, 0, POCSIM_GPU_H100);
  ck_assert_ptr_nonnull (b);
  ck_assert (b->nonces_per_min_8gpu == 80.0);
  ck_assert_uint_eq (b->tensor_parallel_size, 4);
}
END_TEST

START_TEST (test_load_errors)
{
  static const struct { const char *file, *text, *message; } cases[] = {
    { "chain_poc_nodes.csv", "model_id,participant,node_id,poc_weight,epoch_index,block_height\nm/a,p1,n1,1x0,7,700\n",
      "chain_poc_nodes.csv:2:4: poc_weight: \"1x0\" is not an integer from 0 to 1000000000000000" },
    { "chain_poc_nodes.csv", "model_id,participant,node_id,poc_weight,epoch_index,block_height\nm/a,p1,n1,-5,7,700\n",
      "chain_poc_nodes.csv:2:4: poc_weight: \"-5\" is not an integer from 0 to 1000000000000000" },
    { "chain_poc_nodes.csv", "model_id,participant,node_id,poc_weight,epoch_index,block_height\nm/a,p1,n1,100,7\n",
      "chain_poc_nodes.csv:2:6: the row has 5 fields, the header 6" },
    { "chain_poc_nodes.csv", "model_id,participant,node_id,weight,epoch_index,block_height\nm/a,p1,n1,100,7,700\n",
      "chain_poc_nodes.csv:1:1: missing column \"poc_weight\"" },
    { "chain_poc_nodes.csv", "model_id,participant,node_id,poc_weight,epoch_index,block_height\nm/b,p1,n1,100,7,700\n",
      "chain_poc_nodes.csv:2:1: model_id: \"m/b\" is not a model of chain_models.csv" },
    { "chain_poc_nodes.csv", "model_id,participant,node_id,poc_weight,epoch_index,block_height\nm/a,p1,,100,7,700\n",
      "chain_poc_nodes.csv:2:3: node_id: empty" },
    { "chain_poc_nodes.csv", "model_id,participant,node_id,poc_weight,epoch_index,block_height\nm/a,p1,n2,100,7,700\n",
      "chain_poc_nodes.csv:2:3: node \"n2\" of p1 has no row with in_epoch_poc true in chain_node_hardware.csv" },
    { "chain_poc_nodes.csv",
      "model_id,participant,node_id,poc_weight,epoch_index,block_height\nm/a,p1,n1,100,7,700\nm/a,p1,n1,100,8,700\n",
      "chain_poc_nodes.csv:3:5: a snapshot of epoch 8 at block 700 in a file of epoch 7 at block 700" },
    { "chain_poc_nodes.csv", "model_id,participant,node_id,poc_weight,epoch_index,block_height\nm/a,\"p1,n1,100,7,700\n",
      "chain_poc_nodes.csv:2:2: malformed field (a quote inside an unquoted field, text after a closing quote, or a "
      "quoted field that is never closed)" },
    { "chain_node_hardware.csv", "participant,local_id,gpu_type,gpu_count,in_epoch_poc\np1,n1,H100,8,yes\n",
      "chain_node_hardware.csv:2:5: in_epoch_poc: \"yes\" is neither true nor false" },
    { "chain_node_hardware.csv", "participant,local_id,gpu_type,gpu_count,in_epoch_poc\np1,n1,H100,0,true\n",
      "chain_node_hardware.csv:2:4: gpu_count: \"0\" is not an integer from 1 to 1024" },
    { "chain_node_hardware.csv",
      "participant,local_id,gpu_type,gpu_count,in_epoch_poc\np1,n1,H100,8,true\np1,n1,H200,8,true\n",
      "chain_node_hardware.csv:3:2: participant p1 has two nodes \"n1\" in the epoch's PoC" },
    { "benchmarks_8gpu.csv", "gpu_type,model,nonces_per_min_8gpu,tensor_parallel_size\nZ9,A FP8,80,4\n",
      "benchmarks_8gpu.csv:2:1: gpu_type: unknown GPU type \"Z9\"" },
    { "benchmarks_8gpu.csv", "gpu_type,model,nonces_per_min_8gpu,tensor_parallel_size\nH100,A FP8,-3,4\n",
      "benchmarks_8gpu.csv:2:3: nonces_per_min_8gpu: \"-3\" is not a positive number" },
    { "benchmarks_8gpu.csv", "gpu_type,model,nonces_per_min_8gpu,tensor_parallel_size\nH100,A FP8,80,4\nH100,A FP8,90,4\n",
      "benchmarks_8gpu.csv:3:2: a second benchmark of m/a on H100" },
    { "benchmark_models.csv", "benchmark_model,model_id\nA FP8,m/z\n",
      "benchmark_models.csv:2:2: model_id: \"m/z\" is not a model of chain_models.csv" },
    { "chain_models.csv", "model_id,weight_scale_factor_decimal\nm/a,abc\n",
      "chain_models.csv:2:2: weight_scale_factor_decimal: \"abc\" is not a positive number" },
    { "chain_models.csv", "model_id,weight_scale_factor_decimal\nm/a,0.5\nm/a,0.6\n",
      "chain_models.csv:3:1: model_id: \"m/a\" listed twice" },
  };
  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_autofree char *dir = write_data (cases[k].file, cases[k].text);
      g_autoptr (GError) error = NULL;
      g_autoptr (PocsimHardwareData) d = pocsim_hardware_data_load (dir, &error);
      remove_data (dir);
      ck_assert_msg (d == NULL, "case %u accepted", k);
      ck_assert_int_eq (error->code, POCSIM_ERROR_INPUT);
      g_autofree char *prefix = g_strconcat (dir, G_DIR_SEPARATOR_S, NULL);
      ck_assert_msg (g_str_has_prefix (error->message, prefix), "case %u: %s", k, error->message);
      ck_assert_str_eq (error->message + strlen (prefix), cases[k].message);
    }
}
END_TEST

START_TEST (test_load_missing_file)
{
  g_autofree char *dir = write_data ("benchmark_models.csv", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (PocsimHardwareData) d = pocsim_hardware_data_load (dir, &error);
  remove_data (dir);
  ck_assert_ptr_null (d);
  ck_assert_int_eq (error->code, POCSIM_ERROR_IO);
  ck_assert_msg (strstr (error->message, "benchmark_models.csv") != NULL, "%s", error->message);
}
END_TEST

/* ---- the estimator, by hand ---- */

static void
add_node (PocsimHardwareData *d, guint32 model, PocsimGpuType gpu, guint count, gint64 weight)
{
  PocsimHwNode n = { model, "p", "n", "reported", gpu, count, weight };
  pocsim_hardware_data_add_node (d, &n);
}

static void
add_bench (PocsimHardwareData *d, guint32 model, PocsimGpuType gpu, double rate8)
{
  PocsimHwBenchmark b = { model, gpu, "label", rate8, 4 };
  pocsim_hardware_data_add_benchmark (d, &b);
}

/* Model A: H100 nodes 8x100, 8x120, 8x200, 4x60 (node 3), and one node of
 * an unknown type with 8x9999 that must never count; an H100 benchmark of
 * 80 nonces/min per 8 GPUs (10 per GPU).
 * Model B: H200 nodes 2x44, 2x40; benchmarks H200 80 (10 per GPU) and
 * H100 40 (5 per GPU).
 * Model C: A100 nodes 1x5, 1x6; no benchmark. */
static PocsimHardwareData *
small_data (void)
{
  PocsimHardwareData *d = pocsim_hardware_data_new ();
  guint32 a = pocsim_hardware_data_add_model (d, "A", 0.5);
  guint32 b = pocsim_hardware_data_add_model (d, "B", 1);
  guint32 c = pocsim_hardware_data_add_model (d, "C", 1);
  add_node (d, a, POCSIM_GPU_H100, 8, 100);
  add_node (d, a, POCSIM_GPU_H100, 8, 120);
  add_node (d, a, POCSIM_GPU_H100, 8, 200);
  add_node (d, a, POCSIM_GPU_H100, 4, 60);
  add_node (d, a, POCSIM_GPU_UNKNOWN, 8, 9999);
  add_node (d, b, POCSIM_GPU_H200, 2, 44);
  add_node (d, b, POCSIM_GPU_H200, 2, 40);
  add_node (d, c, POCSIM_GPU_A100, 1, 5);
  add_node (d, c, POCSIM_GPU_A100, 1, 6);
  add_bench (d, a, POCSIM_GPU_H100, 80);
  add_bench (d, b, POCSIM_GPU_H200, 80);
  add_bench (d, b, POCSIM_GPU_H100, 40);
  return d;
}

static PocsimPocEstimate
estimate (const PocsimHardwareData *d, const char *model, guint count, PocsimGpuType gpu, guint skip)
{
  PocsimGpuSpec spec = { gpu, count };
  PocsimPocEstimate est;
  g_autoptr (GError) error = NULL;
  ck_assert (pocsim_poc_estimate_node (d, pocsim_hardware_data_find_model (d, model), &spec, skip, &est, &error));
  return est;
}

static void
assert_estimate (PocsimPocEstimate est, PocsimPocEstSource source, gint64 weight, gint64 low, gint64 high,
                 guint n_nodes)
{
  ck_assert_str_eq (pocsim_poc_est_source_name (est.source), pocsim_poc_est_source_name (source));
  ck_assert_int_eq (est.weight, weight);
  ck_assert_int_eq (est.low, low);
  ck_assert_int_eq (est.high, high);
  ck_assert_uint_eq (est.n_nodes, n_nodes);
}

START_TEST (test_estimate_routes)
{
  g_autoptr (PocsimHardwareData) d = small_data ();
  /* 8xH100, A: three nodes with 8 GPUs: median of 100, 120, 200 = 120. */
  assert_estimate (estimate (d, "A", 8, POCSIM_GPU_H100, POCSIM_POC_EST_NO_SKIP), POCSIM_POC_EST_CHAIN, 120, 100,
                   200, 3);
  /* 4xH100, A: one node with 4 GPUs (fewer than 2), so per GPU over the four H100 nodes:
   * 12.5, 15, 25, 15 -> sorted 12.5 15 15 25, median 15, x 4 = 60; range 50-100. */
  assert_estimate (estimate (d, "A", 4, POCSIM_GPU_H100, POCSIM_POC_EST_NO_SKIP), POCSIM_POC_EST_CHAIN_PER_GPU, 60,
                   50, 100, 4);
  /* 3xH100: 15 x 3 = 45; 12.5 x 3 = 37.5 rounds (halves up) to 38; 25 x 3 = 75. */
  assert_estimate (estimate (d, "A", 3, POCSIM_GPU_H100, POCSIM_POC_EST_NO_SKIP), POCSIM_POC_EST_CHAIN_PER_GPU, 45,
                   38, 75, 4);
  /* 1xA100, C: two nodes: median of 5 and 6 = 5.5, rounded to 6. */
  assert_estimate (estimate (d, "C", 1, POCSIM_GPU_A100, POCSIM_POC_EST_NO_SKIP), POCSIM_POC_EST_CHAIN, 6, 5, 6, 2);
  /* 8xH100, B: no B node on H100; the benchmark, 5 nonces/min per GPU.  Factor: pair (A, H100)
   * median per GPU 15 / 10 = 1.5; pair (B, H200) median per GPU of 22, 20 = 21 / 10 = 2.1;
   * (B, H100) has no node.  Median of 1.5, 2.1 = 1.8: 1.8 x 5 x 8 = 72; range 1.5 x 40 = 60 to
   * 2.1 x 40 = 84. */
  PocsimPocEstimate est = estimate (d, "B", 8, POCSIM_GPU_H100, POCSIM_POC_EST_NO_SKIP);
  assert_estimate (est, POCSIM_POC_EST_BENCHMARK, 72, 60, 84, 0);
  ck_assert_uint_eq (est.fit.n_pairs, 2);
  ck_assert (fabs (est.fit.factor - 1.8) < 1e-12);
  ck_assert (fabs (est.fit.low - 1.5) < 1e-12 && fabs (est.fit.high - 2.1) < 1e-12);
  /* A on B300: no node, no benchmark. */
  assert_estimate (estimate (d, "A", 8, POCSIM_GPU_B300, POCSIM_POC_EST_NO_SKIP), POCSIM_POC_EST_NONE, 0, 0, 0, 0);
}
END_TEST

START_TEST (test_estimate_skip)
{
  g_autoptr (PocsimHardwareData) d = small_data ();
  /* Without node 2 (8x200): two 8-GPU nodes, median of 100 and 120 = 110. */
  assert_estimate (estimate (d, "A", 8, POCSIM_GPU_H100, 2), POCSIM_POC_EST_CHAIN, 110, 100, 120, 2);
  /* Without node 7 (C, 1x5): one node left, per GPU 6. */
  assert_estimate (estimate (d, "C", 1, POCSIM_GPU_A100, 7), POCSIM_POC_EST_CHAIN_PER_GPU, 6, 6, 6, 1);
  /* Without node 5 (B, 2x44) the fit's pair (B, H200) has median per GPU 20: ratio 2.0;
   * factor median of 1.5, 2.0 = 1.75: 1.75 x 40 = 70. */
  assert_estimate (estimate (d, "B", 8, POCSIM_GPU_H100, 5), POCSIM_POC_EST_BENCHMARK, 70, 60, 80, 0);
}
END_TEST

START_TEST (test_estimate_host)
{
  g_autoptr (PocsimHardwareData) d = small_data ();
  PocsimGpuSpec specs[] = { { POCSIM_GPU_H100, 8 }, { POCSIM_GPU_H100, 4 } };
  PocsimPocEstimate per_node[2], total;
  g_autoptr (GError) error = NULL;
  /* A: 120 (chain) + 60 (per GPU) = 180; range 100 + 50 to 200 + 100. */
  ck_assert (pocsim_poc_estimate_host (d, 0, specs, 2, per_node, &total, &error));
  assert_estimate (total, POCSIM_POC_EST_CHAIN_PER_GPU, 180, 150, 300, 7);
  ck_assert_int_eq (per_node[0].weight, 120);
  ck_assert_int_eq (per_node[1].weight, 60);
  /* C on H100: no estimate for either node, so none for the host. */
  ck_assert (pocsim_poc_estimate_host (d, 2, specs, 2, per_node, &total, &error));
  assert_estimate (total, POCSIM_POC_EST_NONE, 0, 0, 0, 0);
  /* A model the data lacks. */
  g_autoptr (GArray) list = g_array_new (FALSE, FALSE, sizeof (PocsimGpuSpec));
  g_array_append_vals (list, specs, 2);
  ck_assert (pocsim_poc_estimate_host_by_id (d, "Z", list, per_node, &total, &error));
  ck_assert_int_eq (total.source, POCSIM_POC_EST_NONE);
  ck_assert_int_eq (per_node[1].source, POCSIM_POC_EST_NONE);
  ck_assert (pocsim_poc_estimate_host_by_id (d, "A", list, per_node, &total, &error));
  ck_assert_int_eq (total.weight, 180);
}
END_TEST

START_TEST (test_leave_one_out_small)
{
  /* Three 8xH100 nodes of one model, 100, 120, 200.  Leaving out 100: median of 120, 200 = 160,
   * error 60 %; leaving out 120: 150, 25 %; leaving out 200: 110, 45 %.  Sorted 25, 45, 60:
   * median 45; p90 at rank (3 - 1) x 0.9 = 1.8: 45 + 0.8 x (60 - 45) = 57. */
  g_autoptr (PocsimHardwareData) d = pocsim_hardware_data_new ();
  guint32 a = pocsim_hardware_data_add_model (d, "A", 1);
  add_node (d, a, POCSIM_GPU_H100, 8, 100);
  add_node (d, a, POCSIM_GPU_H100, 8, 120);
  add_node (d, a, POCSIM_GPU_H100, 8, 200);
  add_node (d, a, POCSIM_GPU_UNKNOWN, 8, 50);
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) rows = pocsim_poc_estimate_leave_one_out (d, &error);
  ck_assert_ptr_nonnull (rows);
  ck_assert_uint_eq (rows->len, 2);
  for (guint k = 0; k < 2; k++)
    {
      const PocsimLooRow *row = &g_array_index (rows, PocsimLooRow, k);
      ck_assert_uint_eq (row->n_nodes, 4);
      ck_assert_uint_eq (row->n_evaluated, 3);
      ck_assert_uint_eq (row->by_source[POCSIM_POC_EST_CHAIN], 3); /* two 8-GPU nodes left each time */
      ck_assert (fabs (row->median_abs_pct - 45) < 1e-9);
      ck_assert (fabs (row->p90_abs_pct - 57) < 1e-9);
    }
  ck_assert_str_eq (g_array_index (rows, PocsimLooRow, 0).model_id, "A");
  ck_assert_ptr_null (g_array_index (rows, PocsimLooRow, 1).model_id);
}
END_TEST

/* ---- the real data of epoch 403 ---- */

static PocsimHardwareData *
epoch403 (void)
{
  g_autoptr (GError) error = NULL;
  PocsimHardwareData *d = pocsim_hardware_data_load (SRCDIR "/data/epoch403", &error);
  ck_assert_msg (d != NULL, "%s", error ? error->message : "");
  return d;
}

START_TEST (test_epoch403_data)
{
  g_autoptr (PocsimHardwareData) d = epoch403 ();
  ck_assert_int_eq (d->epoch, 403);
  ck_assert_int_eq (d->block_height, 6218275);
  ck_assert_uint_eq (d->models->len, 3);
  ck_assert_uint_eq (d->nodes->len, 172);
  ck_assert_uint_eq (d->benchmarks->len, 12); /* 14 rows, the two NVFP4 ones unmapped */
  guint unknown = 0;
  for (guint k = 0; k < d->nodes->len; k++)
    unknown += g_array_index (d->nodes, PocsimHwNode, k).gpu == POCSIM_GPU_UNKNOWN;
  ck_assert_uint_eq (unknown, 1); /* "GPU | 0GB" */
}
END_TEST

/* The figures docs/whatif.md quotes. */
START_TEST (test_epoch403_leave_one_out)
{
  g_autoptr (PocsimHardwareData) d = epoch403 ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) rows = pocsim_poc_estimate_leave_one_out (d, &error);
  ck_assert_ptr_nonnull (rows);
  static const struct {
    const char *model;
    guint nodes, evaluated, chain, per_gpu, bench;
    double median, p90;
  } want[] = {
    { "MiniMaxAI/MiniMax-M2.7", 143, 142, 129, 13, 0, 2.28, 24.12 },
    { "deepseek-ai/DeepSeek-V4-Flash-0731", 25, 25, 22, 3, 0, 0.92, 41.20 },
    { "zai-org/GLM-5.3-Flash", 4, 4, 0, 2, 2, 6.15, 7.57 },
    { NULL, 172, 171, 151, 18, 2, 2.12, 24.48 },
  };
  ck_assert_uint_eq (rows->len, G_N_ELEMENTS (want));
  for (guint k = 0; k < G_N_ELEMENTS (want); k++)
    {
      const PocsimLooRow *row = &g_array_index (rows, PocsimLooRow, k);
      ck_assert_str_eq (row->model_id ? row->model_id : "all", want[k].model ? want[k].model : "all");
      ck_assert_uint_eq (row->n_nodes, want[k].nodes);
      ck_assert_uint_eq (row->n_evaluated, want[k].evaluated);
      ck_assert_uint_eq (row->by_source[POCSIM_POC_EST_CHAIN], want[k].chain);
      ck_assert_uint_eq (row->by_source[POCSIM_POC_EST_CHAIN_PER_GPU], want[k].per_gpu);
      ck_assert_uint_eq (row->by_source[POCSIM_POC_EST_BENCHMARK], want[k].bench);
      ck_assert_msg (fabs (row->median_abs_pct - want[k].median) < 0.005, "%s median %.4f", want[k].model,
                     row->median_abs_pct);
      ck_assert_msg (fabs (row->p90_abs_pct - want[k].p90) < 0.005, "%s p90 %.4f", want[k].model, row->p90_abs_pct);
    }
  PocsimLooRow bench;
  ck_assert (pocsim_poc_estimate_benchmark_loo (d, &bench, &error));
  ck_assert_uint_eq (bench.n_nodes, 156);
  ck_assert_uint_eq (bench.n_evaluated, 156);
  ck_assert_msg (fabs (bench.median_abs_pct - 28.43) < 0.005, "%.4f", bench.median_abs_pct);
  ck_assert_msg (fabs (bench.p90_abs_pct - 43.96) < 0.005, "%.4f", bench.p90_abs_pct);
  PocsimBenchFit fit = pocsim_bench_fit (d, POCSIM_POC_EST_NO_SKIP);
  ck_assert_uint_eq (fit.n_pairs, 10);
  ck_assert_msg (fabs (fit.factor - 2.80153) < 0.000005, "%.6f", fit.factor);
}
END_TEST

START_TEST (test_epoch403_8xh100)
{
  g_autoptr (PocsimHardwareData) d = epoch403 ();
  /* MiniMax: 34 nodes report 8 x "NVIDIA H100 80GB HBM3"; their median is 12524. */
  assert_estimate (estimate (d, "MiniMaxAI/MiniMax-M2.7", 8, POCSIM_GPU_H100, POCSIM_POC_EST_NO_SKIP),
                   POCSIM_POC_EST_CHAIN, 12524, 9741, 17133, 34);
  /* DeepSeek: two 4xH100 nodes, 2841 and 3594: per GPU 710.25 and 898.5, median 804.375, x 8 =
   * 6435; range 5682 to 7188. */
  assert_estimate (estimate (d, "deepseek-ai/DeepSeek-V4-Flash-0731", 8, POCSIM_GPU_H100, POCSIM_POC_EST_NO_SKIP),
                   POCSIM_POC_EST_CHAIN_PER_GPU, 6435, 5682, 7188, 2);
  /* GLM: no H100 node; the benchmark's 1775 nonces/min per 8 H100 x 8/8 x the factor. */
  PocsimPocEstimate est = estimate (d, "zai-org/GLM-5.3-Flash", 8, POCSIM_GPU_H100, POCSIM_POC_EST_NO_SKIP);
  ck_assert_int_eq (est.source, POCSIM_POC_EST_BENCHMARK);
  ck_assert_int_eq (est.weight, (gint64) floor (1775 * est.fit.factor + 0.5));
  ck_assert_int_eq (est.weight, 4973);
}
END_TEST

static Suite *
hardware_suite (void)
{
  Suite *s = suite_create ("hardware");
  TCase *names = tcase_create ("gpu names and specs");
  tcase_add_test (names, test_normalize_reported);
  tcase_add_test (names, test_spec_parse);
  tcase_add_test (names, test_spec_errors);
  tcase_add_test (names, test_specs_list);
  suite_add_tcase (s, names);
  TCase *csv = tcase_create ("csv reader");
  tcase_add_test (csv, test_table_lines);
  tcase_add_test (csv, test_table_errors);
  tcase_add_test (csv, test_load_small);
  tcase_add_test (csv, test_load_errors);
  tcase_add_test (csv, test_load_missing_file);
  suite_add_tcase (s, csv);
  TCase *est = tcase_create ("estimator");
  tcase_add_test (est, test_estimate_routes);
  tcase_add_test (est, test_estimate_skip);
  tcase_add_test (est, test_estimate_host);
  tcase_add_test (est, test_leave_one_out_small);
  suite_add_tcase (s, est);
  TCase *real = tcase_create ("epoch 403");
  tcase_add_test (real, test_epoch403_data);
  tcase_add_test (real, test_epoch403_leave_one_out);
  tcase_add_test (real, test_epoch403_8xh100);
  suite_add_tcase (s, real);
  return s;
}

int
main (void)
{
  SRunner *runner = srunner_create (hardware_suite ());
  srunner_run_all (runner, CK_ENV);
  int failed = srunner_ntests_failed (runner);
  srunner_free (runner);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
