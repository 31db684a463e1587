// SPDX-License-Identifier: GPL-2.0
/* The tool's inputs: mapped read-only, validated once by verify/'s reader. */
#include <sys/mman.h>
#include <sys/stat.h>

#include "../elf/diagnostics.h"
#include "../elf/input.h"
#include "klp_module.h"

static const char *type_name(unsigned int type)
{
	return type == ET_REL ? "a relocatable object (ET_REL)" :
	       type == ET_EXEC ? "an executable (ET_EXEC)" : "of another type";
}

int input_open(struct input *in, const char *path, unsigned int type)
{
	struct stat st;
	uint16_t e_type;

	in->path = path;
	in->image = map_input(path, &st);
	if (!in->image)
		return 2;
	in->size = st.st_size;
	if (elf_view_open(&in->view, path, in->image, in->size)) {
		report_unusable(path, "malformed ELF: %s", in->view.error);
		munmap(in->image, in->size);
		in->image = NULL;
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
	struct stat st;

	return !stat(in->path, &st) && replaces_input(out, &st);
}
