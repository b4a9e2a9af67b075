// SPDX-License-Identifier: GPL-2.0
/*
 * micro: what the series costs a system that never checkpoints. Times the
 * paths it could have slowed (system call entry and exit, fork and exit,
 * exec, signals and sleeps through pipes, page faults, sockets) and prints
 * one line per benchmark: "NAME NS_PER_OP", the best of three rounds.
 * Run on the patched and on the base kernel, alternately.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void die(const char *what)
{
	perror(what);
	exit(1);
}

static void null_syscall(int n)
{
	while (n--)
		syscall(SYS_getppid);
}

/* Fork @n children one after the other, each exec'ing true with @exec. */
static void fork_wait(int n, int exec)
{
	pid_t pid;

	while (n--) {
		pid = fork();
		if (pid < 0)
			die("fork");
		if (!pid) {
			if (exec)
				execl("/bin/true", "true", (char *)NULL);
			_exit(exec ? 127 : 0);
		}
		waitpid(pid, NULL, 0);
	}
}

static void fork_exit(int n)
{
	fork_wait(n, 0);
}

static void fork_exec(int n)
{
	fork_wait(n, 1);
}

/* One byte there and back between two processes, @n times, over @fds. */
static void ping_pong(int n, int a_rd, int a_wr, int b_rd, int b_wr)
{
	pid_t pid;
	char c = 0;
	int i;

	pid = fork();
	if (pid < 0)
		die("fork");
	if (!pid) {
		for (i = 0; i < n; i++)
			if (read(b_rd, &c, 1) != 1 || write(b_wr, &c, 1) != 1)
				_exit(1);
		_exit(0);
	}
	for (i = 0; i < n; i++)
		if (write(a_wr, &c, 1) != 1 || read(a_rd, &c, 1) != 1)
			die("ping-pong");
	waitpid(pid, NULL, 0);
}

static void pipe_pingpong(int n)
{
	int there[2], back[2];

	if (pipe(there) || pipe(back))
		die("pipe");
	ping_pong(n, back[0], there[1], there[0], back[1]);
	close(there[0]);
	close(there[1]);
	close(back[0]);
	close(back[1]);
}

static void unix_rtt(int n)
{
	int sv[2];

	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv))
		die("socketpair");
	ping_pong(n, sv[0], sv[0], sv[1], sv[1]);
	close(sv[0]);
	close(sv[1]);
}

static void tcp_rtt(int n)
{
	struct sockaddr_in addr = { .sin_family = AF_INET };
	socklen_t len = sizeof(addr);
	int l, a, b, one = 1;

	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	l = socket(AF_INET, SOCK_STREAM, 0);
	if (l < 0 || bind(l, (void *)&addr, sizeof(addr)) || listen(l, 1) ||
	    getsockname(l, (void *)&addr, &len))
		die("tcp listen");
	a = socket(AF_INET, SOCK_STREAM, 0);
	if (a < 0 || connect(a, (void *)&addr, sizeof(addr)))
		die("tcp connect");
	b = accept(l, NULL, NULL);
	if (b < 0)
		die("tcp accept");
	setsockopt(a, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	setsockopt(b, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	ping_pong(n, a, a, b, b);
	close(a);
	close(b);
	close(l);
}

/* Map 64 pages, fault each in by a write, unmap. */
static void mmap_fault(int n)
{
	size_t len = 64 * 4096, off;
	char *p;

	while (n--) {
		p = mmap(NULL, len, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED)
			die("mmap");
		for (off = 0; off < len; off += 4096)
			p[off] = 1;
		munmap(p, len);
	}
}

static const struct bench {
	const char *name;
	void (*fn)(int n);
	int n;
} benches[] = {
	{ "null_syscall", null_syscall, 200000 },
	{ "fork_exit", fork_exit, 300 },
	{ "fork_exec", fork_exec, 100 },
	{ "pipe_pingpong", pipe_pingpong, 5000 },
	{ "mmap_fault_64p", mmap_fault, 300 },
	{ "unix_rtt", unix_rtt, 5000 },
	{ "tcp_rtt", tcp_rtt, 2000 },
};

int main(void)
{
	long long t, best;
	unsigned int i;
	int round;

	for (i = 0; i < sizeof(benches) / sizeof(benches[0]); i++) {
		best = 0;
		for (round = 0; round < 3; round++) {
			t = now_ns();
			benches[i].fn(benches[i].n);
			t = now_ns() - t;
			if (!best || t < best)
				best = t;
		}
		printf("%s %lld\n", benches[i].name, best / benches[i].n);
		fflush(stdout);
	}
	return 0;
}
