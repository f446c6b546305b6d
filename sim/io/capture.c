/* capture.c - fetch a snapshot directory from a node's REST API. */
#define _GNU_SOURCE /* renameat2 */
#include "io/capture.h"

#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <glib/gstdio.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/error.h"
#include "io/json_autoptr.h"
#include "io/json_doc.h"

#define API "/productscience/inference/inference/"
#define COLLATERAL_API "/productscience/inference/collateral/"
#define MAX_BODY (256u << 20) /* a bigger answer is not a node's */
#define MAX_BACKOFF_MS 8000u

/* ---- placing the capture: heights ---- */

static gboolean
mul_add (gint64 base, gint64 k, gint64 step, gint64 *out)
{
  gint64 prod;
  return !__builtin_mul_overflow (k, step, &prod) && pocsim_add_i64 (base, prod, out);
}

gboolean
pocsim_capture_place (const PocsimCaptureChain *c, gint64 requested, PocsimCaptureHeights *h, GError **error)
{
  memset (h, 0, sizeof *h);
  gint64 u;
  if (requested >= 0)
    u = requested;
  else if (!pocsim_add_i64 (c->effective_epoch, 1, &u))
    goto overflow;
  if (u < 2)
    {
      g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_USAGE,
                   "upcoming epoch %" G_GINT64_FORMAT " has no previous epoch (need 2 or more)", u);
      return FALSE;
    }
  if (u > c->effective_epoch + 1)
    {
      g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_USAGE,
                   "epoch %" G_GINT64_FORMAT " is not formed next: the node's effective epoch at height %"
                   G_GINT64_FORMAT " is %" G_GINT64_FORMAT,
                   u, c->block_height, c->effective_epoch);
      return FALSE;
    }
  if (c->epoch_length <= 0 || c->latest_poc_start <= 0)
    {
      g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_INPUT,
                   "the node reports epoch_length %" G_GINT64_FORMAT " and latest PoC start %" G_GINT64_FORMAT
                   ": cannot place epoch %" G_GINT64_FORMAT,
                   c->epoch_length, c->latest_poc_start, u);
      return FALSE;
    }
  h->upcoming = u;
  h->previous = u - 1;
  if (!mul_add (c->latest_poc_start, u - c->latest_index, c->epoch_length, &h->poc_start))
    goto overflow;
  if (h->poc_start <= 0)
    {
      g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_USAGE,
                   "epoch %" G_GINT64_FORMAT " would start at height %" G_GINT64_FORMAT
                   " (before the chain: anchored on epoch %" G_GINT64_FORMAT " at %" G_GINT64_FORMAT ")",
                   u, h->poc_start, c->latest_index, c->latest_poc_start);
      return FALSE;
    }
  if (!pocsim_add_i64 (h->poc_start, c->poc_stage_duration, &h->validation_start)
      || !pocsim_add_i64 (h->validation_start, c->poc_validation_delay, &h->validation_start)
      || !pocsim_add_i64 (h->validation_start, c->poc_validation_duration, &h->validation_end))
    goto overflow;
  h->bootstrap_height = c->deploy_window > 0 ? h->poc_start - c->deploy_window : -1;
  h->formed = c->block_height >= h->validation_end;
  h->state_height = h->formed ? h->validation_end : c->block_height;
  return TRUE;

overflow:
  g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_OVERFLOW, "epoch heights overflow int64");
  return FALSE;
}

char *
pocsim_capture_model_file (const char *model_id)
{
  GString *s = g_string_new (NULL);
  for (const unsigned char *p = (const unsigned char *) model_id; *p; p++)
    if (g_ascii_isalnum (*p) || *p == '.' || *p == '_' || *p == '-')
      g_string_append_c (s, (char) *p);
    else
      g_string_append_printf (s, "%%%02X", *p);
  g_string_append (s, ".json");
  return g_string_free (s, FALSE);
}

gboolean
pocsim_capture_address_ok (const char *addr)
{
  gsize n = 0;
  for (const char *p = addr; *p; p++, n++)
    if (!g_ascii_isalnum (*p))
      return FALSE;
  return n >= 1 && n <= 128;
}

/* ---- HTTP ---- */

typedef struct {
  CURL *curl;
  const PocsimCaptureOptions *o;
  char *base;            /* node URL and REST prefix, without trailing '/' */
  char *node_root;       /* node URL alone, without trailing '/': the /v1 API */
  GByteArray *body;
  gboolean too_big;
  char errbuf[CURL_ERROR_SIZE];
} Http;

static void
http_free (Http *h)
{
  if (h == NULL)
    return;
  if (h->curl)
    curl_easy_cleanup (h->curl);
  g_free (h->base);
  g_free (h->node_root);
  if (h->body)
    g_byte_array_unref (h->body);
  g_free (h);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Http, http_free)

static size_t
on_body (char *data, size_t size, size_t nmemb, void *user)
{
  Http *h = user;
  size_t n = size * nmemb;
  if (h->body->len + n > MAX_BODY)
    {
      h->too_big = TRUE;
      return 0;
    }
  g_byte_array_append (h->body, (const guint8 *) data, (guint) n);
  return n;
}

static int
on_progress (void *user, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal, curl_off_t ulnow)
{
  Http *h = user;
  return (h->o->cancel && *h->o->cancel) ? 1 : 0;
}

static gboolean
cancelled (const PocsimCaptureOptions *o)
{
  return o->cancel && *o->cancel;
}

