// SPDX-License-Identifier: GPL-2.0
/*
 * timeit OUT COMMAND [ARG...]: run COMMAND, write how long it took (from
 * before the fork to after the wait, in nanoseconds of CLOCK_MONOTONIC) to
 * the file OUT, and exit with its exit status. Both tools are timed the
 * same way, their own start-up included.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int main(int argc, char **argv)
{
	long long start, end;
	int status;
	pid_t pid;
	FILE *f;

	if (argc < 3)
		return 2;
	start = now_ns();
	pid = fork();
	if (pid < 0)
		return 2;
	if (!pid) {
		execvp(argv[2], argv + 2);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) != pid)
		return 2;
	end = now_ns();
	f = fopen(argv[1], "w");
	if (!f || fprintf(f, "%lld\n", end - start) < 0 || fclose(f))
		return 2;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
