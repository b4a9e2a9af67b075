# SPDX-License-Identifier: GPL-2.0
# The demo, run inside the guest by qemu/demo.
say() { printf '\n== %s\n' "$*"; }

say "kernel $(uname -r), with the checkpoint/restart series"
sh -c 'i=0; while :; do i=$((i+1)); echo "   counter: $i"; usleep 300000; done' &
pid=$!
say "a counter runs as pid $pid"
sleep 1

say "cr checkpoint -o /tmp/counter.img $pid"
cr checkpoint -o /tmp/counter.img "$pid"
echo "   exit status $?; image written: $([ -e /tmp/counter.img ] && echo yes || echo no)"
say "no process state can be saved yet: checkpoint names all that stands in the way, writes nothing, and the counter runs on"
sleep 1

say "restart validates every byte it reads: a stream of garbage"
head -c 512 /dev/urandom > /tmp/garbage.img
cr restart -i /tmp/garbage.img
echo "   exit status $?"
say "and an unprivileged user may not checkpoint root's counter"
su -s /bin/sh cruser -c "cr checkpoint -o /tmp/x.img $pid"
echo "   exit status $?"

kill "$pid"
say "done"
