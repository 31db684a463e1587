/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SPECSYMS_RELOC_TYPES_H
#define SPECSYMS_RELOC_TYPES_H

#include <stdint.h>

/*
 * Bytes a relocation of this type patches: 0 for R_*_NONE, -1 for a type
 * the verifier does not know (reported, never guessed).
 */
int reloc_width(uint16_t machine, uint32_t type);
const char *reloc_type_name(uint16_t machine, uint32_t type);

#endif
