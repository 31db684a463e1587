// SPDX-License-Identifier: GPL-2.0
/*
 * Module.symvers lines are "CRC<TAB>NAME<TAB>MODULE<TAB>EXPORT<TAB>NAMESPACE"
 * (scripts/mod/modpost.c, read_dump()): what vmlinux and each module
 * export. A reference to an export stays an ordinary one, which the module
 * loader resolves.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "../elf/diagnostics.h"
#include "../elf/grow.h"
#include "symvers.h"

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct export *)a)->name,
		      ((const struct export *)b)->name);
}

static char *read_file(const char *path, size_t *size)
{
	FILE *f = fopen(path, "r");
	char *text = NULL;
	uint64_t cap = 0;
	size_t n = 0, got;

	if (!f)
		return NULL;
	do {
		if (grow_array(&text, &cap, n + 4096 + 1, 1)) {
			free(text);
			fclose(f);
			errno = ENOMEM;
			return NULL;
		}
		got = fread(text + n, 1, 4096, f);
		n += got;
	} while (got);
	if (ferror(f)) {
		free(text);
		text = NULL;
	} else {
		text[n] = '\0';
		*size = n;
	}
	fclose(f);
	return text;
}

int symvers_load(struct symvers *s, const char *path)
{
	size_t size, line = 0;
	uint64_t cap = 0;
	char *at, *next;

	memset(s, 0, sizeof(*s));
	s->text = read_file(path, &size);
	if (!s->text) {
		if (errno == ENOMEM)
			return -1;
		report_unusable(path, "cannot read: %s", strerror(errno));
		return 1;
	}
	for (at = s->text; *at; at = next) {
		char *field[4];
		int k;

		line++;
		next = strchr(at, '\n');
		next = next ? (*next = '\0', next + 1) : at + strlen(at);
		if (!*at)
			continue;
		for (k = 0; k < 4; k++) {
			field[k] = at;
			at = strchr(at, '\t');
			if (!at && k < 3) {
				report_unusable(path, "line %zu: not CRC, NAME, MODULE, EXPORT",
						line);
				return 1;
			}
			if (at)
				*at++ = '\0';
		}
		if (grow_array(&s->exports, &cap, s->count + 1, sizeof(*s->exports)))
			return -1;
		s->exports[s->count++] = (struct export){ field[1], field[2] };
	}
	if (s->count > 1)
		qsort(s->exports, s->count, sizeof(*s->exports), by_name);
	return 0;
}

void symvers_free(struct symvers *s)
{
	free(s->text);
	free(s->exports);
	memset(s, 0, sizeof(*s));
}

const char *symvers_exporter(const struct symvers *s, const char *name)
{
	const struct export key = { name, NULL }, *hit;

	if (!s->count)
		return NULL;
	hit = bsearch(&key, s->exports, s->count, sizeof(*s->exports), by_name);
	return hit ? hit->module : NULL;
}

/*
 * The CRC is 0: the loader never checks one for these, as it never
 * resolves a SHN_LIVEPATCH symbol. modpost looks an undefined ".foo" up
 * as "foo" (find_symbol(), for PPC64's function descriptors), so a
 * leading dot is left out here.
 */
int symvers_put(FILE *f, const char *name, const char *object)
{
	return fprintf(f, "0x00000000\t%s\t%s\tEXPORT_SYMBOL_GPL\t\n",
		       name + (name[0] == '.'), object) < 0 ? -1 : 0;
}
