// SPDX-License-Identifier: GPL-2.0
/*
 * The object writer: collect a description, lay it out once, write it
 * once (llvm-objcopy's ELFWriter works the same way: finalise the layout,
 * then write). Class-dependent code is in elf_writer_class.h.
 */
#include <elf.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "elf_writer.h"
#include "grow.h"

struct ehdr_fields {
	uint64_t shoff;
	uint16_t machine, shnum, shstrndx;
};

struct shdr_fields {
	uint64_t flags, offset, size, addralign, entsize;
	uint32_t name, type, link, info;
};

struct sym_fields {
	uint64_t value, size;
	uint32_t name;
	uint16_t shndx;
	unsigned char type, bind, other;
};

struct rel_fields {
	uint64_t offset;
	int64_t addend;
	uint32_t sym, type;
};

struct class_ops {
	size_t ehdr_size, shdr_size, sym_size, rel_size, rela_size, word;
	void (*put_ehdr)(unsigned char *p, const struct ehdr_fields *f);
	void (*put_shdr)(unsigned char *p, const struct shdr_fields *f);
	void (*put_sym)(unsigned char *p, const struct sym_fields *f);
	void (*put_rel)(unsigned char *p, const struct rel_fields *f, int rela);
};

#define ELF_WRITER_BITS 64
#include "elf_writer_class.h"
#undef ELF_WRITER_BITS
#define ELF_WRITER_BITS 32
#include "elf_writer_class.h"
#undef ELF_WRITER_BITS

struct strtab {
	char *data;
	size_t size, cap;
};

struct wreloc {
	uint64_t offset;
	int64_t addend;
	uint32_t type, sym;
};

struct wsection {
	struct elf_writer_section desc;	/* desc.name points into name_copy */
	char *name_copy;
	unsigned char *data;
	uint64_t size, cap;
	struct wreloc *relocs;
	uint64_t nrelocs, relocs_cap;
	uint32_t symbol;		/* its STT_SECTION symbol, 0 until asked */
	/* A relocation section of its own: the section it patches, else 0. */
	uint32_t patches;
	uint64_t rel_flags;
	/* Layout. */
	uint32_t index, rel_index;
	uint64_t offset, rel_offset;
};

struct wsymbol {
	uint64_t value, size;
	uint32_t name;			/* into the writer's strtab */
	uint32_t section, shndx;
	unsigned char type, bind, other;
	uint32_t final;			/* index in the written table */
};

struct elf_writer {
	const struct class_ops *ops;
	int rela;
	uint16_t machine;
	struct wsection *secs;		/* handle h is secs[h - 1] */
	uint32_t nsecs, secs_cap;
	struct wsymbol *syms;		/* handle h is syms[h - 1] */
	uint32_t nsyms, syms_cap;
	struct strtab strtab;
	char error[200];
};

/* Section header indices and file offsets of everything, decided at once. */
struct layout {
	struct strtab shstrtab;
	uint32_t shnum, symtab, xindex, strtab, shstrndx, first_global;
	uint32_t symtab_name, xindex_name, strtab_name, shstrtab_name;
	uint64_t symtab_off, xindex_off, strtab_off, shstrtab_off, shoff, total;
	uint32_t *rel_names, *sec_names;
};

static int fail(struct elf_writer *w, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(w->error, sizeof(w->error), fmt, ap);
	va_end(ap);
	return -1;
}

const char *elf_writer_error(const struct elf_writer *w)
{
	return w->error;
}

static int reserve32(void *array, uint32_t *cap, uint64_t need, size_t each)
{
	uint64_t c = *cap;
	int ret;

	if (need > UINT32_MAX - 1)
		return -1;
	ret = grow_array(array, &c, need, each);
	*cap = c;
	return ret;
}

/* Offset of a copy of s in the table, or UINT32_MAX when out of memory. */
static uint32_t strtab_add(struct strtab *t, const char *s)
{
	size_t n = strlen(s) + 1;
	uint64_t cap = t->cap;
	uint32_t at;

	if (!*s && t->size)
		return 0;
	if (t->size + n > UINT32_MAX || grow_array(&t->data, &cap, t->size + n, 1))
		return UINT32_MAX;
	t->cap = cap;
	at = t->size;
	memcpy(t->data + at, s, n);
	t->size += n;
	return at;
}

