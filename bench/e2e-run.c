/* e2e-run - runs a command several times as a whole process and reports
 * its median and fastest wall time and its peak memory, for bench/e2e.py.
 *
 *   e2e-run RUNS COMMAND [ARG...]
 *
 * Runs COMMAND once to warm the caches, then RUNS times, each with its
 * standard output discarded, and prints one line:
 *
 *   MEDIAN_MS MIN_MS PEAK_KIB
 *
 * PEAK_KIB is the largest ru_maxrss wait4() reports for the runs.  This
 * launcher is a small process, so what Linux carries over from it into the
 * child's maximum at exec is small (about its own 1 to 2 MiB); a Python or
 * shell launcher would add its own size.  Exit status 0, 1 if a run fails,
 * 2 on a usage error. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double
now_ms (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* One run: its wall time in ms, or a negative value if it failed. */
static double
run_once (char **argv, long *peak_kib)
{
  double t0 = now_ms ();
  pid_t pid = fork ();
  if (pid < 0)
    return -1;
  if (pid == 0)
    {
      int devnull = open ("/dev/null", O_WRONLY);
      if (devnull < 0 || dup2 (devnull, STDOUT_FILENO) < 0)
        _exit (127);
      execv (argv[0], argv);
      _exit (127);
    }
  int status;
  struct rusage ru;
  if (wait4 (pid, &status, 0, &ru) != pid)
    return -1;
  double t1 = now_ms ();
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    return -1;
  if (ru.ru_maxrss > *peak_kib)
    *peak_kib = ru.ru_maxrss;
  return t1 - t0;
}

static int
compare_doubles (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

int
main (int argc, char **argv)
{
  char *end;
  long runs = argc >= 3 ? strtol (argv[1], &end, 10) : 0;
  if (argc < 3 || *end != '\0' || runs < 1 || runs > 100000)
    {
      fprintf (stderr, "usage: e2e-run RUNS COMMAND [ARG...]   (COMMAND a path; RUNS 1 to 100000)\n");
      return 2;
    }
  double *times = malloc ((size_t) runs * sizeof (double));
  long peak = 0;
  if (times == NULL)
    return 1;
  for (long k = -1; k < runs; k++)
    {
      double ms = run_once (argv + 2, &peak);
      if (ms < 0)
        {
          fprintf (stderr, "e2e-run: %s failed\n", argv[2]);
          free (times);
          return 1;
        }
      if (k >= 0)
        times[k] = ms;
    }
  qsort (times, (size_t) runs, sizeof (double), compare_doubles);
  double median = runs % 2 ? times[runs / 2] : (times[runs / 2 - 1] + times[runs / 2]) / 2;
  printf ("%.4f %.4f %ld\n", median, times[0], peak);
  free (times);
  return 0;
}