static gboolean
fail_cancelled (GError **error)
{
  g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_IO, "interrupted");
  return FALSE;
}

static Http *
http_new (const PocsimCaptureOptions *o, GError **error)
{
  if (!g_str_has_prefix (o->node, "http://") && !g_str_has_prefix (o->node, "https://"))
    {
      g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_USAGE, "--node %s: not an http:// or https:// URL", o->node);
      return NULL;
    }
  g_autoptr (Http) h = g_new0 (Http, 1);
  h->o = o;
  const char *prefix = o->rest_prefix ? o->rest_prefix : "/chain-api";
  if (prefix[0] != '\0' && prefix[0] != '/')
    {
      g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_USAGE, "--rest-prefix %s: must be empty or start with /", prefix);
      return NULL;
    }
  g_autofree char *node = g_strdup (o->node);
  gsize n = strlen (node);
  while (n > 0 && node[n - 1] == '/')
    node[--n] = '\0';
  h->node_root = g_strdup (node);
  h->base = g_strconcat (node, prefix, NULL);
  n = strlen (h->base);
  while (n > 0 && h->base[n - 1] == '/')
    h->base[--n] = '\0';
  h->body = g_byte_array_new ();
  h->curl = curl_easy_init ();
  if (h->curl == NULL)
    {
      g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_INTERNAL, "cannot initialise libcurl");
      return NULL;
    }
  CURL *c = h->curl;
  curl_easy_setopt (c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt (c, CURLOPT_CONNECTTIMEOUT_MS, o->connect_timeout_ms);
  curl_easy_setopt (c, CURLOPT_TIMEOUT_MS, o->timeout_ms);
  curl_easy_setopt (c, CURLOPT_USERAGENT, "pocsim/" POCSIM_VERSION);
  curl_easy_setopt (c, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt (c, CURLOPT_MAXREDIRS, 5L);
#if LIBCURL_VERSION_NUM >= 0x075500
  curl_easy_setopt (c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt (c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
#endif
  curl_easy_setopt (c, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt (c, CURLOPT_WRITEDATA, h);
  curl_easy_setopt (c, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt (c, CURLOPT_XFERINFOFUNCTION, on_progress);
  curl_easy_setopt (c, CURLOPT_XFERINFODATA, h);
  curl_easy_setopt (c, CURLOPT_ERRORBUFFER, h->errbuf);
  return g_steal_pointer (&h);
}

static void
notice (const PocsimCaptureOptions *o, const char *fmt, ...) G_GNUC_PRINTF (2, 3);
static void
notice (const PocsimCaptureOptions *o, const char *fmt, ...)
{
  if (o->notice == NULL)
    return;
  va_list ap;
  va_start (ap, fmt);
  g_autofree char *msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  o->notice (msg, o->user_data);
}

static gboolean
retryable_curl (CURLcode rc)
{
  switch (rc)
    {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
      return TRUE;
    default:
      return FALSE;
    }
}

/* A short, printable reason from an error body: gRPC-gateway's
 * {"code":5,"message":"..."} message, else the start of the text. */
static char *
body_reason (const GByteArray *body)
{
  if (body->len == 0)
    return NULL;
  g_autoptr (json_t) j = json_loadb ((const char *) body->data, body->len, 0, NULL);
  const char *msg = NULL;
  if (j && json_is_object (j) && json_is_string (json_object_get (j, "message")))
    msg = json_string_value (json_object_get (j, "message"));
  GString *s = g_string_new (NULL);
  const char *p = msg ? msg : (const char *) body->data;
  gsize n = msg ? strlen (msg) : body->len;
  for (gsize k = 0; k < n && s->len < 160; k++)
    g_string_append_c (s, g_ascii_isprint (p[k]) ? p[k] : ' ');
  g_strstrip (s->str);
  if (s->str[0] == '\0')
    {
      g_string_free (s, TRUE);
      return NULL;
    }
  return g_string_free (s, FALSE);
}

static void
sleep_ms (const PocsimCaptureOptions *o, guint ms)
{
  for (guint slept = 0; slept < ms && !cancelled (o); slept += 50)
    g_usleep (50 * 1000);
}

/* GET base+path (base NULL: the REST API's) with the height header
 * (height < 0: none).  Returns the body of a 2xx answer.  With allow_404, a
 * 404 returns NULL and sets *not_found without an error. */
static GBytes *
http_get (Http *h, const char *base, const char *path, gint64 height, gboolean allow_404, gboolean *not_found,
          char **url_out, GError **error)
{
  const PocsimCaptureOptions *o = h->o;
  g_autofree char *url = g_strconcat (base ? base : h->base, path, NULL);
  struct curl_slist *headers = curl_slist_append (NULL, "Accept: application/json");
  if (height >= 0)
    {
      g_autofree char *hh = g_strdup_printf ("x-cosmos-block-height: %" G_GINT64_FORMAT, height);
      headers = curl_slist_append (headers, hh);
    }
  curl_easy_setopt (h->curl, CURLOPT_URL, url);
  curl_easy_setopt (h->curl, CURLOPT_HTTPHEADER, headers);
  if (not_found)
    *not_found = FALSE;
  guint delay = o->backoff_ms;
  GBytes *result = NULL;
  for (guint attempt = 1;; attempt++)
    {
      g_byte_array_set_size (h->body, 0);
      h->too_big = FALSE;
      h->errbuf[0] = '\0';
      CURLcode rc = curl_easy_perform (h->curl);
      long status = 0;
      curl_easy_getinfo (h->curl, CURLINFO_RESPONSE_CODE, &status);
      if (cancelled (o))
        {
          fail_cancelled (error);
          break;
        }
      g_autofree char *what = NULL;
      gboolean retry = FALSE;
      if (rc != CURLE_OK)
        {
          what = h->too_big ? g_strdup_printf ("answer larger than %u MiB", MAX_BODY >> 20)
                            : g_strdup (h->errbuf[0] ? h->errbuf : curl_easy_strerror (rc));
          retry = retryable_curl (rc);
        }
      else if (status >= 200 && status < 300)
        {
          result = g_bytes_new (h->body->data, h->body->len);
          break;
        }
      else if (status == 404 && allow_404)
        {
          *not_found = TRUE;
          break;
        }
      else
        {
          g_autofree char *reason = body_reason (h->body);
          what = reason ? g_strdup_printf ("HTTP %ld: %s", status, reason) : g_strdup_printf ("HTTP %ld", status);
          retry = status == 429 || status == 502 || status == 503 || status == 504;
        }
      if (!retry || attempt >= o->tries)
        {
          g_autofree char *at = height >= 0 ? g_strdup_printf (" at height %" G_GINT64_FORMAT, height) : NULL;
          g_autofree char *gave_up = retry ? g_strdup_printf (" (gave up after %u tries)", attempt) : NULL;
          g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_IO, "GET %s%s: %s%s", url, at ? at : "", what,
                       gave_up ? gave_up : "");
          break;
        }
      notice (o, "GET %s: %s; retrying in %u ms (try %u of %u)", url, what, delay, attempt + 1, o->tries);
      sleep_ms (o, delay);
      if (cancelled (o))
        {
          fail_cancelled (error);
          break;
        }
      delay = MIN (delay * 2, MAX_BACKOFF_MS);
    }
  curl_easy_setopt (h->curl, CURLOPT_HTTPHEADER, NULL);
  curl_slist_free_all (headers);
  if (url_out)
    *url_out = g_steal_pointer (&url);
  return result;
}

/* ---- reading the few values that place the next requests ---- */

/* The value at a dotted path of objects, or NULL. */
static json_t *
json_at (json_t *j, const char *path)
{
  g_auto (GStrv) keys = g_strsplit (path, ".", -1);
  for (guint k = 0; keys[k] && j; k++)
    j = json_is_object (j) ? json_object_get (j, keys[k]) : NULL;
  return j;
}

/* An integer as a JSON number or decimal string (the REST form); a
 * missing key or null reads as 0, as the chain's zero values do. */
static gboolean
json_int_at (json_t *j, const char *path, const char *url, gint64 *out, GError **error)
{
  if (pocsim_json_int (json_at (j, path), out) == POCSIM_JSON_INT_OK)
    return TRUE;
  g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_INPUT, "%s: %s is not an integer", url, path);
  return FALSE;
}

static json_t *
parse_body (GBytes *body, const char *url, GError **error)
{
  gsize n;
  const char *data = g_bytes_get_data (body, &n);
  json_error_t jerr;
  json_t *j = json_loadb (data ? data : "", n, JSON_ALLOW_NUL, &jerr);
  if (j == NULL)
    g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_INPUT, "%s: not JSON (line %d, column %d: %s)", url, jerr.line,
                 jerr.column, jerr.text);
  else if (!json_is_object (j))
    {
      g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_INPUT, "%s: not a JSON object", url);
      json_decref (j);
      j = NULL;
    }
  return j;
}

/* Adds each string at list[].key (key NULL: the element) to a set. */
static gboolean
collect_strings (json_t *list, const char *key, GHashTable *into, const char *url, const char *what, GError **error)
{
  if (list == NULL || json_is_null (list))
    return TRUE;
  if (!json_is_array (list))
    {
      g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_INPUT, "%s: %s is not a list", url, what);
      return FALSE;
    }
  size_t k;
  json_t *e;
  json_array_foreach (list, k, e)
    {
      json_t *v = key ? (json_is_object (e) ? json_object_get (e, key) : NULL) : e;
      if (!json_is_string (v) || json_string_value (v)[0] == '\0')
        {
          g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_INPUT, "%s: %s[%zu] has no string%s%s", url, what, k,
                       key ? " " : "", key ? key : "");
          return FALSE;
        }
      g_hash_table_add (into, g_strdup (json_string_value (v)));
    }
  return TRUE;
}

