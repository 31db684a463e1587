#!/bin/sh
# pipe-read-sleeper-SLEEPER.sh start | wake PID
#
# start: /klp/bin/pipe-sleeper reads a FIFO nobody writes to; its PID is
# printed once /proc/PID/wchan says it sleeps in pipe_read(). klp-test
# starts it before loading the module, and watches the transition wait
# for it.
# wake PID: a line written to the FIFO wakes it. Its read, begun in the
# original pipe_read(), ends there, which logs nothing; its next read, of
# zero bytes, is the patched function's: exactly one line of the kernel
# log names it. A read restarted by livepatch's fake signal, in the
# patched function, would make two. On failure, says why.
fifo=/tmp/pipe-read-sleeper.fifo
out=/tmp/pipe-read-sleeper.out
case $1 in
start)
	rm -f $fifo $out
	mkfifo $fifo || exit 1
	/klp/bin/pipe-sleeper $fifo > $out 2>&1 < /dev/null &
	pid=$!
	i=0
	until [ "$(cat /proc/$pid/wchan 2>/dev/null)" = pipe_read ]; do
		[ $i -lt 100 ] && [ -d /proc/$pid ] || exit 1
		sleep 0.1
		i=$((i + 1))
	done
	echo $pid
	;;
wake)
	echo wake > $fifo || { echo "cannot write to $fifo"; exit 1; }
	i=0
	until grep -q '^pipe-sleeper: ' $out 2>/dev/null; do
		[ $i -lt 100 ] || { echo "pipe-sleeper did not finish in 10 s"; exit 1; }
		sleep 0.1
		i=$((i + 1))
	done
	grep -qx 'pipe-sleeper: read 5 bytes, then 0' $out ||
		{ cat $out; exit 1; }
	said=$(dmesg | grep -c "klp-test pipe_read: pipe-sleeper\[$2\] reads ")
	zero=$(dmesg | grep -c "klp-test pipe_read: pipe-sleeper\[$2\] reads 0 bytes from a FIFO$")
	[ "$said" = 1 ] && [ "$zero" = 1 ] ||
		{ echo "the patched pipe_read() logged $said read(s) of pipe-sleeper, $zero of zero bytes"; exit 1; }
	;;
*)
	exit 2
	;;
esac
