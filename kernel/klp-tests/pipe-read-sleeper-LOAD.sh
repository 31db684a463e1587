#!/bin/sh
# The load beside this module's transitions reads a FIFO that already
# holds its data: through pipe_read(), never sleeping there. A reader
# waiting for its writer, as the -LOADED.test's does, holds the
# transition back while it sleeps; pipe-read-sleeper-SLEEPER.sh shows
# that once, on purpose.
f=/tmp/pipe-read-load.$$
rm -f "$f"
mkfifo "$f" || exit 1
exec 3<>"$f"
echo through >&3
head -c 8 <&3 > /dev/null
exec 3>&-
rm -f "$f"
