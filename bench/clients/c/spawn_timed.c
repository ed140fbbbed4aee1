/*
 * Runs one program and reports its wall time and resources, for bench/harness.py:
 *   spawn_timed RESULT_FILE PROGRAM [ARGS...]
 * PROGRAM inherits this process's standard streams and environment. RESULT_FILE gets one
 * line: wall_ns exit_status maxrss_kib cpu_ns, the wall time running from posix_spawn to
 * the return of wait4.
 *
 * Why a helper: on Linux a child's peak RSS starts from the RSS of the process it was
 * spawned from (exec keeps the old address space's high-water mark), so children spawned
 * by the Python harness would all report at least the harness's own 35 MiB. This helper
 * is a few hundred KiB, which the `/bin/true` row of the results shows.
 */
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>

extern char **environ;

static uint64_t now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: spawn_timed RESULT_FILE PROGRAM [ARGS...]\n");
    return 2;
  }
  FILE *result = fopen(argv[1], "w");
  if (result == NULL) {
    perror("spawn_timed: RESULT_FILE");
    return 2;
  }
  pid_t pid;
  uint64_t began = now_ns();
  int failed = posix_spawn(&pid, argv[2], NULL, NULL, argv + 2, environ);
  if (failed) {
    fprintf(stderr, "spawn_timed: cannot run %s\n", argv[2]);
    return 2;
  }
  int status;
  struct rusage usage;
  if (wait4(pid, &status, 0, &usage) != pid) {
    perror("spawn_timed: wait4");
    return 2;
  }
  uint64_t wall = now_ns() - began;
  int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  uint64_t cpu = ((uint64_t)usage.ru_utime.tv_sec + (uint64_t)usage.ru_stime.tv_sec) *
                     1000000000u +
                 ((uint64_t)usage.ru_utime.tv_usec + (uint64_t)usage.ru_stime.tv_usec) *
                     1000u;
  fprintf(result, "%llu %d %ld %llu\n", (unsigned long long)wall, code,
          usage.ru_maxrss, (unsigned long long)cpu);
  return fclose(result) == 0 ? 0 : 2;
}
