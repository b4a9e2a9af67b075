// SPDX-License-Identifier: GPL-2.0
/*
 * memhog [-p PROCS] [-t THREADS] MIB READY_FILE: the workload of the
 * benchmarks. Each of PROCS processes (the first and PROCS - 1 children)
 * maps MIB MiB of anonymous memory and gives every 8-byte word a value of
 * its own, different in every process: no two pages alike, nothing to
 * deduplicate or skip as zero. The first process has THREADS threads. Once
 * all are ready it writes its pid to READY_FILE, and they all sleep.
 *
 * SIGUSR1 to the first process makes every process check every word it
 * wrote. The first writes "ok" or "bad" to READY_FILE.check, for whoever
 * restored it, which is not its parent, and exits 0 or 1. So a restored copy
 * proves the image held the memory, not only that restart returned.
 */
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t woken;

static uint64_t word_value(size_t i, unsigned int proc)
{
	return (i * 0x9e3779b97f4a7c15ull) ^ (0x5eed5eed5eedull + proc);
}

static void on_usr1(int sig)
{
	(void)sig;
	woken = 1;
}

static void *sleeper(void *arg)
{
	for (;;)
		pause();
	return arg;
}

/* Map and fill the memory of process @proc; NULL on failure. */
static uint64_t *fill(size_t words, unsigned int proc)
{
	uint64_t *mem;
	size_t n;

	mem = mmap(NULL, words * 8 + 1, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (mem == MAP_FAILED)
		return NULL;
	for (n = 0; n < words; n++)
		mem[n] = word_value(n, proc);
	return mem;
}

static int check(const uint64_t *mem, size_t words, unsigned int proc)
{
	size_t n;

	for (n = 0; n < words; n++)
		if (mem[n] != word_value(n, proc))
			return 1;
	return 0;
}

/* Sleep with SIGUSR1 blocked but in the wait itself. */
static void sleep_until_woken(const sigset_t *wait_mask)
{
	while (!woken)
		sigsuspend(wait_mask);
}

int main(int argc, char **argv)
{
	int procs = 1, threads = 1, opt, i, status, ready[2], bad = 0;
	sigset_t usr1, wait_mask;
	pid_t kids[256];
	char path[4096];
	struct sigaction sa;
	uint64_t *mem;
	pthread_t t;
	size_t words;
	char c;
	FILE *f;

	while ((opt = getopt(argc, argv, "p:t:")) != -1) {
		if (opt == 'p')
			procs = atoi(optarg);
		else if (opt == 't')
			threads = atoi(optarg);
		else
			return 2;
	}
	if (argc - optind != 2 || procs < 1 || procs > 256 || threads < 1)
		return 2;
	words = strtoul(argv[optind], NULL, 0) << 17;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sigaction(SIGUSR1, &sa, NULL);
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	sigprocmask(SIG_BLOCK, &usr1, &wait_mask);
	sigdelset(&wait_mask, SIGUSR1);
	if (pipe(ready))
		return 3;
	for (i = 1; i < procs; i++) {
		kids[i] = fork();
		if (kids[i] < 0)
			return 3;
		if (!kids[i]) {
			mem = fill(words, i);
			if (!mem || write(ready[1], "r", 1) != 1)
				_exit(3);
			sleep_until_woken(&wait_mask);
			_exit(check(mem, words, i));
		}
	}
	mem = fill(words, 0);
	if (!mem)
		return 3;
	for (i = 1; i < procs; i++)
		if (read(ready[0], &c, 1) != 1)
			return 3;
	close(ready[0]);
	close(ready[1]);
	/* The other threads keep SIGUSR1 blocked: it is the first's. */
	for (i = 1; i < threads; i++)
		if (pthread_create(&t, NULL, sleeper, NULL))
			return 4;
	f = fopen(argv[optind + 1], "w");
	if (!f || fprintf(f, "%d\n", getpid()) < 0 || fclose(f))
		return 5;
	sleep_until_woken(&wait_mask);
	bad = check(mem, words, 0);
	for (i = 1; i < procs; i++) {
		kill(kids[i], SIGUSR1);
		if (waitpid(kids[i], &status, 0) != kids[i] ||
		    !WIFEXITED(status) || WEXITSTATUS(status))
			bad = 1;
	}
	snprintf(path, sizeof(path), "%s.check", argv[optind + 1]);
	f = fopen(path, "w");
	if (!f || fprintf(f, "%s\n", bad ? "bad" : "ok") < 0 || fclose(f))
		bad = 1;
	_exit(bad);
}