struct elf_writer *elf_writer_new(int is64, uint16_t machine, int rela)
{
	struct elf_writer *w = calloc(1, sizeof(*w));

	if (!w)
		return NULL;
	w->ops = is64 ? &class_ops64 : &class_ops32;
	w->machine = machine;
	w->rela = rela;
	if (strtab_add(&w->strtab, "") == UINT32_MAX) {
		free(w);
		return NULL;
	}
	return w;
}

void elf_writer_free(struct elf_writer *w)
{
	uint32_t i;

	if (!w)
		return;
	for (i = 0; i < w->nsecs; i++) {
		free(w->secs[i].name_copy);
		free(w->secs[i].data);
		free(w->secs[i].relocs);
	}
	free(w->secs);
	free(w->syms);
	free(w->strtab.data);
	free(w);
}

static struct wsection *any_section(struct elf_writer *w, uint32_t sec)
{
	if (sec == 0 || sec > w->nsecs) {
		fail(w, "section handle %u does not exist", sec);
		return NULL;
	}
	return &w->secs[sec - 1];
}

/* A section of contents: a relocation section of its own is none. */
static struct wsection *section_of(struct elf_writer *w, uint32_t sec)
{
	struct wsection *s = any_section(w, sec);

	if (s && s->patches) {
		fail(w, "section handle %u is a relocation section", sec);
		return NULL;
	}
	return s;
}

static int is_reloc_section(const struct elf_writer *w, uint32_t sec)
{
	return sec && sec <= w->nsecs && w->secs[sec - 1].patches;
}

uint32_t elf_writer_add_section(struct elf_writer *w,
				const struct elf_writer_section *desc)
{
	struct wsection *s;

	if (reserve32(&w->secs, &w->secs_cap, w->nsecs + 1, sizeof(*w->secs))) {
		fail(w, "out of memory");
		return 0;
	}
	s = &w->secs[w->nsecs];
	memset(s, 0, sizeof(*s));
	s->desc = *desc;
	s->name_copy = strdup(desc->name);
	if (!s->name_copy) {
		fail(w, "out of memory");
		return 0;
	}
	s->desc.name = s->name_copy;
	return ++w->nsecs;
}

uint32_t elf_writer_add_reloc_section(struct elf_writer *w, uint32_t sec,
				      const char *name, uint64_t flags)
{
	struct elf_writer_section desc = { name, w->rela ? SHT_RELA : SHT_REL,
					   flags, 0, 0, 0 };
	uint32_t h;

	if (!section_of(w, sec))
		return 0;
	h = elf_writer_add_section(w, &desc);
	if (h) {
		w->secs[h - 1].patches = sec;
		w->secs[h - 1].rel_flags = flags;
	}
	return h;
}

uint64_t elf_writer_append(struct elf_writer *w, uint32_t sec,
			   const void *bytes, uint64_t size)
{
	struct wsection *s = section_of(w, sec);
	uint64_t at;

	if (!s)
		return UINT64_MAX;
	at = s->size;
	if (size > UINT64_MAX / 2 - at) {
		fail(w, "section %s: too large", s->desc.name);
		return UINT64_MAX;
	}
	if (s->desc.type != SHT_NOBITS && size) {
		if (grow_array(&s->data, &s->cap, at + size, 1)) {
			fail(w, "out of memory");
			return UINT64_MAX;
		}
		if (bytes)
			memcpy(s->data + at, bytes, size);
		else
			memset(s->data + at, 0, size);
	}
	s->size = at + size;
	return at;
}

uint64_t elf_writer_section_size(const struct elf_writer *w, uint32_t sec)
{
	return sec && sec <= w->nsecs ? w->secs[sec - 1].size : 0;
}