static int
str_ptr_cmp (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

static GPtrArray *
sorted_keys (GHashTable *set)
{
  GPtrArray *a = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter it;
  gpointer key;
  g_hash_table_iter_init (&it, set);
  while (g_hash_table_iter_next (&it, &key, NULL))
    g_ptr_array_add (a, g_strdup (key));
  g_ptr_array_sort (a, str_ptr_cmp);
  return a;
}

/* ---- the snapshot directory, written beside DIR and renamed ---- */

typedef struct {
  char *path;  /* relative */
  char *url;
  gint64 height;
  char *sha256;
  gsize bytes;
} Entry;

static void
entry_free (Entry *e)
{
  g_free (e->path);
  g_free (e->url);
  g_free (e->sha256);
  g_free (e);
}

typedef struct {
  char *out_dir;   /* DIR, without trailing '/' */
  char *tmp_dir;   /* DIR.partial-XXXXXX */
  gboolean replace;
  GPtrArray *entries;
} Snapshot;

static int
remove_one (const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
  return remove (path) == 0 ? 0 : -1;
}

static gboolean
remove_tree (const char *path)
{
  return nftw (path, remove_one, 16, FTW_DEPTH | FTW_PHYS) == 0;
}

static void
snapshot_free (Snapshot *s)
{
  if (s == NULL)
    return;
  if (s->tmp_dir)
    remove_tree (s->tmp_dir); /* not committed: leave nothing behind */
  g_free (s->out_dir);
  g_free (s->tmp_dir);
  g_ptr_array_unref (s->entries);
  g_free (s);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Snapshot, snapshot_free)

/* An existing DIR may be replaced only if it is a snapshot (has a
 * manifest.json) or an empty directory: --force never deletes anything else. */
static gboolean
replaceable (const char *dir)
{
  g_autofree char *manifest = g_build_filename (dir, "manifest.json", NULL);
  if (g_file_test (manifest, G_FILE_TEST_IS_REGULAR))
    return TRUE;
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  return d != NULL && g_dir_read_name (d) == NULL;
}

static Snapshot *
snapshot_open (const char *out_dir, gboolean force, GError **error)
{
  g_autoptr (Snapshot) s = g_new0 (Snapshot, 1);
  s->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  s->out_dir = g_strdup (out_dir);
  gsize n = strlen (s->out_dir);
  while (n > 1 && s->out_dir[n - 1] == '/')
    s->out_dir[--n] = '\0';
  if (n == 0 || strcmp (s->out_dir, "/") == 0)
    {
      g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_USAGE, "--out '%s': not a usable directory name", out_dir);
      return NULL;
    }
  struct stat st;
  if (lstat (s->out_dir, &st) == 0)
    {
      if (!force)
        {
          g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_USAGE, "%s: already exists (--force replaces a snapshot)",
                       s->out_dir);
          return NULL;
        }
      if (!S_ISDIR (st.st_mode) || !replaceable (s->out_dir))
        {
          g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_USAGE,
                       "%s: exists and is not a snapshot directory (no manifest.json); not replacing it",
                       s->out_dir);
          return NULL;
        }
      s->replace = TRUE;
    }
  g_autofree char *tmpl = g_strconcat (s->out_dir, ".partial-XXXXXX", NULL);
  if (g_mkdtemp_full (tmpl, 0777) == NULL)
    {
      g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_IO, "%s: cannot create: %s", tmpl, g_strerror (errno));
      return NULL;
    }
  s->tmp_dir = g_steal_pointer (&tmpl);
  return g_steal_pointer (&s);
}

