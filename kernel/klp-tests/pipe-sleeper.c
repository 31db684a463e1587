// SPDX-License-Identifier: GPL-2.0
/*
 * pipe-sleeper FIFO: reads FIFO, sleeping in pipe_read() until a writer
 * writes to it, then reads it once more for zero bytes, which pipe_read()
 * answers at once, and says what both reads returned. Exit 0 when the
 * first read returned data and the second 0.
 *
 * FIFO is opened for reading and writing: a writer itself, the sleeper
 * neither waits in open() for one nor gets end of file from read(), which
 * sleeps in pipe_read() for data (wait_event_interruptible_exclusive() on
 * the pipe's rd_wait). pipe-read-sleeper-SLEEPER.sh runs it.
 */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	char buf[64];
	ssize_t first, second;
	int fd;

	if (argc != 2) {
		fprintf(stderr, "usage: pipe-sleeper FIFO\n");
		return 2;
	}
	fd = open(argv[1], O_RDWR);
	if (fd < 0) {
		perror(argv[1]);
		return 1;
	}
	first = read(fd, buf, sizeof(buf));
	second = read(fd, buf, 0);
	printf("pipe-sleeper: read %zd bytes, then %zd\n", first, second);
	return first > 0 && second == 0 ? 0 : 1;
}
