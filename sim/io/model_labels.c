/* model_labels.c - short column labels for model ids (model_labels.h). */
#include "io/model_labels.h"

#include <string.h>

/* The name after the last '/'. */
static const char *
base_name (const char *id)
{
  const char *slash = strrchr (id, '/');
  return slash && slash[1] ? slash + 1 : id;
}

/* The first WORDS '-'-separated words of NAME (all of them if fewer). */
static char *
first_words (const char *name, guint words)
{
  const char *p = name;
  for (guint k = 0; k < words; k++)
    {
      const char *dash = strchr (p, '-');
      if (dash == NULL)
        return g_strdup (name);
      p = dash + 1;
    }
  return g_strndup (name, (gsize) (p - 1 - name));
}

static guint
word_count (const char *name)
{
  guint n = 1;
  for (const char *p = name; *p; p++)
    n += *p == '-';
  return n;
}

/* As many whole words as fit the width, at least one. */
static guint
fitting_words (const char *name)
{
  guint words = 1, total = word_count (name);
  while (words < total)
    {
      g_autofree char *longer = first_words (name, words + 1);
      if (strlen (longer) > POCSIM_MODEL_LABEL_WIDTH)
        break;
      words++;
    }
  return words;
}

char **
pocsim_model_labels (const char *const *ids, guint n)
{
  g_autofree guint *words = g_new (guint, n);
  char **labels = g_new0 (char *, n + 1);
  for (guint m = 0; m < n; m++)
    {
      words[m] = fitting_words (base_name (ids[m]));
      labels[m] = first_words (base_name (ids[m]), words[m]);
    }
  /* Lengthen equal labels a word at a time; equal full names fall back to
   * the whole id, which is unique. */
  gboolean changed = TRUE;
  while (changed)
    {
      changed = FALSE;
      for (guint m = 0; m < n; m++)
        for (guint o = m + 1; o < n; o++)
          {
            if (strcmp (labels[m], labels[o]) != 0)
              continue;
            guint *pair[] = { &words[m], &words[o] };
            guint idx[] = { m, o };
            for (guint k = 0; k < 2; k++)
              {
                const char *name = base_name (ids[idx[k]]);
                g_free (labels[idx[k]]);
                if (*pair[k] < word_count (name))
                  labels[idx[k]] = first_words (name, ++*pair[k]);
                else
                  labels[idx[k]] = g_strdup (ids[idx[k]]);
              }
            changed = TRUE;
          }
    }
  return labels;
}

gboolean
pocsim_model_labels_write (FILE *out, const char *const *ids, char *const *labels, guint n)
{
  gsize width = 5;
  gboolean shortened = FALSE;
  for (guint m = 0; m < n; m++)
    {
      width = MAX (width, strlen (labels[m]));
      shortened |= strcmp (labels[m], ids[m]) != 0;
    }
  if (!shortened)
    return TRUE;
  fprintf (out, "Models (column label: model id)\n");
  for (guint m = 0; m < n; m++)
    fprintf (out, "  %-*s  %s\n", (int) width, labels[m], ids[m]);
  fputc ('\n', out);
  return !ferror (out);
}