static gboolean
write_file (const char *path, const void *data, gsize len, GError **error)
{
  int fd = open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (fd < 0)
    goto fail;
  for (gsize done = 0; done < len;)
    {
      ssize_t w = write (fd, (const char *) data + done, len - done);
      if (w < 0 && errno == EINTR)
        continue;
      if (w < 0)
        {
          int saved = errno;
          close (fd);
          errno = saved;
          goto fail;
        }
      done += (gsize) w;
    }
  if (fsync (fd) != 0)
    {
      int saved = errno;
      close (fd);
      errno = saved;
      goto fail;
    }
  if (close (fd) != 0)
    goto fail;
  return TRUE;
fail:
  g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_IO, "%s: cannot write: %s", path, g_strerror (errno));
  return FALSE;
}

static gboolean
snapshot_add (Snapshot *s, const char *rel, const char *url, gint64 height, GBytes *body, GError **error)
{
  g_autofree char *path = g_build_filename (s->tmp_dir, rel, NULL);
  g_autofree char *parent = g_path_get_dirname (path);
  if (g_mkdir_with_parents (parent, 0777) != 0)
    {
      g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_IO, "%s: cannot create: %s", parent, g_strerror (errno));
      return FALSE;
    }
  gsize n;
  const void *data = g_bytes_get_data (body, &n);
  if (!write_file (path, data ? data : "", n, error))
    return FALSE;
  Entry *e = g_new0 (Entry, 1);
  e->path = g_strdup (rel);
  e->url = g_strdup (url);
  e->height = height;
  e->sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data ? data : (const void *) "", n);
  e->bytes = n;
  g_ptr_array_add (s->entries, e);
  return TRUE;
}

static int
entry_cmp (gconstpointer a, gconstpointer b)
{
  return strcmp ((*(Entry *const *) a)->path, (*(Entry *const *) b)->path);
}

static json_t *
height_json (gint64 h)
{
  return h >= 0 ? json_integer (h) : json_null ();
}