uint32_t elf_writer_add_symbol(struct elf_writer *w,
			       const struct elf_writer_symbol *sym)
{
	struct wsymbol *s;
	uint32_t name;

	if (sym->section > w->nsecs || is_reloc_section(w, sym->section)) {
		fail(w, "symbol %s: section handle %u is no section of contents",
		     sym->name, sym->section);
		return 0;
	}
	if (!sym->section && sym->shndx > 0xffff) {
		fail(w, "symbol %s: special section index 0x%x is not one",
		     sym->name, sym->shndx);
		return 0;
	}
	name = strtab_add(&w->strtab, sym->name);
	if (name == UINT32_MAX ||
	    reserve32(&w->syms, &w->syms_cap, w->nsyms + 1, sizeof(*w->syms))) {
		fail(w, "out of memory");
		return 0;
	}
	s = &w->syms[w->nsyms];
	*s = (struct wsymbol){ sym->value, sym->size, name, sym->section,
			       sym->shndx, sym->type, sym->bind, sym->other, 0 };
	return ++w->nsyms;
}

uint32_t elf_writer_section_symbol(struct elf_writer *w, uint32_t sec)
{
	struct wsection *s = section_of(w, sec);
	struct elf_writer_symbol sym = { "", 0, 0, STT_SECTION, STB_LOCAL, 0,
					 sec, 0 };

	if (!s)
		return 0;
	if (!s->symbol)
		s->symbol = elf_writer_add_symbol(w, &sym);
	return s->symbol;
}

int elf_writer_add_reloc(struct elf_writer *w, uint32_t sec, uint64_t offset,
			 uint32_t type, uint32_t sym, int64_t addend)
{
	struct wsection *s = any_section(w, sec);

	if (!s)
		return -1;
	if (sym > w->nsyms)
		return fail(w, "relocation at %s+0x%llx: symbol handle %u does not exist",
			    s->desc.name, (unsigned long long)offset, sym);
	if (!w->rela && addend)
		return fail(w, "relocation at %s+0x%llx: REL keeps the addend in the section bytes",
			    s->desc.name, (unsigned long long)offset);
	if (grow_array(&s->relocs, &s->relocs_cap, s->nrelocs + 1,
		    sizeof(*s->relocs)))
		return fail(w, "out of memory");
	s->relocs[s->nrelocs++] = (struct wreloc){ offset, addend, type, sym };
	return 0;
}

static uint64_t align_up(uint64_t x, uint64_t align)
{
	return align > 1 ? (x + align - 1) / align * align : x;
}

/*
 * Where a section's bytes start in the file. sh_addralign is about
 * addresses, which a relocatable object does not have yet: following it
 * in the file only helps readers that map the file, and only up to a
 * page. Beyond that (or when it is no power of two), the word size.
 */
static uint64_t file_align(const struct elf_writer *w, uint64_t addralign)
{
	if (addralign && !(addralign & (addralign - 1)) && addralign <= 4096)
		return addralign;
	return w->ops->word;
}

/* Locals first, each group in the order added; sh_info is the first global. */
static void order_symbols(struct elf_writer *w, struct layout *l)
{
	uint32_t i, next = 1;

	for (i = 0; i < w->nsyms; i++)
		if (w->syms[i].bind == STB_LOCAL)
			w->syms[i].final = next++;
	l->first_global = next;
	for (i = 0; i < w->nsyms; i++)
		if (w->syms[i].bind != STB_LOCAL)
			w->syms[i].final = next++;
}

/*
 * Section order: each section followed by its relocations, then the
 * symbol table, its SHN_XINDEX table when indices need one, the string
 * table and the section name table.
 */
