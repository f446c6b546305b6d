/* json-load - the floor of reading a case: one json_load_file() of FILE in
 * a process linked with jansson alone, and nothing else.
 *
 *   json-load FILE
 *
 * bench/e2e.py times this process beside `pocsim epoch FILE` on the same
 * file: the whole-process time of pocsim is compared with it (target: at
 * most 1.3 x for large cases, issue 15).  Exit status 0, or 1 when the file
 * does not parse (the message on stderr), 2 on a usage error. */
#include <jansson.h>
#include <stdio.h>

int
main (int argc, char **argv)
{
  if (argc != 2)
    {
      fprintf (stderr, "usage: json-load FILE\n");
      return 2;
    }
  json_error_t error;
  json_t *doc = json_load_file (argv[1], 0, &error);
  if (doc == NULL)
    {
      fprintf (stderr, "json-load: %s:%d:%d: %s\n", argv[1], error.line, error.column, error.text);
      return 1;
    }
  /* Freed, as pocsim frees its document: the floor includes it. */
  json_decref (doc);
  return 0;
}
