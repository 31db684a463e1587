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

int input_map(struct input *in, const char *path)
{
	memset(in, 0, sizeof(*in));
	in->path = path;
	in->image = map_input(path, &in->st);
	if (!in->image)
		return 2;
	in->size = in->st.st_size;
	return 0;
}

static const char *type_name(unsigned int type)
{
	return type == ET_REL ? "a relocatable object (ET_REL)" :
	       type == ET_EXEC ? "an executable (ET_EXEC)" : "of another type";
}

int input_open(struct input *in, const char *path, unsigned int type)
{
	uint16_t e_type;

	if (input_map(in, path))
		return 2;
	if (elf_view_open(&in->view, path, in->image, in->size)) {
		/* A sound file is not "malformed" because memory ran out. */
		report_unusable(path, "%s%s",
				in->view.out_of_memory ? "" : "malformed ELF: ",
				in->view.error);
		input_close(in);
		return 2;
	}
	/* e_type sits at the same offset in both classes, after e_ident. */
	memcpy(&e_type, (const unsigned char *)in->image + EI_NIDENT, 2);
	if (type && e_type != type) {
		report_unusable(path, "not %s", type_name(type));
		input_close(in);
		return 2;
	}
	return 0;
}

void input_close(struct input *in)
{
	if (!in->image)
		return;
	elf_view_close(&in->view);
	munmap(in->image, in->size);
	in->image = NULL;
}

int input_is(const struct input *in, const char *out)
{
	return replaces_input(out, &in->st);
}