/* Writes manifest.json and renames the directory into place. */
static gboolean
snapshot_commit (Snapshot *s, const PocsimCaptureOptions *o, const char *captured_at, gint64 upcoming,
                 gint64 formation_height, GError **error)
{
  g_ptr_array_sort (s->entries, entry_cmp);
  g_autoptr (json_t) files = json_array ();
  for (guint k = 0; k < s->entries->len; k++)
    {
      const Entry *e = s->entries->pdata[k];
      json_t *f = json_object ();
      json_object_set_new (f, "path", json_string (e->path));
      json_object_set_new (f, "url", json_string (e->url));
      json_object_set_new (f, "height", height_json (e->height));
      json_object_set_new (f, "sha256", json_string (e->sha256));
      json_object_set_new (f, "bytes", json_integer ((json_int_t) e->bytes));
      json_array_append_new (files, f);
    }
  json_t *node = json_string (o->node);
  if (node == NULL)
    {
      g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_USAGE, "--node: not UTF-8");
      return FALSE;
    }
  g_autoptr (json_t) m = json_object ();
  json_object_set_new (m, "format", json_string ("pocsim-snapshot/1"));
  json_object_set_new (m, "node", node);
  json_object_set_new (m, "height", height_json (o->height));
  json_object_set_new (m, "captured_at", json_string (captured_at));
  json_object_set_new (m, "upcoming_epoch", json_integer (upcoming));
  /* The height U is formed at: the rule set active there forms it. */
  json_object_set_new (m, "formation_height", json_integer (formation_height));
  json_object_set (m, "files", files);
  g_autofree char *text = json_dumps (m, JSON_INDENT (2) | JSON_PRESERVE_ORDER);
  if (text == NULL)
    {
      g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_INTERNAL, "cannot encode manifest.json");
      return FALSE;
    }
  g_autofree char *with_nl = g_strconcat (text, "\n", NULL);
  g_autofree char *mpath = g_build_filename (s->tmp_dir, "manifest.json", NULL);
  if (!write_file (mpath, with_nl, strlen (with_nl), error))
    return FALSE;

  if (!s->replace)
    {
      /* Never over anything that appeared meanwhile (rename(2) would
       * replace an empty directory). */
      if (renameat2 (AT_FDCWD, s->tmp_dir, AT_FDCWD, s->out_dir, RENAME_NOREPLACE) != 0)
        {
          if (errno != EINVAL && errno != ENOSYS)
            goto fail;
          if (g_file_test (s->out_dir, G_FILE_TEST_EXISTS))
            {
              errno = EEXIST;
              goto fail;
            }
          if (g_rename (s->tmp_dir, s->out_dir) != 0)
            goto fail;
        }
    }
  else if (renameat2 (AT_FDCWD, s->tmp_dir, AT_FDCWD, s->out_dir, RENAME_EXCHANGE) == 0)
    {
      /* Swapped in one step: the old snapshot is now at tmp_dir, removed
       * below by snapshot_free. */
      return TRUE;
    }
  else
    {
      /* No atomic exchange here: move the old one aside, then ours in. */
      g_autofree char *old = g_strconcat (s->out_dir, ".old-XXXXXX", NULL);
      if (g_mkdtemp (old) == NULL || g_rmdir (old) != 0 || g_rename (s->out_dir, old) != 0)
        goto fail;
      if (g_rename (s->tmp_dir, s->out_dir) != 0)
        {
          int saved = errno;
          g_rename (old, s->out_dir);
          errno = saved;
          goto fail;
        }
      remove_tree (old);
    }
  g_clear_pointer (&s->tmp_dir, g_free);
  return TRUE;
fail:
  g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_IO, "%s: cannot rename %s into place: %s", s->out_dir, s->tmp_dir,
               g_strerror (errno));
  return FALSE;
}

/* ---- one capture ---- */

gboolean
pocsim_capture_global_init (void)
{
  return curl_global_init (CURL_GLOBAL_DEFAULT) == CURLE_OK;
}

void
pocsim_capture_global_cleanup (void)
{
  curl_global_cleanup ();
}

void
pocsim_capture_options_init (PocsimCaptureOptions *o)
{
  memset (o, 0, sizeof *o);
  o->height = -1;
  o->epoch = -1;
  o->connect_timeout_ms = 10000;
  o->timeout_ms = 60000;
  o->tries = 5;
  o->backoff_ms = 500;
}

typedef struct {
  const PocsimCaptureOptions *o;
  Http *http;
  Snapshot *snap;
  guint done, total;
} Run;

static void
report (Run *r)
{
  if (r->o->progress)
    r->o->progress (r->done, r->total, r->o->user_data);
}

/* GETs base+path (base NULL: the REST API) at height and saves the body
 * as rel.  A 404 with allow_404 saves nothing and leaves *out NULL.  out
 * (optional) gets the parsed body. */
static gboolean
fetch_save_from (Run *r, const char *base, const char *rel, const char *path, gint64 height, gboolean allow_404,
                 json_t **out, GError **error)
{
  if (out)
    *out = NULL;
  gboolean not_found = FALSE;
  g_autofree char *url = NULL;
  g_autoptr (GBytes) body = http_get (r->http, base, path, height, allow_404, &not_found, &url, error);
  if (body == NULL && !not_found)
    return FALSE;
  if (!not_found)
    r->done++;
  else if (r->total > 0)
    r->total--; /* one file fewer than planned */
  if (body != NULL)
    {
      g_autoptr (json_t) j = parse_body (body, url, error);
      if (j == NULL || !snapshot_add (r->snap, rel, url, height, body, error))
        return FALSE;
      if (out)
        *out = g_steal_pointer (&j);
    }
  report (r);
  return TRUE;
}

/* The same from the REST API. */
static gboolean
fetch_save (Run *r, const char *rel, const char *path, gint64 height, gboolean allow_404, json_t **out,
            GError **error)
{
  return fetch_save_from (r, NULL, rel, path, height, allow_404, out, error);
}

static char *
model_query (const char *model_id)
{
  return g_uri_escape_string (model_id, NULL, FALSE);
}

