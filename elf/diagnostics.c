// SPDX-License-Identifier: GPL-2.0
/*
 * Diagnostics name the file first, then section+offset, so that editors
 * and grep treat them like compiler messages.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "diagnostics.h"

unsigned long report_errors, report_warnings;

/*
 * Names come from the file: a newline or terminal escape in one must not
 * forge or hide a diagnostic line, so control bytes print as \xNN.
 */
static int is_control(unsigned char c)
{
	return c < 0x20 || c == 0x7f;
}

void report_clean(FILE *out, const char *s)
{
	while (*s) {
		size_t n = 0;

		/* In runs: stderr is unbuffered, a write per byte is slow. */
		while (s[n] && !is_control(s[n]))
			n++;
		fwrite(s, 1, n, out);
		s += n;
		if (*s)
			fprintf(out, "\\x%02x", (unsigned char)*s++);
	}
}

static void put_clean(const char *s)
{
	report_clean(stderr, s);
}

static void vput_clean(const char *fmt, va_list ap)
{
	char small[256], *buf = small;
	va_list again;
	int n;

	va_copy(again, ap);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	if (n >= (int)sizeof(small)) {
		buf = malloc(n + 1);
		if (buf)
			vsnprintf(buf, n + 1, fmt, again);
	}
	va_end(again);
	put_clean(buf ? buf : small);	/* truncated if out of memory */
	if (buf != small)
		free(buf);
}

static void diagnose(const struct elf_view *v, const struct elf_section *sec,
		     uint64_t offset, const char *level, const char *fmt,
		     va_list ap)
{
	fprintf(stderr, "%s: ", v->path);
	if (sec) {
		put_clean(sec->name);
		fprintf(stderr, "+0x%llx: ", (unsigned long long)offset);
	}
	fprintf(stderr, "%s: ", level);
	vput_clean(fmt, ap);
	fputc('\n', stderr);
}

void report_error(const struct elf_view *v, const struct elf_section *sec,
		  uint64_t offset, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diagnose(v, sec, offset, "error", fmt, ap);
	va_end(ap);
	report_errors++;
}

void report_warning(const struct elf_view *v, const struct elf_section *sec,
		    uint64_t offset, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diagnose(v, sec, offset, "warning", fmt, ap);
	va_end(ap);
	report_warnings++;
}

void report_unusable(const char *path, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", path);
	va_start(ap, fmt);
	vput_clean(fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}
