// SPDX-License-Identifier: GPL-2.0
/*
 * runtime-check FUNCTION: in the running kernel, the livepatch module
 * that holds a copy of FUNCTION applied its runtime constants. For each
 * runtime_ptr_VAR and runtime_shift_VAR table of the module (its address
 * from /sys/module/MODULE/sections), every entry's place in the module's
 * text must hold VAR's running value (pointer-wide, or its low byte), as
 * boot code writes them into vmlinux; and each .smp_locks entry must
 * point at a lock prefix (or the DS prefix a uniprocessor kernel puts
 * there). Memory is read through /proc/kcore, addresses from
 * /proc/kallsyms, the tables' sizes from the module file, /klp/MODULE.ko,
 * where klp-test puts it. Exit 0 when every entry holds its value and the module
 * has at least one runtime table, 1 otherwise, 2 when something cannot
 * be read. Built static on the host; the guest has busybox alone.
 */
#include <dirent.h>
#include <elf.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int kcore = -1;
static Elf64_Phdr *phdrs;
static int nphdrs;

static int open_kcore(void)
{
	Elf64_Ehdr eh;

	kcore = open("/proc/kcore", O_RDONLY);
	if (kcore < 0 || pread(kcore, &eh, sizeof(eh), 0) != sizeof(eh))
		return -1;
	nphdrs = eh.e_phnum;
	phdrs = calloc(nphdrs, sizeof(*phdrs));
	if (!phdrs || pread(kcore, phdrs, nphdrs * sizeof(*phdrs), eh.e_phoff) !=
	    (ssize_t)(nphdrs * sizeof(*phdrs)))
		return -1;
	return 0;
}

/* Kernel memory at address into buf; -1 when no segment maps it. */
static int peek(uint64_t address, void *buf, size_t len)
{
	int i;

	for (i = 0; i < nphdrs; i++) {
		const Elf64_Phdr *p = &phdrs[i];

		if (p->p_type != PT_LOAD || address < p->p_vaddr ||
		    address + len > p->p_vaddr + p->p_memsz)
			continue;
		if (pread(kcore, buf, len, p->p_offset + (address - p->p_vaddr)) ==
		    (ssize_t)len)
			return 0;
	}
	return -1;
}

/*
 * The address of name in /proc/kallsyms: in module (with module set), or
 * in vmlinux (module NULL, lines without a module); 0 when absent. With
 * module_out set, the module of the first symbol of that name that has one.
 */
static uint64_t kallsyms(const char *name, const char *module, char *module_out)
{
	char line[512], sym[256], mod[128];
	unsigned long long address;
	FILE *f = fopen("/proc/kallsyms", "r");
	uint64_t found = 0;
	char type;

	if (!f)
		return 0;
	while (!found && fgets(line, sizeof(line), f)) {
		int n = sscanf(line, "%llx %c %255s [%127[^]]]", &address, &type, sym, mod);

		if (n < 3 || strcmp(sym, name))
			continue;
		if (module_out && n == 4) {
			strcpy(module_out, mod);
			found = address;
		} else if (!module_out && (module ? n == 4 && !strcmp(mod, module) : n == 3)) {
			found = address;
		}
	}
	fclose(f);
	return found;
}

static uint64_t section_address(const char *module, const char *section)
{
	char path[512];
	unsigned long long address = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/sys/module/%s/sections/%s", module, section);
	f = fopen(path, "r");
	if (!f)
		return 0;
	if (fscanf(f, "%llx", &address) != 1)
		address = 0;
	fclose(f);
	return address;
}

/*
 * The size of section name in the module file /klp/MODULE.ko (klp-test
 * puts the modules there): /sys/module lists addresses, not sizes. 0 when
 * it has none.
 */
