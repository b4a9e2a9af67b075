// SPDX-License-Identifier: GPL-2.0
/*
 * memcpy_bw MIB: the memory bandwidth limit of the machine it runs on.
 * Copies MIB MiB between two touched buffers a few times and prints the best
 * rate, in MB/s (10^6 bytes a second), of one memcpy() of it all: no
 * checkpoint can save memory faster than it can copy it once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	size_t len = (argc > 1 ? strtoul(argv[1], NULL, 0) : 256) << 20;
	char *src = malloc(len), *dst = malloc(len);
	double best = 0, t, rate;
	int i;

	if (!src || !dst)
		return 1;
	memset(src, 0x5a, len);
	memset(dst, 0xa5, len);
	for (i = 0; i < 5; i++) {
		t = now_s();
		memcpy(dst, src, len);
		rate = len / (now_s() - t) / 1e6;
		if (rate > best)
			best = rate;
		src[i] = dst[len - 1 - i];
	}
	printf("%.0f\n", best);
	return 0;
}