/* Every address of a list must be safe as a file name and URL segment. */
static gboolean
check_addresses (const GPtrArray *addrs, const char *file, const char *field, GError **error)
{
  for (guint k = 0; k < addrs->len; k++)
    if (!pocsim_capture_address_ok (addrs->pdata[k]))
      {
        g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_INPUT, "%s: %s '%s' is not an address", file, field,
                     (char *) addrs->pdata[k]);
        return FALSE;
      }
  return TRUE;
}

/* epoch_group_data/{epoch}?model_id=M for every model, saved as DIR/ID.json.
 * A model `listed` holds (the root's sub_group_models) must answer; any
 * other may have no subgroup (404), which a note reports. */
static gboolean
fetch_groups (Run *r, const char *dir, gint64 epoch, const GPtrArray *models, GHashTable *listed, gint64 height,
              GError **error)
{
  for (guint k = 0; k < models->len; k++)
    {
      const char *m = models->pdata[k];
      g_autofree char *q = model_query (m), *file = pocsim_capture_model_file (m);
      g_autofree char *path = g_strdup_printf (API "epoch_group_data/%" G_GINT64_FORMAT "?model_id=%s", epoch, q);
      g_autofree char *rel = g_strconcat (dir, file, NULL);
      gboolean must = listed != NULL && g_hash_table_contains (listed, m);
      g_autoptr (json_t) j = NULL;
      if (!fetch_save (r, rel, path, height, !must, &j, error))
        return FALSE;
      if (j == NULL)
        notice (r->o, "epoch %" G_GINT64_FORMAT " has no subgroup for %s (HTTP 404): %s not written", epoch, m, rel);
    }
  return TRUE;
}

/* PREFIX + ADDR for every address, saved as DIR/ADDR.json; with allow_404
 * an address the node has nothing for (404) gets no file. */