static uint64_t section_size(const char *module, const char *name)
{
	char path[256], sname[256];
	uint64_t size = 0;
	Elf64_Ehdr eh;
	Elf64_Shdr sh, strtab;
	int fd, i;

	snprintf(path, sizeof(path), "/klp/%s.ko", module);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return 0;
	if (pread(fd, &eh, sizeof(eh), 0) != sizeof(eh) ||
	    pread(fd, &strtab, sizeof(strtab), eh.e_shoff + eh.e_shstrndx * sizeof(sh)) !=
	    sizeof(strtab))
		goto out;
	for (i = 1; i < eh.e_shnum && !size; i++) {
		if (pread(fd, &sh, sizeof(sh), eh.e_shoff + i * sizeof(sh)) != sizeof(sh) ||
		    pread(fd, sname, sizeof(sname), strtab.sh_offset + sh.sh_name) <= 0)
			break;
		sname[sizeof(sname) - 1] = 0;
		if (!strcmp(sname, name))
			size = sh.sh_size;
	}
out:
	close(fd);
	return size;
}

struct tally {
	int tables, entries, bad;
};

/* Each entry of a table at [start, end): its place holds want[0..width). */
static int check_entries(const char *what, uint64_t start, uint64_t end,
			 const unsigned char *want, size_t width, int lock,
			 struct tally *t)
{
	uint64_t at;

	for (at = start; at + 4 <= end; at += 4) {
		unsigned char got[8];
		int32_t offset;
		uint64_t place;

		if (peek(at, &offset, sizeof(offset)))
			return -1;
		place = at + (int64_t)offset;
		if (peek(place, got, lock ? 1 : width))
			return -1;
		if (lock ? (got[0] != 0xf0 && got[0] != 0x3e) : memcmp(got, want, width)) {
			printf("runtime-check: %s: the entry at %#llx points at %#llx, which holds %02x..., not the running value\n",
			       what, (unsigned long long)at, (unsigned long long)place, got[0]);
			t->bad++;
		}
		t->entries++;
	}
	return 0;
}

static int check_section(const char *module, const char *section, struct tally *t)
{
	static const struct {
		const char *prefix;
		size_t width;
	} kinds[] = { { "runtime_ptr_", sizeof(long) }, { "runtime_shift_", 1 } };
	uint64_t start, end, var;
	unsigned char value[8] = { 0 };
	size_t k;

	if (strcmp(section, ".smp_locks") && strncmp(section, "runtime_", 8))
		return 0;
	start = section_address(module, section);
	end = start + section_size(module, section);
	if (!start || end == start) {
		printf("runtime-check: %s: no address in /sys/module/%s, or no size in /klp/%s.ko\n",
		       section, module, module);
		return -1;
	}
	if (!strcmp(section, ".smp_locks"))
		return check_entries(section, start, end, NULL, 1, 1, t);
	for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		size_t len = strlen(kinds[k].prefix);

		if (strncmp(section, kinds[k].prefix, len))
			continue;
		var = kallsyms(section + len, NULL, NULL);
		if (!var || peek(var, value, kinds[k].width)) {
			printf("runtime-check: %s: cannot read %s\n", section, section + len);
			return -1;
		}
		t->tables++;
		return check_entries(section, start, end, value, kinds[k].width, 0, t);
	}
	return 0;
}

int main(int argc, char **argv)
{
	char module[128] = "", path[256];
	struct tally t = { 0, 0, 0 };
	struct dirent *d;
	DIR *dir;

	if (argc != 2) {
		fprintf(stderr, "usage: runtime-check FUNCTION\n");
		return 2;
	}
	if (!kallsyms(argv[1], NULL, module) || open_kcore()) {
		printf("runtime-check: no module holds %s, or /proc/kcore cannot be read\n", argv[1]);
		return 2;
	}
	snprintf(path, sizeof(path), "/sys/module/%s/sections", module);
	dir = opendir(path);
	if (!dir)
		return 2;
	while ((d = readdir(dir)))
		if (check_section(module, d->d_name, &t) < 0)
			return 2;
	closedir(dir);
	printf("runtime-check: %s [%s]: %d runtime tables, %d entries checked, %d wrong\n",
	       argv[1], module, t.tables, t.entries, t.bad);
	return t.tables && !t.bad ? 0 : 1;
}