static int number_sections(struct elf_writer *w, struct layout *l)
{
	const char *prefix = w->rela ? ".rela" : ".rel";
	uint64_t n = 1;
	uint32_t i;
	char *name;

	for (i = 0; i < w->nsecs; i++) {
		struct wsection *s = &w->secs[i];

		if (s->patches) {
			s->rel_index = n++;
			l->rel_names[i] = strtab_add(&l->shstrtab, s->desc.name);
			l->sec_names[i] = l->rel_names[i];
			continue;
		}
		s->index = n++;
		if (!s->nrelocs) {
			l->sec_names[i] = strtab_add(&l->shstrtab, s->desc.name);
			continue;
		}
		s->rel_index = n++;
		name = malloc(strlen(prefix) + strlen(s->desc.name) + 1);
		if (!name)
			return -1;
		sprintf(name, "%s%s", prefix, s->desc.name);
		/* ".rela.text" holds ".text" as its tail, as assemblers share it. */
		l->rel_names[i] = strtab_add(&l->shstrtab, name);
		l->sec_names[i] = l->rel_names[i] + strlen(prefix);
		if (l->rel_names[i] == UINT32_MAX)
			l->sec_names[i] = UINT32_MAX;
		free(name);
	}
	l->symtab = n++;
	/* Four sections follow; any index from SHN_LORESERVE needs the table. */
	if (n + 3 >= SHN_LORESERVE)
		l->xindex = n++;
	l->strtab = n++;
	l->shstrndx = n++;
	if (n > UINT32_MAX)
		return -1;
	l->shnum = n;
	l->symtab_name = strtab_add(&l->shstrtab, ".symtab");
	l->xindex_name = strtab_add(&l->shstrtab, ".symtab_shndx");
	l->strtab_name = strtab_add(&l->shstrtab, ".strtab");
	l->shstrtab_name = strtab_add(&l->shstrtab, ".shstrtab");
	if (l->symtab_name == UINT32_MAX || l->xindex_name == UINT32_MAX ||
	    l->strtab_name == UINT32_MAX || l->shstrtab_name == UINT32_MAX)
		return -1;
	for (i = 0; i < w->nsecs; i++)
		if (l->sec_names[i] == UINT32_MAX ||
		    ((w->secs[i].nrelocs || w->secs[i].patches) &&
		     l->rel_names[i] == UINT32_MAX))
			return -1;
	return 0;
}

static void place_files(struct elf_writer *w, struct layout *l)
{
	const struct class_ops *ops = w->ops;
	uint64_t at = ops->ehdr_size, relsize;
	uint32_t i;

	relsize = w->rela ? ops->rela_size : ops->rel_size;
	for (i = 0; i < w->nsecs; i++) {
		struct wsection *s = &w->secs[i];

		if (!s->patches) {
			s->offset = align_up(at, file_align(w, s->desc.addralign));
			if (s->desc.type != SHT_NOBITS)
				at = s->offset + s->size;
		}
		if (!s->nrelocs && !s->patches)
			continue;
		s->rel_offset = align_up(at, ops->word);
		at = s->rel_offset + s->nrelocs * relsize;
	}
	l->symtab_off = align_up(at, ops->word);
	at = l->symtab_off + (uint64_t)(w->nsyms + 1) * ops->sym_size;
	l->xindex_off = align_up(at, 4);
	if (l->xindex)
		at = l->xindex_off + (uint64_t)(w->nsyms + 1) * 4;
	l->strtab_off = at;
	at += w->strtab.size;
	l->shstrtab_off = at;
	at += l->shstrtab.size;
	l->shoff = align_up(at, ops->word);
	l->total = l->shoff + (uint64_t)l->shnum * ops->shdr_size;
}

static int layout(struct elf_writer *w, struct layout *l)
{
	uint32_t i;

	memset(l, 0, sizeof(*l));
	/* Links may point forward, so they are checked once all are known. */
	for (i = 0; i < w->nsecs; i++)
		if (w->secs[i].desc.link > w->nsecs ||
		    is_reloc_section(w, w->secs[i].desc.link))
			return fail(w, "section %s: link to section handle %u, which is no section of contents",
				    w->secs[i].desc.name, w->secs[i].desc.link);
	l->sec_names = calloc(w->nsecs + 1, sizeof(*l->sec_names));
	l->rel_names = calloc(w->nsecs + 1, sizeof(*l->rel_names));
	if (!l->sec_names || !l->rel_names ||
	    strtab_add(&l->shstrtab, "") == UINT32_MAX ||
	    number_sections(w, l))
		return fail(w, "out of memory");
	order_symbols(w, l);
	place_files(w, l);
	if (l->total > SIZE_MAX / 2)
		return fail(w, "object too large (0x%llx bytes)",
			    (unsigned long long)l->total);
	return 0;
}

static void layout_free(struct layout *l)
{
	free(l->shstrtab.data);
	free(l->sec_names);
	free(l->rel_names);
}