static gboolean
fetch_each (Run *r, const char *dir, const char *prefix, const GPtrArray *addrs, gint64 height, gboolean allow_404,
            GError **error)
{
  for (guint a = 0; a < addrs->len; a++)
    {
      const char *addr = addrs->pdata[a];
      g_autofree char *path = g_strconcat (prefix, addr, NULL);
      g_autofree char *rel = g_strconcat (dir, addr, ".json", NULL);
      if (!fetch_save (r, rel, path, height, allow_404, NULL, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
pocsim_capture_run (const PocsimCaptureOptions *o, GError **error)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *captured_at = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  g_autoptr (Http) http = http_new (o, error);
  if (http == NULL)
    return FALSE;
  g_autoptr (Snapshot) snap = snapshot_open (o->out_dir, o->force, error);
  if (snap == NULL)
    return FALSE;
  Run run = { .o = o, .http = http, .snap = snap };
  Run *r = &run;
  report (r);

  /* Where the chain is: epoch_info (latest epoch, params) and the
   * effective epoch, both at one height B. */
  g_autofree char *info_url = NULL, *cur_url = NULL;
  g_autoptr (GBytes) info_body = http_get (http, NULL, API "epoch_info",
                                           o->height, FALSE, NULL, &info_url, error);
  if (info_body == NULL)
    return FALSE;
  g_autoptr (json_t) info = parse_body (info_body, info_url, error);
  if (info == NULL)
    return FALSE;
  PocsimCaptureChain chain = { 0 };
  if (!json_int_at (info, "block_height", info_url, &chain.block_height, error)
      || !json_int_at (info, "latest_epoch.index", info_url, &chain.latest_index, error)
      || !json_int_at (info, "latest_epoch.poc_start_block_height", info_url, &chain.latest_poc_start, error)
      || !json_int_at (info, "params.epoch_params.epoch_length", info_url, &chain.epoch_length, error)
      || !json_int_at (info, "params.epoch_params.poc_stage_duration", info_url, &chain.poc_stage_duration, error)
      || !json_int_at (info, "params.epoch_params.poc_validation_delay", info_url, &chain.poc_validation_delay,
                       error)
      || !json_int_at (info, "params.epoch_params.poc_validation_duration", info_url,
                       &chain.poc_validation_duration, error)
      || !json_int_at (info, "params.delegation_params.deploy_window", info_url, &chain.deploy_window, error))
    return FALSE;
  if (chain.block_height <= 0)
    {
      g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_INPUT, "%s: no block_height", info_url);
      return FALSE;
    }
  const gint64 b = chain.block_height;
  g_autoptr (GBytes) cur_body = http_get (http, NULL, API "get_current_epoch", b, FALSE, NULL, &cur_url, error);
  if (cur_body == NULL)
    return FALSE;
  g_autoptr (json_t) cur = parse_body (cur_body, cur_url, error);
  if (cur == NULL || !json_int_at (cur, "epoch", cur_url, &chain.effective_epoch, error))
    return FALSE;
  PocsimCaptureHeights h;
  if (!pocsim_capture_place (&chain, o->epoch, &h, error))
    return FALSE;
  const gint64 s = h.state_height;
  const gint64 u = h.upcoming, e = h.previous;

  /* epoch.json: the effective epoch at the state height, which is E. */
  {
    g_autoptr (json_t) at_s = NULL;
    if (s == b)
      {
        if (!snapshot_add (snap, "epoch.json", cur_url, b, cur_body, error))
          return FALSE;
        at_s = json_incref (cur);
        r->done++;
      }
    else if (!fetch_save (r, "epoch.json", API "get_current_epoch", s, FALSE, &at_s, error))
      return FALSE;
    gint64 eff;
    if (!json_int_at (at_s, "epoch", "get_current_epoch", &eff, error))
      return FALSE;
    if (eff != e)
      {
        g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_INPUT,
                     "get_current_epoch at height %" G_GINT64_FORMAT " says %" G_GINT64_FORMAT
                     ", expected %" G_GINT64_FORMAT " (epoch %" G_GINT64_FORMAT " placed at PoC start %"
                     G_GINT64_FORMAT ")",
                     s, eff, e, u, h.poc_start);
        return FALSE;
      }
  }

  g_autoptr (json_t) params = NULL;
  if (!fetch_save (r, "params.json", API "params", s, FALSE, &params, error))
    return FALSE;
  g_autoptr (GHashTable) models = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (!collect_strings (json_at (params, "params.poc_params.models"), "model_id", models, "params.json",
                        "params.poc_params.models", error))
    return FALSE;

  /* Optional in the layout (the power cap switch); not every node serves it. */
  {
    g_autoptr (json_t) j = NULL;
    if (!fetch_save (r, "genesis_only_params.json", API "genesis_only_params", s, TRUE, &j, error))
      return FALSE;
    if (j == NULL)
      notice (o, "the node does not serve genesis_only_params (HTTP 404): genesis_only_params.json not written");
  }

  g_autoptr (json_t) root = NULL;
  g_autofree char *root_path = g_strdup_printf (API "epoch_group_data/%" G_GINT64_FORMAT, e);
  if (!fetch_save (r, "previous/root.json", root_path, s, FALSE, &root, error))
    return FALSE;
  g_autoptr (GHashTable) sub = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) members = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (!collect_strings (json_at (root, "epoch_group_data.sub_group_models"), NULL, sub, "previous/root.json",
                        "epoch_group_data.sub_group_models", error)
      || !collect_strings (json_at (root, "epoch_group_data.validation_weights"), "member_address", members,
                           "previous/root.json", "epoch_group_data.validation_weights", error))
    return FALSE;
  GHashTableIter it;
  gpointer key;
  g_hash_table_iter_init (&it, sub);
  while (g_hash_table_iter_next (&it, &key, NULL))
    g_hash_table_add (models, g_strdup (key));
  g_autoptr (GPtrArray) model_list = sorted_keys (models);
  g_autoptr (GPtrArray) addrs = sorted_keys (members);
  if (!check_addresses (addrs, "previous/root.json", "member_address", error))
    return FALSE;

  /* The stage's commits: who may join U.  Their collateral counts too. */
  g_autofree char *commits_path = g_strdup_printf (API "all_poc_v2_store_commits/%" G_GINT64_FORMAT, h.poc_start);
  if (h.poc_start > b)
    notice (o, "epoch %" G_GINT64_FORMAT "'s PoC starts at height %" G_GINT64_FORMAT ", after height %"
            G_GINT64_FORMAT ": commits.json holds no commits yet", u, h.poc_start, b);
  g_autoptr (json_t) commits = NULL;
  if (!fetch_save (r, "commits.json", commits_path, s, FALSE, &commits, error))
    return FALSE;
  g_autoptr (GHashTable) everyone = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (!collect_strings (json_at (commits, "commits"), "participant_address", everyone, "commits.json", "commits",
                        error))
    return FALSE;
  g_hash_table_iter_init (&it, members);
  while (g_hash_table_iter_next (&it, &key, NULL))
    g_hash_table_add (everyone, g_strdup (key));
  g_autoptr (GPtrArray) participants = sorted_keys (everyone);
  if (!check_addresses (participants, "commits.json", "participant_address", error))
    return FALSE;

  const gboolean boot = h.bootstrap_height > 0 && h.bootstrap_height <= b;
  const gboolean val = h.validation_start <= b;
  const gboolean frozen = h.poc_start <= b; /* U's root exists from its PoC start */
  r->total = r->done + model_list->len /* previous/models/ */ + 3 /* excluded, participants, models.json */
             + 2 * participants->len /* collateral/, hardware/ */ + (frozen ? 1 : 0) /* current/root.json */
             + (h.formed ? model_list->len : 0) /* current/models/ */
             + addrs->len * ((boot ? 1u : 0u) + (val ? 1u : 0u)) /* delegations/ */;
  report (r);

  if (!fetch_groups (r, "previous/models/", e, model_list, sub, s, error))
    return FALSE;

  /* Members removed from E's group during E (rules.md §6 #34). */
  {
    g_autofree char *path = g_strdup_printf (API "excluded_participants/%" G_GINT64_FORMAT, e);
    g_autoptr (json_t) j = NULL;
    if (!fetch_save (r, "previous/excluded.json", path, s, TRUE, &j, error))
      return FALSE;
    if (j == NULL)
      notice (o, "the node does not serve excluded_participants (HTTP 404): previous/excluded.json not written");
  }

  /* AP(E) with its trust weights (v0.2.16 cap_weight): the chain's REST API
   * has no query for ActiveParticipants, the node's /v1 API serves it (the
   * stored record of E, the same at any height). */
  {
    g_autofree char *path = g_strdup_printf ("/v1/epochs/%" G_GINT64_FORMAT "/participants", e);
    g_autoptr (json_t) j = NULL;
    if (!fetch_save_from (r, r->http->node_root, "previous/participants.json", path, s, TRUE, &j, error))
      return FALSE;
    if (j == NULL)
      notice (o, "the node does not serve /v1/epochs/%" G_GINT64_FORMAT "/participants (HTTP 404): "
              "previous/participants.json not written", e);
  }

  /* Collateral and hardware records at the formation; a 404 is a
   * participant without any. */
  if (!fetch_each (r, "collateral/", COLLATERAL_API "collateral/", participants, s, TRUE, error)
      || !fetch_each (r, "hardware/", API "hardware_nodes/", participants, s, TRUE, error))
    return FALSE;

  /* The governance model registry, which seating reads. */
  {
    g_autoptr (json_t) j = NULL;
    if (!fetch_save (r, "models.json", API "models_all?pagination.limit=1000", s, TRUE, &j, error))
      return FALSE;
    if (j == NULL)
      notice (o, "the node does not serve models_all (HTTP 404): models.json not written");
  }

  /* U's root: the coefficient config frozen at U's PoC start. */
  if (frozen)
    {
      g_autofree char *path = g_strdup_printf (API "epoch_group_data/%" G_GINT64_FORMAT, u);
      g_autoptr (json_t) j = NULL;
      if (!fetch_save (r, "current/root.json", path, s, TRUE, &j, error))
        return FALSE;
      if (j == NULL)
        notice (o, "epoch %" G_GINT64_FORMAT " has no root group (HTTP 404): current/root.json not written", u);
    }

  if (h.formed)
    {
      if (!fetch_groups (r, "current/models/", u, model_list, NULL, s, error))
        return FALSE;
    }
  else
    notice (o, "epoch %" G_GINT64_FORMAT " is not formed at height %" G_GINT64_FORMAT " (validation ends at %"
            G_GINT64_FORMAT "): current/ not captured", u, b, h.validation_end);

  const struct { const char *dir; gint64 height; gboolean take; } snaps[] = {
    { "delegations/bootstrap/", h.bootstrap_height, boot },
    { "delegations/validation/", h.validation_start, val },
  };
  for (guint k = 0; k < G_N_ELEMENTS (snaps); k++)
    {
      if (!snaps[k].take)
        {
          if (snaps[k].height > 0)
            notice (o, "%s snapshot height %" G_GINT64_FORMAT " is after height %" G_GINT64_FORMAT
                    ": %s not captured", k == 0 ? "bootstrap" : "validation", snaps[k].height, b, snaps[k].dir);
          continue;
        }
      if (!fetch_each (r, snaps[k].dir, API "poc_delegation/", addrs, snaps[k].height, FALSE, error))
        return FALSE;
    }
  if (cancelled (o))
    return fail_cancelled (error);
  return snapshot_commit (snap, o, captured_at, u, h.validation_end, error);
}

