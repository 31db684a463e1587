# SPDX-License-Identifier: GPL-2.0
#
# awk -f line-directives.awk HUNKS PATCHED > OUT
#
# PATCHED with a "#line N" directive after each changed hunk, so that every
# line the patch did not touch keeps its original number: __LINE__ in a
# WARN() or BUG() below a change then stays what the running kernel's bug
# table says, and code that only moved compiles to the same objects.
# HUNKS is "diff -U0 ORIG PATCHED": only its "@@ -a,b +c,d @@" lines count.
#
# A directive goes on the first unchanged line after the hunk that starts
# outside a comment and outside a macro's continuation lines, where the
# preprocessor reads it as one. String and character literals are skipped,
# so that "/*" inside one opens no comment. A directive in a conditional
# block that is not compiled is skipped with it: after the first hunk,
# every conditional line (#if, #else, #endif...) gets one after it too, so
# that the first compiled line after the block has its number again.

# "a,b" or "a" of a hunk header: start in *start, count returned.
function range(text, parts) {
	if (split(text, parts, ",") == 1)
		parts[2] = 1
	start_of = parts[1] + 0
	return parts[2] + 0
}

function add_hunk(header,    f, ob, nd, oa, nc) {
	split(header, f, " ")
	ob = range(substr(f[2], 2)); oa = start_of
	nd = range(substr(f[3], 2)); nc = start_of
	# An empty range names the line before it.
	if (ob == 0) oa++
	if (nd == 0) nc++
	for (l = nc; l < nc + nd; l++)
		changed[l] = 1
	# The first patched line after the hunk is this original line.
	delta_at[nc + nd] = (oa + ob) - (nc + nd)
}

# The block-comment state after line, given the state before it.
function scan(line, in_comment,    i, c, n, quote) {
	n = length(line)
	quote = ""
	for (i = 1; i <= n; i++) {
		c = substr(line, i, 1)
		if (in_comment) {
			if (c == "*" && substr(line, i + 1, 1) == "/") {
				in_comment = 0
				i++
			}
		} else if (quote != "") {
			if (c == "\\")
				i++
			else if (c == quote)
				quote = ""
		} else if (c == "\"" || c == "'") {
			quote = c
		} else if (c == "/" && substr(line, i + 1, 1) == "*") {
			in_comment = 1
			i++
		} else if (c == "/" && substr(line, i + 1, 1) == "/") {
			break
		}
	}
	return in_comment
}

FNR == NR {
	if ($0 ~ /^@@ -[0-9,]+ \+[0-9,]+ @@/)
		add_hunk($0)
	next
}

{
	if (FNR in delta_at) {
		delta = delta_at[FNR]
		delta_seen = 1
		want = 1
	}
	if (FNR in changed)
		want = 0
	if (want && !in_comment && !continued) {
		print "#line " (FNR + delta)
		want = 0
	}
	print
	if (delta_seen && !in_comment && !continued &&
	    $0 ~ /^[ \t]*#[ \t]*(if|ifdef|ifndef|elif|else|endif)([^A-Za-z0-9_]|$)/)
		want = 1
	in_comment = scan($0, in_comment)
	continued = $0 ~ /\\$/
}