static uint32_t symbol_shndx(const struct elf_writer *w,
			     const struct wsymbol *s)
{
	return s->section ? w->secs[s->section - 1].index : s->shndx;
}

static void write_symbols(const struct elf_writer *w, const struct layout *l,
			  unsigned char *image)
{
	const struct class_ops *ops = w->ops;
	uint32_t i;

	for (i = 0; i < w->nsyms; i++) {
		const struct wsymbol *s = &w->syms[i];
		uint32_t shndx = symbol_shndx(w, s), extended = 0;
		struct sym_fields f = { s->value, s->size, s->name, shndx,
					s->type, s->bind, s->other };

		/* Real indices from SHN_LORESERVE up live in the table. */
		if (s->section && shndx >= SHN_LORESERVE) {
			f.shndx = SHN_XINDEX;
			extended = shndx;
		}
		ops->put_sym(image + l->symtab_off + (uint64_t)s->final * ops->sym_size, &f);
		if (l->xindex)
			memcpy(image + l->xindex_off + (uint64_t)s->final * 4,
			       &extended, 4);
	}
}

static void write_relocs(const struct elf_writer *w, const struct wsection *s,
			 unsigned char *image)
{
	const struct class_ops *ops = w->ops;
	uint64_t size = w->rela ? ops->rela_size : ops->rel_size, k;

	for (k = 0; k < s->nrelocs; k++) {
		const struct wreloc *r = &s->relocs[k];
		struct rel_fields f = { r->offset, r->addend,
					r->sym ? w->syms[r->sym - 1].final : 0,
					r->type };

		ops->put_rel(image + s->rel_offset + k * size, &f, w->rela);
	}
}

static void put_section_header(const struct elf_writer *w,
			       const struct layout *l, unsigned char *image,
			       uint32_t index, const struct shdr_fields *f)
{
	w->ops->put_shdr(image + l->shoff + (uint64_t)index * w->ops->shdr_size, f);
}

/* The relocations of section s (its own, or the ones it holds), patching patched. */
static void put_reloc_header(const struct elf_writer *w, const struct layout *l,
			     unsigned char *image, const struct wsection *s,
			     uint32_t patched, uint32_t i)
{
	const struct class_ops *ops = w->ops;
	uint64_t relsize = w->rela ? ops->rela_size : ops->rel_size;
	struct shdr_fields f = { SHF_INFO_LINK | s->rel_flags, s->rel_offset,
				 s->nrelocs * relsize, ops->word, relsize,
				 l->rel_names[i], w->rela ? SHT_RELA : SHT_REL,
				 l->symtab, patched };

	put_section_header(w, l, image, s->rel_index, &f);
}

static void write_section_headers(const struct elf_writer *w,
				  const struct layout *l, unsigned char *image)
{
	const struct class_ops *ops = w->ops;
	uint64_t nsyms = (uint64_t)w->nsyms + 1;
	struct shdr_fields f;
	uint32_t i;

	/* Extended numbering: the real counts go into section header 0. */
	memset(&f, 0, sizeof(f));
	if (l->shnum >= SHN_LORESERVE)
		f.size = l->shnum;
	if (l->shstrndx >= SHN_LORESERVE)
		f.link = l->shstrndx;
	put_section_header(w, l, image, 0, &f);
	for (i = 0; i < w->nsecs; i++) {
		const struct wsection *s = &w->secs[i];
		uint32_t link = s->desc.link ? w->secs[s->desc.link - 1].index : 0;

		if (s->patches) {
			put_reloc_header(w, l, image, s,
					 w->secs[s->patches - 1].index, i);
			continue;
		}
		f = (struct shdr_fields){ s->desc.flags, s->offset, s->size,
					  s->desc.addralign, s->desc.entsize,
					  l->sec_names[i], s->desc.type, link, 0 };
		put_section_header(w, l, image, s->index, &f);
		if (s->nrelocs)
			put_reloc_header(w, l, image, s, s->index, i);
	}
	f = (struct shdr_fields){ 0, l->symtab_off, nsyms * ops->sym_size,
				  ops->word, ops->sym_size, l->symtab_name,
				  SHT_SYMTAB, l->strtab, l->first_global };
	put_section_header(w, l, image, l->symtab, &f);
	if (l->xindex) {
		f = (struct shdr_fields){ 0, l->xindex_off, nsyms * 4, 4, 4,
					  l->xindex_name, SHT_SYMTAB_SHNDX,
					  l->symtab, 0 };
		put_section_header(w, l, image, l->xindex, &f);
	}
	f = (struct shdr_fields){ 0, l->strtab_off, w->strtab.size, 1, 0,
				  l->strtab_name, SHT_STRTAB, 0, 0 };
	put_section_header(w, l, image, l->strtab, &f);
	f = (struct shdr_fields){ 0, l->shstrtab_off, l->shstrtab.size, 1, 0,
				  l->shstrtab_name, SHT_STRTAB, 0, 0 };
	put_section_header(w, l, image, l->shstrndx, &f);
}

