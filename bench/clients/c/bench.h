/*
 * The measuring loop every C client of the benchmark shares. A client supplies a
 * "caller": something that logs in once and says whether it got the expected token.
 *
 * Command line of every client program (see bench/harness.py, which runs them):
 *   PROGRAM [VARIANT] warm URL CA_FILE BUNDLE WARMUP_S CALLS THROUGHPUT_S
 *   PROGRAM [VARIANT] cold URL CA_FILE BUNDLE
 * warm prints one JSON line: the latency of each of CALLS calls in nanoseconds, the CPU
 * time the whole process spent during those calls, the calls completed in THROUGHPUT_S
 * seconds by one and by two threads, and the count of wrong answers. cold logs in once and exits 0 only if the token was right.
 */
#ifndef UCONTACT_BENCH_H
#define UCONTACT_BENCH_H

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#define BENCH_USER "demo"
#define BENCH_PASSWORD "demo-password"
#define BENCH_TOKEN "ZGVtbzowYjZmMmM5ZS00ZDFhLTRmN2UtOWMzYi01YThkN2U2ZjFhMjA="
#define BENCH_PATH "/Integra/resources/auth/getUserToken"

struct bench_args {
  const char *mode; /* "warm" or "cold" */
  const char *url;  /* scheme://host:port, no path */
  const char *ca_file;
  const char *bundle;
  double warmup_s;
  long calls;
  double throughput_s;
};

/* One login on the caller's connection state. Returns 1 when the token was right. */
typedef int (*bench_call_fn)(void *state);

/* Makes a caller's state: thread 0's is made once and kept for every phase, so that its
 * connection is reused throughout; thread 1's is made for the two-thread run and released
 * after it. Returns NULL on failure. */
typedef void *(*bench_state_fn)(void *shared, int thread);
typedef void (*bench_release_fn)(void *state, void *shared);

static inline uint64_t bench_now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

/* User plus system CPU time of the whole process, all threads. */
static inline uint64_t bench_cpu_ns(void) {
  struct rusage u;
  getrusage(RUSAGE_SELF, &u);
  return ((uint64_t)u.ru_utime.tv_sec + (uint64_t)u.ru_stime.tv_sec) * 1000000000u +
         ((uint64_t)u.ru_utime.tv_usec + (uint64_t)u.ru_stime.tv_usec) * 1000u;
}

static inline int bench_parse_args(int argc, char **argv, struct bench_args *a) {
  *a = (struct bench_args){0};
  if (argc < 5) {
    return -1;
  }
  a->mode = argv[1];
  a->url = argv[2];
  a->ca_file = argv[3];
  a->bundle = argv[4];
  if (strcmp(a->mode, "cold") == 0) {
    return 0;
  }
  if (strcmp(a->mode, "warm") != 0 || argc < 8) {
    return -1;
  }
  a->warmup_s = atof(argv[5]);
  a->calls = atol(argv[6]);
  a->throughput_s = atof(argv[7]);
  return a->calls > 0 ? 0 : -1;
}

struct bench_worker {
  bench_call_fn call;
  void *state;
  pthread_barrier_t *start;
  uint64_t deadline_ns;
  long ok;
  long bad;
};

static void *bench_worker_run(void *arg) {
  struct bench_worker *w = arg;
  pthread_barrier_wait(w->start);
  while (bench_now_ns() < w->deadline_ns) {
    if (w->call(w->state)) {
      w->ok++;
    } else {
      w->bad++;
    }
  }
  return NULL;
}

/* Runs `threads` callers until `seconds` pass; adds the good calls to *ok and the wrong
 * answers to *bad, and returns the elapsed nanoseconds. */
static uint64_t bench_throughput(bench_call_fn call, bench_state_fn make,
                                 bench_release_fn release, void *shared,
                                 void *state0, int threads, double seconds,
                                 long *ok, long *bad) {
  struct bench_worker workers[2];
  pthread_t ids[2];
  pthread_barrier_t start;
  pthread_barrier_init(&start, NULL, (unsigned)threads + 1);
  for (int i = 0; i < threads; i++) {
    void *state = i == 0 ? state0 : make(shared, i);
    workers[i] = (struct bench_worker){call, state, &start, 0, 0, 0};
    if (workers[i].state == NULL) {
      fprintf(stderr, "bench: cannot make the state of thread %d\n", i);
      exit(2);
    }
  }
  uint64_t began = bench_now_ns();
  for (int i = 0; i < threads; i++) {
    workers[i].deadline_ns = began + (uint64_t)(seconds * 1e9);
    pthread_create(&ids[i], NULL, bench_worker_run, &workers[i]);
  }
  pthread_barrier_wait(&start);
  began = bench_now_ns();
  for (int i = 0; i < threads; i++) {
    pthread_join(ids[i], NULL);
  }
  uint64_t elapsed = bench_now_ns() - began;
  for (int i = 0; i < threads; i++) {
    *ok += workers[i].ok;
    *bad += workers[i].bad;
    if (i > 0) {
      release(workers[i].state, shared);
    }
  }
  pthread_barrier_destroy(&start);
  return elapsed;
}

/* The warm measurement: warm-up, then `calls` timed calls one after another, then the
 * throughput with one and with two threads. Prints the JSON line. */
static int bench_warm(const struct bench_args *a, bench_call_fn call,
                      bench_state_fn make, bench_release_fn release,
                      void *shared) {
  long bad = 0, total = 0;
  void *state = make(shared, 0);
  if (state == NULL) {
    fprintf(stderr, "bench: cannot make the caller\n");
    return 2;
  }
  uint64_t warm_until = bench_now_ns() + (uint64_t)(a->warmup_s * 1e9);
  for (long i = 0; i < 200 || bench_now_ns() < warm_until; i++) {
    bad += !call(state);
    total++;
  }
  uint64_t *lat = malloc(sizeof(uint64_t) * (size_t)a->calls);
  uint64_t cpu = bench_cpu_ns();
  for (long i = 0; i < a->calls; i++) {
    uint64_t t0 = bench_now_ns();
    int good = call(state);
    lat[i] = bench_now_ns() - t0;
    bad += !good;
    total++;
  }
  cpu = bench_cpu_ns() - cpu;

  long ok1 = 0, ok2 = 0, bad1 = 0, bad2 = 0;
  uint64_t ns1 = bench_throughput(call, make, release, shared, state,
                                  1, a->throughput_s, &ok1, &bad1);
  uint64_t ns2 = bench_throughput(call, make, release, shared, state,
                                  2, a->throughput_s, &ok2, &bad2);
  bad += bad1 + bad2;
  total += ok1 + bad1 + ok2 + bad2;

  printf("{\"lat_ns\":[");
  for (long i = 0; i < a->calls; i++) {
    printf(i ? ",%llu" : "%llu", (unsigned long long)lat[i]);
  }
  printf("],\"lat_cpu_ns\":%llu,\"t1_calls\":%ld,\"t1_ns\":%llu,\"t2_calls\":%ld,"
         "\"t2_ns\":%llu,\"bad\":%ld,\"total_calls\":%ld}\n",
         (unsigned long long)cpu, ok1, (unsigned long long)ns1, ok2, (unsigned long long)ns2, bad,
         total);
  free(lat);
  release(state, shared);
  return 0;
}

#endif
