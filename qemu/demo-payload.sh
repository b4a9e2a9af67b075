# SPDX-License-Identifier: GPL-2.0
# The demo, run inside the guest by qemu/demo.
say() { printf '\n== %s\n' "$*"; }

say "kernel $(uname -r), with the checkpoint/restart series"
counter </dev/null >/tmp/counter.out 2>&1 &
pid=$!
tail -f /tmp/counter.out &
tailpid=$!
say "a counter runs as pid $pid (its output goes to /tmp/counter.out, shown here)"
sleep 2

say "cr checkpoint --kill -o /tmp/counter.img $pid"
cr checkpoint --kill -o /tmp/counter.img "$pid"
echo "   exit status $?; the counter is gone: $(kill -0 "$pid" 2>/dev/null && echo no || echo yes)"
wait "$pid" 2>/dev/null
sleep 1

say "cr info /tmp/counter.img: what the image holds"
cr info /tmp/counter.img | sed 's/^/   /' | head -40

say "cr restart --detach -i /tmp/counter.img: it counts on from where it stopped, as pid $pid"
cr restart --detach -i /tmp/counter.img
sleep 2

say "cr restart --pidns --detach: the same image again, side by side, as pid $pid of a new pid namespace"
init=$(cr restart --pidns --detach -i /tmp/counter.img)
copy=$(cat /proc/"$init"/task/"$init"/children)
echo "   its init is pid $init; the copy, pid ${copy% }, has $(grep NSpid /proc/${copy% }/status)"
sleep 2

say "a checkpoint names what it cannot save, and writes nothing: a shell with a terminal"
sh -c 'sleep 30' &
shpid=$!
cr checkpoint -o /tmp/sh.img "$shpid"
echo "   exit status $?; image written: $([ -s /tmp/sh.img ] && echo yes || echo no)"
kill "$shpid"

say "restart validates every byte it reads: a stream of garbage"
head -c 512 /dev/urandom > /tmp/garbage.img
cr restart -i /tmp/garbage.img
echo "   exit status $?"

say "an unprivileged user may not checkpoint root's counter"
su -s /bin/sh cruser -c "cr checkpoint -o /tmp/x.img $pid"
echo "   exit status $?"

kill "$pid" "$init" "$tailpid"
say "done"
