// SPDX-License-Identifier: GPL-2.0
/*
 * counter: the demo's workload. Counts in its own memory and prints one
 * line every 300 ms, so that a restart that lost or replayed anything shows.
 */
#include <stdio.h>
#include <unistd.h>

int main(void)
{
	unsigned long n = 0;

	for (;;) {
		printf("   counter: %lu (pid %d)\n", ++n, getpid());
		fflush(stdout);
		usleep(300000);
	}
}