/* ---- the node's clock ---- */

#define BLOCKS_API "/cosmos/base/tendermint/v1beta1/blocks/"

/* GETs one block's header: its height and time as the node wrote them. */
static gboolean
fetch_block (Http *http, const char *which, json_t *blocks, gint64 *height, GError **error)
{
  g_autofree char *path = g_strconcat (BLOCKS_API, which, NULL), *url = NULL;
  g_autoptr (GBytes) body = http_get (http, NULL, path, -1, FALSE, NULL, &url, error);
  if (body == NULL)
    return FALSE;
  g_autoptr (json_t) j = parse_body (body, url, error);
  if (j == NULL || !json_int_at (j, "block.header.height", url, height, error))
    return FALSE;
  json_t *time = json_at (j, "block.header.time");
  if (*height <= 0 || !json_is_string (time))
    {
      g_set_error (error, POCSIM_ERROR, POCSIM_ERROR_INPUT, "%s: no block.header.height and block.header.time", url);
      return FALSE;
    }
  json_array_insert_new (blocks, 0, json_pack ("{s:I, s:O}", "height", (json_int_t) *height, "time", time));
  return TRUE;
}

char *
pocsim_capture_clock (const PocsimCaptureOptions *o, gint64 sample_blocks, GError **error)
{
  g_autoptr (Http) http = http_new (o, error);
  if (http == NULL)
    return NULL;
  g_autoptr (json_t) blocks = json_array ();
  gint64 latest, earlier;
  if (!fetch_block (http, "latest", blocks, &latest, error))
    return NULL;
  if (latest > 1)
    {
      g_autofree char *which = g_strdup_printf ("%" G_GINT64_FORMAT, MAX (latest - sample_blocks, 1));
      if (!fetch_block (http, which, blocks, &earlier, error))
        return NULL;
    }
  g_autoptr (json_t) doc = json_pack ("{s:s, s:s, s:O}", "format", "pocsim-clock/1", "node", o->node, "blocks", blocks);
  /* The latest epoch and the epoch params: a live anchor for the timeline. */
  g_autofree char *info_url = NULL;
  gboolean missing = FALSE;
  g_autoptr (GBytes) info_body = http_get (http, NULL, API "epoch_info", -1, TRUE, &missing, &info_url, error);
  if (info_body == NULL && !missing)
    return NULL;
  g_autoptr (json_t) info = info_body ? parse_body (info_body, info_url, error) : NULL;
  if (info_body != NULL && info == NULL)
    return NULL;
  json_object_set (doc, "epoch_info", info ? info : json_null ());
  char *text = json_dumps (doc, JSON_INDENT (2) | JSON_PRESERVE_ORDER);
  char *owned = g_strdup (text); /* jansson's allocator gives it; the caller g_frees */
  free (text);
  return owned;
}
