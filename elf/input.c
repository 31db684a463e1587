// SPDX-License-Identifier: GPL-2.0
/*
 * Inputs are mapped read-only: a tool that writes objects never writes to
 * what it reads, and refuses an output that names an input, which the
 * final rename would replace.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "diagnostics.h"
#include "input.h"

void *map_input(const char *path, struct stat *st)
{
	void *image;
	int fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK);

	if (fd < 0) {
		report_unusable(path, "cannot open: %s", strerror(errno));
		return NULL;
	}
	if (fstat(fd, st) || !S_ISREG(st->st_mode)) {
		report_unusable(path, "not a regular file");
		close(fd);
		return NULL;
	}
	if (st->st_size == 0) {
		report_unusable(path, "malformed ELF: empty file");
		close(fd);
		return NULL;
	}
	image = mmap(NULL, st->st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (image == MAP_FAILED) {
		report_unusable(path, "cannot map: %s", strerror(errno));
		return NULL;
	}
	return image;
}

/* Renaming onto an input would not write it, but it would lose it all the same. */
int replaces_input(const char *out, const struct stat *in)
{
	struct stat st;

	return !stat(out, &st) && st.st_dev == in->st_dev &&
	       st.st_ino == in->st_ino;
}
