/* The dense-regime C reference for `npm run bench` (bench/dense-regime.ts compiles it with cc -O3 when a compiler
 * is present): crude Monte Carlo of two-terminal reliability on a graph read from argv, the same bit-parallel
 * algorithm as the engine's dense loop with 64 samples per machine word. Link failures are drawn by geometric
 * skipping over the (link, sample) bit grid of a block (inversion, gap = floor(ln(U) / ln(1 - q))), with
 * xoshiro256** uniforms (Blackman and Vigna 2018); reach words propagate from the source by breadth-first sweeps
 * until a sweep changes nothing; down samples are counted with popcount.
 *
 * Usage: dense_reference nodeCount source target q seconds a0 b0 a1 b1 ...
 * Prints one JSON object: samples per second (best ~0.15 s chunk, median, overall; and per CPU second) and the
 * unavailability. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static uint64_t s[4];
static inline uint64_t rotl(const uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
static inline uint64_t next(void) {
  const uint64_t result = rotl(s[1] * 5, 7) * 9;
  const uint64_t t = s[1] << 17;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl(s[3], 45);
  return result;
}
/* Uniform on (0, 1]: 53 bits. */
static inline double uniform(void) { return ((next() >> 11) + 1) * 0x1.0p-53; }

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int compare(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

int main(int argc, char **argv) {
  if (argc < 6) return 2;
  int n = atoi(argv[1]), source = atoi(argv[2]), target = atoi(argv[3]);
  double q = atof(argv[4]), budget = atof(argv[5]);
  int m = (argc - 6) / 2;
  int *la = malloc(sizeof(int) * m), *lb = malloc(sizeof(int) * m);
  for (int j = 0; j < m; j++) {
    la[j] = atoi(argv[6 + 2 * j]);
    lb[j] = atoi(argv[7 + 2 * j]);
  }
  /* CSR adjacency and breadth-first order from the source. */
  int *start = calloc(n + 1, sizeof(int)), *far = malloc(sizeof(int) * 2 * m), *link = malloc(sizeof(int) * 2 * m);
  for (int j = 0; j < m; j++) start[la[j] + 1]++, start[lb[j] + 1]++;
  for (int v = 0; v < n; v++) start[v + 1] += start[v];
  int *cursor = malloc(sizeof(int) * n);
  memcpy(cursor, start, sizeof(int) * n);
  for (int j = 0; j < m; j++) {
    far[cursor[la[j]]] = lb[j], link[cursor[la[j]]++] = j;
    far[cursor[lb[j]]] = la[j], link[cursor[lb[j]]++] = j;
  }
  int *order = malloc(sizeof(int) * n), *seen = calloc(n, sizeof(int)), length = 0;
  order[length++] = source, seen[source] = 1;
  for (int head = 0; head < length; head++)
    for (int h = start[order[head]]; h < start[order[head] + 1]; h++)
      if (!seen[far[h]]) seen[far[h]] = 1, order[length++] = far[h];
  for (int v = 0; v < n; v++)
    if (!seen[v]) order[length++] = v;

  s[0] = 0x9E3779B97F4A7C15ull, s[1] = 0xBF58476D1CE4E5B9ull, s[2] = 0x94D049BB133111EBull, s[3] = 42;
  const double logSurvival = log1p(-q);
  uint64_t *down = calloc(m, sizeof(uint64_t)), *reach = calloc(n, sizeof(uint64_t));
  long long samples = 0, downSamples = 0, chunkSamples = 0;
  double *rates = malloc(sizeof(double) * 100000);
  int rateCount = 0;
  long long position = (long long)floor(log(uniform()) / logSurvival);
  double started = now(), chunkStart = started, elapsed = 0;
  clock_t cpuStarted = clock();
  volatile uint64_t sink = 0;
  while (elapsed < budget) {
    for (int block = 0; block < 256; block++) {
      /* Geometric skipping over the block's (sample, link) grid: position = sample * m + link. */
      long long sample = position / m, at = position - sample * m;
      while (sample < 64) {
        down[at] |= 1ull << sample;
        at += 1 + (long long)floor(log(uniform()) / logSurvival);
        while (at >= m) at -= m, sample++;
      }
      position = (sample - 64) * m + at;
      memset(reach, 0, sizeof(uint64_t) * n);
      reach[source] = ~0ull;
      int changed = 1;
      while (changed) {
        changed = 0;
        for (int i = 0; i < n; i++) {
          int v = order[i];
          uint64_t old = reach[v], pulled = old;
          if (old == ~0ull) continue;
          for (int h = start[v]; h < start[v + 1]; h++) pulled |= reach[far[h]] & ~down[link[h]];
          if (pulled != old) reach[v] = pulled, changed = 1;
        }
      }
      downSamples += __builtin_popcountll(~reach[target]);
      memset(down, 0, sizeof(uint64_t) * m);
      samples += 64;
      chunkSamples += 64;
    }
    double t = now();
    if (t - chunkStart >= 0.15) {
      if (rateCount < 100000) rates[rateCount++] = chunkSamples / (t - chunkStart);
      chunkStart = t, chunkSamples = 0;
    }
    elapsed = t - started;
  }
  double cpuSeconds = (double)(clock() - cpuStarted) / CLOCKS_PER_SEC;
  sink = downSamples;
  if (rateCount == 0) rates[rateCount++] = samples / elapsed;
  qsort(rates, rateCount, sizeof(double), compare);
  printf("{\"scenariosPerSecond\":%.1f,\"medianScenariosPerSecond\":%.1f,\"overallScenariosPerSecond\":%.1f,"
         "\"scenariosPerCpuSecond\":%.1f,\"scenarios\":%lld,\"seconds\":%.3f,\"chunks\":%d,\"unavailability\":[%.8g]}\n",
         rates[rateCount - 1], rates[rateCount / 2], samples / elapsed, samples / cpuSeconds, samples, elapsed, rateCount,
         (double)sink / samples);
  return 0;
}