int elf_writer_image(struct elf_writer *w, unsigned char **image, size_t *size)
{
	struct layout l;
	struct ehdr_fields e;
	unsigned char *p;
	uint32_t i;

	*image = NULL;
	*size = 0;
	if (layout(w, &l)) {
		layout_free(&l);
		return -1;
	}
	p = calloc(1, l.total);
	if (!p) {
		layout_free(&l);
		return fail(w, "out of memory for a 0x%llx-byte object",
			    (unsigned long long)l.total);
	}
	e = (struct ehdr_fields){ l.shoff, w->machine,
				  l.shnum < SHN_LORESERVE ? l.shnum : 0,
				  l.shstrndx < SHN_LORESERVE ? l.shstrndx : SHN_XINDEX };
	w->ops->put_ehdr(p, &e);
	for (i = 0; i < w->nsecs; i++) {
		const struct wsection *s = &w->secs[i];

		if (!s->patches && s->desc.type != SHT_NOBITS && s->size)
			memcpy(p + s->offset, s->data, s->size);
		write_relocs(w, s, p);
	}
	write_symbols(w, &l, p);
	memcpy(p + l.strtab_off, w->strtab.data, w->strtab.size);
	memcpy(p + l.shstrtab_off, l.shstrtab.data, l.shstrtab.size);
	write_section_headers(w, &l, p);
	layout_free(&l);
	*image = p;
	*size = l.total;
	return 0;
}

static int write_all(int fd, const unsigned char *p, size_t n)
{
	while (n) {
		ssize_t done = write(fd, p, n);

		if (done < 0 && errno == EINTR)
			continue;
		if (done <= 0)
			return -1;
		p += done;
		n -= done;
	}
	return 0;
}

/* dir/.base.XXXXXX next to path: rename() only replaces within a file system. */
static char *temporary_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t dir = slash ? (size_t)(slash - path) + 1 : 0;
	char *name = malloc(strlen(path) + 9);

	if (!name)
		return NULL;
	memcpy(name, path, dir);
	sprintf(name + dir, ".%s.XXXXXX", path + dir);
	return name;
}

int elf_writer_write(struct elf_writer *w, const char *path)
{
	unsigned char *image;
	size_t size;
	char *tmp;
	mode_t mask;
	int fd, ret = 0;

	if (elf_writer_image(w, &image, &size))
		return -1;
	tmp = temporary_name(path);
	if (!tmp) {
		free(image);
		return fail(w, "out of memory");
	}
	fd = mkstemp(tmp);
	if (fd < 0) {
		ret = fail(w, "cannot create: %s", strerror(errno));
		goto out;
	}
	/* mkstemp makes 0600; an object is as readable as any output. */
	mask = umask(0);
	umask(mask);
	if (fchmod(fd, 0666 & ~mask) || write_all(fd, image, size))
		ret = fail(w, "cannot write: %s", strerror(errno));
	if (close(fd) && !ret)
		ret = fail(w, "cannot write: %s", strerror(errno));
	if (!ret && rename(tmp, path))
		ret = fail(w, "cannot create: %s", strerror(errno));
	if (ret)
		unlink(tmp);
out:
	free(tmp);
	free(image);
	return ret;
}
